package org.priwatt.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DerivationPathTest {
  @Test
  void parsesBip44Path() throws CryptoException {
    DerivationPath p = DerivationPath.parse("m/44'/0'/0'/0/7");
    assertThat(p.indexes())
        .containsExactly(0x8000002c, 0x80000000, 0x80000000, 0, 7);
    assertThat(p.size()).isEqualTo(5);
    assertThat(p.get(4)).isEqualTo(7);
    assertThat(p.toString()).isEqualTo("m/44'/0'/0'/0/7");
  }

  @Test
  void acceptsHNotation() throws CryptoException {
    assertThat(DerivationPath.parse("m/44h/0H/0'/1/2147483647h"))
        .isEqualTo(DerivationPath.parse("m/44'/0'/0'/1/2147483647'"))
        .isEqualTo(
            DerivationPath.of(
                DerivationPath.hardened(44), DerivationPath.hardened(0),
                DerivationPath.hardened(0), 1, 0xffffffff));
  }

  @Test
  void masterPath() throws CryptoException {
    assertThat(DerivationPath.parse("m")).isEqualTo(DerivationPath.MASTER);
    assertThat(DerivationPath.MASTER.size()).isZero();
    assertThat(DerivationPath.MASTER.toString()).isEqualTo("m");
    assertThat(DerivationPath.MASTER.child(3).toString()).isEqualTo("m/3");
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "", "M", "m/", "/0", "0/1", "m//1", "m/1/", "m/-1", "m/+1", "m/1''", "m/x", "m/1x", "m/ 1",
    "m/2147483648", "m/2147483648'", "m/99999999999", "m/01", "m/1'h", "n/1", "m/0x10", "m/1.5",
    "m/٣"
  })
  void rejectsMalformedPaths(String text) {
    assertThatThrownBy(() -> DerivationPath.parse(text))
        .isInstanceOfSatisfying(
            CryptoException.class,
            e -> assertThat(e.error()).isEqualTo(CryptoError.INVALID_DERIVATION_PATH));
  }

  @Test
  void boundsDepthAndLength() throws CryptoException {
    String deepest = "m" + "/0".repeat(255);
    assertThat(DerivationPath.parse(deepest).size()).isEqualTo(255);
    assertThatThrownBy(() -> DerivationPath.parse(deepest + "/0"))
        .isInstanceOfSatisfying(
            CryptoException.class,
            e -> assertThat(e.error()).isEqualTo(CryptoError.INVALID_DERIVATION_PATH));
    assertThatThrownBy(() -> DerivationPath.parse("m/" + "1".repeat(100_000)))
        .isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> DerivationPath.of(new int[256]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DerivationPath.parse(deepest).child(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void randomRoundTrips() throws CryptoException {
    Random random = new Random(44);
    for (int i = 0; i < 500; i++) {
      int[] indexes = new int[random.nextInt(10)];
      for (int k = 0; k < indexes.length; k++) {
        indexes[k] = random.nextInt();
      }
      DerivationPath p = DerivationPath.of(indexes);
      assertThat(DerivationPath.parse(p.toString())).isEqualTo(p).hasSameHashCodeAs(p);
    }
  }

  @Test
  void hardenedHelpers() {
    assertThat(DerivationPath.hardened(5)).isEqualTo(0x80000005);
    assertThat(DerivationPath.isHardened(0x80000005)).isTrue();
    assertThat(DerivationPath.isHardened(5)).isFalse();
    assertThatThrownBy(() -> DerivationPath.hardened(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void indexesAreCopied() {
    int[] raw = {1, 2};
    DerivationPath p = DerivationPath.of(raw);
    raw[0] = 9;
    p.indexes()[1] = 9;
    assertThat(p.indexes()).containsExactly(1, 2);
  }
}
