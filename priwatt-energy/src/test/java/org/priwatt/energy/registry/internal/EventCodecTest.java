package org.priwatt.energy.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.priwatt.energy.CodecChecks.failureOf;
import static org.priwatt.energy.CodecChecks.replaceLong;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.priwatt.chain.Amount;
import org.priwatt.crypto.Hex;
import org.priwatt.energy.ByteString;
import org.priwatt.energy.ChannelId;
import org.priwatt.energy.CodecChecks;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.EnergyError;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.EnergyLimits;
import org.priwatt.energy.EnergySecret;
import org.priwatt.energy.EntryId;
import org.priwatt.energy.RequestId;
import org.priwatt.energy.Samples;
import org.priwatt.energy.ledger.EscrowTerms;
import org.priwatt.energy.registry.DsoRegistry;
import org.priwatt.energy.registry.EnergyInjection;
import org.priwatt.energy.registry.EscrowLock;
import org.priwatt.energy.registry.PartLock;
import org.priwatt.energy.registry.RegistryEvent;
import org.priwatt.script.ChannelScript;

/**
 * The write-ahead log's event format, kind by kind: round trips with every secret, cuts and
 * single-byte corruptions refused with a typed error, bounds and lock terms checked although the
 * records come from the DSO's own log, and no secret in {@code toString}.
 */
class EventCodecTest {
  private static final long INJECTED_MWH = 7_654_321L;
  private static final long PRICE = 123_456_789L;
  private static final long CAPACITY = 918_273_645L;

  private static EnergyInjection injection(long mwh, long time) {
    return new EnergyInjection(Samples.key().publicKey(), Samples.identity().address(),
        EnergyAmount.ofMilliwattHours(mwh), time);
  }

  private static EscrowLock lock(EntryId entry, long price, long fee, long at, long expiry) {
    return new EscrowLock(new EscrowTerms(entry, Samples.lockId(), Samples.escrow(), Amount.ofSat(price),
        Amount.ofSat(fee)), at, expiry);
  }

  private static RequestId id() {
    return RequestId.random(Samples.RANDOM);
  }

  /** One event of every kind (Decided twice: freezing and not). */
  static List<RegistryEvent> samples() {
    EntryId e = Samples.entryId();
    long t = Samples.T0;
    return List.of(
        new RegistryEvent.Injected(t, injection(INJECTED_MWH, t - 60), Samples.secret(), Samples.secret()),
        new RegistryEvent.Locked(t + 1, id(), e, lock(e, PRICE, 1_000, t + 1, t + 3601)),
        new RegistryEvent.Unlocked(t + 2, id(), e),
        new RegistryEvent.Renewed(t + 3, id(), e, Samples.secret()),
        new RegistryEvent.Transferred(t + 4, id(), e, Samples.lockId(), Samples.outPoint(),
            ByteString.of(Samples.bytes(372)), injection(INJECTED_MWH + 1, t + 4), Samples.secret(), Samples.secret()),
        new RegistryEvent.Split(t + 5, id(), e, List.of(Samples.secret(), Samples.secret(), Samples.secret()),
            List.of(Samples.secret(), Samples.secret(), Samples.secret()), List.of(EnergyAmount.ofMilliwattHours(4),
                EnergyAmount.ofMilliwattHours(3), EnergyAmount.ofMilliwattHours(3))),
        new RegistryEvent.Decided(t + 6, id(), e, Samples.lockId(), Samples.outPoint(), 10_000, false),
        new RegistryEvent.Decided(t + 7, id(), e, Samples.lockId(), Samples.outPoint(), 2_500, true),
        new RegistryEvent.ChannelLocked(t + 8, id(), e, partLock(t + 8, CAPACITY), secrets(2), secrets(2),
            List.of(EnergyAmount.ofMilliwattHours(5), EnergyAmount.ofMilliwattHours(4))),
        new RegistryEvent.ChannelTransferred(t + 9, id(), e, injection(INJECTED_MWH + 2, t + 9), Samples.secret(),
            Samples.secret()));
  }

  private static PartLock partLock(long at, long capacity) {
    return new PartLock(ChannelId.random(Samples.RANDOM), ChannelScript.of(Samples.key().publicKey(),
        Samples.key().publicKey(), 2_000), Amount.ofSat(capacity), at, at + 3600, 2_150);
  }

  private static RegistryEvent decode(byte[] b) throws EnergyException {
    return CodecChecks.decoder("event", EventCodec.INSTANCE).decode(b);
  }

  private static List<EnergySecret> secrets(int n) {
    return java.util.stream.Stream.generate(Samples::secret).limit(n).toList();
  }

  // ------------------------------------------------------------------ round trips

