package org.priwatt.energy.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.TxId;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.Hex;
import org.priwatt.energy.ChannelId;
import org.priwatt.energy.CodecChecks;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.EnergyError;
import org.priwatt.energy.EnergyLimits;
import org.priwatt.energy.EnergySecret;
import org.priwatt.energy.EntryId;
import org.priwatt.energy.Samples;
import org.priwatt.msg.BitmessageAddress;
import org.priwatt.script.ChannelScript;
import org.priwatt.script.EscrowKeys;

/**
 * The registry request format, kind by kind: round trips keep the MAC and signature valid, a cut
 * at any offset and any single-byte corruption are refused with a typed error (and a corruption
 * that decodes no longer authenticates), and values outside the SDK's bounds are refused as
 * {@link EnergyError#OUT_OF_RANGE}.
 */
class RegistryRequestCodecTest {
  private static final EcKey DSO = Samples.key();
  private static final EcKey SELLER = Samples.key();
  private static final EcKey BUYER = Samples.key();
  private static final EscrowKeys ESCROW = EscrowKeys.of(DSO.publicKey(), SELLER.publicKey(), BUYER.publicKey());
  private static final EnergySecret Z = Samples.secret();
  private static final EnergySecret LAMBDA = Samples.secret();
  private static final EntryId ENTRY = LAMBDA.entryId();
  private static final BitmessageAddress MSG = Samples.identity().address();
  /** A price no other field of the samples holds, so its bytes can be found and replaced. */
  private static final long PRICE = 123_456_789L;
  private static final long FEE = 1_234L;
  private static final long CAPACITY = 987_654_321L;
  private static final long REFUND_HEIGHT = 4_321_001L;
  private static final ChannelId CHANNEL = ChannelId.random(Samples.RANDOM);
  private static final ChannelScript CHANNEL_SCRIPT = ChannelScript.of(SELLER.publicKey(), BUYER.publicKey(),
      REFUND_HEIGHT);

  /** One request of every kind (Testify twice: with and without an escrow). */
  static List<RegistryRequest> samples() {
    long t = Samples.T0;
    return List.of(
        RegistryRequest.Testify.create(ENTRY, SELLER.publicKey(), EnergyAmount.ofWattHours(7), Optional.of(ESCROW), t,
            Samples.RANDOM),
        RegistryRequest.Testify.create(ENTRY, SELLER.publicKey(), EnergyAmount.ZERO, Optional.empty(), t,
            Samples.RANDOM),
        RegistryRequest.Lock.create(Z, ENTRY, 3, t, ESCROW, Amount.ofSat(PRICE), Amount.ofSat(FEE), Samples.RANDOM),
        RegistryRequest.Unlock.create(Z, ENTRY, 4, t, Samples.RANDOM),
        RegistryRequest.Renew.create(Z, ENTRY, 5, t, Samples.RANDOM),
        RegistryRequest.Split.create(Z, ENTRY, 6, t, 4, Samples.RANDOM),
        RegistryRequest.Transfer.create(LAMBDA, BUYER, Samples.lockId(), Samples.outPoint(), MSG, Samples.bytes(71), t,
            Samples.RANDOM),
        RegistryRequest.Dispute.create(BUYER, DisputePolicy.Party.BUYER, ENTRY, Samples.lockId(), Samples.outPoint(),
            "no secret after 1 h: ünïcödé ✓", t, Samples.RANDOM),
        RegistryRequest.ChannelLock.create(Z, ENTRY, 7, t, CHANNEL, CHANNEL_SCRIPT, Amount.ofSat(CAPACITY), 10,
            REFUND_HEIGHT + 6, Samples.RANDOM),
        RegistryRequest.TestifyChannel.create(ENTRY, CHANNEL, BUYER.publicKey(), t, Samples.RANDOM),
        RegistryRequest.ChannelTransfer.create(LAMBDA, BUYER, CHANNEL, MSG, t, Samples.RANDOM));
  }

