package org.priwatt.msg;

import org.junit.jupiter.api.Test;
import org.priwatt.crypto.testing.ModuleBoundaries;

/** No class of priwatt-msg exposes a static array another class could rewrite (issue 13). */
class SharedStateTest {
  @Test
  void noWritableStaticArrays() {
    ModuleBoundaries.assertNoSharedStaticArrays("priwatt-msg");
  }
}
