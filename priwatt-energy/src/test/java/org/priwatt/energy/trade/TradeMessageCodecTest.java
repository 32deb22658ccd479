package org.priwatt.energy.trade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.priwatt.energy.CodecChecks.failureOf;
import static org.priwatt.energy.CodecChecks.replaceLong;

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
import org.priwatt.energy.CodecChecks;
import org.priwatt.energy.EnergyError;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.EnergyLimits;
import org.priwatt.energy.EnergySecret;
import org.priwatt.energy.Samples;
import org.priwatt.energy.ledger.EscrowTerms;
import org.priwatt.msg.MessageContent;

/**
 * The seller–buyer messages of the Case 1 protocol: round trips through the body codec and the
 * msg content (subject naming the kind), every cut and single-byte corruption refused with a
 * typed error, amounts outside the bounds refused as {@link EnergyError#OUT_OF_RANGE}, and bλ
 * never shown.
 */
class TradeMessageCodecTest {
  private static final long PRICE = 123_456_789L;
  private static final long FEE = 4_321L;
  private static final long EXPIRY = Samples.T0 + 3_600;

  static EscrowTerms terms(long price, long fee) {
    return new EscrowTerms(Samples.entryId(), Samples.lockId(), Samples.escrow(), Amount.ofSat(price), Amount.ofSat(fee));
  }

  /** One message of every kind. */
  static List<TradeMessage> samples() {
    EnergySecret lambda = Samples.secret();
    return List.of(
        new TradeMessage.Buy(Samples.entryId(), Samples.key().publicKey(), Amount.ofSat(PRICE)),
        new TradeMessage.Escrow(terms(PRICE, FEE), EXPIRY),
        new TradeMessage.Paid(Samples.entryId(), Samples.lockId(), Samples.outPoint()),
        new TradeMessage.Secret(lambda.entryId(), lambda));
  }

  private static TradeMessage decode(byte[] b) throws EnergyException {
    return CodecChecks.decoder("trade message", TradeMessage.CODEC).decode(b);
  }

  @Provide
  Arbitrary<TradeMessage> messages() {
    Arbitrary<Long> money = Arbitraries.longs().between(1, EnergyLimits.MAX_MONEY_SAT);
    Arbitrary<TradeMessage> buy = money.map(p -> new TradeMessage.Buy(Samples.entryId(),
        Samples.key().publicKey().withCompression(false), Amount.ofSat(p)));
    Arbitrary<TradeMessage> escrow = Combinators.combine(Arbitraries.longs().between(546, EnergyLimits.MAX_MONEY_SAT),
            Arbitraries.longs().between(0, Long.MAX_VALUE))
        .as((p, expiry) -> new TradeMessage.Escrow(terms(p, (p - 546) / 2), expiry));
    Arbitrary<TradeMessage> paid = Arbitraries.just(0).map(x -> new TradeMessage.Paid(Samples.entryId(),
        Samples.lockId(), Samples.outPoint()));
    Arbitrary<TradeMessage> secret = Arbitraries.just(0).map(x -> {
      EnergySecret l = Samples.secret();
      return new TradeMessage.Secret(l.entryId(), l);
    });
    return Arbitraries.oneOf(buy, escrow, paid, secret);
  }

  @Property(tries = 200)
  void everyMessageRoundTripsThroughItsBodyAndItsContent(@ForAll("messages") TradeMessage m) throws Exception {
    byte[] body = TradeMessage.CODEC.encode(m);
    assertThat(body.length).isLessThanOrEqualTo(TradeMessage.MAX_BODY);
    assertThat(decode(body)).isEqualTo(m);
    MessageContent content = m.toContent();
    assertThat(content.subject()).isEqualTo("priwatt/v2/" + m.getClass().getSimpleName().toLowerCase());
    assertThat(TradeMessage.fromContent(content)).contains(m);
  }

