package org.priwatt.msg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.Hex;

/** Vectors from PyBitmessage {@code src/tests/samples.py} and {@code addresses.py}. */
class BitmessageAddressTest {
  static final String SEED = "TIGER, tiger, burning bright. In the forests of the night";

  @ParameterizedTest
  @CsvSource({
    "BM-onkVu1KKL2UaUss5Upg9vXmqd3esTmV79, 2, 1, 003cd097eb7f35c87b5dc8b4538c22cb55312a9f",
    "BM-2DBPTgeSawWYZceFD69AbDT5q4iUWtj1ZN, 3, 1, 00cfb69416ae76f68a81c459de4e13460c7d17eb",
    "BM-2cWzSnwjJ7yRP3nLEWUV5LisTZyREWSzUK, 4, 1, 00cfb69416ae76f68a81c459de4e13460c7d17eb",
  })
  void publishedVectorsDecodeAndReencode(String text, int version, long stream, String ripe) throws Exception {
    BitmessageAddress a = BitmessageAddress.parse(text);
    assertThat(a.version()).isEqualTo(version);
    assertThat(a.stream()).isEqualTo(stream);
    assertThat(Hex.encode(a.ripe())).isEqualTo(ripe);
    assertThat(a.toString()).isEqualTo(text);
    assertThat(BitmessageAddress.of(version, stream, Hex.decode(ripe))).isEqualTo(a);
    assertThat(BitmessageAddress.parse(" " + text.substring(3) + "\n")).isEqualTo(a);
  }

  @Test
  void ripeOfSampleKeys() throws Exception {
    byte[] sign = Hex.decode("044a367f049ec16cb6b6118eb734a9962d10b8db59c890cd08f210c43ff08bdf09d16f502ca26cd0713f38988a1237f1fc8fa07b15653c996dc4013af6d15505ce");
    byte[] enc = Hex.decode("044597d59177fc1d89555d38915f581b5ff2286b39d022ca0283d2bdd5c36be5d3ce7b9b97792327851a562752e4b79475d1f51f5a71352482b241227f45ed36a9");
    assertThat(Hex.encode(BitmessageAddress.ripeOf(sign, enc))).isEqualTo("003cd097eb7f35c87b5dc8b4538c22cb55312a9f");
    EcKey s = EcKey.fromPrivate(Hex.decode("93d0b61371a54b53df143b954035d612f8efa8a3ed1cf842c2186bfd8f876665"), false);
    assertThat(s.publicKey().uncompressedEncoding()).isEqualTo(sign);
  }

  @Test
  void deterministicIdentityMatchesPyBitmessage() {
    Identity id = Identity.deterministic(SEED, 1, 1);
    assertThat(id.address().toString()).isEqualTo("BM-2cWzSnwjJ7yRP3nLEWUV5LisTZyREWSzUK");
    assertThat(Identity.deterministic(SEED, 1, 1).address()).isEqualTo(id.address());
  }

  @Test
  void randomIdentitiesHaveLeadingZeroAndDistinctKeys() {
    Identity a = Identity.newIdentity();
    Identity b = Identity.newIdentity();
    assertThat(a.address().ripe()[0]).isZero();
    assertThat(a.address()).isNotEqualTo(b.address());
    assertThat(a.address().version()).isEqualTo(4);
    assertThat(a.signingKey().publicKey()).isNotEqualTo(a.encryptionKey().publicKey());
    assertThat(a.toString()).doesNotContain(Hex.encode(a.signingKey().privateKeyBytes()));
  }

  @Test
  void randomRoundTrips() throws Exception {
    Random rnd = new Random(7);
    for (int i = 0; i < 300; i++) {
      byte[] ripe = new byte[20];
      rnd.nextBytes(ripe);
      int zeros = rnd.nextInt(4);
      for (int z = 0; z < zeros; z++) {
        ripe[z] = 0;
      }
      long stream = 1 + rnd.nextInt(i % 3 == 0 ? 100_000 : 10);
      int version = ripe[0] == 0 && ripe[1] == 0 && ripe[2] == 0 ? 4 : 2 + rnd.nextInt(3);
      BitmessageAddress a = BitmessageAddress.of(version, stream, ripe);
      assertThat(BitmessageAddress.parse(a.toString())).isEqualTo(a);
    }
  }