  /** Whether {@code r}'s proof verifies under the samples' secrets and keys. */
  static boolean authenticates(RegistryRequest r) {
    if (r instanceof RegistryRequest.Lock l) {
      return RequestCodec.verifyMac(l, l.mac(), Z);
    } else if (r instanceof RegistryRequest.Unlock u) {
      return RequestCodec.verifyMac(u, u.mac(), Z);
    } else if (r instanceof RegistryRequest.Renew n) {
      return RequestCodec.verifyMac(n, n.mac(), Z);
    } else if (r instanceof RegistryRequest.Split s) {
      return RequestCodec.verifyMac(s, s.mac(), Z);
    } else if (r instanceof RegistryRequest.Transfer t) {
      return RequestCodec.verifyMac(t, t.mac(), LAMBDA)
          && RequestCodec.verifySignature(t, t.signature(), BUYER.publicKey());
    } else if (r instanceof RegistryRequest.Dispute d) {
      return RequestCodec.verifySignature(d, d.signature(), BUYER.publicKey());
    } else if (r instanceof RegistryRequest.ChannelLock c) {
      return RequestCodec.verifyMac(c, c.mac(), Z);
    } else if (r instanceof RegistryRequest.ChannelTransfer c) {
      return RequestCodec.verifyMac(c, c.mac(), LAMBDA)
          && RequestCodec.verifySignature(c, c.signature(), BUYER.publicKey());
    }
    return true;
  }

  // ------------------------------------------------------------------ round trips

  @Provide
  Arbitrary<RegistryRequest> requests() {
    Arbitrary<Long> time = Arbitraries.longs().between(0, Long.MAX_VALUE);
    Arbitrary<Long> sequence = Arbitraries.longs().between(0, Long.MAX_VALUE);
    Arbitrary<Long> money = Arbitraries.longs().between(1, EnergyLimits.MAX_MONEY_SAT);
    Arbitrary<Long> energy = Arbitraries.longs().between(0, EnergyLimits.MAX_ENTRY_MWH);
    Arbitrary<RegistryRequest> testify = Combinators.combine(time, energy, Arbitraries.of(true, false))
        .as((t, e, withEscrow) -> RegistryRequest.Testify.create(ENTRY, Samples.key().publicKey(),
            EnergyAmount.ofMilliwattHours(e), withEscrow ? Optional.of(Samples.escrow()) : Optional.empty(), t,
            Samples.RANDOM));
    Arbitrary<RegistryRequest> lock = Combinators.combine(time, sequence, money, money)
        .as((t, s, price, fee) -> RegistryRequest.Lock.create(Z, ENTRY, s, t, Samples.escrow(), Amount.ofSat(price),
            Amount.ofSat(fee), Samples.RANDOM));
    Arbitrary<RegistryRequest> unlock = Combinators.combine(time, sequence)
        .as((t, s) -> RegistryRequest.Unlock.create(Z, ENTRY, s, t, Samples.RANDOM));
    Arbitrary<RegistryRequest> renew = Combinators.combine(time, sequence)
        .as((t, s) -> RegistryRequest.Renew.create(Z, ENTRY, s, t, Samples.RANDOM));
    Arbitrary<RegistryRequest> split = Combinators.combine(time, sequence,
            Arbitraries.integers().between(2, DsoRegistry.MAX_SPLIT))
        .as((t, s, parts) -> RegistryRequest.Split.create(Z, ENTRY, s, t, parts, Samples.RANDOM));
    Arbitrary<RegistryRequest> transfer = Combinators.combine(time,
            Arbitraries.bytes().array(byte[].class).ofMaxSize(RegistryRequest.Transfer.MAX_RELEASE_SIGNATURE),
            Arbitraries.longs().between(0, 0xffffffffL))
        .as((t, sig, vout) -> RegistryRequest.Transfer.create(LAMBDA, BUYER, Samples.lockId(),
            OutPoint.of(TxId.fromBytes(Samples.bytes(32)), vout), MSG, sig, t, Samples.RANDOM));
    Arbitrary<RegistryRequest> dispute = Combinators.combine(time, Arbitraries.of(DisputePolicy.Party.values()),
            Arbitraries.strings().ofMaxLength(300).filter(RegistryRequestCodecTest::isWellFormed))
        .as((t, party, evidence) -> RegistryRequest.Dispute.create(BUYER, party, ENTRY, Samples.lockId(),
            Samples.outPoint(), evidence, t, Samples.RANDOM));
    Arbitrary<Long> height = Arbitraries.longs().between(1, ChannelScript.LOCKTIME_THRESHOLD - 1);
    Arbitrary<RegistryRequest> channelLock = Combinators.combine(time, sequence, money, height,
            Arbitraries.integers().between(1, DsoRegistry.MAX_SPLIT), height)
        .as((t, s, capacity, refund, parts, expiry) -> RegistryRequest.ChannelLock.create(Z, ENTRY, s, t,
            ChannelId.random(Samples.RANDOM), ChannelScript.of(Samples.key().publicKey(), BUYER.publicKey(), refund),
            Amount.ofSat(capacity), parts, expiry, Samples.RANDOM));
    Arbitrary<RegistryRequest> testifyChannel = time.map(t -> RegistryRequest.TestifyChannel.create(ENTRY,
        ChannelId.random(Samples.RANDOM), Samples.key().publicKey(), t, Samples.RANDOM));
    Arbitrary<RegistryRequest> channelTransfer = time.map(t -> RegistryRequest.ChannelTransfer.create(LAMBDA, BUYER,
        ChannelId.random(Samples.RANDOM), MSG, t, Samples.RANDOM));
    return Arbitraries.oneOf(testify, lock, unlock, renew, split, transfer, dispute, channelLock, testifyChannel,
        channelTransfer);
  }

