package org.priwatt.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class Base58CheckTest {
  private static CryptoError errorOf(String s) {
    try {
      Base58Check.decode(s);
      return null;
    } catch (CryptoException e) {
      return e.error();
    }
  }

  @Test
  void decodesKnownAddressPayload() throws CryptoException {
    // Genesis block coinbase address: version 0x00 + HASH160 of Satoshi's public key.
    byte[] payload = Base58Check.decode("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa");
    assertThat(Hex.encode(payload)).isEqualTo("0062e907b15cbf27d5425399ebf6f0fb50ebb88f18");
    assertThat(Base58Check.encode(payload)).isEqualTo("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa");
  }

  @Test
  void randomRoundTrips() throws CryptoException {
    Random random = new Random(4);
    for (int i = 0; i < 1000; i++) {
      byte[] payload = new byte[random.nextInt(90)];
      random.nextBytes(payload);
      assertThat(Base58Check.decode(Base58Check.encode(payload))).isEqualTo(payload);
    }
  }

  @Test
  void emptyPayloadRoundTrips() throws CryptoException {
    assertThat(Base58Check.decode(Base58Check.encode(new byte[0]))).isEmpty();
  }

  @Test
  void everySingleBitFlipIsCaught() throws CryptoException {
    Random random = new Random(7);
    byte[] payload = new byte[21];
    random.nextBytes(payload);
    String good = Base58Check.encode(payload);
    byte[] raw = Base58.decode(good);
    for (int bit = 0; bit < raw.length * 8; bit++) {
      byte[] flipped = raw.clone();
      flipped[bit / 8] ^= (byte) (1 << (bit % 8));
      assertThat(errorOf(Base58.encode(flipped)))
          .as("bit %d", bit)
          .isEqualTo(CryptoError.BASE58_BAD_CHECKSUM);
    }
  }

  @Test
  void everyCharacterSubstitutionIsCaught() {
    String good = "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa";
    for (int i = 0; i < good.length(); i++) {
      for (char c : Base58.ALPHABET.toCharArray()) {
        if (c == good.charAt(i)) {
          continue;
        }
        String bad = good.substring(0, i) + c + good.substring(i + 1);
        assertThat(errorOf(bad)).as(bad).isEqualTo(CryptoError.BASE58_BAD_CHECKSUM);
      }
    }
  }

  @Test
  void tooShortIsDistinctFromBadChecksum() {
    assertThat(errorOf("")).isEqualTo(CryptoError.BASE58_TOO_SHORT);
    assertThat(errorOf("1")).isEqualTo(CryptoError.BASE58_TOO_SHORT);
    assertThat(errorOf(Base58.encode(new byte[] {1, 2, 3}))).isEqualTo(CryptoError.BASE58_TOO_SHORT);
    assertThat(errorOf(Base58.encode(new byte[] {1, 2, 3, 4})))
        .isEqualTo(CryptoError.BASE58_BAD_CHECKSUM);
  }

  @Test
  void truncationAtEveryLengthIsTyped() {
    String good = "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa";
    for (int len = 0; len < good.length(); len++) {
      assertThat(errorOf(good.substring(0, len)))
          .as("prefix %d", len)
          .isIn(CryptoError.BASE58_TOO_SHORT, CryptoError.BASE58_BAD_CHECKSUM);
    }
  }

  @Test
  void propagatesBase58Errors() {
    assertThat(errorOf("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfN0"))
        .isEqualTo(CryptoError.BASE58_INVALID_CHARACTER);
    assertThat(errorOf("2".repeat(Base58.MAX_ENCODED_LENGTH + 1)))
        .isEqualTo(CryptoError.INPUT_TOO_LARGE);
  }

  @Test
  void boundsPayload() {
    assertThatThrownBy(() -> Base58Check.encode(new byte[Base58Check.MAX_PAYLOAD_LENGTH + 1]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Base58Check.encode(new byte[Base58Check.MAX_PAYLOAD_LENGTH])).isNotEmpty();
  }
}
