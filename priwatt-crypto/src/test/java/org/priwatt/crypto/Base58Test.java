package org.priwatt.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.priwatt.crypto.testing.ConformanceVectors;

class Base58Test {
  static Stream<Arguments> coreVectors() {
    JsonNode rows = ConformanceVectors.json("bitcoin-core/base58_encode_decode.json");
    List<Arguments> out = new ArrayList<>();
    for (JsonNode row : rows) {
      out.add(Arguments.of(row.get(0).asText(), row.get(1).asText()));
    }
    return out.stream();
  }

  @Test
  void vectorFileIsComplete() {
    assertThat(coreVectors()).hasSize(21);
  }

  @ParameterizedTest
  @MethodSource("coreVectors")
  void encodesCoreVector(String hex, String base58) {
    assertThat(Base58.encode(Hex.decode(hex))).isEqualTo(base58);
  }

  @ParameterizedTest
  @MethodSource("coreVectors")
  void decodesCoreVector(String hex, String base58) throws CryptoException {
    assertThat(Hex.encode(Base58.decode(base58))).isEqualToIgnoringCase(hex);
  }

  @Test
  void leadingZerosBecomeOnesAndBack() throws CryptoException {
    for (int zeros = 0; zeros < 10; zeros++) {
      byte[] data = new byte[zeros + 2];
      data[zeros] = 1;
      data[zeros + 1] = (byte) 0xff;
      String s = Base58.encode(data);
      assertThat(s).startsWith("1".repeat(zeros)).doesNotStartWith("1".repeat(zeros + 1));
      assertThat(Base58.decode(s)).isEqualTo(data);
    }
  }

  @Test
  void randomRoundTrips() throws CryptoException {
    Random random = new Random(58);
    for (int i = 0; i < 2000; i++) {
      byte[] data = new byte[random.nextInt(80)];
      random.nextBytes(data);
      int zeros = random.nextInt(4);
      Arrays.fill(data, 0, Math.min(zeros, data.length), (byte) 0);
      String s = Base58.encode(data);
      assertThat(s).matches("[" + Base58.ALPHABET + "]*");
      assertThat(Base58.decode(s)).isEqualTo(data);
    }
  }

  @Test
  void randomStringsRoundTrip() throws CryptoException {
    Random random = new Random(85);
    for (int i = 0; i < 1000; i++) {
      StringBuilder sb = new StringBuilder();
      int n = random.nextInt(60);
      for (int k = 0; k < n; k++) {
        sb.append(Base58.ALPHABET.charAt(random.nextInt(58)));
      }
      String s = sb.toString();
      assertThat(Base58.encode(Base58.decode(s))).isEqualTo(s);
    }
  }

  static IntStream invalidCharacters() {
    // every char up to U+00FF that is not in the alphabet, plus a few beyond
    IntStream low = IntStream.range(0, 256).filter(c -> Base58.ALPHABET.indexOf(c) < 0);
    return IntStream.concat(low, IntStream.of(0x0100, 0x2028, 0xfeff, 0xffff));
  }

  @ParameterizedTest
  @MethodSource("invalidCharacters")
  void rejectsEveryInvalidCharacterAnywhere(int c) {
    for (String s : List.of("" + (char) c, "1" + (char) c, "2g" + (char) c + "a3gV")) {
      assertThatThrownBy(() -> Base58.decode(s))
          .isInstanceOfSatisfying(
              CryptoException.class,
              e -> {
                assertThat(e.error()).isEqualTo(CryptoError.BASE58_INVALID_CHARACTER);
                assertThat(e.getMessage()).contains("index " + s.indexOf((char) c));
              });
    }
  }

  @Test
  void invalidCharacterCountIsComplete() {
    assertThat(invalidCharacters().count()).isEqualTo(256 - 58 + 4);
  }

  @Test
  void boundsDecodeInput() throws CryptoException {
    String max = "2".repeat(Base58.MAX_ENCODED_LENGTH);
    assertThat(Base58.decode(max)).isNotEmpty();
    assertThatThrownBy(() -> Base58.decode(max + "2"))
        .isInstanceOfSatisfying(
            CryptoException.class, e -> assertThat(e.error()).isEqualTo(CryptoError.INPUT_TOO_LARGE));
  }

  @Test
  void boundsEncodeInputAndLargestOutputDecodes() throws CryptoException {
    byte[] max = new byte[Base58.MAX_DECODED_LENGTH];
    Arrays.fill(max, (byte) 0xff);
    String s = Base58.encode(max);
    assertThat(s.length()).isLessThanOrEqualTo(Base58.MAX_ENCODED_LENGTH);
    assertThat(Base58.decode(s)).isEqualTo(max);
    assertThat(Base58.decode(Base58.encode(new byte[Base58.MAX_DECODED_LENGTH])))
        .hasSize(Base58.MAX_DECODED_LENGTH);
    assertThatThrownBy(() -> Base58.encode(new byte[Base58.MAX_DECODED_LENGTH + 1]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsNull() {
    assertThatThrownBy(() -> Base58.encode(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Base58.decode(null)).isInstanceOf(NullPointerException.class);
  }
}
