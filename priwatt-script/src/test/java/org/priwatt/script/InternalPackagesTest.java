package org.priwatt.script;

import org.junit.jupiter.api.Test;
import org.priwatt.crypto.testing.ModuleBoundaries;

/** No other module may import {@code org.priwatt.script...internal}. */
class InternalPackagesTest {
  @Test
  void noOtherModuleImportsTheseInternals() {
    ModuleBoundaries.assertInternalsStayPrivate("priwatt-script", "script");
  }
}
