package org.priwatt.node.role.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.priwatt.crypto.EcKey;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.EnergyError;
import org.priwatt.energy.EnergyException;

/**
 * The DSO's gate on meter readings, adversarially: strangers, forged and altered signatures,
 * replays and old readings (also after a restart), overlapping and future intervals, the rate
 * limit spent only by authentic readings, and a state it cannot save or read.
 */
class MeterAuthenticatorTest {
  private static final long NOW = 1_750_000_000L;
  private final EcKey meter = EcKey.generate();
  private final MeterReading.Context context = MeterReadingTest.context();
  @TempDir
  Path tmp;

  private MeterAuthenticator open() throws EnergyException {
    return MeterAuthenticator.open(Set.of(meter.publicKey().withCompression(true)), tmp.resolve("meters.txt"),
        tmp.resolve("meters.state"), () -> NOW);
  }

  private MeterReading reading(EcKey by, long seq, long start, long end) {
    return MeterReading.sign(by, context, seq, start, end, EcKey.generate().publicKey(), EnergyAmount.ofWattHours(500));
  }

  private Optional<MeterRefusal> admit(MeterAuthenticator a, MeterReading r) {
    return a.admit(r, context, () -> true);
  }

  @Test
  void anHonestMetersReadingsAreAdmittedInOrder() throws Exception {
    MeterAuthenticator a = open();
    assertThat(admit(a, reading(meter, 1, NOW - 120, NOW - 60))).isEmpty();
    assertThat(admit(a, reading(meter, 2, NOW - 60, NOW))).isEmpty();
    assertThat(admit(a, reading(meter, 10, NOW, NOW + 5))).isEmpty();
  }

  @Test
  void aStrangersKeyIsRefused() throws Exception {
    assertThat(admit(open(), reading(EcKey.generate(), 1, NOW - 60, NOW))).contains(MeterRefusal.UNREGISTERED);
  }

  @Test
  void aRegisteredKeyWithAnotherKeysSignatureIsRefused() throws Exception {
    MeterReading forged = reading(EcKey.generate(), 1, NOW - 60, NOW);
    MeterReading claimed = new MeterReading(meter.publicKey(), forged.sequence(), forged.intervalStart(),
        forged.intervalEnd(), forged.ownerKey(), forged.energy(), forged.signature());
    assertThat(admit(open(), claimed)).contains(MeterRefusal.BAD_SIGNATURE);
  }

  @Test
  void aReadingAlteredAfterSigningOrSentFromAnotherSessionIsRefused() throws Exception {
    MeterReading r = reading(meter, 1, NOW - 60, NOW);
    MeterReading more = new MeterReading(r.meterKey(), r.sequence(), r.intervalStart(), r.intervalEnd(), r.ownerKey(),
        EnergyAmount.ofWattHours(900), r.signature());
    MeterReading mine = new MeterReading(r.meterKey(), r.sequence(), r.intervalStart(), r.intervalEnd(),
        EcKey.generate().publicKey(), r.energy(), r.signature());
    MeterAuthenticator a = open();
    assertThat(admit(a, more)).contains(MeterRefusal.BAD_SIGNATURE);
    assertThat(admit(a, mine)).contains(MeterRefusal.BAD_SIGNATURE);
    MeterReading.Context relayed = new MeterReading.Context(context.network(), context.magic(), context.dso(),
        MeterReadingTest.context().session());
    assertThat(a.admit(r, relayed, () -> true)).contains(MeterRefusal.BAD_SIGNATURE);
    // None of them used up the sequence number.
    assertThat(admit(a, r)).isEmpty();
  }

  @Test
  void aReplayOrAnOlderSequenceIsRefusedAlsoAfterARestart() throws Exception {
    MeterReading first = reading(meter, 5, NOW - 120, NOW - 60);
    MeterReading second = reading(meter, 6, NOW - 60, NOW);
    MeterAuthenticator a = open();
    assertThat(admit(a, first)).isEmpty();
    assertThat(admit(a, second)).isEmpty();
    assertThat(admit(a, second)).contains(MeterRefusal.REPLAYED);
    assertThat(admit(a, first)).contains(MeterRefusal.REPLAYED);
    assertThat(admit(a, reading(meter, 4, NOW, NOW + 1))).contains(MeterRefusal.REPLAYED);

    MeterAuthenticator restarted = open();
    assertThat(admit(restarted, second)).contains(MeterRefusal.REPLAYED);
    assertThat(admit(restarted, first)).contains(MeterRefusal.REPLAYED);
    assertThat(admit(restarted, reading(meter, 7, NOW, NOW + 1))).isEmpty();
  }

