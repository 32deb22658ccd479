package org.priwatt.energy;

import org.junit.jupiter.api.Test;
import org.priwatt.crypto.testing.ModuleBoundaries;

/** No other module may import {@code org.priwatt.energy...internal}. */
class InternalPackagesTest {
  @Test
  void noOtherModuleImportsTheseInternals() {
    ModuleBoundaries.assertInternalsStayPrivate("priwatt-energy", "energy");
  }
}
