package org.priwatt.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressTest {
  /** Satoshi's key paid by the genesis block coinbase. */
  private static final String GENESIS_PUBKEY =
      "04678afdb0fe5548271967f1a67130b7105cd6a828e03909a67962e0ea1f61deb6"
          + "49f6bc3f4cef38c4f35504e51ec112de5c384df7ba0b8d578a4c702b6bf11d5f";

  private static final NetworkParameters MAIN = NetworkParameters.BITCOIN_MAINNET;

  private static CryptoError parseError(String text, NetworkParameters network) {
    try {
      Address.parse(text, network);
      return null;
    } catch (CryptoException e) {
      return e.error();
    }
  }

  @Test
  void genesisCoinbaseAddress() throws CryptoException {
    Address a = Address.p2pkhFromPublicKey(Hex.decode(GENESIS_PUBKEY), MAIN);
    assertThat(a.toBase58()).isEqualTo("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa");
    assertThat(a.toString()).isEqualTo("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa");
    assertThat(Hex.encode(a.hash160())).isEqualTo("62e907b15cbf27d5425399ebf6f0fb50ebb88f18");
    assertThat(a.kind()).isEqualTo(Address.Kind.P2PKH);
    assertThat(a.version()).isZero();
    assertThat(Address.parse("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", MAIN)).isEqualTo(a);
    assertThat(Address.parseAny("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")).isEqualTo(a);
  }

  @ParameterizedTest
  @CsvSource({
    // The Bitcoin wiki's "technical background of version 1 addresses" key, both encodings.
    "0250863ad64a87ae8a2fe83c1af1a8403cb53f53e486d8511dad8a04887e5b2352,"
        + "1PMycacnJaSqwwJqjawXBErnLsZ7RkXUAs",
    "0450863ad64a87ae8a2fe83c1af1a8403cb53f53e486d8511dad8a04887e5b2352"
        + "2cd470243453a299fa9e77237716103abc11a1df38855ed6f2ee187e9c582ba6,"
        + "16UwLL9Risc3QfPqBUvKofHmBQ7wMtjvM",
  })
  void publicKeyAddresses(String pubKeyHex, String address) throws CryptoException {
    assertThat(Address.p2pkhFromPublicKey(Hex.decode(pubKeyHex), MAIN).toBase58())
        .isEqualTo(address);
    assertThat(Address.p2pkh(EcPublicKey.decode(Hex.decode(pubKeyHex)), MAIN).toBase58())
        .isEqualTo(address);
  }

  @Test
  void p2shExampleFromBip13() throws CryptoException {
    Address a = Address.parse("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", MAIN);
    assertThat(a).isInstanceOf(Address.P2sh.class);
    assertThat(a.kind()).isEqualTo(Address.Kind.P2SH);
    assertThat(a.version()).isEqualTo(5);
    assertThat(Hex.encode(a.hash160())).isEqualTo("b472a266d0bd89c13706a4132ccfb16f7c3b9fcb");
    assertThat(Address.p2shFromHash(a.hash160(), MAIN).toBase58())
        .isEqualTo("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy");
  }

  @Test
  void p2shFromScriptHashesTheScript() {
    byte[] script = Hex.decode("51"); // OP_TRUE
    Address a = Address.p2shFromScript(script, NetworkParameters.PRIWATT);
    assertThat(a.hash160()).isEqualTo(Hashes.hash160(script));
    assertThat(a.toBase58()).startsWith("p");
    assertThatThrownBy(
            () ->
                Address.p2shFromScript(
                    new byte[Address.MAX_REDEEM_SCRIPT_LENGTH + 1], NetworkParameters.PRIWATT))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void randomRoundTripsOnEveryNetwork() throws CryptoException {
    Random random = new Random(160);
    for (NetworkParameters network : NetworkParameters.all()) {
      for (int i = 0; i < 200; i++) {
        byte[] hash = new byte[20];
        random.nextBytes(hash);
        Address a =
            random.nextBoolean()
                ? Address.p2pkhFromHash(hash, network)
                : Address.p2shFromHash(hash, network);
        assertThat(Address.parse(a.toBase58(), network)).isEqualTo(a).hasSameHashCodeAs(a);
        assertThat(Address.parseAny(a.toBase58())).isEqualTo(a);
        assertThat(a.network()).isSameAs(network);
      }
    }
  }

  @Test
  void priwattAddressesStartWithP() {
    byte[] hash = new byte[20];
    assertThat(Address.p2pkhFromHash(hash, NetworkParameters.PRIWATT).toBase58()).startsWith("P");
    assertThat(Address.p2shFromHash(hash, NetworkParameters.PRIWATT).toBase58()).startsWith("p");
  }

  @Test
  void equalityDependsOnKindHashAndNetwork() {
    byte[] hash = new byte[20];
    Address a = Address.p2pkhFromHash(hash, MAIN);
    assertThat(a).isEqualTo(Address.p2pkhFromHash(hash, MAIN));
    assertThat(a).isNotEqualTo(Address.p2shFromHash(hash, MAIN));
    assertThat(a).isNotEqualTo(Address.p2pkhFromHash(hash, NetworkParameters.BITCOIN_TESTNET));
    hash[0] = 1;
    assertThat(a).isNotEqualTo(Address.p2pkhFromHash(hash, MAIN));
  }

  @Test
  void hashIsDefensivelyCopied() {
    byte[] hash = new byte[20];
    Address a = Address.p2pkhFromHash(hash, MAIN);
    hash[0] = 9;
    a.hash160()[1] = 9;
    assertThat(a.hash160()).isEqualTo(new byte[20]);
  }

  @Test
  void rejectsBadChecksum() {
    assertThat(parseError("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb", MAIN))
        .isEqualTo(CryptoError.BASE58_BAD_CHECKSUM);
  }

  @Test
  void rejectsWrongNetwork() {
    assertThat(parseError("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", NetworkParameters.PRIWATT))
        .isEqualTo(CryptoError.WRONG_NETWORK);
    assertThat(parseError("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", NetworkParameters.BITCOIN_TESTNET))
        .isEqualTo(CryptoError.WRONG_NETWORK);
  }

  @Test
  void rejectsUnknownVersion() {
    byte[] payload = new byte[21];
    payload[0] = 0x42;
    String text = Base58Check.encode(payload);
    assertThat(parseError(text, MAIN)).isEqualTo(CryptoError.UNKNOWN_VERSION);
    assertThatThrownBy(() -> Address.parseAny(text))
        .isInstanceOfSatisfying(
            CryptoException.class, e -> assertThat(e.error()).isEqualTo(CryptoError.UNKNOWN_VERSION));
  }

  @Test
  void rejectsBadLength() {
    for (int length : new int[] {0, 1, 20, 22, 33}) {
      String text = Base58Check.encode(new byte[length]);
      assertThat(parseError(text, MAIN)).as("length %d", length).isEqualTo(CryptoError.BAD_LENGTH);
      assertThatThrownBy(() -> Address.parseAny(text))
          .isInstanceOfSatisfying(
              CryptoException.class, e -> assertThat(e.error()).isEqualTo(CryptoError.BAD_LENGTH));
    }
  }

  @Test
  void rejectsBadCharactersAndTruncation() {
    assertThat(parseError("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNO", MAIN))
        .isEqualTo(CryptoError.BASE58_INVALID_CHARACTER);
    String good = "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa";
    for (int len = 0; len < good.length(); len++) {
      assertThat(parseError(good.substring(0, len), MAIN))
          .isIn(CryptoError.BASE58_TOO_SHORT, CryptoError.BASE58_BAD_CHECKSUM);
    }
  }

  @Test
  void rejectsInvalidPublicKeys() {
    byte[] notOnCurve = Hex.decode(GENESIS_PUBKEY);
    notOnCurve[64] ^= 1;
    byte[] badPrefix = Hex.decode(GENESIS_PUBKEY);
    badPrefix[0] = 6;
    byte[] xTooLarge = new byte[33];
    java.util.Arrays.fill(xTooLarge, (byte) 0xff);
    xTooLarge[0] = 2;
    for (byte[] bad : new byte[][] {notOnCurve, badPrefix, xTooLarge, new byte[33], new byte[0]}) {
      assertThatThrownBy(() -> Address.p2pkhFromPublicKey(bad, MAIN))
          .isInstanceOfSatisfying(
              CryptoException.class,
              e -> assertThat(e.error()).isEqualTo(CryptoError.INVALID_PUBLIC_KEY));
    }
  }

  @Test
  void rejectsMisuse() {
    assertThatThrownBy(() -> Address.p2pkhFromHash(new byte[19], MAIN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Address.p2shFromHash(new byte[21], MAIN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Address.p2pkhFromHash(new byte[20], null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Address.parse(null, MAIN)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Address.parse("1", null)).isInstanceOf(NullPointerException.class);
  }
}
