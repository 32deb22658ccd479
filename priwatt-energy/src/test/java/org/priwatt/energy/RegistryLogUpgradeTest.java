package org.priwatt.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.priwatt.energy.internal.LegacyLogs;
import org.priwatt.energy.internal.WriteAheadLog;

/** A version 1 log is never read as if it were v2: it is refused, and converted only on request. */
class RegistryLogUpgradeTest {
  @TempDir Path dir;

  @Test
  void aVersion1LogIsRefusedUntouchedAndUpgradesToTheSameState() throws Exception {
    RegistryFixture f = new RegistryFixture(dir);
    IssuedSecrets s = f.injectForBob(3_000);
    assertThat(f.lock(s, 0, f.escrow(f.alice)).isOk()).isTrue();
    f.injectForBob(1_500);
    List<EnergyEntry> entries = f.registry.entries();
    f.close();
    WriteAheadLog.Recovery current = WriteAheadLog.open(f.log);
    current.log().close();
    Path v1 = dir.resolve("old.wal");
    byte[] v1Bytes = LegacyLogs.v1(current.records());
    Files.write(v1, v1Bytes);

    assertThatThrownBy(() -> open(f, v1)).isInstanceOfSatisfying(RegistryException.class,
        e -> assertThat(e.error()).isEqualTo(RegistryError.UNSUPPORTED_VERSION));
    assertThat(Files.readAllBytes(v1)).isEqualTo(v1Bytes);

    Path v2 = dir.resolve("new.wal");
    assertThat(DsoRegistry.upgradeLog(v1, v2)).isEqualTo(new DsoRegistry.LogUpgrade(3, 0));
    assertThat(Files.readAllBytes(v1)).isEqualTo(v1Bytes);
    try (DsoRegistry r = open(f, v2)) {
      assertThat(r.entries()).isEqualTo(entries);
      assertThat(r.recoveredTailBytes()).isZero();
    }
    assertThatThrownBy(() -> DsoRegistry.upgradeLog(v1, v2)).isInstanceOfSatisfying(RegistryException.class,
        e -> assertThat(e.error()).isEqualTo(RegistryError.STORAGE));
  }

  private static DsoRegistry open(RegistryFixture f, Path log) throws RegistryException {
    return DsoRegistry.builder().log(log).dsoKey(f.dso.publicKey()).ledger(f.ledger).clock(f.now::get).open();
  }
}
