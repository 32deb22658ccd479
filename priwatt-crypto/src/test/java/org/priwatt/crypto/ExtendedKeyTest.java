package org.priwatt.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.priwatt.crypto.internal.Curve;

class ExtendedKeyTest {
  private static final NetworkParameters MAIN = NetworkParameters.BITCOIN_MAINNET;
  private static final String V1_XPRV =
      "xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi";
  private static final String V1_XPUB =
      "xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gZ29ESFjqJoCu1Rupje8YtGqsefD265TMg7usUDFdp6W1EGMcet8";

  private static ExtendedPrivateKey master(long seed, NetworkParameters network)
      throws CryptoException {
    byte[] bytes = new byte[32];
    new Random(seed).nextBytes(bytes);
    return ExtendedPrivateKey.fromSeed(SecretBytes.copyOf(bytes), network);
  }

  private static CryptoError parseError(String text, NetworkParameters network) {
    try {
      ExtendedKey.parse(text, network);
      return null;
    } catch (CryptoException e) {
      return e.error();
    }
  }

  /** BIP 32 test vector 5: extended keys that must be rejected, each with its reason. */
  @ParameterizedTest(name = "{2}")
  @CsvSource({
    "xpub661MyMwAqRbcEYS8w7XLSVeEsBXy79zSzH1J8vCdxAZningWLdN3zgtU6LBpB85b3D2yc8sfvZU521AAwdZafEz7mnzBBsz4wKY5fTtTQBm,"
        + "INVALID_PUBLIC_KEY, pubkey version / prvkey mismatch",
    "xprv9s21ZrQH143K24Mfq5zL5MhWK9hUhhGbd45hLXo2Pq2oqzMMo63oStZzFGTQQD3dC4H2D5GBj7vWvSQaaBv5cxi9gafk7NF3pnBju6dwKvH,"
        + "INVALID_EXTENDED_KEY, prvkey version / pubkey mismatch",
    "xpub661MyMwAqRbcEYS8w7XLSVeEsBXy79zSzH1J8vCdxAZningWLdN3zgtU6Txnt3siSujt9RCVYsx4qHZGc62TG4McvMGcAUjeuwZdduYEvFn,"
        + "INVALID_PUBLIC_KEY, invalid pubkey prefix 04",
    "xprv9s21ZrQH143K24Mfq5zL5MhWK9hUhhGbd45hLXo2Pq2oqzMMo63oStZzFGpWnsj83BHtEy5Zt8CcDr1UiRXuWCmTQLxEK9vbz5gPstX92JQ,"
        + "INVALID_EXTENDED_KEY, invalid prvkey prefix 04",
    "xpub661MyMwAqRbcEYS8w7XLSVeEsBXy79zSzH1J8vCdxAZningWLdN3zgtU6N8ZMMXctdiCjxTNq964yKkwrkBJJwpzZS4HS2fxvyYUA4q2Xe4,"
        + "INVALID_PUBLIC_KEY, invalid pubkey prefix 01",
    "xprv9s21ZrQH143K24Mfq5zL5MhWK9hUhhGbd45hLXo2Pq2oqzMMo63oStZzFAzHGBP2UuGCqWLTAPLcMtD9y5gkZ6Eq3Rjuahrv17fEQ3Qen6J,"
        + "INVALID_EXTENDED_KEY, invalid prvkey prefix 01",
    "xprv9s2SPatNQ9Vc6GTbVMFPFo7jsaZySyzk7L8n2uqKXJen3KUmvQNTuLh3fhZMBoG3G4ZW1N2kZuHEPY53qmbZzCHshoQnNf4GvELZfqTUrcv,"
        + "INVALID_EXTENDED_KEY, zero depth with non-zero parent fingerprint",
    "xpub661no6RGEX3uJkY4bNnPcw4URcQTrSibUZ4NqJEw5eBkv7ovTwgiT91XX27VbEXGENhYRCf7hyEbWrR3FewATdCEebj6znwMfQkhRYHRLpJ,"
        + "INVALID_EXTENDED_KEY, zero depth with non-zero parent fingerprint",
    "xprv9s21ZrQH4r4TsiLvyLXqM9P7k1K3EYhA1kkD6xuquB5i39AU8KF42acDyL3qsDbU9NmZn6MsGSUYZEsuoePmjzsB3eFKSUEh3Gu1N3cqVUN,"
        + "INVALID_EXTENDED_KEY, zero depth with non-zero index",
    "xpub661MyMwAuDcm6CRQ5N4qiHKrJ39Xe1R1NyfouMKTTWcguwVcfrZJaNvhpebzGerh7gucBvzEQWRugZDuDXjNDRmXzSZe4c7mnTK97pTvGS8,"
        + "INVALID_EXTENDED_KEY, zero depth with non-zero index",
    "DMwo58pR1QLEFihHiXPVykYB6fJmsTeHvyTp7hRThAtCX8CvYzgPcn8XnmdfHGMQzT7ayAmfo4z3gY5KfbrZWZ6St24UVf2Qgo6oujFktLHdHY4,"
        + "UNKNOWN_VERSION, unknown extended key version",
    "DMwo58pR1QLEFihHiXPVykYB6fJmsTeHvyTp7hRThAtCX8CvYzgPcn8XnmdfHPmHJiEDXkTiJTVV9rHEBUem2mwVbbNfvT2MTcAqj3nesx8uBf9,"
        + "UNKNOWN_VERSION, unknown extended key version",
    "xprv9s21ZrQH143K24Mfq5zL5MhWK9hUhhGbd45hLXo2Pq2oqzMMo63oStZzF93Y5wvzdUayhgkkFoicQZcP3y52uPPxFnfoLZB21Teqt1VvEHx,"
        + "INVALID_PRIVATE_KEY, private key 0 not in 1..n-1",
    "xprv9s21ZrQH143K24Mfq5zL5MhWK9hUhhGbd45hLXo2Pq2oqzMMo63oStZzFAzHGBP2UuGCqWLTAPLcMtD5SDKr24z3aiUvKr9bJpdrcLg1y3G,"
        + "INVALID_PRIVATE_KEY, private key n not in 1..n-1",
    "xpub661MyMwAqRbcEYS8w7XLSVeEsBXy79zSzH1J8vCdxAZningWLdN3zgtU6Q5JXayek4PRsn35jii4veMimro1xefsM58PgBMrvdYre8QyULY,"
        + "INVALID_PUBLIC_KEY, invalid pubkey 020000000000000000000000000000000000000000000000000000000000000007",
    "xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHL,"
        + "BASE58_BAD_CHECKSUM, invalid checksum",
  })
  void rejectsBip32Vector5(String key, CryptoError expected, String reason) {
    assertThat(parseError(key, MAIN)).isEqualTo(expected);
    assertThatThrownBy(() -> ExtendedKey.parseAny(key))
        .isInstanceOfSatisfying(
            CryptoException.class, e -> assertThat(e.error()).isEqualTo(expected));
  }

