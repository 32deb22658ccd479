package org.priwatt.chain.mempool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.priwatt.chain.mempool.Fixtures.ALICE;
import static org.priwatt.chain.mempool.Fixtures.BOB;
import static org.priwatt.chain.mempool.Fixtures.CAROL;
import static org.priwatt.chain.mempool.Fixtures.p2pkh;
import static org.priwatt.chain.mempool.Fixtures.spend;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.priwatt.chain.Amount;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxInput;
import org.priwatt.chain.TxOutput;
import org.priwatt.script.Opcode;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptBuilder;
import org.priwatt.script.ScriptTemplates;
import org.priwatt.script.ScriptType;

/** Standardness, script flags, sequence locks, eviction and the reason strings. */
class MempoolPolicyTest {
  final FakeChain chain = new FakeChain(5);
  final Mempool pool = Mempool.create(chain, MempoolPolicy.DEFAULT);

  static Script opReturn(int dataBytes) {
    return ScriptBuilder.create().op(Opcode.OP_RETURN).data(new byte[dataBytes]).build();
  }

  static Script bareMultisig(int m, int n) {
    ScriptBuilder b = ScriptBuilder.create().number(m);
    for (int i = 0; i < n; i++) {
      b.data(Fixtures.key(10 + i).publicKey().encoded());
    }
    return b.number(n).op(Opcode.OP_CHECKMULTISIG).build();
  }

  Transaction spendWithExtraOutput(Script extra, long extraValue) {
    Transaction funding = chain.fund(p2pkh(ALICE), 100_000);
    return Fixtures.sign(Transaction.builder().addInput(OutPoint.of(funding.txId(), 0))
            .addOutput(Amount.ofSat(extraValue), extra),
        p2pkh(BOB), new long[] {90_000}, List.of(funding.output(0)), ALICE);
  }

  static Stream<Arguments> outputs() {
    return Stream.of(
        Arguments.of(opReturn(80), 0L, null),
        Arguments.of(opReturn(81), 0L, MempoolRejectReason.SCRIPTPUBKEY),
        Arguments.of(bareMultisig(1, 3), 5_000L, null),
        Arguments.of(bareMultisig(2, 4), 5_000L, MempoolRejectReason.SCRIPTPUBKEY),
        Arguments.of(Script.fromBytes(new byte[] {0x51}), 5_000L, MempoolRejectReason.SCRIPTPUBKEY),
        Arguments.of(p2pkh(CAROL), 545L, MempoolRejectReason.DUST),
        Arguments.of(p2pkh(CAROL), 546L, null));
  }

  @ParameterizedTest
  @MethodSource("outputs")
  void outputStandardness(Script script, long value, MempoolRejectReason expected) {
    AcceptResult r = pool.accept(spendWithExtraOutput(script, value));
    if (expected == null) {
      assertThat(r.isAccepted()).as(r.toString()).isTrue();
    } else {
      assertThat(r.reason()).as(r.toString()).contains(expected);
    }
  }

  @Test
  void twoDataOutputsAreNonStandard() {
    Transaction funding = chain.fund(p2pkh(ALICE), 100_000);
    Transaction tx = Fixtures.sign(Transaction.builder().addInput(OutPoint.of(funding.txId(), 0))
            .addOutput(Amount.ZERO, opReturn(4)).addOutput(Amount.ZERO, opReturn(4)),
        p2pkh(BOB), new long[] {90_000}, List.of(funding.output(0)), ALICE);
    assertThat(pool.accept(tx).reason()).contains(MempoolRejectReason.MULTI_OP_RETURN);
  }

  @Test
  void versionAboveTwoIsNonStandard() {
    Transaction funding = chain.fund(p2pkh(ALICE), 100_000);
    Transaction tx = Fixtures.sign(Transaction.builder().version(3)
            .addInput(OutPoint.of(funding.txId(), 0)),
        p2pkh(BOB), new long[] {90_000}, List.of(funding.output(0)), ALICE);
    assertThat(pool.accept(tx).reason()).contains(MempoolRejectReason.VERSION);
  }

