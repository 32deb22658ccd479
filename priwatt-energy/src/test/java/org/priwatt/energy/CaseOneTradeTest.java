package org.priwatt.energy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.priwatt.crypto.EcKey;
import org.priwatt.msg.Identity;

/**
 * The Case 1 acceptance scenario ({@link CaseOneScenario}) on the in-memory ledger with real
 * script validation, plus a regression for several sessions sharing one node.
 */
class CaseOneTradeTest extends CaseOneScenario {

  /** Regression: every session on a node hears the DSO's notices; each must keep only its own. */
  @Test
  void sessionsOnOneNodeEachTakeOnlyTheirOwnSecrets() throws Exception {
    EcKey k1 = EcKey.generate();
    EcKey k2 = EcKey.generate();
    Identity m1 = identity();
    Identity m2 = identity();
    ProsumerSession s1 = new ProsumerSession(ctx(bobNode), m1, k1);
    ProsumerSession s2 = new ProsumerSession(ctx(bobNode), m2, k2);
    IssuedSecrets i1 = dso.recordInjection(new EnergyInjection(k1.publicKey(), m1.address(), EnergyAmount.ofWattHours(1_000), now()),
        m1.publicIdentity());
    IssuedSecrets i2 = dso.recordInjection(new EnergyInjection(k2.publicKey(), m2.address(), EnergyAmount.ofWattHours(2_000), now()),
        m2.publicIdentity());
    await("both notices", () -> s1.state() == ProsumerSession.State.READY && s2.state() == ProsumerSession.State.READY, () -> {});
    assertThat(s1.entry()).contains(i1.entryId());
    assertThat(s2.entry()).contains(i2.entryId());
  }
}