  /** Strings without unpaired surrogates: those have no UTF-8 form, so no format can carry them. */
  private static boolean isWellFormed(String s) {
    return s.codePoints().noneMatch(c -> c >= 0xd800 && c <= 0xdfff);
  }

  @Property(tries = 300)
  void everyRequestRoundTripsAndStillAuthenticates(@ForAll("requests") RegistryRequest r) throws Exception {
    byte[] enc = r.encode();
    assertThat(enc.length).isLessThanOrEqualTo(RegistryRequest.MAX_ENCODED);
    RegistryRequest back = RegistryRequest.decode(enc);
    assertThat(back).isEqualTo(r);
    assertThat(back.encode()).isEqualTo(enc);
    assertThat(authenticates(back)).isTrue();
  }

  // ------------------------------------------------------------------ hostile bytes

  @Test
  void aCutAtEveryOffsetOfEveryKindIsTyped() {
    for (RegistryRequest r : samples()) {
      CodecChecks.everyTruncationIsTyped(r.getClass().getSimpleName(), r.encode(), RegistryRequest::decode);
    }
  }

  @Test
  void everySingleByteCorruptionIsTypedOrNoLongerAuthenticates() {
    List<String> forged = new ArrayList<>();
    for (RegistryRequest r : samples()) {
      byte[] enc = r.encode();
      CodecChecks.everyCorruptionIsTypedOrCanonical(r.getClass().getSimpleName(), enc, RegistryRequest::decode,
          RegistryRequest::encode, CodecChecks.MASKS);
      if (r instanceof RegistryRequest.Testify || r instanceof RegistryRequest.TestifyChannel) {
        continue;
      }
      for (int at = 0; at < enc.length; at++) {
        byte[] bad = enc.clone();
        bad[at] ^= 1;
        try {
          if (authenticates(RegistryRequest.decode(bad))) {
            forged.add(r.getClass().getSimpleName() + " flip at " + at);
          }
        } catch (org.priwatt.energy.EnergyException refused) {
          // refused at decoding: fine
        }
      }
    }
    assertThat(forged).as("corruptions that still authenticate").isEmpty();
  }

