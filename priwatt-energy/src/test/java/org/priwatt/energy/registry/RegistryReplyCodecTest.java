package org.priwatt.energy.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.priwatt.energy.CodecChecks.failureOf;
import static org.priwatt.energy.CodecChecks.replaceLong;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.priwatt.chain.Amount;
import org.priwatt.chain.TxId;
import org.priwatt.script.ChannelScript;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.Hex;
import org.priwatt.energy.ByteString;
import org.priwatt.energy.ChannelId;
import org.priwatt.energy.CodecChecks;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.EnergyError;
import org.priwatt.energy.EnergyLimits;
import org.priwatt.energy.EnergySecret;
import org.priwatt.energy.RequestId;
import org.priwatt.energy.Samples;

/**
 * The registry reply format, kind by kind: round trips (secrets included, never shown by {@code
 * toString}), a cut at any offset and any single-byte corruption refused with a typed error, and
 * out-of-range values refused as {@link EnergyError#OUT_OF_RANGE}.
 */
class RegistryReplyCodecTest {
  private static final EcKey DSO = Samples.key();
  private static final long ENERGY_MWH = 5_000_123L;
  private static final long PRICE = 123_456_789L;
  private static final long FEE = 4_321L;
  private static final long CAPACITY = 918_273_645L;

  static IssuedSecrets secrets(long mwh) {
    EnergySecret lambda = Samples.secret();
    return new IssuedSecrets(lambda, Samples.secret(), EntryCertificate.issue(DSO, lambda.entryId(),
        Samples.key().publicKey(), EnergyAmount.ofMilliwattHours(mwh), Samples.T0));
  }

  /** One reply of every kind (Testimony three times: unknown entry, without and with a lock). */
  static List<RegistryReply> samples() {
    RequestId id = RequestId.random(Samples.RANDOM);
    return List.of(
        new RegistryReply.Refused(id, RegistryError.LOCKED, "entry is locked until 1700003600"),
        new RegistryReply.Issued(RegistryReply.NOTICE, List.of(secrets(ENERGY_MWH))),
        new RegistryReply.Issued(id, List.of(secrets(1), secrets(2), secrets(3))),
        new RegistryReply.LockGranted(id, Samples.lockId(), Samples.T0, Samples.T0 + 3600),
        new RegistryReply.Unlocked(id),
        new RegistryReply.Testimony(id, false, Optional.empty(), Optional.empty()),
        new RegistryReply.Testimony(id, true, Optional.of(EntryStatus.ACTIVE), Optional.empty()),
        new RegistryReply.Testimony(id, true, Optional.of(EntryStatus.LOCKED), Optional.of(new RegistryReply.LockView(
            Samples.lockId(), Amount.ofSat(PRICE), Amount.ofSat(FEE), Samples.T0 + 3600, 6))),
        new RegistryReply.Transferred(id, secrets(ENERGY_MWH), TxId.fromBytes(Samples.bytes(32))),
        new RegistryReply.Decision(id, Samples.lockId(), Samples.outPoint(), 2_500, ByteString.of(Samples.bytes(72))),
        new RegistryReply.Release(id, Samples.lockId(), ByteString.of(Samples.bytes(300))),
        new RegistryReply.ChannelTestimony(id, false, Optional.empty(), List.of()),
        new RegistryReply.ChannelTestimony(id, true, Optional.of(partLock(CAPACITY)), List.of(
            new RegistryReply.PartView(Samples.entryId(), EnergyAmount.ofMilliwattHours(ENERGY_MWH),
                EntryStatus.CHANNEL_LOCKED),
            new RegistryReply.PartView(Samples.entryId(), EnergyAmount.ofMilliwattHours(2), EntryStatus.TRANSFERRED))));
  }

  static PartLock partLock(long capacity) {
    return new PartLock(ChannelId.random(Samples.RANDOM), ChannelScript.of(Samples.key().publicKey(),
        Samples.key().publicKey(), 1_000), Amount.ofSat(capacity), Samples.T0, Samples.T0 + 3600, 1_150);
  }

  // ------------------------------------------------------------------ round trips

