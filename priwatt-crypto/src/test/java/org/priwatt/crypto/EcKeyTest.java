package org.priwatt.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.priwatt.crypto.internal.Curve;

/**
 * Keys, signatures and public-key parsing. The build runs this suite once per secp256k1 backend
 * (surefire's default execution on native, then {@code bouncy-castle-backend}), each in its own
 * JVM with the backend fixed at start-up; nothing here switches it.
 */
class EcKeyTest {
  // RFC 6979 secp256k1/SHA-256 vectors (private key, message, R, low S) published with
  // python-bitcoinlib and trezor-crypto; message hashed once with SHA-256.
  private static final String[][] RFC6979 = {
    {"0000000000000000000000000000000000000000000000000000000000000001", "Satoshi Nakamoto",
     "934b1ea10a4b3c1757e2b0c017d0b6143ce3c9a7e6a4a49860d7a6ab210ee3d8",
     "2442ce9d2b916064108014783e923ec36b49743e2ffa1c4496f01a512aafd9e5"},
    {"0000000000000000000000000000000000000000000000000000000000000001",
     "All those moments will be lost in time, like tears in rain. Time to die...",
     "8600dbd41e348fe5c9465ab92d23e3db8b98b873beecd930736488696438cb6b",
     "547fe64427496db33bf66019dacbf0039c04199abb0122918601db38a72cfc21"},
    {"fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140", "Satoshi Nakamoto",
     "fd567d121db66e382991534ada77a6bd3106f0a1098c231e47993447cd6af2d0",
     "6b39cd0eb1bc8603e159ef5c20a5c8ad685a45b06ce9bebed3f153d10d93bed5"},
    {"e91671c46231f833a6406ccbea0e3e392c76c167bac1cb013f6f1013980455c2",
     "There is a computer disease that anybody who works with computers knows about. It's a very"
         + " serious disease and it interferes completely with the work. The trouble with computers"
         + " is that you 'play' with them!",
     "b552edd27580141f3b2a5463048cb7cd3e047b97c9f98076c32dbdf85a68718b",
     "279fa72dd19bfae05577e06c7c0c1900c371fcd5893f7e1d56a37d30174671f6"},
  };

  @Test
  void rfc6979Vectors() throws Exception {
    for (String[] v : RFC6979) {
      EcKey key = EcKey.fromPrivate(Hex.decode(v[0]));
      byte[] hash = Hashes.sha256(v[1].getBytes(StandardCharsets.UTF_8));
      EcdsaSignature sig = key.sign(hash);
      assertThat(sig.r()).isEqualTo(new BigInteger(v[2], 16));
      assertThat(sig.s()).isEqualTo(new BigInteger(v[3], 16));
      assertThat(sig.isLowS()).isTrue();
      assertThat(key.publicKey().verify(hash, sig)).isTrue();
      hash[0] ^= 1;
      assertThat(key.publicKey().verify(hash, sig)).isFalse();
    }
  }

  @Test
  void highSVerifiesOnlyInLaxMode() throws Exception {
    EcKey key = EcKey.generate();
    byte[] hash = Hashes.sha256(new byte[] {1, 2, 3});
    EcdsaSignature low = key.sign(hash);
    EcdsaSignature high = EcdsaSignature.of(low.r(), Secp256k1.ORDER.subtract(low.s()));
    assertThat(high.isLowS()).isFalse();
    assertThat(high.normalizeS()).isEqualTo(low);
    assertThat(key.publicKey().verify(hash, high)).isTrue();
    assertThat(key.publicKey().verifyLowS(hash, high)).isFalse();
    assertThat(key.publicKey().verifyLowS(hash, low)).isTrue();
  }

  /** The field prime p of secp256k1, for the independent curve-equation check below. */
  private static final BigInteger FIELD_P = new BigInteger(
      "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f", 16);

