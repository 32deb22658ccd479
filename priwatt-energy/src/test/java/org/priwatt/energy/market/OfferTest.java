package org.priwatt.energy.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.priwatt.energy.CodecChecks.failureOf;
import static org.priwatt.energy.CodecChecks.replaceLong;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.priwatt.chain.Amount;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.Hex;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.energy.CodecChecks;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.EnergyError;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.EnergyLimits;
import org.priwatt.energy.EntryId;
import org.priwatt.energy.Ledgers;
import org.priwatt.energy.Samples;
import org.priwatt.energy.codec.Fields;
import org.priwatt.energy.internal.Signing;
import org.priwatt.energy.registry.EntryCertificate;
import org.priwatt.msg.InventoryHash;
import org.priwatt.msg.MessageContent;
import org.priwatt.msg.MessageNode;
import org.priwatt.msg.PublicIdentity;
import org.priwatt.msg.ReceivedBroadcast;

/**
 * Offers as the board receives them from anyone: authentic (owner-signed, DSO-certified) offers
 * within bounds round trip; everything else, including offers signed correctly around hostile
 * values, is refused at decoding with a typed error and never reaches matching (issue 11, item 4).
 */
class OfferTest {
  static final EcKey DSO = Samples.key();
  static final long PRICE = 10_000;
  static final EnergyAmount FIVE_KWH = EnergyAmount.ofWattHours(5_000);
  static final long POSTED = Samples.T0;
  static final long EXPIRY = Samples.T0 + 3_600;

  private final EcKey owner = Samples.key();
  private final PublicIdentity seller = Samples.identity().publicIdentity();
  private final List<MessageNode> nodes = new ArrayList<>();

  @AfterEach
  void closeNodes() {
    nodes.forEach(MessageNode::close);
  }

  EntryCertificate certificate(EcKey key, long mwh) {
    return EntryCertificate.issue(DSO, Samples.entryId(), key.publicKey(), EnergyAmount.ofMilliwattHours(mwh),
        Samples.T0 - 60);
  }

  Offer offer(long mwh, long pricePerKwh) {
    return Offer.create(certificate(owner, mwh), owner, Amount.ofSat(pricePerKwh), seller, POSTED, EXPIRY);
  }

  /** An offer's bytes with any values, correctly signed by the certified owner: bounds are all that is wrong. */
  byte[] signedOfferBytes(long mwh, long pricePerKwh, long postedAt, long expiry) {
    ByteWriter w = ByteWriter.bigEndian().u8(2);
    EntryCertificate.CODEC.encode(certificate(owner, mwh), w);
    w.i64(pricePerKwh);
    Fields.identity(w, seller);
    w.i64(postedAt).i64(expiry);
    byte[] body = w.toByteArray();
    return ByteWriter.bigEndian().bytes(body).bytes(Signing.sign(owner, "PriWatt offer v2", body)).toByteArray();
  }

  static Offer decode(byte[] b) throws EnergyException {
    return Offer.decode(b, DSO.publicKey());
  }

  // ------------------------------------------------------------------ round trips and totals

  @Property(tries = 300)
  void offersRoundTripExactlyWhenTheirTotalIsWithinTheMoneySupply(
      @ForAll @LongRange(min = 1, max = EnergyLimits.MAX_ENTRY_MWH) long mwh,
      @ForAll @LongRange(min = 1, max = EnergyLimits.MAX_MONEY_SAT) long price,
      @ForAll @LongRange(min = 1, max = EnergyLimits.MAX_OFFER_TTL_SECONDS) long ttl) throws Exception {
    BigInteger total = BigInteger.valueOf(mwh).multiply(BigInteger.valueOf(price)).add(BigInteger.valueOf(999_999))
        .divide(BigInteger.valueOf(1_000_000));
    if (total.compareTo(BigInteger.valueOf(EnergyLimits.MAX_MONEY_SAT)) > 0) {
      assertThatThrownBy(() -> Offer.create(certificate(owner, mwh), owner, Amount.ofSat(price), seller, POSTED,
          POSTED + ttl)).isInstanceOf(IllegalArgumentException.class);
      assertThat(failureOf(() -> decode(signedOfferBytes(mwh, price, POSTED, POSTED + ttl))))
          .isEqualTo(EnergyError.OUT_OF_RANGE);
      return;
    }
    Offer o = Offer.create(certificate(owner, mwh), owner, Amount.ofSat(price), seller, POSTED, POSTED + ttl);
    Offer back = decode(o.encode());
    assertThat(back).isEqualTo(o);
    assertThat(back.encode()).isEqualTo(o.encode());
    assertThat(back.totalPrice().sat()).isEqualTo(total.longValueExact());
  }