  @Test
  void valuesOutsideTheBoundsAreOutOfRange() {
    RegistryRequest.Lock lock = (RegistryRequest.Lock) samples().get(2);
    byte[] enc = lock.encode();
    assertThat(failureOf(() -> RegistryRequest.decode(replaceLong(enc, PRICE, EnergyLimits.MAX_MONEY_SAT + 1))))
        .isEqualTo(EnergyError.OUT_OF_RANGE);
    assertThat(failureOf(() -> RegistryRequest.decode(replaceLong(enc, PRICE, 0)))).isEqualTo(EnergyError.OUT_OF_RANGE);
    assertThat(failureOf(() -> RegistryRequest.decode(replaceLong(enc, PRICE, Long.MIN_VALUE))))
        .isEqualTo(EnergyError.OUT_OF_RANGE);
    assertThat(failureOf(() -> RegistryRequest.decode(replaceLong(enc, FEE, EnergyLimits.MAX_MONEY_SAT + 1))))
        .isEqualTo(EnergyError.OUT_OF_RANGE);
    assertThat(failureOf(() -> RegistryRequest.decode(replaceLong(enc, FEE, -1)))).isEqualTo(EnergyError.OUT_OF_RANGE);
    assertThat(failureOf(() -> RegistryRequest.decode(replaceLong(enc, 3, -3)))).as("negative sequence")
        .isEqualTo(EnergyError.OUT_OF_RANGE);
    assertThat(failureOf(() -> RegistryRequest.decode(replaceLong(enc, Samples.T0, -Samples.T0))))
        .as("negative timestamp").isEqualTo(EnergyError.OUT_OF_RANGE);

    byte[] testify = samples().get(0).encode();
    assertThat(failureOf(() -> RegistryRequest.decode(replaceLong(testify, 7_000, EnergyLimits.MAX_ENTRY_MWH + 1))))
        .isEqualTo(EnergyError.OUT_OF_RANGE);
    assertThat(failureOf(() -> RegistryRequest.decode(replaceLong(testify, 7_000, Long.MAX_VALUE))))
        .isEqualTo(EnergyError.OUT_OF_RANGE);
    assertThat(failureOf(() -> RegistryRequest.decode(replaceLong(testify, 7_000, -7_000))))
        .isEqualTo(EnergyError.OUT_OF_RANGE);
  }

  @Test
  void malformedFieldsAreRefusedByName() {
    byte[] split = samples().get(5).encode();
    int partsAt = split.length - 32 - 2;
    for (int parts : new int[] {0, 1, DsoRegistry.MAX_SPLIT + 1, 0xffff}) {
      byte[] bad = split.clone();
      bad[partsAt] = (byte) (parts >>> 8);
      bad[partsAt + 1] = (byte) parts;
      assertThat(failureOf(() -> RegistryRequest.decode(bad))).as("%d parts", parts).isEqualTo(EnergyError.MALFORMED);
    }

    byte[] testify = samples().get(0).encode();
    int ownerAt = 1 + 1 + 16 + 32 + 8;
    byte[] uncompressedPrefix = testify.clone();
    uncompressedPrefix[ownerAt] = 4;
    assertThat(failureOf(() -> RegistryRequest.decode(uncompressedPrefix))).isEqualTo(EnergyError.MALFORMED);
    byte[] badFlag = testify.clone();
    badFlag[ownerAt + 33 + 8] = 2;
    assertThat(failureOf(() -> RegistryRequest.decode(badFlag))).as("escrow flag 2").isEqualTo(EnergyError.MALFORMED);
    // An escrow naming one key twice is not an escrow under the one policy.
    byte[] twice = testify.clone();
    int escrowAt = ownerAt + 33 + 8 + 1;
    System.arraycopy(twice, escrowAt + 2, twice, escrowAt + 2 + 34, 33);
    assertThat(failureOf(() -> RegistryRequest.decode(twice))).isEqualTo(EnergyError.MALFORMED);

    byte[] dispute = samples().get(7).encode();
    int partyAt = 1 + 1 + 16 + 32 + 8 + 16 + 36;
    byte[] badParty = dispute.clone();
    badParty[partyAt] = 2;
    assertThat(failureOf(() -> RegistryRequest.decode(badParty))).isEqualTo(EnergyError.UNKNOWN_KIND);
  }

