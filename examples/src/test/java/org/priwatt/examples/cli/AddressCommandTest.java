package org.priwatt.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code priwatt address}: derive, validate, decode. */
class AddressCommandTest {
  private static final String GENESIS_KEY = "04678afdb0fe5548271967f1a67130b7105cd6a828e03909a67962e0ea1f61deb6"
      + "49f6bc3f4cef38c4f35504e51ec112de5c384df7ba0b8d578a4c702b6bf11d5f";
  private static final String SATOSHI = "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa";

  @Test
  void genesisPublicKeyGivesSatoshisAddress() {
    Cli r = Cli.run("address", "derive", GENESIS_KEY, "--network", "bitcoin-mainnet");
    assertThat(r.code()).isZero();
    assertThat(r.out().trim()).isEqualTo(SATOSHI);
  }

  @Test
  void redeemScriptGivesItsP2shAddress() {
    // The redeem script OP_TRUE (0x51): HASH160 da1745e9b549bd0bfa1a569971c77eba30cd5a4b.
    Cli r = Cli.run("address", "derive", "--type", "p2sh", "51", "--network", "bitcoin-mainnet");
    assertThat(r.code()).isZero();
    assertThat(r.out().trim()).isEqualTo("3MaB7QVq3k4pQx3BhsvEADgzQonLSBwMdj");
  }

  @Test
  void deriveRejectsWhatIsNotAKeyOrNotHex() {
    assertThat(Cli.run("address", "derive", "zz").code()).isEqualTo(Main.USAGE);
    Cli r = Cli.run("address", "derive", "02" + "00".repeat(32));
    assertThat(r.code()).isEqualTo(Main.FAILURE);
    assertThat(r.err()).startsWith("priwatt address derive: ");
  }

  @Test
  void validateAcceptsAnyNetworkUnlessOneIsRequired() {
    Cli ok = Cli.run("address", "validate", SATOSHI);
    assertThat(ok.code()).isZero();
    assertThat(ok.field("network:")).isEqualTo("bitcoin-mainnet");
    assertThat(ok.field("scriptPubKey:")).isEqualTo("76a91462e907b15cbf27d5425399ebf6f0fb50ebb88f1888ac");

    Cli wrongNetwork = Cli.run("address", "validate", SATOSHI, "--network", "priwatt");
    assertThat(wrongNetwork.code()).isEqualTo(Main.FAILURE);
    assertThat(wrongNetwork.err()).startsWith("priwatt address validate: WRONG_NETWORK");

    Cli badChecksum = Cli.run("address", "validate", SATOSHI.substring(0, 33) + "b");
    assertThat(badChecksum.code()).isEqualTo(Main.FAILURE);
    assertThat(badChecksum.err()).startsWith("priwatt address validate: BASE58_BAD_CHECKSUM");
  }

  @Test
  void decodeExplainsAddressesAndHidesPrivateKeys() {
    Cli address = Cli.run("address", "decode", SATOSHI);
    assertThat(address.code()).isZero();
    assertThat(address.field("meaning:")).isEqualTo("P2PKH address on bitcoin-mainnet");
    assertThat(address.field("hash160:")).isEqualTo("62e907b15cbf27d5425399ebf6f0fb50ebb88f18");

    Cli wif = Cli.run("address", "decode", "KwDiBf89QgGbjEhKnhXJuH7LrciVrZi3qYjgd9M7rFU73sVHnoWn");
    assertThat(wif.code()).isZero();
    assertThat(wif.field("meaning:")).startsWith("WIF private key on bitcoin-mainnet");
    assertThat(wif.out()).doesNotContain("payload:").doesNotContain("0000000000000001");
  }
}