  @Test
  void anOverlappingEarlierOrFutureIntervalIsRefused() throws Exception {
    MeterAuthenticator a = open();
    assertThat(admit(a, reading(meter, 1, NOW - 60, NOW))).isEmpty();
    assertThat(admit(a, reading(meter, 2, NOW - 30, NOW + 30))).contains(MeterRefusal.OVERLAPPING);
    assertThat(admit(a, reading(meter, 3, NOW - 600, NOW - 300))).contains(MeterRefusal.OVERLAPPING);
    assertThat(admit(a, reading(meter, 4, NOW, NOW + MeterAuthenticator.MAX_FUTURE_SECONDS + 1)))
        .contains(MeterRefusal.FUTURE);
    assertThat(open().admit(reading(meter, 5, NOW, NOW + 60), context, () -> true)).isEmpty();
  }

  @Test
  void onlyAuthenticFreshReadingsSpendTheRateAndARateLimitedOneMayComeAgain() throws Exception {
    MeterAuthenticator a = open();
    AtomicInteger asked = new AtomicInteger();
    assertThat(a.admit(reading(EcKey.generate(), 1, NOW - 60, NOW), context, () -> asked.incrementAndGet() > 0))
        .contains(MeterRefusal.UNREGISTERED);
    assertThat(asked).hasValue(0);
    MeterReading r = reading(meter, 1, NOW - 60, NOW);
    assertThat(a.admit(r, context, () -> false)).contains(MeterRefusal.RATE_LIMITED);
    assertThat(admit(a, r)).isEmpty();
  }

  @Test
  void aMeterListedOrRemovedInTheFileLaterCountsAtOnceAndABadEditKeepsThePreviousList() throws Exception {
    MeterAuthenticator a = open();
    EcKey added = EcKey.generate();
    assertThat(admit(a, reading(added, 1, NOW - 60, NOW))).contains(MeterRefusal.UNREGISTERED);
    Path list = tmp.resolve("meters.txt");
    Files.writeString(list, org.priwatt.crypto.Hex.encode(added.publicKey().withCompression(true).encoded()) + "\n");
    assertThat(admit(a, reading(added, 1, NOW - 60, NOW))).isEmpty();
    assertThat(a.registered()).isEqualTo(2);
    Files.writeString(list, Files.readString(list) + "not a key\n");
    Files.setLastModifiedTime(list, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 10_000));
    assertThat(admit(a, reading(added, 2, NOW, NOW + 1))).isEmpty();
    assertThat(admit(a, reading(EcKey.generate(), 1, NOW - 60, NOW))).contains(MeterRefusal.UNREGISTERED);
    // Removed from the file: refused from the next reading on.
    Files.writeString(list, "# none\n");
    Files.setLastModifiedTime(list, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 20_000));
    assertThat(admit(a, reading(added, 3, NOW + 1, NOW + 2))).contains(MeterRefusal.UNREGISTERED);
    assertThat(a.registered()).isEqualTo(1);
    Files.writeString(list, "not a key\n");
    // A file that is bad at the start stops the DSO instead.
    assertThatThrownBy(this::open).isInstanceOf(EnergyException.class)
        .extracting(e -> ((EnergyException) e).failure()).isEqualTo(EnergyError.MALFORMED);
  }

  @Test
  void aStateThatCannotBeSavedRefusesTheReading() throws Exception {
    MeterAuthenticator a = MeterAuthenticator.open(Set.of(meter.publicKey()), tmp.resolve("meters.txt"),
        tmp.resolve("missing").resolve("s"), () -> NOW);
    assertThat(admit(a, reading(meter, 1, NOW - 60, NOW))).contains(MeterRefusal.STORAGE);
  }

  @Test
  void aDamagedStateFileStopsTheDsoInsteadOfForgettingSequences() throws Exception {
    MeterAuthenticator a = open();
    assertThat(admit(a, reading(meter, 1, NOW - 60, NOW))).isEmpty();
    Path f = tmp.resolve("meters.state");
    String text = Files.readString(f);
    assertThat(text).contains(" 1 " + NOW);
    for (String bad : new String[] {text + "zz 1 2\n", text.replace(" 1 " + NOW, " x " + NOW),
        text.replace(" 1 " + NOW, " 1"), text + text.lines().skip(1).findFirst().orElseThrow() + "\n"}) {
      Files.writeString(f, bad);
      assertThatThrownBy(this::open).isInstanceOf(EnergyException.class)
          .extracting(e -> ((EnergyException) e).failure()).isEqualTo(EnergyError.CORRUPT_LOG);
    }
  }
}