  @Test
  void aChannelLocksHeightsPartsAndKeysAreChecked() {
    byte[] enc = samples().get(8).encode();
    assertThat(failureOf(() -> RegistryRequest.decode(replaceLong(enc, CAPACITY, 0)))).isEqualTo(EnergyError.OUT_OF_RANGE);
    assertThat(failureOf(() -> RegistryRequest.decode(replaceLong(enc, CAPACITY, EnergyLimits.MAX_MONEY_SAT + 1))))
        .isEqualTo(EnergyError.OUT_OF_RANGE);
    assertThat(failureOf(() -> RegistryRequest.decode(replaceLong(enc, REFUND_HEIGHT, 0))))
        .as("a refund height of 0").isEqualTo(EnergyError.OUT_OF_RANGE);
    assertThat(failureOf(() -> RegistryRequest.decode(replaceLong(enc, REFUND_HEIGHT, ChannelScript.LOCKTIME_THRESHOLD))))
        .as("a refund time, not a height").isEqualTo(EnergyError.OUT_OF_RANGE);
    assertThat(failureOf(() -> RegistryRequest.decode(replaceLong(enc, REFUND_HEIGHT + 6, -1))))
        .as("a negative expiry").isEqualTo(EnergyError.OUT_OF_RANGE);
    int partsAt = enc.length - 32 - 8 - 2;
    for (int parts : new int[] {0, DsoRegistry.MAX_SPLIT + 1, 0xffff}) {
      byte[] bad = enc.clone();
      bad[partsAt] = (byte) (parts >>> 8);
      bad[partsAt + 1] = (byte) parts;
      assertThat(failureOf(() -> RegistryRequest.decode(bad))).as("%d parts", parts).isEqualTo(EnergyError.MALFORMED);
    }
    // The client's key in the server's place: a channel needs two distinct keys.
    int serverAt = 1 + 1 + 16 + 32 + 8 + 8 + 16;
    byte[] sameKeys = enc.clone();
    System.arraycopy(enc, serverAt + 33, sameKeys, serverAt, 33);
    assertThat(failureOf(() -> RegistryRequest.decode(sameKeys))).isEqualTo(EnergyError.MALFORMED);
  }

  @Test
  void headerVersionKindAndSizeAreChecked() {
    byte[] enc = samples().get(3).encode();
    byte[] v1 = enc.clone();
    v1[0] = 1;
    assertThat(failureOf(() -> RegistryRequest.decode(v1))).isEqualTo(EnergyError.UNSUPPORTED_VERSION);
    for (int kind : new int[] {0, 11, 0xff}) {
      byte[] k = enc.clone();
      k[1] = (byte) kind;
      assertThat(failureOf(() -> RegistryRequest.decode(k))).as("kind %d", kind).isEqualTo(EnergyError.UNKNOWN_KIND);
    }
    assertThat(failureOf(() -> RegistryRequest.decode(Arrays.copyOf(enc, enc.length + 1))))
        .isEqualTo(EnergyError.MALFORMED);
    assertThat(failureOf(() -> RegistryRequest.decode(new byte[RegistryRequest.MAX_ENCODED + 1])))
        .isEqualTo(EnergyError.OVERSIZED);
  }

