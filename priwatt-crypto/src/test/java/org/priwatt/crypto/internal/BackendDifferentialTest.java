package org.priwatt.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.priwatt.crypto.Secp256k1Implementation;

/**
 * Runs both backends on the same 100,000 random inputs per operation and requires identical
 * results: signatures byte for byte, verification verdicts on valid and corrupted signatures,
 * public-key derivation and parsing, tweak-add, public-key recovery and ECDH. Inputs derive from
 * the case index, so a failure names a case that reproduces.
 */
class BackendDifferentialTest {
  private static final int CASES = 100_000;
  private static CurveBackend nat;
  private static CurveBackend bc;

  @BeforeAll
  static void load() {
    Assumptions.assumeTrue(Backends.nativeAvailable(), "native libsecp256k1 not loadable here");
    nat = Backends.get(Secp256k1Implementation.NATIVE);
    bc = Backends.get(Secp256k1Implementation.BOUNCY_CASTLE);
  }

  private static byte[] bytes(SplittableRandom r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }

  private static byte[] key(SplittableRandom r) {
    byte[] k;
    do {
      k = bytes(r, 32);
    } while (!Curve.isValidPrivateKey(k));
    return k;
  }

  private static void forAll(long seed, IntConsumer body) {
    AtomicInteger done = new AtomicInteger();
    IntStream.range(0, CASES).parallel().forEach(i -> {
      body.accept(i);
      done.incrementAndGet();
    });
    assertThat(done.get()).isEqualTo(CASES);
  }

  private static SplittableRandom rnd(long seed, int i) {
    return new SplittableRandom(seed * 1_000_003L + i);
  }

  @Test
  void signaturesAreByteIdentical() {
    forAll(1, i -> {
      SplittableRandom r = rnd(1, i);
      byte[] k = key(r);
      byte[] h = bytes(r, 32);
      assertThat(nat.sign(h, k)).as("case %d", i).isEqualTo(bc.sign(h, k));
    });
  }

  @Test
  void verifyVerdictsAgreeOnValidAndCorruptedSignatures() {
    forAll(2, i -> {
      SplittableRandom r = rnd(2, i);
      byte[] k = key(r);
      byte[] h = bytes(r, 32);
      byte[] pub = bc.createPublicKey(k);
      byte[] sig = bc.sign(h, k);
      if ((i & 1) == 1) { // corrupt one bit of signature or hash
        byte[] target = r.nextBoolean() ? sig : h;
        target[r.nextInt(32)] ^= (byte) (1 << r.nextInt(8));
      }
      boolean a = nat.verify(h, sig, nat.preparePublicKey(pub));
      boolean b = bc.verify(h, sig, bc.preparePublicKey(pub));
      assertThat(a).as("case %d", i).isEqualTo(b);
      if ((i & 1) == 0) {
        assertThat(a).as("valid case %d", i).isTrue();
      }
    });
  }

  @Test
  void publicKeyDerivationAndParsingAgree() {
    forAll(3, i -> {
      SplittableRandom r = rnd(3, i);
      byte[] pub = nat.createPublicKey(key(r));
      assertThat(bc.createPublicKey(key(rnd(3, i)))).as("case %d", i).isEqualTo(pub);
      byte[] enc;
      switch (i % 4) {
        case 0: // compressed
          enc = new byte[33];
          enc[0] = (byte) (2 + (pub[64] & 1));
          System.arraycopy(pub, 1, enc, 1, 32);
          break;
        case 1: // uncompressed, possibly off the curve
          enc = pub.clone();
          if (r.nextBoolean()) {
            enc[64] ^= 1;
          }
          break;
        case 2: // random X: valid about half the time
          enc = bytes(r, 33);
          enc[0] = (byte) (2 + r.nextInt(2));
          break;
        default: // random garbage of random length and prefix
          enc = bytes(r, r.nextBoolean() ? 33 : 65);
          break;
      }
      assertThat(Arrays.equals(nat.parsePublicKey(enc), bc.parsePublicKey(enc)))
          .as("case %d", i).isTrue();
    });
  }