  @Test
  void masterKeyFields() throws CryptoException {
    ExtendedPrivateKey m = (ExtendedPrivateKey) ExtendedKey.parse(V1_XPRV, MAIN);
    assertThat(m.depth()).isZero();
    assertThat(m.parentFingerprint()).isZero();
    assertThat(m.childNumber()).isZero();
    assertThat(m.hasPrivateKey()).isTrue();
    assertThat(m.network()).isEqualTo(MAIN);
    // BIP 32 vector 1: master identifier 3442193e..., fingerprint 0x3442193e.
    assertThat(Hex.encode(m.identifier())).isEqualTo("3442193e1bb70916e914552172cd4e2dbc9df811");
    assertThat(m.fingerprint()).isEqualTo(0x3442193e);
    assertThat(Hex.encode(m.chainCode()))
        .isEqualTo("873dff81c02f525623fd1fe5167eac3a55a049de3d314bb42ee227ffed37d508");
    assertThat(Hex.encode(m.privateKeyBytes()))
        .isEqualTo("e8f32e723decf4051aefac8e2c93c9c5b214313817cdb01a1494b917c8436b35");
    ExtendedPrivateKey child = m.deriveChild(DerivationPath.hardened(0));
    assertThat(child.parentFingerprint()).isEqualTo(m.fingerprint());
    assertThat(child.childNumber()).isEqualTo(0x80000000);
    assertThat(child.depth()).isEqualTo(1);
  }

