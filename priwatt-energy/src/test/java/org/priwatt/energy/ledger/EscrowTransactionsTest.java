package org.priwatt.energy.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.priwatt.energy.CodecChecks.failureOf;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.priwatt.chain.Amount;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxOutput;
import org.priwatt.chain.mempool.MempoolPolicy;
import org.priwatt.chain.mempool.StandardPolicy;
import org.priwatt.crypto.EcKey;
import org.priwatt.energy.EnergyError;
import org.priwatt.energy.EnergyLimits;
import org.priwatt.energy.Samples;
import org.priwatt.script.EscrowKeys;
import org.priwatt.script.ScriptTemplates;

/**
 * The escrow spends every party rebuilds from the terms: the release pays the seller everything
 * but the fee; a settlement splits the rest by the DSO's share, leaving dust to the fee but never
 * producing a transaction without outputs; signatures are checked against the receiver's own
 * rebuild and hostile signature bytes never throw.
 */
class EscrowTransactionsTest {
  private static final EcKey DSO = Samples.key();
  private static final EcKey SELLER = Samples.key();
  private static final EcKey BUYER = Samples.key();
  private static final EscrowKeys ESCROW = EscrowKeys.of(DSO.publicKey(), SELLER.publicKey(), BUYER.publicKey());

  private static EscrowTerms terms(long price, long fee) {
    return new EscrowTerms(Samples.entryId(), Samples.lockId(), ESCROW, Amount.ofSat(price), Amount.ofSat(fee));
  }

  private static Payment funding(EscrowTerms t, long value) {
    return new Payment(Samples.outPoint(), TxOutput.of(Amount.ofSat(value), t.scriptPubKey()), 1, false);
  }

  private static TxOutput toBuyer(long sat) {
    return TxOutput.of(Amount.ofSat(sat), ScriptTemplates.p2pkhOf(BUYER.publicKey()));
  }

  private static TxOutput toSeller(long sat) {
    return TxOutput.of(Amount.ofSat(sat), ScriptTemplates.p2pkhOf(SELLER.publicKey()));
  }

  @Test
  void theReleasePaysTheSellerTheValueLessTheFee() throws Exception {
    EscrowTerms t = terms(50_000, 1_000);
    Payment f = funding(t, 55_000);
    Transaction release = EscrowTransactions.release(t, f);
    assertThat(release.inputs()).singleElement().satisfies(in -> assertThat(in.outPoint()).isEqualTo(f.outPoint()));
    assertThat(release.outputs()).containsExactly(toSeller(54_000));
  }

  @Test
  void aSettlementSplitsByTheShareAndLeavesDustToTheFee() throws Exception {
    EscrowTerms t = terms(50_000, 1_000);
    Payment f = funding(t, 50_000);
    assertThat(EscrowTransactions.settlement(t, f, 2_500).outputs()).containsExactly(toBuyer(12_250), toSeller(36_750));
    assertThat(EscrowTransactions.settlement(t, f, 10_000).outputs()).containsExactly(toBuyer(49_000));
    assertThat(EscrowTransactions.settlement(t, f, 0).outputs()).containsExactly(toSeller(49_000));
    // 1 bp is 4 sat: dust, left to the fee.
    assertThat(EscrowTransactions.settlement(t, f, 1).outputs()).containsExactly(toSeller(48_996));
    assertThatThrownBy(() -> EscrowTransactions.settlement(t, f, 10_001)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EscrowTransactions.settlement(t, f, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(failureOf(() -> EscrowTransactions.release(t, funding(t, 1_545)))).isEqualTo(EnergyError.OUT_OF_RANGE);
  }

  @Test
  void aSplitOfASmallEscrowWhereBothPartsAreDustStillPaysSomeone() throws Exception {
    // The smallest payable escrow: 546 sat after the fee. Halved, each part is dust; leaving
    // both to the fee would build a transaction without outputs, which no ledger accepts, and
    // the escrow would stay locked for good under a recorded decision.
    EscrowTerms t = terms(1_546, 1_000);
    Payment f = funding(t, 1_546);
    assertThat(EscrowTransactions.settlement(t, f, 5_000).outputs()).containsExactly(toSeller(546));
    assertThat(EscrowTransactions.settlement(t, f, 6_000).outputs()).containsExactly(toBuyer(546));
  }

  @Property(tries = 200)
  void everySettlementHasAnOutputAndNoDust(@ForAll @LongRange(min = 546, max = 10_000) long net,
      @ForAll @LongRange(min = 0, max = 5_000) long fee, @ForAll @IntRange(min = 0, max = 10_000) int share)
      throws Exception {
    EscrowTerms t = terms(net + fee, fee);
    Transaction s = EscrowTransactions.settlement(t, funding(t, net + fee), share);
    assertThat(s.outputs()).isNotEmpty().allMatch(o -> !StandardPolicy.isDust(o, MempoolPolicy.DEFAULT.dustRelayFee()));
    assertThat(s.outputs().stream().mapToLong(TxOutput::value).sum()).isBetween(0L, net);
  }

  @Test
  void signaturesAreCheckedAgainstTheReceiversRebuild() throws Exception {
    EscrowTerms t = terms(50_000, 1_000);
    Payment f = funding(t, 50_000);
    Transaction release = EscrowTransactions.release(t, f);
    byte[] buyerSig = EscrowTransactions.signature(release, t, BUYER);
    assertThat(EscrowTransactions.verifies(release, t, BUYER.publicKey(), buyerSig)).isTrue();
    assertThat(EscrowTransactions.verifies(release, t, SELLER.publicKey(), buyerSig)).isFalse();
    assertThat(EscrowTransactions.verifies(EscrowTransactions.settlement(t, f, 5_000), t, BUYER.publicKey(), buyerSig))
        .as("a signature of another spend").isFalse();
    EcKey stranger = Samples.key();
    assertThat(failureOf(() -> EscrowTransactions.signature(release, t, stranger))).as("not an escrow key")
        .isEqualTo(EnergyError.CHAIN);
    assertThat(EscrowTransactions.verifies(release, t, stranger.publicKey(), buyerSig)).isFalse();
    Transaction complete = EscrowTransactions.complete(release, t, buyerSig, DSO);
    assertThat(complete.outputs()).isEqualTo(release.outputs());
    assertThat(complete.txId()).isEqualTo(EscrowTransactions.complete(release, t, buyerSig, DSO).txId());
    assertThat(failureOf(() -> EscrowTransactions.complete(release, t, Samples.bytes(71), DSO)))
        .isEqualTo(EnergyError.CHAIN);
  }

  @Property(tries = 300)
  void hostileSignatureBytesNeverThrow(@ForAll @Size(max = 100) byte[] signature) throws Exception {
    EscrowTerms t = terms(50_000, 1_000);
    Transaction release = EscrowTransactions.release(t, funding(t, 50_000));
    assertThat(EscrowTransactions.verifies(release, t, BUYER.publicKey(), signature)).isFalse();
  }

  @Test
  void theLargestEscrowSplitsWithoutOverflow() throws Exception {
    EscrowTerms t = terms(EnergyLimits.MAX_MONEY_SAT, 0);
    Transaction s = EscrowTransactions.settlement(t, funding(t, EnergyLimits.MAX_MONEY_SAT), 3_333);
    assertThat(s.outputs()).extracting(TxOutput::value).containsExactly(699_930_000_000_000L, 1_400_070_000_000_000L);
  }
}