  @Provide
  Arbitrary<RegistryEvent> events() {
    Arbitrary<Long> time = Arbitraries.longs().between(0, Long.MAX_VALUE);
    Arbitrary<Long> energy = Arbitraries.longs().between(1, EnergyLimits.MAX_ENTRY_MWH);
    Arbitrary<RegistryEvent> injected = Combinators.combine(time, energy, time)
        .as((t, e, at) -> new RegistryEvent.Injected(t, injection(e, at), Samples.secret(), Samples.secret()));
    Arbitrary<RegistryEvent> locked = Combinators.combine(time, Arbitraries.longs().between(546,
            EnergyLimits.MAX_MONEY_SAT), Arbitraries.longs().between(0, 1L << 40))
        .as((t, price, d) -> {
          EntryId e = Samples.entryId();
          long fee = (price - 546) / 3;
          return new RegistryEvent.Locked(t, id(), e, lock(e, price, fee, t, t + Math.min(d, Long.MAX_VALUE - t)));
        });
    Arbitrary<RegistryEvent> unlocked = time.map(t -> new RegistryEvent.Unlocked(t, id(), Samples.entryId()));
    Arbitrary<RegistryEvent> renewed = time.map(t -> new RegistryEvent.Renewed(t, id(), Samples.entryId(),
        Samples.secret()));
    Arbitrary<RegistryEvent> transferred = Combinators.combine(time, energy,
            Arbitraries.bytes().array(byte[].class).ofMaxSize(2_000))
        .as((t, e, release) -> new RegistryEvent.Transferred(t, id(), Samples.entryId(), Samples.lockId(),
            Samples.outPoint(), ByteString.of(release), injection(e, t), Samples.secret(), Samples.secret()));
    Arbitrary<RegistryEvent> split = Combinators.combine(time, energy.list().ofMinSize(2).ofMaxSize(DsoRegistry.MAX_SPLIT))
        .as((t, shares) -> new RegistryEvent.Split(t, id(), Samples.entryId(),
            secrets(shares.size()), secrets(shares.size()), shares.stream().map(EnergyAmount::ofMilliwattHours).toList()));
    Arbitrary<RegistryEvent> decided = Combinators.combine(time, Arbitraries.integers().between(0, 10_000),
            Arbitraries.of(true, false))
        .as((t, share, freezes) -> new RegistryEvent.Decided(t, id(), Samples.entryId(), Samples.lockId(),
            Samples.outPoint(), share, freezes));
    Arbitrary<RegistryEvent> channelLocked = Combinators.combine(Arbitraries.longs().between(0, 1L << 40),
            energy.list().ofMinSize(1).ofMaxSize(DsoRegistry.MAX_SPLIT))
        .as((t, shares) -> new RegistryEvent.ChannelLocked(t, id(), Samples.entryId(), partLock(t, CAPACITY),
            secrets(shares.size()), secrets(shares.size()), shares.stream().map(EnergyAmount::ofMilliwattHours).toList()));
    Arbitrary<RegistryEvent> channelTransferred = Combinators.combine(time, energy)
        .as((t, e) -> new RegistryEvent.ChannelTransferred(t, id(), Samples.entryId(), injection(e, t),
            Samples.secret(), Samples.secret()));
    return Arbitraries.oneOf(injected, locked, unlocked, renewed, transferred, split, decided, channelLocked,
        channelTransferred);
  }

  @Property(tries = 300)
  void everyEventRoundTripsWithItsSecrets(@ForAll("events") RegistryEvent e) throws Exception {
    byte[] enc = EventCodec.INSTANCE.encode(e);
    RegistryEvent back = decode(enc);
    assertThat(back).isEqualTo(e);
    assertThat(EventCodec.INSTANCE.encode(back)).isEqualTo(enc);
  }

  @Test
  void noEventShowsASecret() {
    for (RegistryEvent e : samples()) {
      List<EnergySecret> secrets = new ArrayList<>();
      if (e instanceof RegistryEvent.Injected i) {
        secrets.addAll(List.of(i.lambda(), i.lockSecret()));
      } else if (e instanceof RegistryEvent.Renewed r) {
        secrets.add(r.newLockSecret());
      } else if (e instanceof RegistryEvent.Transferred t) {
        secrets.addAll(List.of(t.buyerLambda(), t.buyerLockSecret()));
      } else if (e instanceof RegistryEvent.Split s) {
        secrets.addAll(s.ownershipSecrets());
        secrets.addAll(s.lockSecrets());
      } else if (e instanceof RegistryEvent.ChannelLocked c) {
        secrets.addAll(c.ownershipSecrets());
        secrets.addAll(c.lockSecrets());
      } else if (e instanceof RegistryEvent.ChannelTransferred c) {
        secrets.addAll(List.of(c.clientLambda(), c.clientLockSecret()));
      }
      for (EnergySecret s : secrets) {
        assertThat(e.toString()).doesNotContain(Hex.encode(s.copyBytes()));
      }
    }
  }

  // ------------------------------------------------------------------ hostile bytes

  @Test
  void aCutAtEveryOffsetOfEveryKindIsTyped() {
    for (RegistryEvent e : samples()) {
      CodecChecks.everyTruncationIsTyped(e.getClass().getSimpleName(), EventCodec.INSTANCE.encode(e),
          EventCodecTest::decode);
    }
  }

  @Test
  void everySingleByteCorruptionIsTypedOrCanonical() {
    for (RegistryEvent e : samples()) {
      CodecChecks.everyCorruptionIsTypedOrCanonical(e.getClass().getSimpleName(), EventCodec.INSTANCE.encode(e),
          EventCodecTest::decode, EventCodec.INSTANCE::encode, CodecChecks.MASKS);
    }
  }