  @Test
  void totalPriceIsRoundedUpToTheSatoshi() {
    assertThat(offer(5_000_000, PRICE).totalPrice()).isEqualTo(Amount.ofSat(50_000));
    assertThat(offer(1, 1).totalPrice()).isEqualTo(Amount.ofSat(1));
    assertThat(offer(1_000_001, 1).totalPrice()).isEqualTo(Amount.ofSat(2));
  }

  @Test
  void aTotalWithinTheMoneySupplyIsAcceptedAlthoughPriceTimesMilliwattHoursLeavesALong() throws Exception {
    // 1 GWh at 21 BTC per kWh: the whole money supply; 10^12 mWh × 2.1·10^9 sat overflows a long.
    Offer all = offer(EnergyLimits.MAX_ENTRY_MWH, 2_100_000_000L);
    assertThat(all.totalPrice()).isEqualTo(Amount.ofSat(EnergyLimits.MAX_MONEY_SAT));
    assertThat(decode(all.encode())).isEqualTo(all);
    Offer odd = offer(16_359_840, 563_781_310_628L);
    assertThat(odd.totalPrice()).isEqualTo(Amount.ofSat(9_223_372_036_865L));
    assertThatThrownBy(() -> offer(EnergyLimits.MAX_ENTRY_MWH, 2_100_000_001L))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ------------------------------------------------------------------ authenticity

  @Test
  void onlyTheCertifiedOwnerCanSignAndOnlyTheDsoCanCertify() {
    Offer o = offer(5_000_000, PRICE);
    assertThat(o.isAuthentic(DSO.publicKey())).isTrue();
    assertThat(failureOf(() -> Offer.decode(o.encode(), Samples.key().publicKey()))).isEqualTo(EnergyError.BAD_SIGNATURE);
    EcKey mallory = Samples.key();
    assertThatThrownBy(() -> Offer.create(o.certificate(), mallory, Amount.ofSat(PRICE), seller, POSTED, EXPIRY))
        .isInstanceOf(IllegalArgumentException.class);
    // Mallory copies Bob's certificate into an offer she signs: refused on sight.
    Offer copy = new Offer(o.certificate(), o.pricePerKwh(), Samples.identity().publicIdentity(), POSTED, EXPIRY,
        o.signature());
    assertThat(failureOf(() -> decode(copy.encode()))).isEqualTo(EnergyError.BAD_SIGNATURE);
    // A certificate Mallory made herself names her key, but the DSO did not sign it.
    EntryCertificate forged = EntryCertificate.issue(mallory, o.entry(), mallory.publicKey(), o.energy(), Samples.T0);
    Offer own = Offer.create(forged, mallory, Amount.ofSat(1), seller, POSTED, EXPIRY);
    assertThat(own.isAuthentic(DSO.publicKey())).isFalse();
    assertThat(failureOf(() -> decode(own.encode()))).isEqualTo(EnergyError.BAD_SIGNATURE);
  }

  @Test
  void cutsAndCorruptionsAreTyped() {
    byte[] enc = offer(5_000_000, PRICE).encode();
    assertThat(enc).hasSize(Offer.MAX_ENCODED);
    CodecChecks.everyTruncationIsTyped("offer", enc, OfferTest::decode);
    int decoded = CodecChecks.everyCorruptionIsTypedOrCanonical("offer", enc, OfferTest::decode, Offer::encode,
        0x01, 0x80);
    assertThat(decoded).as("every byte is signed").isZero();
    assertThat(failureOf(() -> decode(java.util.Arrays.copyOf(enc, enc.length + 1)))).isEqualTo(EnergyError.OVERSIZED);
    byte[] v1 = enc.clone();
    v1[0] = 1;
    assertThat(failureOf(() -> decode(v1))).isEqualTo(EnergyError.UNSUPPORTED_VERSION);
  }

  // ------------------------------------------------------------------ bounds (issue 11, item 4)

  @Test
  void theConstructorRefusesValuesOutsideTheBounds() {
    Offer o = offer(5_000_000, PRICE);
    EntryCertificate c = o.certificate();
    for (Runnable bad : List.<Runnable>of(
        () -> new Offer(c, Amount.ZERO, seller, POSTED, EXPIRY, o.signature()),
        () -> new Offer(certificate(owner, EnergyLimits.MAX_ENTRY_MWH), Amount.ofSat(2_100_000_001L), seller, POSTED,
            EXPIRY, o.signature()),
        // more energy than an entry may hold, at a price whose total would still be payable
        () -> new Offer(certificate(owner, EnergyLimits.MAX_ENTRY_MWH + 1), Amount.ofSat(1), seller, POSTED, EXPIRY,
            o.signature()),
        () -> new Offer(certificate(owner, Long.MAX_VALUE), Amount.ofSat(1), seller, POSTED, EXPIRY, o.signature()),
        () -> new Offer(c, o.pricePerKwh(), seller, POSTED, POSTED, o.signature()),
        () -> new Offer(c, o.pricePerKwh(), seller, -1, EXPIRY, o.signature()),
        () -> new Offer(c, o.pricePerKwh(), seller, POSTED, POSTED + EnergyLimits.MAX_OFFER_TTL_SECONDS + 1,
            o.signature()))) {
      assertThatThrownBy(bad::run).isInstanceOf(IllegalArgumentException.class);
    }
  }

  /** Hostile offers, each signed by its certified owner around one value outside the bounds. */
  List<byte[]> hostileOffers() {
    return List.of(
        signedOfferBytes(Long.MAX_VALUE, 1, POSTED, EXPIRY),
        signedOfferBytes(EnergyLimits.MAX_ENTRY_MWH + 1, 1, POSTED, EXPIRY),
        signedOfferBytes(5_000_000, EnergyLimits.MAX_MONEY_SAT + 1, POSTED, EXPIRY),
        signedOfferBytes(5_000_000, Long.MAX_VALUE, POSTED, EXPIRY),
        signedOfferBytes(5_000_000, 0, POSTED, EXPIRY),
        signedOfferBytes(5_000_000, -PRICE, POSTED, EXPIRY),
        // the total exceeds the money supply by far, and by one price step
        signedOfferBytes(EnergyLimits.MAX_ENTRY_MWH, EnergyLimits.MAX_MONEY_SAT, POSTED, EXPIRY),
        signedOfferBytes(EnergyLimits.MAX_ENTRY_MWH, 2_100_000_001L, POSTED, EXPIRY),
        signedOfferBytes(1_000_000, EnergyLimits.MAX_MONEY_SAT + 1, POSTED, EXPIRY),
        signedOfferBytes(5_000_000, PRICE, POSTED, POSTED),
        signedOfferBytes(5_000_000, PRICE, POSTED, POSTED + EnergyLimits.MAX_OFFER_TTL_SECONDS + 1),
        signedOfferBytes(5_000_000, PRICE, -1, EXPIRY),
        signedOfferBytes(5_000_000, PRICE, Long.MIN_VALUE, Long.MAX_VALUE));
  }

  @Test
  void offerOutsideTheBoundsIsRefusedAtDecodeAndNeverReachesMatching() throws Exception {
    // The same signing path accepts a sane offer, so the refusals below are about the bounds only.
    Offer sane = decode(signedOfferBytes(5_000_000, PRICE, POSTED, EXPIRY));
    assertThat(sane.totalPrice()).isEqualTo(Amount.ofSat(50_000));
    List<byte[]> hostile = hostileOffers();
    for (byte[] h : hostile) {
      assertThat(failureOf(() -> decode(h))).as("hostile offer %s", Hex.encode(h).substring(0, 20))
          .isEqualTo(EnergyError.OUT_OF_RANGE);
    }

    MessageNode node = MessageNode.builder("board").build();
    nodes.add(node);
    org.priwatt.msg.Identity boardId = AuctionBoard.boardIdentity(AuctionBoard.DEFAULT_BOARD);
    AuctionBoard board = AuctionBoard.attach(node, boardId, Ledgers.nothingPaid(), DSO.publicKey(), () -> POSTED + 1);
    for (byte[] h : hostile) {
      board.onBroadcast(broadcast(boardId.publicIdentity(), h));
    }
    board.onBroadcast(broadcast(boardId.publicIdentity(), sane.encode()));
    assertThat(board.refused()).isEqualTo(hostile.size());
    assertThat(board.size()).isEqualTo(1);
    assertThat(board.match(EnergyAmount.ZERO, Long.MAX_VALUE)).containsExactly(sane);
  }

  static ReceivedBroadcast broadcast(PublicIdentity from, byte[] offer) {
    return new ReceivedBroadcast(from, MessageContent.simple(AuctionBoard.SUBJECT, Hex.encode(offer)),
        InventoryHash.of(offer));
  }

  @Test
  void energyAndPriceBytesOutsideTheBoundsAreOutOfRange() {
    byte[] enc = offer(5_000_000, PRICE).encode();
    assertThat(failureOf(() -> decode(replaceLong(enc, 5_000_000, EnergyLimits.MAX_ENTRY_MWH + 1))))
        .isEqualTo(EnergyError.OUT_OF_RANGE);
    assertThat(failureOf(() -> decode(replaceLong(enc, PRICE, EnergyLimits.MAX_MONEY_SAT + 1))))
        .isEqualTo(EnergyError.OUT_OF_RANGE);
    assertThat(failureOf(() -> decode(replaceLong(enc, EXPIRY, POSTED - 1)))).isEqualTo(EnergyError.OUT_OF_RANGE);
    assertThat(EntryId.LENGTH).isEqualTo(32);
  }
}
