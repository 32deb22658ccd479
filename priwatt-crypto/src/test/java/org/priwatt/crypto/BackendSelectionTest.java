package org.priwatt.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The backend named by -Dpriwatt.secp256k1 is the one in use, so each suite run tests what it says. */
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
}
