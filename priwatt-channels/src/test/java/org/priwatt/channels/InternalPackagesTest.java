package org.priwatt.channels;

import org.junit.jupiter.api.Test;
import org.priwatt.crypto.testing.ModuleBoundaries;

/** No other module may import {@code org.priwatt.channels...internal}. */
class InternalPackagesTest {
  @Test
  void noOtherModuleImportsTheseInternals() {
    ModuleBoundaries.assertInternalsStayPrivate("priwatt-channels", "channels");
  }
}