  @Provide
  Arbitrary<RegistryReply> replies() {
    Arbitrary<RequestId> id = Arbitraries.create(() -> RequestId.random(Samples.RANDOM));
    Arbitrary<Long> time = Arbitraries.longs().between(0, Long.MAX_VALUE);
    Arbitrary<Long> money = Arbitraries.longs().between(1, EnergyLimits.MAX_MONEY_SAT);
    Arbitrary<Long> energy = Arbitraries.longs().between(1, EnergyLimits.MAX_ENTRY_MWH);
    Arbitrary<RegistryReply> refused = Combinators.combine(id, Arbitraries.of(RegistryError.values()),
            Arbitraries.strings().ofMaxLength(RegistryReply.Refused.MAX_DETAIL).filter(RegistryReplyCodecTest::isWellFormed))
        .as(RegistryReply.Refused::new);
    Arbitrary<RegistryReply> issued = Combinators.combine(id, energy.list().ofMinSize(1).ofMaxSize(4))
        .as((r, mwh) -> new RegistryReply.Issued(r, mwh.stream().map(RegistryReplyCodecTest::secrets).toList()));
    Arbitrary<RegistryReply> granted = Combinators.combine(id, time, Arbitraries.longs().between(0, 1L << 40))
        .as((r, t, d) -> new RegistryReply.LockGranted(r, Samples.lockId(), t, t + Math.min(d, Long.MAX_VALUE - t)));
    Arbitrary<Optional<RegistryReply.LockView>> view = Combinators.combine(money, money, time,
            Arbitraries.integers().between(0, 0xffff))
        .as((p, f, t, c) -> new RegistryReply.LockView(Samples.lockId(), Amount.ofSat(p), Amount.ofSat(f), t, c))
        .optional();
    Arbitrary<RegistryReply> testimony = Combinators.combine(id, Arbitraries.of(true, false),
            Arbitraries.of(EntryStatus.values()).optional(), view)
        .as(RegistryReply.Testimony::new);
    Arbitrary<RegistryReply> transferred = Combinators.combine(id, energy)
        .as((r, e) -> new RegistryReply.Transferred(r, secrets(e), TxId.fromBytes(Samples.bytes(32))));
    Arbitrary<RegistryReply> decision = Combinators.combine(id, Arbitraries.integers().between(0, 10_000),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(73))
        .as((r, share, sig) -> new RegistryReply.Decision(r, Samples.lockId(), Samples.outPoint(), share,
            ByteString.of(sig)));
    Arbitrary<RegistryReply> release = Combinators.combine(id, Arbitraries.bytes().array(byte[].class).ofMaxSize(2_000))
        .as((r, tx) -> new RegistryReply.Release(r, Samples.lockId(), ByteString.of(tx)));
    Arbitrary<RegistryReply.PartView> part = Combinators.combine(energy, Arbitraries.of(EntryStatus.values()))
        .as((e, st) -> new RegistryReply.PartView(Samples.entryId(), EnergyAmount.ofMilliwattHours(e), st));
    Arbitrary<RegistryReply> channelTestimony = Combinators.combine(id, Arbitraries.of(true, false), money,
            part.list().ofMaxSize(RegistryReply.MAX_SECRETS))
        .as((r, holds, capacity, parts) -> parts.isEmpty()
            ? new RegistryReply.ChannelTestimony(r, holds, Optional.empty(), List.of())
            : new RegistryReply.ChannelTestimony(r, holds, Optional.of(partLock(capacity)), parts));
    return Arbitraries.oneOf(refused, issued, granted, id.map(RegistryReply.Unlocked::new), testimony, transferred,
        decision, release, channelTestimony);
  }

  private static boolean isWellFormed(String s) {
    return s.codePoints().noneMatch(c -> c >= 0xd800 && c <= 0xdfff);
  }

  @Property(tries = 300)
  void everyReplyRoundTrips(@ForAll("replies") RegistryReply r) throws Exception {
    byte[] enc = r.encode();
    assertThat(enc.length).isLessThanOrEqualTo(RegistryReply.MAX_ENCODED);
    RegistryReply back = RegistryReply.decode(enc);
    assertThat(back).isEqualTo(r);
    assertThat(back.encode()).isEqualTo(enc);
  }