  @Test
  void toStringHidesPrivateKey() throws CryptoException {
    ExtendedPrivateKey m = (ExtendedPrivateKey) ExtendedKey.parse(V1_XPRV, MAIN);
    assertThat(m.toString()).contains(V1_XPUB).doesNotContain(V1_XPRV.substring(4, 40));
    assertThat(m.neuter().toString()).isEqualTo(V1_XPUB);
    assertThat(m.neuter().hasPrivateKey()).isFalse();
  }

  @Test
  void hardenedFromPublicIsRejected() throws CryptoException {
    ExtendedPublicKey pub = (ExtendedPublicKey) ExtendedKey.parse(V1_XPUB, MAIN);
    assertThatThrownBy(() -> pub.deriveChild(DerivationPath.hardened(0)))
        .isInstanceOfSatisfying(
            CryptoException.class,
            e -> assertThat(e.error()).isEqualTo(CryptoError.HARDENED_FROM_PUBLIC));
    assertThatThrownBy(() -> pub.derive(DerivationPath.parse("m/0/1'")))
        .isInstanceOfSatisfying(
            CryptoException.class,
            e -> assertThat(e.error()).isEqualTo(CryptoError.HARDENED_FROM_PUBLIC));
  }

  @Test
  void randomRoundTripsOnEveryNetwork() throws CryptoException {
    Random random = new Random(32);
    for (NetworkParameters network : NetworkParameters.all()) {
      for (int i = 0; i < 15; i++) {
        ExtendedPrivateKey key = master(random.nextLong(), network);
        int steps = random.nextInt(4);
        for (int s = 0; s < steps; s++) {
          int index = random.nextInt(1 << 20);
          key = key.deriveChild(random.nextBoolean() ? DerivationPath.hardened(index) : index);
        }
        String xprv = key.toBase58();
        String xpub = key.neuter().toBase58();
        assertThat(ExtendedKey.parse(xprv, network)).isEqualTo(key);
        assertThat(ExtendedKey.parse(xpub, network)).isEqualTo(key.neuter());
        assertThat(ExtendedKey.parseAny(xprv).toBase58()).isEqualTo(xprv);
        assertThat(ExtendedKey.parseAny(xpub).toBase58()).isEqualTo(xpub);
        if (network == NetworkParameters.PRIWATT) {
          assertThat(xprv).startsWith("pprv");
          assertThat(xpub).startsWith("ppub");
        }
        int normal = random.nextInt(1 << 30);
        assertThat(key.neuter().deriveChild(normal)).isEqualTo(key.deriveChild(normal).neuter());
      }
    }
  }

  @Test
  void wrongAndUnknownNetworks() {
    assertThat(parseError(V1_XPRV, NetworkParameters.PRIWATT)).isEqualTo(CryptoError.WRONG_NETWORK);
    assertThat(parseError(V1_XPUB, NetworkParameters.BITCOIN_TESTNET))
        .isEqualTo(CryptoError.WRONG_NETWORK);
  }

  @Test
  void rejectsBadLengthsAndTruncation() throws CryptoException {
    byte[] data = Base58Check.decode(V1_XPUB);
    for (int len : new int[] {0, 4, 77, 79}) {
      assertThat(parseError(Base58Check.encode(Arrays.copyOf(data, len)), MAIN))
          .as("length %d", len)
          .isEqualTo(CryptoError.INVALID_EXTENDED_KEY);
    }
    for (int len = 0; len < V1_XPRV.length(); len++) {
      assertThat(parseError(V1_XPRV.substring(0, len), MAIN))
          .isIn(CryptoError.BASE58_TOO_SHORT, CryptoError.BASE58_BAD_CHECKSUM);
    }
  }

