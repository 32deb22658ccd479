package org.priwatt.energy.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.priwatt.energy.CodecChecks.failureOf;
import static org.priwatt.energy.CodecChecks.replaceLong;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.priwatt.chain.Amount;
import org.priwatt.energy.CodecChecks;
import org.priwatt.energy.EnergyError;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.EnergyLimits;
import org.priwatt.energy.Samples;
import org.priwatt.script.ScriptTemplates;

/**
 * The escrow terms every party builds the trade's transactions from: the codec round trips, refuses
 * cuts, corruptions and unpayable or out-of-range amounts with typed errors, and the derived
 * scripts and commitment are the escrow's.
 */
class EscrowTermsTest {
  private static final long PRICE = 123_456_789L;
  private static final long FEE = 4_321L;
  private static final EscrowTerms TERMS = new EscrowTerms(Samples.entryId(), Samples.lockId(), Samples.escrow(),
      Amount.ofSat(PRICE), Amount.ofSat(FEE));

  private static EscrowTerms decode(byte[] b) throws EnergyException {
    return CodecChecks.decoder("escrow terms", EscrowTerms.CODEC).decode(b);
  }

  @Property(tries = 200)
  void payableTermsRoundTrip(@ForAll @LongRange(min = 546, max = EnergyLimits.MAX_MONEY_SAT) long price,
      @ForAll @LongRange(min = 0, max = EnergyLimits.MAX_MONEY_SAT) long fee) throws Exception {
    long f = Math.min(fee, price - EscrowTerms.MIN_PAYOUT.sat());
    EscrowTerms t = new EscrowTerms(Samples.entryId(), Samples.lockId(), Samples.escrow(), Amount.ofSat(price),
        Amount.ofSat(f));
    byte[] enc = EscrowTerms.CODEC.encode(t);
    assertThat(enc).hasSize(EscrowTerms.CODEC.maxSize());
    assertThat(decode(enc)).isEqualTo(t);
  }

  @Test
  void derivedScriptsAndCommitmentAreTheEscrows() {
    assertThat(TERMS.scriptPubKey()).isEqualTo(ScriptTemplates.p2shOf(TERMS.escrow().redeemScript()));
    assertThat(TERMS.redeemScript()).isEqualTo(TERMS.escrow().redeemScript());
    assertThat(TERMS.commitment()).isEqualTo(new PaymentCommitment(TERMS.entry(), TERMS.lock()));
  }

  @Test
  void aFeeThatLeavesLessThanTheSmallestPayoutIsRefused() {
    assertThat(EscrowTerms.isPayable(Amount.ofSat(1_546), Amount.ofSat(1_000))).isTrue();
    assertThat(EscrowTerms.isPayable(Amount.ofSat(1_545), Amount.ofSat(1_000))).isFalse();
    assertThatThrownBy(() -> new EscrowTerms(TERMS.entry(), TERMS.lock(), TERMS.escrow(), Amount.ofSat(1_545),
        Amount.ofSat(1_000))).isInstanceOf(IllegalArgumentException.class);
    byte[] enc = EscrowTerms.CODEC.encode(TERMS);
    assertThat(failureOf(() -> decode(replaceLong(enc, FEE, PRICE)))).isEqualTo(EnergyError.OUT_OF_RANGE);
    assertThat(failureOf(() -> decode(replaceLong(enc, FEE, PRICE - 545)))).isEqualTo(EnergyError.OUT_OF_RANGE);
  }

  @Test
  void amountsOutsideTheMoneySupplyAreOutOfRange() {
    byte[] enc = EscrowTerms.CODEC.encode(TERMS);
    for (long sat : new long[] {EnergyLimits.MAX_MONEY_SAT + 1, Long.MAX_VALUE, Long.MIN_VALUE, -1}) {
      assertThat(failureOf(() -> decode(replaceLong(enc, PRICE, sat)))).as("price %d", sat)
          .isEqualTo(EnergyError.OUT_OF_RANGE);
      assertThat(failureOf(() -> decode(replaceLong(enc, FEE, sat)))).as("fee %d", sat)
          .isEqualTo(EnergyError.OUT_OF_RANGE);
    }
    assertThat(failureOf(() -> decode(replaceLong(enc, PRICE, 0)))).isEqualTo(EnergyError.OUT_OF_RANGE);
  }

  @Test
  void cutsAndCorruptionsAreTyped() {
    byte[] enc = EscrowTerms.CODEC.encode(TERMS);
    CodecChecks.everyTruncationIsTyped("escrow terms", enc, EscrowTermsTest::decode);
    CodecChecks.everyCorruptionIsTypedOrCanonical("escrow terms", enc, EscrowTermsTest::decode,
        EscrowTerms.CODEC::encode, CodecChecks.MASKS);
    assertThat(failureOf(() -> decode(java.util.Arrays.copyOf(enc, enc.length + 1))))
        .isEqualTo(EnergyError.OVERSIZED);
  }
}
