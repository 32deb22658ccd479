package org.priwatt.crypto;

import org.junit.jupiter.api.Test;
import org.priwatt.crypto.testing.ModuleBoundaries;

/** No other module may import {@code org.priwatt.crypto...internal}. */
class InternalPackagesTest {
  @Test
  void noOtherModuleImportsTheseInternals() {
    ModuleBoundaries.assertInternalsStayPrivate("priwatt-crypto", "crypto");
  }
}