  @Test
  void depthIsBounded() throws CryptoException {
    byte[] data = Base58Check.decode(V1_XPUB);
    ByteBuffer.wrap(data).put(4, (byte) 255).putInt(5, 1).putInt(9, 7);
    ExtendedPublicKey deepest = (ExtendedPublicKey) ExtendedKey.parse(Base58Check.encode(data), MAIN);
    assertThat(deepest.depth()).isEqualTo(255);
    assertThatThrownBy(() -> deepest.deriveChild(0))
        .isInstanceOfSatisfying(
            CryptoException.class,
            e -> assertThat(e.error()).isEqualTo(CryptoError.INVALID_DERIVATION_PATH));
  }

  @Test
  void invalidChildrenSkipToTheNextIndex() throws CryptoException {
    List<Integer> tried = new ArrayList<>();
    String result =
        ExtendedKey.firstValidChild(5, i -> {
          tried.add(i);
          return i < 7 ? null : "child " + i;
        });
    assertThat(result).isEqualTo("child 7");
    assertThat(tried).containsExactly(5, 6, 7);
  }

  @Test
  void skippingNeverLeavesTheIndexRange() {
    assertThatThrownBy(() -> ExtendedKey.firstValidChild(0x7fffffff, i -> null))
        .isInstanceOfSatisfying(
            CryptoException.class,
            e -> assertThat(e.error()).isEqualTo(CryptoError.INVALID_DERIVATION_PATH));
    List<Integer> tried = new ArrayList<>();
    assertThatThrownBy(
            () ->
                ExtendedKey.firstValidChild(0xfffffffe, i -> {
                  tried.add(i);
                  return null;
                }))
        .isInstanceOf(CryptoException.class);
    assertThat(tried).containsExactly(0xfffffffe, 0xffffffff);
  }

  @Test
  void brokenBackendDoesNotLoopForever() {
    List<Integer> tried = new ArrayList<>();
    assertThatThrownBy(
            () ->
                ExtendedKey.firstValidChild(0, i -> {
                  tried.add(i);
                  return null;
                }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(tried).hasSize(ExtendedKey.MAX_INVALID_CHILDREN);
  }

  @Test
  void derivationLeavesTheParentIntact() throws CryptoException {
    ExtendedPrivateKey parent = master(7, MAIN);
    String before = parent.toBase58();
    ExtendedPrivateKey first = parent.deriveChild(1);
    ExtendedPrivateKey again = parent.deriveChild(1);
    ExtendedPrivateKey hardened = parent.deriveChild(DerivationPath.hardened(1));
    assertThat(parent.toBase58()).isEqualTo(before);
    assertThat(again).isEqualTo(first);
    assertThat(parent.deriveChild(DerivationPath.hardened(1))).isEqualTo(hardened);
    parent.destroy(); // children own their keys
    assertThat(first.toBase58()).isEqualTo(again.toBase58());
    assertThat(first.deriveChild(0)).isEqualTo(again.deriveChild(0));
  }

  @Test
  void seedLengthIsChecked() {
    assertThatThrownBy(() -> ExtendedPrivateKey.fromSeed(SecretBytes.copyOf(new byte[15]), MAIN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ExtendedPrivateKey.fromSeed(SecretBytes.copyOf(new byte[65]), MAIN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void destroyZeroesThePrivateKey() throws CryptoException {
    ExtendedPrivateKey m = master(1, MAIN);
    m.destroy();
    assertThat(m.isDestroyed()).isTrue();
    assertThatThrownBy(m::toBase58).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(m::privateKeyBytes).isInstanceOf(IllegalStateException.class);
    assertThat(m.neuter().toBase58()).startsWith("xpub"); // the public half survives
  }

  @Test
  void addressOfDerivedKey() throws CryptoException {
    ExtendedPrivateKey m = (ExtendedPrivateKey) ExtendedKey.parse(V1_XPRV, MAIN);
    // BIP 32 vector 1, chain m: identifier 3442193e... is the HASH160 behind this address.
    assertThat(m.toAddress().toBase58()).isEqualTo("15mKKb2eos1hWa6tisdPwwDC1a5J1y9nma");
    assertThat(m.neuter().toAddress()).isEqualTo(m.toAddress());
  }

  @Test
  void privateRangeHelperMatchesOrder() {
    assertThat(Curve.isValidPrivateKey(Curve.toBytes32(Secp256k1.ORDER.subtract(BigInteger.ONE))))
        .isTrue();
  }
}
