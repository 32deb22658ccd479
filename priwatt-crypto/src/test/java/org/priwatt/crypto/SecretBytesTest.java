package org.priwatt.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class SecretBytesTest {
  @Test
  void copiesInAndOut() {
    byte[] raw = {1, 2, 3};
    SecretBytes s = SecretBytes.copyOf(raw);
    raw[0] = 9;
    assertThat(s.copyBytes()).containsExactly(1, 2, 3);
    s.copyBytes()[1] = 9;
    assertThat(s.copyBytes()).containsExactly(1, 2, 3);
    assertThat(s.length()).isEqualTo(3);
  }

  @Test
  void toStringHidesContent() {
    SecretBytes s = SecretBytes.copyOf("hunter2".getBytes(StandardCharsets.UTF_8));
    assertThat(s.toString()).isEqualTo("SecretBytes[7 bytes]").doesNotContain("hunter2");
    s.destroy();
    assertThat(s.toString()).isEqualTo("SecretBytes[destroyed]");
  }

  @Test
  void equalityIsByContent() {
    SecretBytes a = SecretBytes.copyOf(new byte[] {1, 2});
    assertThat(a).isEqualTo(SecretBytes.copyOf(new byte[] {1, 2})).hasSameHashCodeAs(a);
    assertThat(a).isNotEqualTo(SecretBytes.copyOf(new byte[] {1, 3}));
    assertThat(a).isNotEqualTo(SecretBytes.copyOf(new byte[] {1, 2, 0}));
    assertThat(a).isNotEqualTo("not a secret");
  }

  @Test
  void destroyZeroesAndBlocksAccess() {
    SecretBytes s = SecretBytes.copyOf(new byte[] {1, 2});
    try (SecretBytes closeable = s) {
      assertThat(closeable.isDestroyed()).isFalse();
    }
    assertThat(s.isDestroyed()).isTrue();
    assertThat(s.length()).isEqualTo(2);
    assertThatThrownBy(s::copyBytes).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> s.equals(SecretBytes.copyOf(new byte[2])))
        .isInstanceOf(IllegalStateException.class);
    s.destroy(); // idempotent
  }

  @Test
  void passphraseIsUtf8() {
    char[] pass = "pässwörd €".toCharArray();
    assertThat(SecretBytes.fromPassphrase(pass).copyBytes())
        .isEqualTo("pässwörd €".getBytes(StandardCharsets.UTF_8));
    assertThat(SecretBytes.fromPassphrase(new char[0]).length()).isZero();
    assertThatThrownBy(() -> SecretBytes.fromPassphrase(new char[] {'a', '\ud800'}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void randomHasRequestedLength() {
    SecureRandom random = new SecureRandom();
    assertThat(SecretBytes.random(64, random).length()).isEqualTo(64);
    assertThat(SecretBytes.random(32, random)).isNotEqualTo(SecretBytes.random(32, random));
    assertThatThrownBy(() -> SecretBytes.random(-1, random))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