  @Test
  void repliesWithSecretsNeverShowThem() {
    for (RegistryReply r : samples()) {
      List<IssuedSecrets> held = r instanceof RegistryReply.Issued i ? i.secrets()
          : r instanceof RegistryReply.Transferred t ? List.of(t.secrets()) : List.of();
      for (IssuedSecrets s : held) {
        assertThat(r.toString()).doesNotContain(Hex.encode(s.ownership().copyBytes()))
            .doesNotContain(Hex.encode(s.lock().copyBytes()));
      }
    }
  }

  @Test
  void aLongDetailIsShortenedOnAWholeCharacterAndStillRoundTrips() throws Exception {
    // 255 ASCII characters then an emoji: a cut after 256 UTF-16 units would split its surrogate pair.
    String detail = "x".repeat(RegistryReply.Refused.MAX_DETAIL - 1) + "\uD83D\uDE00 and more";
    RegistryReply.Refused r = new RegistryReply.Refused(RequestId.random(Samples.RANDOM), RegistryError.STALE, detail);
    assertThat(r.detail().length()).isLessThanOrEqualTo(RegistryReply.Refused.MAX_DETAIL);
    assertThat(RegistryReply.decode(r.encode())).isEqualTo(r);
  }

  // ------------------------------------------------------------------ hostile bytes

  @Test
  void aCutAtEveryOffsetOfEveryKindIsTyped() {
    for (RegistryReply r : samples()) {
      CodecChecks.everyTruncationIsTyped(r.getClass().getSimpleName(), r.encode(), RegistryReply::decode);
    }
  }

  @Test
  void everySingleByteCorruptionIsTypedOrCanonical() {
    for (RegistryReply r : samples()) {
      CodecChecks.everyCorruptionIsTypedOrCanonical(r.getClass().getSimpleName(), r.encode(), RegistryReply::decode,
          RegistryReply::encode, CodecChecks.MASKS);
    }
  }

  @Test
  void valuesOutsideTheBoundsAreOutOfRange() {
    List<RegistryReply> s = samples();
    byte[] issued = s.get(1).encode();
    for (long mwh : new long[] {EnergyLimits.MAX_ENTRY_MWH + 1, Long.MAX_VALUE, 0, -1}) {
      assertThat(failureOf(() -> RegistryReply.decode(replaceLong(issued, ENERGY_MWH, mwh)))).as("%d mWh", mwh)
          .isEqualTo(EnergyError.OUT_OF_RANGE);
    }
    byte[] transferred = s.get(8).encode();
    assertThat(failureOf(() -> RegistryReply.decode(replaceLong(transferred, ENERGY_MWH, Long.MAX_VALUE))))
        .isEqualTo(EnergyError.OUT_OF_RANGE);
    byte[] testimony = s.get(7).encode();
    for (long sat : new long[] {EnergyLimits.MAX_MONEY_SAT + 1, Long.MAX_VALUE, Long.MIN_VALUE}) {
      assertThat(failureOf(() -> RegistryReply.decode(replaceLong(testimony, PRICE, sat)))).as("price %d", sat)
          .isEqualTo(EnergyError.OUT_OF_RANGE);
      assertThat(failureOf(() -> RegistryReply.decode(replaceLong(testimony, FEE, sat)))).as("fee %d", sat)
          .isEqualTo(EnergyError.OUT_OF_RANGE);
    }
    assertThat(failureOf(() -> RegistryReply.decode(replaceLong(testimony, PRICE, 0)))).isEqualTo(EnergyError.OUT_OF_RANGE);
    byte[] granted = s.get(3).encode();
    assertThat(failureOf(() -> RegistryReply.decode(replaceLong(granted, Samples.T0, -1))))
        .isEqualTo(EnergyError.OUT_OF_RANGE);
  }