  @Test
  void valuesOutsideTheBoundsAreOutOfRange() {
    List<RegistryEvent> s = samples();
    byte[] injected = EventCodec.INSTANCE.encode(s.get(0));
    byte[] transferred = EventCodec.INSTANCE.encode(s.get(4));
    for (long mwh : new long[] {0, -1, EnergyLimits.MAX_ENTRY_MWH + 1, Long.MAX_VALUE}) {
      assertThat(failureOf(() -> decode(replaceLong(injected, INJECTED_MWH, mwh)))).as("%d mWh", mwh)
          .isEqualTo(EnergyError.OUT_OF_RANGE);
      assertThat(failureOf(() -> decode(replaceLong(transferred, INJECTED_MWH + 1, mwh)))).as("%d mWh", mwh)
          .isEqualTo(EnergyError.OUT_OF_RANGE);
    }
    byte[] locked = EventCodec.INSTANCE.encode(s.get(1));
    for (long sat : new long[] {0, -1, EnergyLimits.MAX_MONEY_SAT + 1, Long.MAX_VALUE}) {
      assertThat(failureOf(() -> decode(replaceLong(locked, PRICE, sat)))).as("price %d", sat)
          .isEqualTo(EnergyError.OUT_OF_RANGE);
    }
    byte[] split = EventCodec.INSTANCE.encode(s.get(5));
    assertThat(failureOf(() -> decode(replaceLong(split, 4, EnergyLimits.MAX_ENTRY_MWH + 1))))
        .isEqualTo(EnergyError.OUT_OF_RANGE);
    assertThat(failureOf(() -> decode(replaceLong(split, 4, 0)))).isEqualTo(EnergyError.OUT_OF_RANGE);
    assertThat(failureOf(() -> decode(replaceLong(injected, Samples.T0, -1)))).isEqualTo(EnergyError.OUT_OF_RANGE);
  }

  @Test
  void lockTermsAndCountsAreChecked() {
    List<RegistryEvent> s = samples();
    byte[] locked = EventCodec.INSTANCE.encode(s.get(1));
    // A fee leaving less than the smallest payout, and an expiry before the lock time.
    assertThat(failureOf(() -> decode(replaceLong(locked, 1_000, PRICE)))).isEqualTo(EnergyError.MALFORMED);
    assertThat(failureOf(() -> decode(replaceLong(locked, Samples.T0 + 3601, Samples.T0))))
        .isEqualTo(EnergyError.MALFORMED);

    byte[] split = EventCodec.INSTANCE.encode(s.get(5));
    int countAt = 1 + 8 + 16 + 32;
    for (int n : new int[] {0, 1, DsoRegistry.MAX_SPLIT + 1}) {
      byte[] bad = split.clone();
      bad[countAt] = (byte) n;
      assertThat(failureOf(() -> decode(bad))).as("%d parts", n).isEqualTo(EnergyError.MALFORMED);
    }
    byte[] channel = EventCodec.INSTANCE.encode(s.get(8));
    int partsAt = 1 + 8 + 16 + 32 + 16 + 33 + 33 + 5 * 8;
    for (int n : new int[] {0, DsoRegistry.MAX_SPLIT + 1}) {
      byte[] bad = channel.clone();
      bad[partsAt] = (byte) n;
      assertThat(failureOf(() -> decode(bad))).as("%d channel parts", n).isEqualTo(EnergyError.MALFORMED);
    }
    assertThat(failureOf(() -> decode(replaceLong(channel, 2_150, 2_000)))).as("expiry at the refund height")
        .isEqualTo(EnergyError.MALFORMED);
    assertThat(failureOf(() -> decode(replaceLong(channel, CAPACITY, 0)))).isEqualTo(EnergyError.OUT_OF_RANGE);

    byte[] decided = EventCodec.INSTANCE.encode(s.get(7));
    int shareAt = decided.length - 3;
    byte[] share = decided.clone();
    share[shareAt] = (byte) (10_001 >>> 8);
    share[shareAt + 1] = (byte) 10_001;
    assertThat(failureOf(() -> decode(share))).isEqualTo(EnergyError.MALFORMED);
    byte[] flag = decided.clone();
    flag[decided.length - 1] = 2;
    assertThat(failureOf(() -> decode(flag))).isEqualTo(EnergyError.MALFORMED);
    for (int type : new int[] {0, 10, 0xff}) {
      byte[] t = decided.clone();
      t[0] = (byte) type;
      assertThat(failureOf(() -> decode(t))).as("type %d", type).isEqualTo(EnergyError.UNKNOWN_KIND);
    }
    assertThat(failureOf(() -> decode(Arrays.copyOf(decided, decided.length + 1)))).isEqualTo(EnergyError.MALFORMED);
    assertThat(failureOf(() -> decode(new byte[EventCodec.INSTANCE.maxSize() + 1]))).isEqualTo(EnergyError.OVERSIZED);
  }
}
