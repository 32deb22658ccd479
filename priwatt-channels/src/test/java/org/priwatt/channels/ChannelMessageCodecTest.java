package org.priwatt.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.priwatt.channels.Codecs.errorOf;
import static org.priwatt.channels.Codecs.replaceLong;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
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
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.EnergyLimits;
import org.priwatt.energy.EnergySecret;
import org.priwatt.energy.EntryId;
import org.priwatt.msg.MessageContent;
import org.priwatt.script.ChannelScript;

/**
 * The channel message format, kind by kind: round trips through the codec and msg content, a cut
 * at every offset and every single-byte corruption refused with a typed {@link ChannelError},
 * values outside the SDK's bounds refused, the subject and kind byte agreeing, and no secret in
 * {@code toString}.
 */
class ChannelMessageCodecTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final long PRICE = 12_345_678L;
  private static final long CAPACITY = 123_456_780L;
  private static final long FEE = 1_357L;
  private static final long REFUND = 7_654_321L;

  static byte[] bytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  static ChannelId id() {
    return ChannelId.random(RANDOM);
  }

  static EntryId entry() {
    return EntryId.fromBytes(bytes(32));
  }

  static OutPoint outPoint() {
    return OutPoint.of(TxId.fromBytes(bytes(32)), 1);
  }

  /** One message of every kind. */
  static List<ChannelMessage> samples() {
    return List.of(
        new ChannelMessage.Open(id(), entry(), EcKey.generate().publicKey(), 10, Amount.ofSat(PRICE),
            Amount.ofSat(CAPACITY), Amount.ofSat(FEE), REFUND),
        new ChannelMessage.Accept(id(), EcKey.generate().publicKey(), REFUND + 6, List.of(
            new ChannelMessage.Part(entry(), EnergyAmount.ofMilliwattHours(3_333_334)),
            new ChannelMessage.Part(entry(), EnergyAmount.ofMilliwattHours(3_333_333)),
            new ChannelMessage.Part(entry(), EnergyAmount.ofMilliwattHours(3_333_333)))),
        new ChannelMessage.Funded(id(), outPoint()),
        new ChannelMessage.Pay(id(), 7, outPoint(), Amount.ofSat(CAPACITY - FEE), bytes(71)),
        new ChannelMessage.Secret(id(), 7, EnergySecret.fromBytes(bytes(32))),
        new ChannelMessage.Close(id()));
  }

  @Provide
  Arbitrary<ChannelMessage> messages() {
    Arbitrary<Long> money = Arbitraries.longs().between(0, EnergyLimits.MAX_MONEY_SAT);
    Arbitrary<Long> height = Arbitraries.longs().between(1, ChannelScript.LOCKTIME_THRESHOLD - 1);
    Arbitrary<Integer> n = Arbitraries.integers().between(0, 0xffff);
    Arbitrary<ChannelMessage> open = Combinators.combine(n, money.filter(m -> m > 0), money.filter(m -> m > 0), money,
            height)
        .as((i, p, c, f, d) -> new ChannelMessage.Open(id(), entry(), EcKey.generate().publicKey(), i, Amount.ofSat(p),
            Amount.ofSat(c), Amount.ofSat(f), d));
    Arbitrary<ChannelMessage> accept = Combinators.combine(height, Arbitraries.longs()
            .between(1, EnergyLimits.MAX_ENTRY_MWH).list().ofMinSize(1).ofMaxSize(ChannelTerms.MAX_INCREMENTS))
        .as((d, mwh) -> new ChannelMessage.Accept(id(), EcKey.generate().publicKey(), d,
            mwh.stream().map(e -> new ChannelMessage.Part(entry(), EnergyAmount.ofMilliwattHours(e))).toList()));
    Arbitrary<ChannelMessage> pay = Combinators.combine(n, money, Arbitraries.bytes().array(byte[].class)
            .ofMaxSize(ChannelMessage.MAX_SIGNATURE))
        .as((i, a, sig) -> new ChannelMessage.Pay(id(), i, outPoint(), Amount.ofSat(a), sig));
    Arbitrary<ChannelMessage> secret = n.map(i -> new ChannelMessage.Secret(id(), i, EnergySecret.fromBytes(bytes(32))));
    Arbitrary<ChannelMessage> rest = Arbitraries.of(0, 1).map(k -> k == 0 ? new ChannelMessage.Funded(id(), outPoint())
        : new ChannelMessage.Close(id()));
    return Arbitraries.oneOf(open, accept, pay, secret, rest);
  }

  @Property(tries = 300)
  void everyMessageRoundTripsThroughItsContent(@ForAll("messages") ChannelMessage m) throws Exception {
    byte[] body = ChannelMessage.CODEC.encode(m);
    assertThat(body.length).isLessThanOrEqualTo(ChannelMessage.MAX_BODY);
    assertThat(ChannelMessage.decode(body)).isEqualTo(m);
    assertThat(ChannelMessage.fromContent(m.toContent())).contains(m);
  }

  @Test
  void aCutAtEveryOffsetOfEveryKindIsTyped() {
    for (ChannelMessage m : samples()) {
      Codecs.everyTruncationIsTyped(m.getClass().getSimpleName(), ChannelMessage.CODEC.encode(m),
          ChannelMessage::decode);
    }
  }

  @Test
  void everySingleByteCorruptionIsTypedOrCanonical() {
    for (ChannelMessage m : samples()) {
      Codecs.everyCorruptionIsTypedOrCanonical(m.getClass().getSimpleName(), ChannelMessage.CODEC.encode(m),
          ChannelMessage::decode, ChannelMessage.CODEC::encode);
    }
  }

  @Test
  void valuesOutsideTheBoundsAreOutOfRange() {
    byte[] open = ChannelMessage.CODEC.encode(samples().get(0));
    assertThat(errorOf(() -> ChannelMessage.decode(replaceLong(open, PRICE, 0)))).isEqualTo(ChannelError.OUT_OF_RANGE);
    assertThat(errorOf(() -> ChannelMessage.decode(replaceLong(open, CAPACITY, EnergyLimits.MAX_MONEY_SAT + 1))))
        .isEqualTo(ChannelError.OUT_OF_RANGE);
    assertThat(errorOf(() -> ChannelMessage.decode(replaceLong(open, FEE, -1)))).isEqualTo(ChannelError.OUT_OF_RANGE);
    assertThat(errorOf(() -> ChannelMessage.decode(replaceLong(open, REFUND, 0)))).isEqualTo(ChannelError.OUT_OF_RANGE);
    assertThat(errorOf(() -> ChannelMessage.decode(replaceLong(open, REFUND, ChannelScript.LOCKTIME_THRESHOLD))))
        .as("a time, not a height").isEqualTo(ChannelError.OUT_OF_RANGE);
    byte[] accept = ChannelMessage.CODEC.encode(samples().get(1));
    assertThat(errorOf(() -> ChannelMessage.decode(replaceLong(accept, 3_333_334, 0))))
        .isEqualTo(ChannelError.OUT_OF_RANGE);
    assertThat(errorOf(() -> ChannelMessage.decode(replaceLong(accept, 3_333_334, EnergyLimits.MAX_ENTRY_MWH + 1))))
        .isEqualTo(ChannelError.OUT_OF_RANGE);
  }

  @Test
  void countsAndLengthsAreBounded() {
    byte[] accept = ChannelMessage.CODEC.encode(samples().get(1));
    int countAt = 1 + 16 + 33 + 8;
    for (int n : new int[] {0, ChannelTerms.MAX_INCREMENTS + 1, 0xff}) {
      byte[] bad = accept.clone();
      bad[countAt] = (byte) n;
      assertThat(errorOf(() -> ChannelMessage.decode(bad))).as("%d parts", n).isEqualTo(ChannelError.MALFORMED);
    }
    ChannelMessage.Pay pay = (ChannelMessage.Pay) samples().get(3);
    byte[] enc = ChannelMessage.CODEC.encode(pay);
    byte[] longSig = Arrays.copyOf(enc, enc.length + 3);
    longSig[enc.length - 72] = (byte) 74;
    assertThat(errorOf(() -> ChannelMessage.decode(longSig))).isEqualTo(ChannelError.MALFORMED);
    byte[] uncompressed = ChannelMessage.CODEC.encode(samples().get(0));
    uncompressed[1 + 16 + 32] = 4;
    assertThat(errorOf(() -> ChannelMessage.decode(uncompressed))).isEqualTo(ChannelError.MALFORMED);
    assertThat(errorOf(() -> ChannelMessage.decode(new byte[ChannelMessage.MAX_BODY + 1])))
        .isEqualTo(ChannelError.OVERSIZED);
    assertThat(errorOf(() -> ChannelMessage.decode(Arrays.copyOf(enc, enc.length + 1)))).isEqualTo(ChannelError.MALFORMED);
  }

  @Test
  void theKindByteMustBeKnownAndAgreeWithTheSubject() throws Exception {
    byte[] close = ChannelMessage.CODEC.encode(samples().get(5));
    for (int k : new int[] {0, 7, 0xff}) {
      byte[] bad = close.clone();
      bad[0] = (byte) k;
      assertThat(errorOf(() -> ChannelMessage.decode(bad))).as("kind %d", k).isEqualTo(ChannelError.UNKNOWN_KIND);
    }
    ChannelMessage funded = samples().get(2);
    MessageContent asPay = MessageContent.simple("priwatt/ch1/pay", funded.toContent().body());
    assertThat(errorOf(() -> ChannelMessage.fromContent(asPay))).isEqualTo(ChannelError.UNKNOWN_KIND);
    assertThat(errorOf(() -> ChannelMessage.fromContent(MessageContent.simple("priwatt/ch1/close", "zz"))))
        .isEqualTo(ChannelError.MALFORMED);
    assertThat(errorOf(() -> ChannelMessage.fromContent(MessageContent.simple("priwatt/ch1/close",
        "00".repeat(ChannelMessage.MAX_BODY + 1))))).isEqualTo(ChannelError.OVERSIZED);
    assertThat(ChannelMessage.fromContent(MessageContent.simple("priwatt/v2/buy", "00"))).isEmpty();
    assertThat(ChannelMessage.fromContent(MessageContent.simple("priwatt/ch1/other", "00"))).isEmpty();
    assertThat(IntStream.range(0, 6).mapToObj(i -> samples().get(i).subject()).distinct()).hasSize(6);
  }

  @Test
  void aSecretIsNeverShown() {
    ChannelMessage.Secret s = (ChannelMessage.Secret) samples().get(4);
    assertThat(s.toString()).doesNotContain(Hex.encode(s.lambda().copyBytes()));
    ChannelMessage.Pay p = (ChannelMessage.Pay) samples().get(3);
    assertThat(p.toString()).doesNotContain(Hex.encode(p.signature()));
  }

  @Test
  void termsRoundTripAndTheirCutsAreTyped() throws Exception {
    ChannelTerms t = new ChannelTerms(id(), entry(), ChannelScript.of(EcKey.generate().publicKey(),
        EcKey.generate().publicKey(), REFUND), 10, Amount.ofSat(PRICE), Amount.ofSat(FEE));
    byte[] enc = ChannelTerms.CODEC.encode(t);
    assertThat(Codecs.of("terms", ChannelTerms.CODEC).decode(enc)).isEqualTo(t);
    Codecs.everyTruncationIsTyped("terms", enc, Codecs.of("terms", ChannelTerms.CODEC));
    Codecs.everyCorruptionIsTypedOrCanonical("terms", enc, Codecs.of("terms", ChannelTerms.CODEC),
        ChannelTerms.CODEC::encode);
    // A fee of the whole increment price: terms nobody can pay.
    assertThat(errorOf(() -> Codecs.of("terms", ChannelTerms.CODEC).decode(replaceLong(enc, FEE, PRICE))))
        .isEqualTo(ChannelError.MALFORMED);
  }
}