  @Test
  void scriptSigWithANonPushOpcodeIsNonStandard() {
    Transaction funding = chain.fund(p2pkh(ALICE), 100_000);
    Transaction signed = spend(funding, 0, ALICE, p2pkh(BOB), 90_000);
    Script padded = ScriptBuilder.create().script(signed.input(0).scriptSig())
        .op(Opcode.OP_NOP).build();
    Transaction tx = signed.toBuilder().setScriptSig(0, padded).build();
    assertThat(pool.accept(tx).reason()).contains(MempoolRejectReason.SCRIPTSIG_NOT_PUSHONLY);
  }

  @Test
  void policyOnlyScriptFailureIsNonMandatory() {
    Transaction funding = chain.fund(p2pkh(ALICE), 100_000);
    Transaction signed = spend(funding, 0, ALICE, p2pkh(BOB), 90_000);
    // an extra push below the signature: consensus-valid, but CLEANSTACK fails
    Script dirty = ScriptBuilder.create().data(new byte[] {7, 7})
        .script(signed.input(0).scriptSig()).build();
    AcceptResult r = pool.accept(signed.toBuilder().setScriptSig(0, dirty).build());
    assertThat(r.reason()).contains(MempoolRejectReason.NON_MANDATORY_SCRIPT_VERIFY_FLAG);
    assertThat(r.rejectString()).contains("non-mandatory-script-verify-flag (CLEANSTACK)");
  }

  @Test
  void badSignatureIsMandatoryFailure() {
    Transaction funding = chain.fund(p2pkh(ALICE), 100_000);
    Transaction signedForBob = spend(funding, 0, ALICE, p2pkh(BOB), 90_000);
    Transaction other = spend(funding, 0, ALICE, p2pkh(CAROL), 90_000);
    // Alice's signature over another transaction
    Transaction forged = other.toBuilder().setScriptSig(0, signedForBob.input(0).scriptSig())
        .build();
    AcceptResult r = pool.accept(forged);
    assertThat(r.reason()).contains(MempoolRejectReason.MANDATORY_SCRIPT_VERIFY_FLAG_FAILED);
    assertThat(r.rejectString().orElseThrow()).startsWith("mandatory-script-verify-flag-failed (");
  }

  @Test
  void consensusInvalidTransactionCarriesCoresString() {
    Transaction funding = chain.fund(p2pkh(ALICE), 100_000);
    OutPoint op = OutPoint.of(funding.txId(), 0);
    Transaction dup = Transaction.builder().addInput(op).addInput(op)
        .addOutput(Amount.ofSat(90_000), p2pkh(BOB)).build();
    AcceptResult r = pool.accept(dup);
    assertThat(r.reason()).contains(MempoolRejectReason.CONSENSUS_INVALID);
    assertThat(r.rejectString()).contains("bad-txns-inputs-duplicate");
  }

  @Test
  void relativeHeightLockIsEnforcedForVersionTwo() {
    Transaction funding = chain.fund(p2pkh(ALICE), 100_000);
    Transaction tx = Fixtures.sign(Transaction.builder().version(2)
            .addInput(TxInput.of(OutPoint.of(funding.txId(), 0), Script.EMPTY, 3)),
        p2pkh(BOB), new long[] {90_000}, List.of(funding.output(0)), ALICE);
    // coin at height h: sequence 3 allows it in block h + 3, that is after two more blocks
    assertThat(pool.accept(tx).reason()).contains(MempoolRejectReason.NON_BIP68_FINAL);
    chain.fund(p2pkh(CAROL), 1_000);
    assertThat(pool.accept(tx).reason()).contains(MempoolRejectReason.NON_BIP68_FINAL);
    chain.fund(p2pkh(CAROL), 1_000);
    assertThat(pool.accept(tx).isAccepted()).isTrue();
  }

