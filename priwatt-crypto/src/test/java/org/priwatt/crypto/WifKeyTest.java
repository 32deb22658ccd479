package org.priwatt.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.priwatt.crypto.internal.Curve;

class WifKeyTest {
  private static final byte[] KEY =
      Hex.decode("0c28fca386c7a227600b2fe50b7cae11ec86d3bf1fbe471be89827e19d72aa1d");
  private static final String UNCOMPRESSED = "5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ";
  private static final String COMPRESSED = "KwdMAjGmerYanjeui5SHS7JkmpZvVipYvB2LJGU1ZxJwYvP98617";
  private static final NetworkParameters MAIN = NetworkParameters.BITCOIN_MAINNET;

  private static CryptoError decodeError(String text, NetworkParameters network) {
    try {
      WifKey.parse(text, network);
      return null;
    } catch (CryptoException e) {
      return e.error();
    }
  }

  private static String wif(int prefix, byte[] key, byte... suffix) {
    byte[] payload = new byte[1 + key.length + suffix.length];
    payload[0] = (byte) prefix;
    System.arraycopy(key, 0, payload, 1, key.length);
    System.arraycopy(suffix, 0, payload, 1 + key.length, suffix.length);
    return Base58Check.encode(payload);
  }

  @Test
  void bitcoinWikiExampleUncompressed() throws CryptoException {
    WifKey k = WifKey.of(KEY, false, MAIN);
    assertThat(k.toBase58()).isEqualTo(UNCOMPRESSED);
    WifKey d = WifKey.parse(UNCOMPRESSED, MAIN);
    assertThat(d.privateKeyBytes()).isEqualTo(KEY);
    assertThat(d.isCompressed()).isFalse();
    assertThat(d.network()).isEqualTo(MAIN);
    assertThat(d).isEqualTo(k).hasSameHashCodeAs(k);
  }

  @Test
  void sameKeyCompressed() throws CryptoException {
    WifKey k = WifKey.of(KEY, true, MAIN);
    assertThat(k.toBase58()).isEqualTo(COMPRESSED);
    WifKey d = WifKey.parseAny(COMPRESSED);
    assertThat(d.isCompressed()).isTrue();
    assertThat(d).isEqualTo(k).isNotEqualTo(WifKey.of(KEY, false, MAIN));
  }