  @Test
  void longFieldsAreBoundedWhenDecodedAndWhenCreated() throws Exception {
    RegistryRequest.Dispute longest = RegistryRequest.Dispute.create(BUYER, DisputePolicy.Party.SELLER, ENTRY,
        Samples.lockId(), Samples.outPoint(), "x".repeat(RegistryRequest.MAX_EVIDENCE), Samples.T0, Samples.RANDOM);
    assertThat(RegistryRequest.decode(longest.encode())).isEqualTo(longest);
    assertThatThrownBy(() -> RegistryRequest.Dispute.create(BUYER, DisputePolicy.Party.SELLER, ENTRY, Samples.lockId(),
        Samples.outPoint(), "é".repeat(RegistryRequest.MAX_EVIDENCE / 2 + 1), Samples.T0, Samples.RANDOM))
        .isInstanceOf(IllegalArgumentException.class);
    // A hand-made dispute one byte over the limit does not decode.
    RegistryRequest.Dispute over = new RegistryRequest.Dispute(longest.id(), ENTRY, Samples.T0, longest.lock(),
        longest.funding(), DisputePolicy.Party.SELLER, "x".repeat(RegistryRequest.MAX_EVIDENCE + 1),
        longest.signature());
    assertThat(failureOf(() -> RegistryRequest.decode(over.encode()))).isEqualTo(EnergyError.MALFORMED);

    RegistryRequest.Transfer t = (RegistryRequest.Transfer) samples().get(6);
    RegistryRequest.Transfer longSig = new RegistryRequest.Transfer(t.id(), t.entry(), t.timestamp(), t.lock(),
        t.funding(), t.buyerMsg(), org.priwatt.energy.ByteString.of(new byte[74]), t.mac(), t.signature());
    assertThat(failureOf(() -> RegistryRequest.decode(longSig.encode()))).isEqualTo(EnergyError.MALFORMED);

    assertThatThrownBy(() -> RegistryRequest.Split.create(Z, ENTRY, 0, Samples.T0, 1, Samples.RANDOM))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RegistryRequest.Unlock.create(Z, ENTRY, -1, Samples.T0, Samples.RANDOM))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aTransfersMacAndSignatureCoverTheSameBytes() {
    RegistryRequest.Transfer t = (RegistryRequest.Transfer) samples().get(6);
    // Each proof stands on its own over the request's fields: neither covers the other.
    RegistryRequest.Transfer otherMac = new RegistryRequest.Transfer(t.id(), t.entry(), t.timestamp(), t.lock(),
        t.funding(), t.buyerMsg(), t.releaseSignature(), org.priwatt.energy.ByteString.of(Samples.bytes(32)),
        t.signature());
    assertThat(RequestCodec.verifySignature(otherMac, otherMac.signature(), BUYER.publicKey())).isTrue();
    assertThat(RequestCodec.verifyMac(otherMac, otherMac.mac(), LAMBDA)).isFalse();
    RegistryRequest.Transfer otherRelease = new RegistryRequest.Transfer(t.id(), t.entry(), t.timestamp(), t.lock(),
        t.funding(), t.buyerMsg(), org.priwatt.energy.ByteString.of(Samples.bytes(72)), t.mac(), t.signature());
    assertThat(RequestCodec.verifySignature(otherRelease, otherRelease.signature(), BUYER.publicKey())).isFalse();
    assertThat(RequestCodec.verifyMac(otherRelease, otherRelease.mac(), LAMBDA)).isFalse();
  }

  @Test
  void aMacMadeWithAnotherSecretOrForAnotherKindDoesNotVerify() {
    RegistryRequest.Unlock unlock = RegistryRequest.Unlock.create(Z, ENTRY, 4, Samples.T0, Samples.RANDOM);
    assertThat(RequestCodec.verifyMac(unlock, unlock.mac(), Samples.secret())).isFalse();
    // The same id, entry, time and sequence as a renewal: the kind byte is covered.
    RegistryRequest.Renew renew = new RegistryRequest.Renew(unlock.id(), ENTRY, Samples.T0, 4, unlock.mac());
    assertThat(RequestCodec.verifyMac(renew, renew.mac(), Z)).isFalse();
    assertThat(RequestCodec.verifyMac(unlock, org.priwatt.energy.ByteString.EMPTY, Z)).isFalse();
    RegistryRequest.Dispute d = (RegistryRequest.Dispute) samples().get(7);
    assertThat(RequestCodec.verifySignature(d, d.signature(), SELLER.publicKey())).isFalse();
    assertThat(Hex.encode(d.encode())).doesNotContain(Hex.encode(Z.copyBytes()));
  }
}