  @Test
  void tweakAddAgrees() {
    forAll(4, i -> {
      SplittableRandom r = rnd(4, i);
      byte[] k = key(r);
      byte[] t = bytes(r, 32);
      if (i % 1000 == 0) {
        Arrays.fill(t, (byte) 0xff); // out of range
      }
      assertThat(nat.privateKeyTweakAdd(k, t)).as("case %d", i).isEqualTo(bc.privateKeyTweakAdd(k, t));
      byte[] pub = bc.createPublicKey(k);
      assertThat(nat.publicKeyTweakAdd(pub, t)).as("case %d", i).isEqualTo(bc.publicKeyTweakAdd(pub, t));
    });
  }

  @Test
  void publicKeyRecoveryAgreesForEveryRecoveryId() {
    forAll(7, i -> {
      SplittableRandom r = rnd(7, i);
      byte[] k = key(r);
      byte[] h = bytes(r, 32);
      byte[] sig = bc.sign(h, k);
      if (i % 4 == 1) { // a corrupted signature still recovers some key, or none
        sig[r.nextInt(64)] ^= (byte) (1 << r.nextInt(8));
      } else if (i % 1000 == 2) { // r or s out of range
        Arrays.fill(sig, r.nextBoolean() ? 0 : 32, r.nextBoolean() ? 32 : 64, (byte) 0xff);
      }
      boolean found = false;
      for (int recId = 0; recId < 4; recId++) {
        byte[] a = nat.recoverPublicKey(sig, h, recId);
        assertThat(bc.recoverPublicKey(sig, h, recId)).as("case %d recId %d", i, recId).isEqualTo(a);
        found |= a != null && Arrays.equals(a, bc.createPublicKey(k));
      }
      if (i % 4 == 0) {
        assertThat(found).as("case %d: the signer's key is among the recovered", i).isTrue();
      }
    });
  }

  @Test
  void ecdhPointMultiplicationAgrees() {
    forAll(5, i -> {
      SplittableRandom r = rnd(5, i);
      byte[] pub = bc.createPublicKey(key(r));
      byte[] scalar = key(r);
      assertThat(nat.publicKeyMultiply(nat.preparePublicKey(pub), scalar)).as("case %d", i)
          .isEqualTo(bc.publicKeyMultiply(bc.preparePublicKey(pub), scalar));
    });
  }

  @Test
  void untrustedEcdhAgreesAndRejectsInvalidPoints() {
    // Fewer cases than the others: half of them are Bouncy Castle point multiplications.
    for (int i = 0; i < 2_000; i++) {
      SplittableRandom r = rnd(6, i);
      byte[] pub = bc.createPublicKey(key(r));
      byte[] priv = key(r);
      switch (i % 4) {
        case 0: // valid point: the X of publicKeyMultiply
          byte[] x = Arrays.copyOfRange(bc.publicKeyMultiply(bc.preparePublicKey(pub), priv), 1, 33);
          assertThat(nat.ecdhXUntrusted(pub, priv)).as("case %d", i).isEqualTo(x);
          assertThat(bc.ecdhXUntrusted(pub, priv)).as("case %d", i).isEqualTo(x);
          continue;
        case 1: // off the curve
          pub[64] ^= 1;
          break;
        case 2: // X not below p
          Arrays.fill(pub, 1, 33, (byte) 0xff);
          break;
        default: // wrong prefix (compressed/hybrid markers on 65 bytes)
          pub[0] = (byte) (i % 8 == 3 ? 6 : 2);
          break;
      }
      assertThat(nat.ecdhXUntrusted(pub, priv)).as("case %d", i).isNull();
      assertThat(bc.ecdhXUntrusted(pub, priv)).as("case %d", i).isNull();
    }
  }
}