  /**
   * Issue 11.13: the public key of reproducible random private keys (and of 1 and n-1) is a point
   * on the curve (checked with BigInteger arithmetic, not the backend), both SEC encodings carry
   * that point in the standard layout, and each parses back to the same key.
   */
  @Test
  void publicKeyEncodingsRoundTrip() throws Exception {
    Random rnd = new Random(7); // the same keys on both backends and in every run
    for (int i = 0; i < 200; i++) {
      byte[] priv = new byte[32];
      if (i == 0) {
        priv[31] = 1;
      } else if (i == 1) {
        priv = toBytes32(Secp256k1.ORDER.subtract(BigInteger.ONE));
      } else {
        rnd.nextBytes(priv); // below n except with probability 2^-128
      }
      EcPublicKey pub = EcKey.fromPrivate(priv, true).publicKey();
      byte[] compressed = pub.compressedEncoding();
      byte[] full = pub.uncompressedEncoding();
      assertThat(compressed).hasSize(33);
      assertThat(full).hasSize(65);
      assertThat(full[0]).isEqualTo((byte) 4);
      BigInteger x = new BigInteger(1, Arrays.copyOfRange(full, 1, 33));
      BigInteger y = new BigInteger(1, Arrays.copyOfRange(full, 33, 65));
      assertThat(y.modPow(BigInteger.TWO, FIELD_P))
          .as("on the curve").isEqualTo(x.pow(3).add(BigInteger.valueOf(7)).mod(FIELD_P));
      assertThat(compressed[0]).isEqualTo((byte) (y.testBit(0) ? 3 : 2));
      assertThat(Arrays.copyOfRange(compressed, 1, 33))
          .isEqualTo(Arrays.copyOfRange(full, 1, 33));
      assertThat(EcKey.fromPrivate(priv, false).publicKey().encoded()).isEqualTo(full);

      EcPublicKey fromCompressed = EcPublicKey.decode(compressed);
      EcPublicKey fromFull = EcPublicKey.decode(full);
      assertThat(fromCompressed).isEqualTo(pub);
      assertThat(fromCompressed.isCompressed()).isTrue();
      assertThat(fromCompressed.uncompressedEncoding()).isEqualTo(full);
      assertThat(fromFull.isCompressed()).isFalse();
      assertThat(fromFull.encoded()).isEqualTo(full);
      assertThat(fromFull.withCompression(true)).isEqualTo(pub);
      byte[] hybrid = full.clone();
      hybrid[0] = (byte) (6 + (hybrid[64] & 1));
      assertThat(EcPublicKey.decodeLax(hybrid).compressedEncoding()).isEqualTo(compressed);
      assertThatThrownBy(() -> EcPublicKey.decode(hybrid)).isInstanceOf(CryptoException.class);
      hybrid[0] ^= 1; // wrong parity in hybrid form
      assertThatThrownBy(() -> EcPublicKey.decodeLax(hybrid))
          .hasFieldOrPropertyWithValue("error", CryptoError.INVALID_PUBLIC_KEY);
    }
  }