  @Test
  void malformedFieldsAreRefusedByName() {
    List<RegistryReply> s = samples();
    int fields = 1 + 1 + RequestId.LENGTH;
    byte[] refused = s.get(0).encode();
    byte[] unknownCode = refused.clone();
    unknownCode[fields] = (byte) 99;
    assertThat(failureOf(() -> RegistryReply.decode(unknownCode))).isEqualTo(EnergyError.UNKNOWN_KIND);

    byte[] issued = s.get(2).encode();
    for (int n : new int[] {0, RegistryReply.MAX_SECRETS + 1}) {
      byte[] count = issued.clone();
      count[fields] = (byte) n;
      assertThat(failureOf(() -> RegistryReply.decode(count))).as("%d secrets", n).isEqualTo(EnergyError.MALFORMED);
    }
    // λ of the first part with the certificate of the second: the certificate names another entry.
    int part = 32 + 32 + 145;
    byte[] swapped = issued.clone();
    System.arraycopy(issued, fields + 1 + part + 64, swapped, fields + 1 + 64, 145);
    assertThat(failureOf(() -> RegistryReply.decode(swapped))).isEqualTo(EnergyError.MALFORMED);

    byte[] granted = s.get(3).encode();
    byte[] expiryFirst = replaceLong(granted, Samples.T0 + 3600, Samples.T0 - 1);
    assertThat(failureOf(() -> RegistryReply.decode(expiryFirst))).isEqualTo(EnergyError.MALFORMED);

    byte[] testimony = s.get(6).encode();
    byte[] status = testimony.clone();
    status[fields + 1] = (byte) (EntryStatus.values().length + 1);
    assertThat(failureOf(() -> RegistryReply.decode(status))).isEqualTo(EnergyError.UNKNOWN_KIND);

    byte[] channel = s.get(12).encode();
    byte[] noParts = channel.clone();
    int countAt = fields + 2 + 16 + 33 + 33 + 5 * 8;
    noParts[countAt] = 0;
    assertThat(failureOf(() -> RegistryReply.decode(noParts))).isEqualTo(EnergyError.MALFORMED);
    byte[] partStatus = channel.clone();
    partStatus[channel.length - 1] = (byte) EntryStatus.values().length;
    assertThat(failureOf(() -> RegistryReply.decode(partStatus))).isEqualTo(EnergyError.UNKNOWN_KIND);
    assertThat(failureOf(() -> RegistryReply.decode(replaceLong(channel, CAPACITY, 0)))).isEqualTo(EnergyError.OUT_OF_RANGE);
    // Expiry at or below the refund height is no channel lock.
    assertThat(failureOf(() -> RegistryReply.decode(replaceLong(channel, 1_150, 1_000)))).isEqualTo(EnergyError.MALFORMED);

    byte[] decision = s.get(9).encode();
    int shareAt = fields + 16 + 36;
    byte[] share = decision.clone();
    share[shareAt] = (byte) (10_001 >>> 8);
    share[shareAt + 1] = (byte) 10_001;
    assertThat(failureOf(() -> RegistryReply.decode(share))).isEqualTo(EnergyError.MALFORMED);
  }

  @Test
  void headerVersionKindAndSizeAreChecked() {
    byte[] enc = samples().get(4).encode();
    byte[] v1 = enc.clone();
    v1[0] = 1;
    assertThat(failureOf(() -> RegistryReply.decode(v1))).isEqualTo(EnergyError.UNSUPPORTED_VERSION);
    for (int kind : new int[] {0, 10, 0xff}) {
      byte[] k = enc.clone();
      k[1] = (byte) kind;
      assertThat(failureOf(() -> RegistryReply.decode(k))).as("kind %d", kind).isEqualTo(EnergyError.UNKNOWN_KIND);
    }
    assertThat(failureOf(() -> RegistryReply.decode(Arrays.copyOf(enc, enc.length + 1))))
        .isEqualTo(EnergyError.MALFORMED);
    assertThat(failureOf(() -> RegistryReply.decode(new byte[RegistryReply.MAX_ENCODED + 1])))
        .isEqualTo(EnergyError.OVERSIZED);
  }

  @Test
  void everyErrorCodeIsDistinctAndTravels() throws Exception {
    List<Integer> codes = new ArrayList<>();
    for (RegistryError e : RegistryError.values()) {
      assertThat(RegistryError.fromCode(e.code())).contains(e);
      codes.add(e.code());
      RegistryReply r = new RegistryReply.Refused(RequestId.random(Samples.RANDOM), e, e.name());
      assertThat(RegistryReply.decode(r.encode())).isEqualTo(r);
    }
    assertThat(codes).doesNotHaveDuplicates().allMatch(c -> c > 0 && c < 256);
    assertThat(RegistryError.fromCode(0)).isEmpty();
  }
}
