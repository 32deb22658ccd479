package org.priwatt.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.priwatt.crypto.Hex;

class ScriptNumTest {
  @ParameterizedTest
  @CsvSource({
    "0, ''", "1, 01", "-1, 81", "16, 10", "127, 7f", "128, 8000", "-128, 8080", "255, ff00",
    "256, 0001", "-255, ff80", "32767, ff7f", "32768, 008000", "-32768, 008080",
    "2147483647, ffffff7f", "-2147483647, ffffffff", "2147483648, 0000008000",
    "-2147483648, 0000008080", "549755813887, ffffffff7f", "-9223372036854775807, ffffffffffffffff"
  })
  void encodesAndDecodesKnownValues(long value, String hex) throws ScriptException {
    assertThat(Hex.encode(ScriptNum.of(value).encode())).isEqualTo(hex);
    assertThat(ScriptNum.decode(Hex.decode(hex), true, 8).value()).isEqualTo(value);
  }

  @Test
  void randomRoundTripsAreMinimal() throws ScriptException {
    Random rnd = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      long v = rnd.nextLong() >> rnd.nextInt(64);
      if (v == Long.MIN_VALUE) {
        continue;
      }
      byte[] enc = ScriptNum.of(v).encode();
      assertThat(ScriptNum.isMinimallyEncoded(enc)).isTrue();
      assertThat(enc.length).isLessThanOrEqualTo(9);
      if (enc.length <= 8) {
        assertThat(ScriptNum.decode(enc, true, 8).value()).isEqualTo(v);
      }
    }
  }

  @Test
  void sizeLimitAndMinimality() throws ScriptException {
    assertThatThrownBy(() -> ScriptNum.decode(Hex.decode("0000008000"), false, 4))
        .isInstanceOfSatisfying(ScriptException.class,
            e -> assertThat(e.error()).isEqualTo(ScriptError.SCRIPTNUM));
    assertThat(ScriptNum.decode(Hex.decode("0000008000"), false, 5).value())
        .isEqualTo(2147483648L);
    // Non-minimal encodings are accepted without MINIMALDATA and rejected with it.
    for (String hex : new String[] {"00", "80", "0000", "0080", "0500", "050080", "ff7f80"}) {
      byte[] b = Hex.decode(hex);
      assertThat(ScriptNum.isMinimallyEncoded(b)).as(hex).isFalse();
      ScriptNum.decode(b, false, 4);
      assertThatThrownBy(() -> ScriptNum.decode(b, true, 4)).isInstanceOf(ScriptException.class);
    }
    assertThat(ScriptNum.decode(Hex.decode("80"), false, 4).value()).isZero(); // negative zero
    assertThat(ScriptNum.decode(Hex.decode("ff80"), true, 4).value()).isEqualTo(-255);
    assertThatThrownBy(() -> ScriptNum.decode(new byte[0], false, 9))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void intValueClampsLikeCore() {
    assertThat(ScriptNum.of(1L << 40).intValue()).isEqualTo(Integer.MAX_VALUE);
    assertThat(ScriptNum.of(-(1L << 40)).intValue()).isEqualTo(Integer.MIN_VALUE);
    assertThat(ScriptNum.of(-5).intValue()).isEqualTo(-5);
  }

  @Test
  void valueSemantics() {
    assertThat(ScriptNum.of(7)).isEqualTo(ScriptNum.of(7)).hasSameHashCodeAs(ScriptNum.of(7));
    assertThat(ScriptNum.of(7)).isNotEqualTo(ScriptNum.of(8));
    assertThat(ScriptNum.of(-3)).hasToString("-3");
    assertThat(ScriptNum.of(1).compareTo(ScriptNum.of(2))).isNegative();
    byte[] enc = ScriptNum.of(5).encode();
    enc[0] = 9; // callers get copies; the shared small encodings stay intact
    assertThat(ScriptNum.of(5).encode()).containsExactly(5);
  }
}
