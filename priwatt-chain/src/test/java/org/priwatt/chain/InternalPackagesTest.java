package org.priwatt.chain;

import org.junit.jupiter.api.Test;
import org.priwatt.crypto.testing.ModuleBoundaries;

/** No other module may import {@code org.priwatt.chain...internal}. */
class InternalPackagesTest {
  @Test
  void noOtherModuleImportsTheseInternals() {
    ModuleBoundaries.assertInternalsStayPrivate("priwatt-chain", "chain");
  }
}
