package org.priwatt.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * What the native backend turns into "invalid" and what it lets through: the binding's own
 * refusals of bad input become {@code null}/{@code false}, a programming error (here a null
 * argument) is not swallowed into a quiet "invalid key".
 */
class NativeBackendTest {
  private static final NativeBackend NATIVE = NativeBackend.load();

  @Test
  void invalidInputIsNullOrFalse() {
    assertThat(NATIVE.parsePublicKey(new byte[33])).isNull();
    assertThat(NATIVE.parsePublicKey(new byte[7])).isNull();
    assertThat(NATIVE.recoverPublicKey(new byte[64], new byte[32], 0)).isNull();
  }

  @Test
  void aNullArgumentIsABugAndPropagates() {
    // Before the catch was narrowed to the binding's refusals, this returned null ("not a key").
    assertThatThrownBy(() -> NATIVE.parsePublicKey(null)).isInstanceOf(NullPointerException.class);
  }
}