  private static byte[] toBytes32(BigInteger v) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - n, out, 32 - n, n);
    return out;
  }

  @Test
  void rejectsInvalidPublicKeys() throws Exception {
    byte[] g = EcKey.fromPrivate(Hex.decode(
        "0000000000000000000000000000000000000000000000000000000000000001"), false)
        .publicKey().encoded();
    byte[] offCurve = g.clone();
    offCurve[64] ^= 1;
    byte[] badPrefix = g.clone();
    badPrefix[0] = 5;
    byte[] xTooBig = new byte[33];
    xTooBig[0] = 2;
    java.util.Arrays.fill(xTooBig, 1, 33, (byte) 0xff); // x ≥ p
    byte[][] bad = {new byte[0], {0}, offCurve, badPrefix, java.util.Arrays.copyOf(g, 64),
        java.util.Arrays.copyOf(g, 33), xTooBig, new byte[33], new byte[65]};
    for (byte[] b : bad) {
      assertThatThrownBy(() -> EcPublicKey.decode(b))
          .isInstanceOf(CryptoException.class)
          .hasFieldOrPropertyWithValue("error", CryptoError.INVALID_PUBLIC_KEY);
    }
  }

  @Test
  void rejectsInvalidPrivateKeys() {
    byte[] n = Curve.toBytes32(Secp256k1.ORDER);
    byte[] max = new byte[32];
    java.util.Arrays.fill(max, (byte) 0xff);
    for (byte[] b : new byte[][] {new byte[32], n, max, new byte[31], new byte[33]}) {
      assertThatThrownBy(() -> EcKey.fromPrivate(b))
          .hasFieldOrPropertyWithValue("error", CryptoError.INVALID_PRIVATE_KEY);
    }
  }

  @Test
  void ecdhIsSymmetricAndTweaksCommute() throws Exception {
    EcKey a = EcKey.generate();
    EcKey b = EcKey.generate();
    assertThat(a.ecdhX(b.publicKey())).isEqualTo(b.ecdhX(a.publicKey()));
    byte[] tweak = Hashes.sha256(new byte[] {9});
    byte[] before = a.privateKeyBytes();
    assertThat(a.tweakAdd(tweak).publicKey()).isEqualTo(a.publicKey().tweakAdd(tweak));
    // Regression: the native binding wrote the sum into the key it was given.
    assertThat(a.privateKeyBytes()).isEqualTo(before);
    assertThat(a.tweakAdd(tweak)).isEqualTo(a.tweakAdd(tweak));
    byte[] n = Curve.toBytes32(Secp256k1.ORDER);
    assertThatThrownBy(() -> a.tweakAdd(n)).hasFieldOrPropertyWithValue("error", CryptoError.INVALID_TWEAK);
    assertThatThrownBy(() -> a.publicKey().multiply(new byte[32]))
        .hasFieldOrPropertyWithValue("error", CryptoError.INVALID_TWEAK);
    // k + (n - k) = 0 is not a key
    byte[] negK = org.bouncycastle.util.BigIntegers.asUnsignedByteArray(32,
        Secp256k1.ORDER.subtract(new BigInteger(1, a.privateKeyBytes())));
    assertThatThrownBy(() -> a.tweakAdd(negK)).hasFieldOrPropertyWithValue("error", CryptoError.INVALID_TWEAK);
  }

  @Test
  void signedMessagesRecoverTheSigner() throws Exception {
    for (boolean compressed : new boolean[] {true, false}) {
      EcKey key = EcKey.fromPrivate(Hashes.sha256(new byte[] {42}), compressed);
      String sig = SignedMessages.sign(key, "PriWatt offer 5 kWh");
      assertThat(SignedMessages.recoverSigner("PriWatt offer 5 kWh", sig)).isEqualTo(key.publicKey());
      assertThat(SignedMessages.recoverSigner("PriWatt offer 6 kWh", sig)).isNotEqualTo(key.publicKey());
    }
    assertThatThrownBy(() -> RecoverableSignature.fromBase64("!!"))
        .hasFieldOrPropertyWithValue("error", CryptoError.INVALID_RECOVERABLE_SIGNATURE);
    byte[] badHeader = new byte[65];
    badHeader[0] = 26;
    assertThatThrownBy(() -> RecoverableSignature.decodeCompact(badHeader))
        .hasFieldOrPropertyWithValue("error", CryptoError.INVALID_RECOVERABLE_SIGNATURE);
  }

  @Test
  void destroyedKeyRefusesUseAndHidesSecret() {
    EcKey key = EcKey.generate();
    String hex = Hex.encode(key.privateKeyBytes());
    assertThat(key.toString()).doesNotContain(hex);
    key.destroy();
    assertThat(key.isDestroyed()).isTrue();
    assertThatThrownBy(() -> key.sign(new byte[32])).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(key::privateKeyBytes).isInstanceOf(IllegalStateException.class);
  }
}