  @Test
  void randomRoundTripsOnEveryNetwork() throws CryptoException {
    Random random = new Random(80);
    for (NetworkParameters network : NetworkParameters.all()) {
      for (int i = 0; i < 100; i++) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        key[0] &= 0x7f; // stay below n
        key[31] |= 1; // and above zero
        boolean compressed = random.nextBoolean();
        String text = WifKey.of(key, compressed, network).toBase58();
        WifKey back = WifKey.parse(text, network);
        assertThat(back.privateKeyBytes()).isEqualTo(key);
        assertThat(back.isCompressed()).isEqualTo(compressed);
        assertThat(WifKey.parseAny(text).network()).isEqualTo(network);
      }
    }
  }

  @Test
  void convertsToAndFromEcKey() throws CryptoException {
    WifKey wif = WifKey.parse(UNCOMPRESSED, MAIN);
    EcKey key = wif.toEcKey();
    assertThat(key.isCompressed()).isFalse();
    // The wiki's example key pays to this uncompressed-key address.
    assertThat(Address.p2pkh(key.publicKey(), MAIN).toBase58())
        .isEqualTo("1GAehh7TsJAHuUAeKZcXf5CnwuGuGgyX2S");
    assertThat(WifKey.of(key, MAIN).toBase58()).isEqualTo(UNCOMPRESSED);
    EcKey compressed = WifKey.parse(COMPRESSED, MAIN).toEcKey();
    assertThat(compressed.isCompressed()).isTrue();
    assertThat(WifKey.of(compressed, MAIN).toBase58()).isEqualTo(COMPRESSED);
  }

  @Test
  void toStringHidesTheKeyAndDestroyZeroes() throws CryptoException {
    WifKey k = WifKey.of(KEY, true, NetworkParameters.PRIWATT);
    assertThat(k.toString()).isEqualTo("WifKey{network=priwatt, compressed=true}");
    assertThat(k.toString()).doesNotContain(Hex.encode(KEY));
    byte[] copy = k.privateKeyBytes();
    copy[0] ^= 1;
    assertThat(k.privateKeyBytes()).isEqualTo(KEY);
    k.destroy();
    assertThat(k.isDestroyed()).isTrue();
    assertThatThrownBy(k::toBase58).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(k::privateKeyBytes).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void rejectsBadLength() {
    for (byte[] body : new byte[][] {new byte[0], new byte[31], Arrays.copyOf(KEY, 31)}) {
      assertThat(decodeError(wif(0x80, body), MAIN)).isEqualTo(CryptoError.BAD_LENGTH);
    }
    assertThat(decodeError(wif(0x80, KEY, (byte) 1, (byte) 1), MAIN))
        .isEqualTo(CryptoError.BAD_LENGTH);
    assertThat(decodeError(Base58Check.encode(new byte[0]), MAIN))
        .isEqualTo(CryptoError.BAD_LENGTH);
  }

  @Test
  void rejectsBadCompressionByte() {
    for (int flag : new int[] {0x00, 0x02, 0x80, 0xff}) {
      assertThat(decodeError(wif(0x80, KEY, (byte) flag), MAIN))
          .as("flag %d", flag)
          .isEqualTo(CryptoError.INVALID_COMPRESSION_FLAG);
    }
  }

  @Test
  void rejectsWrongNetworkAndUnknownPrefix() {
    assertThat(decodeError(UNCOMPRESSED, NetworkParameters.PRIWATT))
        .isEqualTo(CryptoError.WRONG_NETWORK);
    assertThat(decodeError(COMPRESSED, NetworkParameters.BITCOIN_TESTNET))
        .isEqualTo(CryptoError.WRONG_NETWORK);
    String unknown = wif(0x81, KEY);
    assertThat(decodeError(unknown, MAIN)).isEqualTo(CryptoError.UNKNOWN_VERSION);
    assertThatThrownBy(() -> WifKey.parseAny(unknown))
        .isInstanceOfSatisfying(
            CryptoException.class, e -> assertThat(e.error()).isEqualTo(CryptoError.UNKNOWN_VERSION));
  }

  @Test
  void rejectsOutOfRangeScalars() {
    BigInteger n = Secp256k1.ORDER;
    for (BigInteger v :
        new BigInteger[] {
          BigInteger.ZERO, n, n.add(BigInteger.ONE), BigInteger.TWO.pow(256).subtract(BigInteger.ONE)
        }) {
      byte[] key = Curve.toBytes32(v);
      assertThat(decodeError(wif(0x80, key), MAIN)).isEqualTo(CryptoError.INVALID_PRIVATE_KEY);
      assertThat(decodeError(wif(0x80, key, (byte) 1), MAIN))
          .isEqualTo(CryptoError.INVALID_PRIVATE_KEY);
      assertThatThrownBy(() -> WifKey.of(key, true, MAIN))
          .isInstanceOfSatisfying(
              CryptoException.class,
              e -> assertThat(e.error()).isEqualTo(CryptoError.INVALID_PRIVATE_KEY));
    }
    assertThatThrownBy(() -> WifKey.of(new byte[31], true, MAIN))
        .isInstanceOfSatisfying(
            CryptoException.class,
            e -> assertThat(e.error()).isEqualTo(CryptoError.INVALID_PRIVATE_KEY));
  }

  @Test
  void acceptsRangeBoundaries() throws CryptoException {
    byte[] one = Curve.toBytes32(BigInteger.ONE);
    byte[] max = Curve.toBytes32(Secp256k1.ORDER.subtract(BigInteger.ONE));
    assertThat(WifKey.parse(wif(0x80, one), MAIN).privateKeyBytes()).isEqualTo(one);
    assertThat(WifKey.parse(wif(0x80, max, (byte) 1), MAIN).privateKeyBytes()).isEqualTo(max);
  }

  @Test
  void rejectsChecksumErrorsAndTruncation() {
    assertThat(decodeError(UNCOMPRESSED.substring(0, 50) + "K", MAIN))
        .isEqualTo(CryptoError.BASE58_BAD_CHECKSUM);
    for (int len = 0; len < COMPRESSED.length(); len++) {
      assertThat(decodeError(COMPRESSED.substring(0, len), MAIN))
          .isIn(CryptoError.BASE58_TOO_SHORT, CryptoError.BASE58_BAD_CHECKSUM);
    }
  }
}
