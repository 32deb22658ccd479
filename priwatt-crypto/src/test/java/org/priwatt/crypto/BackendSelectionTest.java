package org.priwatt.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The backend named by -Dpriwatt.secp256k1 is the one in use, so each suite run tests what it
 * says, and it stays the one in use. (A fresh JVM's {@code select} before first use is tested in
 * {@code BackendsTest}.)
 */
class BackendSelectionTest {
  @Test
  void propertyChoosesTheBackend() {
    String wanted = System.getProperty("priwatt.secp256k1", "native");
    Secp256k1Implementation expected = wanted.equals("bouncycastle")
        ? Secp256k1Implementation.BOUNCY_CASTLE
        : Secp256k1.isNativeAvailable() ? Secp256k1Implementation.NATIVE : Secp256k1Implementation.BOUNCY_CASTLE;
    assertThat(Secp256k1.active()).isEqualTo(expected);
    assertThat(Secp256k1.describe()).isNotBlank();
  }

  /**
   * Issue 13: the backend was a process-wide switch any test or library could flip at run time;
   * now the first use fixes it and a later {@code select} of the other backend is refused with
   * a message saying why, while re-selecting the fixed one changes nothing.
   */
  @Test
  void selectAfterFirstUseIsRefused() throws CryptoException {
    EcKey key = EcKey.generate(); // uses the curve, so the choice is fixed whatever ran before
    Secp256k1Implementation fixed = Secp256k1.active();
    Secp256k1Implementation other = fixed == Secp256k1Implementation.NATIVE
        ? Secp256k1Implementation.BOUNCY_CASTLE : Secp256k1Implementation.NATIVE;

    assertThatThrownBy(() -> Secp256k1.select(other))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already fixed to " + fixed)
        .hasMessageContaining("before the first use");
    assertThat(Secp256k1.active()).isEqualTo(fixed);

    Secp256k1.select(fixed);
    assertThat(Secp256k1.active()).isEqualTo(fixed);
    byte[] hash = Hashes.sha256(new byte[] {1});
    assertThat(key.publicKey().verify(hash, key.sign(hash))).isTrue();
    assertThatThrownBy(() -> Secp256k1.select(null)).isInstanceOf(NullPointerException.class);
  }
}