  @Test
  void theSecretIsNeverShown() {
    TradeMessage.Secret s = (TradeMessage.Secret) samples().get(3);
    assertThat(s.toString()).doesNotContain(Hex.encode(s.lambda().copyBytes())).contains(s.entry().toString());
  }

  @Test
  void cutsAndCorruptionsOfEveryKindAreTyped() {
    for (TradeMessage m : samples()) {
      byte[] body = TradeMessage.CODEC.encode(m);
      CodecChecks.everyTruncationIsTyped(m.getClass().getSimpleName(), body, TradeMessageCodecTest::decode);
      CodecChecks.everyCorruptionIsTypedOrCanonical(m.getClass().getSimpleName(), body, TradeMessageCodecTest::decode,
          TradeMessage.CODEC::encode, CodecChecks.MASKS);
    }
  }

  @Test
  void amountsOutsideTheBoundsAreOutOfRange() {
    byte[] buy = TradeMessage.CODEC.encode(samples().get(0));
    byte[] escrow = TradeMessage.CODEC.encode(samples().get(1));
    for (long sat : new long[] {0, -1, EnergyLimits.MAX_MONEY_SAT + 1, Long.MAX_VALUE}) {
      assertThat(failureOf(() -> decode(replaceLong(buy, PRICE, sat)))).as("buy %d", sat)
          .isEqualTo(EnergyError.OUT_OF_RANGE);
      assertThat(failureOf(() -> decode(replaceLong(escrow, PRICE, sat)))).as("escrow price %d", sat)
          .isEqualTo(EnergyError.OUT_OF_RANGE);
    }
    assertThat(failureOf(() -> decode(replaceLong(escrow, FEE, PRICE)))).as("unpayable fee")
        .isEqualTo(EnergyError.OUT_OF_RANGE);
    assertThat(failureOf(() -> decode(replaceLong(escrow, EXPIRY, -1)))).isEqualTo(EnergyError.OUT_OF_RANGE);
  }

  @Test
  void kindsAndContentsAreChecked() throws Exception {
    byte[] paid = TradeMessage.CODEC.encode(samples().get(2));
    for (int kind : new int[] {0, 5, 0xff}) {
      byte[] k = paid.clone();
      k[0] = (byte) kind;
      assertThat(failureOf(() -> decode(k))).as("kind %d", kind).isEqualTo(EnergyError.UNKNOWN_KIND);
    }
    assertThat(failureOf(() -> decode(java.util.Arrays.copyOf(paid, paid.length + 1)))).isEqualTo(EnergyError.MALFORMED);
    assertThat(failureOf(() -> decode(new byte[TradeMessage.MAX_BODY + 1]))).isEqualTo(EnergyError.OVERSIZED);

    String hex = Hex.encode(paid);
    assertThat(TradeMessage.fromContent(MessageContent.simple("another/app", hex))).isEmpty();
    assertThat(TradeMessage.fromContent(MessageContent.simple("priwatt/v2/PAID", hex))).isEmpty();
    assertThat(failureOf(() -> TradeMessage.fromContent(MessageContent.simple("priwatt/v2/buy", hex))))
        .as("the kind byte must agree with the subject").isEqualTo(EnergyError.MALFORMED);
    assertThat(failureOf(() -> TradeMessage.fromContent(MessageContent.simple("priwatt/v2/paid", "zz" + hex))))
        .isEqualTo(EnergyError.MALFORMED);
    assertThat(failureOf(() -> TradeMessage.fromContent(MessageContent.simple("priwatt/v2/paid", hex.substring(1)))))
        .isEqualTo(EnergyError.MALFORMED);
    assertThat(failureOf(() -> TradeMessage.fromContent(MessageContent.simple("priwatt/v2/paid",
        "00".repeat(TradeMessage.MAX_BODY + 1))))).isEqualTo(EnergyError.OVERSIZED);
    assertThat(failureOf(() -> TradeMessage.fromContent(MessageContent.simple("priwatt/v2/paid", ""))))
        .isEqualTo(EnergyError.TRUNCATED);
  }
}