  @Test
  void tagIsSecondHalfOfDoubleSha512() {
    BitmessageAddress a = Identity.deterministic(SEED, 1, 1).address();
    assertThat(a.tag()).isEqualTo(java.util.Arrays.copyOfRange(a.addressDataHash(), 32, 64));
  }

  @ParameterizedTest
  @CsvSource({
    "BM-2cWzSnwjJ7yRP3nLEWUV5LisTZyREWSzUL, ADDRESS_BAD_CHECKSUM",
    "BM-2cWzSnwjJ7yRP3nLEWUV5LisTZyREWSz0K, ADDRESS_INVALID_CHARACTER",
    "BM-, ADDRESS_INVALID_CHARACTER",
    "BM-2cWzSnwjJ7yRP3nLEWUV5LisTZyREWSzUK2cWzSnwjJ7yRP3nLEWUV5LisTZyREWSzUK, ADDRESS_INVALID_CHARACTER",
    "BM-1111, ADDRESS_INVALID_CHARACTER",
  })
  void badAddressesGiveTypedErrors(String text, MessageError error) {
    assertThatThrownBy(() -> BitmessageAddress.parse(text))
        .isInstanceOf(MessageException.class)
        .extracting(e -> ((MessageException) e).error()).isEqualTo(error);
  }

  @Test
  void v4WithLeadingZeroAndUnknownVersionAreRejected() {
    // Build the bodies by hand with valid checksums.
    assertThat(errorOf(forge(new byte[] {4, 1, 0, 1, 2, 3, 4, 5}))).isEqualTo(MessageError.ADDRESS_BAD_RIPE);
    assertThat(errorOf(forge(new byte[] {5, 1, 1, 2, 3, 4, 5}))).isEqualTo(MessageError.ADDRESS_UNSUPPORTED_VERSION);
    assertThat(errorOf(forge(new byte[] {4, 1, 1, 2, 3}))).isEqualTo(MessageError.ADDRESS_BAD_RIPE);
    assertThat(errorOf(forge(new byte[] {4, 0, 1, 2, 3, 4}))).isEqualTo(MessageError.INVALID_FIELD);
    assertThat(errorOf(forge(new byte[] {(byte) 0xfd, 0, 4, 1, 1, 2, 3, 4}))).isEqualTo(MessageError.NON_MINIMAL_VARINT);
    byte[] longRipe = new byte[23];
    longRipe[0] = 4;
    longRipe[1] = 1;
    java.util.Arrays.fill(longRipe, 2, 23, (byte) 7);
    assertThat(errorOf(forge(longRipe))).isEqualTo(MessageError.ADDRESS_BAD_RIPE);
  }

  private static String forge(byte[] body) {
    byte[] check = org.priwatt.crypto.Hashes.sha512d(body);
    byte[] all = java.util.Arrays.copyOf(body, body.length + 4);
    System.arraycopy(check, 0, all, body.length, 4);
    return "BM-" + org.priwatt.msg.internal.IntegerBase58.encode(new java.math.BigInteger(1, all));
  }

  private static MessageError errorOf(String text) {
    try {
      BitmessageAddress.parse(text);
      return null;
    } catch (MessageException e) {
      return e.error();
    }
  }

  @Test
  void preconditionsAreUncheckedErrors() {
    assertThatThrownBy(() -> BitmessageAddress.of(5, 1, new byte[20])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BitmessageAddress.of(4, 0, new byte[20])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BitmessageAddress.of(4, 1, new byte[19])).isInstanceOf(IllegalArgumentException.class);
  }
}
