package org.priwatt.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Hex} on the JDK's HexFormat keeps the contract it had on Guava. */
class HexTest {
  @Test
  void encodesLowerCaseAndDecodesEitherCase() {
    byte[] b = {0x00, 0x0f, (byte) 0xab, (byte) 0xff, 0x10};
    assertThat(Hex.encode(b)).isEqualTo("000fabff10");
    assertThat(Hex.decode("000FABff10")).isEqualTo(b);
    assertThat(Hex.encode(new byte[0])).isEmpty();
    assertThat(Hex.decode("")).isEmpty();
  }

  @Test
  void randomBytesRoundTrip() {
    Random rnd = new Random(3);
    for (int i = 0; i < 500; i++) {
      byte[] b = new byte[rnd.nextInt(80)];
      rnd.nextBytes(b);
      assertThat(Hex.decode(Hex.encode(b))).isEqualTo(b);
      assertThat(Hex.decode(Hex.encode(b).toUpperCase(java.util.Locale.ROOT))).isEqualTo(b);
    }
  }

  @Test
  void oddLengthAndNonHexAreIllegalArguments() {
    for (String bad : new String[] {"0", "abc", "0g", "zz", "0x00", " 00", "00 ", "+1"}) {
      assertThatThrownBy(() -> Hex.decode(bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a hex string");
    }
    assertThatThrownBy(() -> Hex.decode(null)).isInstanceOf(NullPointerException.class);
  }
}