  @Test
  void fullPoolEvictsTheLowestFeeRatePackageAndRaisesItsMinimum() {
    Transaction funding = chain.fund(p2pkh(ALICE), 100_000, 100_000, 100_000, 100_000);
    // parent pays 200 sat, its child 300: the parent's descendant score (the package rate,
    // about 1.3 sat/B) is the lowest in the pool, so the pair is evicted together
    Transaction cheapParent = spend(funding, 0, ALICE, p2pkh(ALICE), 99_800);
    Transaction cheapChild = spend(cheapParent, 0, ALICE, p2pkh(BOB), 99_500);
    Transaction mid = spend(funding, 1, ALICE, p2pkh(BOB), 95_000);
    Transaction rich = spend(funding, 2, ALICE, p2pkh(BOB), 90_000);
    long cap = cheapParent.size() + cheapChild.size() + mid.size() + 10;
    Mempool capped = Mempool.create(chain, MempoolPolicy.DEFAULT.withMaxPoolBytes(cap));
    for (Transaction t : List.of(cheapParent, cheapChild, mid)) {
      assertThat(capped.accept(t).isAccepted()).isTrue();
    }
    assertThat(capped.minimumFeeRate()).isEqualTo(MempoolPolicy.DEFAULT.minRelayFee());

    assertThat(capped.accept(rich).isAccepted()).isTrue();
    // the parent's package (parent + child) had the lowest descendant score: both leave
    assertThat(capped.entries()).extracting(MempoolEntry::txId)
        .containsExactlyInAnyOrder(mid.txId(), rich.txId());
    assertThat(capped.bytes()).isLessThanOrEqualTo(cap);
    assertThat(capped.minimumFeeRate()).isGreaterThan(MempoolPolicy.DEFAULT.minRelayFee());

    // below the raised minimum: refused; after a block the minimum decays again
    Transaction meagre = spend(funding, 3, ALICE, p2pkh(BOB), 99_700);
    assertThat(capped.accept(meagre).reason())
        .contains(MempoolRejectReason.MEMPOOL_MIN_FEE_NOT_MET);
    capped.blockConnected(List.of());
    capped.blockConnected(List.of());
    assertThat(capped.minimumFeeRate()).isEqualTo(MempoolPolicy.DEFAULT.minRelayFee());
  }

  @Test
  void transactionEvictedOnArrivalIsReportedAsMempoolFull() {
    Transaction funding = chain.fund(p2pkh(ALICE), 100_000, 100_000);
    Transaction rich = spend(funding, 0, ALICE, p2pkh(BOB), 90_000);
    Transaction cheap = spend(funding, 1, ALICE, p2pkh(BOB), 99_700);
    Mempool capped = Mempool.create(chain, MempoolPolicy.DEFAULT.withMaxPoolBytes(rich.size()));
    assertThat(capped.accept(rich).isAccepted()).isTrue();
    assertThat(capped.accept(cheap).reason()).contains(MempoolRejectReason.MEMPOOL_FULL);
    assertThat(capped.entries()).extracting(MempoolEntry::txId).containsExactly(rich.txId());
  }

  @Test
  void everyRejectReasonHasADistinctCoreString() {
    Set<String> seen = new HashSet<>();
    for (MempoolRejectReason r : MempoolRejectReason.values()) {
      assertThat(r.reason()).isNotBlank();
      assertThat(seen.add(r.reason())).as(r.name()).isTrue();
      assertThat(r.toString()).isEqualTo(r.reason());
    }
    assertThat(seen).contains("txn-mempool-conflict", "dust", "min relay fee not met",
        "non-final", "bad-txns-inputs-missingorspent");
  }

  @ParameterizedTest
  @EnumSource(ScriptType.class)
  void everyScriptTypeIsRecognised(ScriptType type) {
    Script sample = switch (type) {
      case P2PK -> ScriptBuilder.create().data(ALICE.publicKey().encoded())
          .op(Opcode.OP_CHECKSIG).build();
      case P2PKH -> p2pkh(ALICE);
      case P2SH -> Script.fromHex("a914" + "00".repeat(20) + "87");
      case MULTISIG -> bareMultisig(2, 3);
      case NULL_DATA -> opReturn(20);
      case NONSTANDARD -> Script.fromBytes(new byte[] {0x51, 0x51});
    };
    assertThat(ScriptTemplates.classify(sample)).isEqualTo(type);
  }

  @Test
  void dustThresholdMatchesCoreForP2pkh() {
    TxOutput out = TxOutput.of(Amount.ofSat(1), p2pkh(ALICE));
    assertThat(StandardPolicy.dustThreshold(out, FeeRate.ofSatPerKb(3000))).isEqualTo(546);
    assertThat(StandardPolicy.dustThreshold(TxOutput.of(Amount.ZERO, opReturn(3)),
        FeeRate.ofSatPerKb(3000))).isZero();
    assertThat(Arrays.asList(FeeRate.of(1000, 250).satPerKb(), FeeRate.ofSatPerKb(1000)
        .feeFor(191))).containsExactly(4000L, 191L);
  }
}
