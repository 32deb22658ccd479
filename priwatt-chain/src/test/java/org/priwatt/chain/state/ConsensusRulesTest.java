package org.priwatt.chain.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.priwatt.chain.Amount;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxInput;
import org.priwatt.chain.TxOutput;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.block.BlockError;
import org.priwatt.chain.params.ChainParameters;
import org.priwatt.script.Opcode;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptBuilder;

/** Contextual consensus rules: BIP 34, BIP 65, BIP 68/112, finality, coinbase amount. */
class ConsensusRulesTest {
  private static final ChainParameters REGTEST = ChainParameters.REGTEST;

  private static void assertRejected(Harness h, Block block, BlockError error) {
    int height = h.state.height();
    assertThatThrownBy(() -> h.state.submitBlock(block)).isInstanceOfSatisfying(
        ChainException.class, e -> assertThat(e.failure()).isEqualTo(error));
    assertThat(h.state.height()).isEqualTo(height);
  }

  /** A coin locked by {@code script}, confirmed in a block of its own; returns its outpoint. */
  private static OutPoint lockedCoin(Harness h, Script script) throws Exception {
    OutPoint funding = h.coinbaseCoin();
    Transaction tx = Transaction.builder()
        .addInput(TxInput.unsigned(funding))
        .addOutput(Amount.ofSat(h.value(funding) - 1000), script)
        .build();
    assertThat(h.submit(h.block(List.of(tx)))).isEqualTo(BlockAcceptance.CONNECTED);
    return OutPoint.of(tx.txId(), 0);
  }

  private static Transaction spendLocked(Harness h, OutPoint coin, int version, long lockTime,
      long sequence) {
    return Transaction.builder()
        .version(version)
        .lockTime(lockTime)
        .addInput(TxInput.of(coin, Script.EMPTY, sequence))
        .addOutput(Amount.ofSat(h.value(coin) - 1000), ChainFixture.ANYONE)
        .build();
  }

  @Test
  void bip34RequiresTheHeightInTheCoinbase() throws Exception {
    try (Harness h = new Harness(REGTEST)) {
      Transaction cb = Transaction.builder()
          .addInput(TxInput.of(OutPoint.NULL, Script.fromBytes(new byte[] {0x01, 0x7f, 0x00}),
              TxInput.SEQUENCE_FINAL))
          .addOutput(TxOutput.ofRawValue(1000, ChainFixture.ANYONE))
          .build();
      Block bad = h.block(List.of(), b -> replaceCoinbase(b, cb));
      assertRejected(h, bad, BlockError.BAD_COINBASE_HEIGHT);
    }
    ChainParameters noBip34 = REGTEST.toBuilder().activationHeights(ChainParameters.NEVER, 1, 1,
        1).build();
    try (Harness h = new Harness(noBip34)) {
      Transaction cb = Transaction.builder()
          .addInput(TxInput.of(OutPoint.NULL, Script.fromBytes(new byte[] {0x01, 0x7f, 0x00}),
              TxInput.SEQUENCE_FINAL))
          .addOutput(TxOutput.ofRawValue(1000, ChainFixture.ANYONE))
          .build();
      assertThat(h.submit(h.block(List.of(), b -> replaceCoinbase(b, cb))))
          .isEqualTo(BlockAcceptance.CONNECTED);
    }
  }

  private static Block replaceCoinbase(Block b, Transaction cb) {
    List<Transaction> txs = new ArrayList<>(b.transactions());
    txs.set(0, cb);
    return Block.assemble(b.header(), txs);
  }

  @Test
  void bip65CheckLockTimeVerifyActivatesByHeight() throws Exception {
    Script cltv = ScriptBuilder.create().number(500).op(Opcode.OP_CHECKLOCKTIMEVERIFY)
        .op(Opcode.OP_DROP).op(Opcode.OP_1).build();
    try (Harness h = new Harness(REGTEST)) {
      OutPoint coin = lockedCoin(h, cltv);
      // nLockTime 50 is final at this height, but below the script's 500.
      Transaction early = spendLocked(h, coin, 1, 50, 0xfffffffeL);
      assertRejected(h, h.block(List.of(early)), BlockError.SCRIPT_VERIFY_FAILED);
      Transaction stillEarly = spendLocked(h, coin, 1, 100, 0xfffffffeL);
      assertRejected(h, h.block(List.of(stillEarly)), BlockError.SCRIPT_VERIFY_FAILED);
    }
    ChainParameters noBip65 = REGTEST.toBuilder().activationHeights(1, 1,
        ChainParameters.NEVER, 1).build();
    try (Harness h = new Harness(noBip65)) {
      OutPoint coin = lockedCoin(h, cltv);
      Transaction early = spendLocked(h, coin, 1, 50, 0xfffffffeL);
      assertThat(h.submit(h.block(List.of(early)))).isEqualTo(BlockAcceptance.CONNECTED);
    }
  }

  @Test
  void bip65AcceptsASatisfiedLock() throws Exception {
    Script cltv = ScriptBuilder.create().number(100).op(Opcode.OP_CHECKLOCKTIMEVERIFY)
        .op(Opcode.OP_DROP).op(Opcode.OP_1).build();
    try (Harness h = new Harness(REGTEST)) {
      OutPoint coin = lockedCoin(h, cltv);
      Transaction tx = spendLocked(h, coin, 1, 100, 0xfffffffeL);
      assertThat(h.submit(h.block(List.of(tx)))).isEqualTo(BlockAcceptance.CONNECTED);
    }
  }

  @Test
  void bip112CheckSequenceVerifyActivatesByHeight() throws Exception {
    Script csv = ScriptBuilder.create().number(10).op(Opcode.OP_CHECKSEQUENCEVERIFY)
        .op(Opcode.OP_DROP).op(Opcode.OP_1).build();
    try (Harness h = new Harness(REGTEST)) {
      OutPoint coin = lockedCoin(h, csv);
      h.mine(6);
      // BIP 68 lock of 5 blocks is met; the script demands 10.
      Transaction short5 = spendLocked(h, coin, 2, 0, 5);
      assertRejected(h, h.block(List.of(short5)), BlockError.SCRIPT_VERIFY_FAILED);
      h.mine(5);
      Transaction ten = spendLocked(h, coin, 2, 0, 10);
      assertThat(h.submit(h.block(List.of(ten)))).isEqualTo(BlockAcceptance.CONNECTED);
    }
    ChainParameters noCsv = REGTEST.toBuilder().activationHeights(1, 1, 1,
        ChainParameters.NEVER).build();
    try (Harness h = new Harness(noCsv)) {
      OutPoint coin = lockedCoin(h, csv);
      Transaction short5 = spendLocked(h, coin, 2, 0, 5);
      assertThat(h.submit(h.block(List.of(short5)))).isEqualTo(BlockAcceptance.CONNECTED);
    }
  }

  @Test
  void bip68SequenceLocksApplyOnceCsvIsActive() throws Exception {
    try (Harness h = new Harness(REGTEST)) {
      OutPoint coin = lockedCoin(h, ChainFixture.ANYONE);
      Transaction relative = spendLocked(h, coin, 2, 0, 3);
      assertRejected(h, h.block(List.of(relative)), BlockError.NON_FINAL_TRANSACTION);
      h.mine(2);
      assertThat(h.submit(h.block(List.of(relative)))).isEqualTo(BlockAcceptance.CONNECTED);
    }
  }

  @Test
  void nonFinalLockTimeIsRejected() throws Exception {
    try (Harness h = new Harness(REGTEST)) {
      OutPoint coin = h.coinbaseCoin();
      int next = h.state.height() + 1;
      Transaction locked = spendLocked(h, coin, 1, next, 0);
      assertRejected(h, h.block(List.of(locked)), BlockError.NON_FINAL_TRANSACTION);
      Transaction finalSeq = spendLocked(h, coin, 1, next, TxInput.SEQUENCE_FINAL);
      Transaction below = spendLocked(h, coin, 1, next - 1, 0);
      assertThat(h.submit(h.block(List.of(below)))).isEqualTo(BlockAcceptance.CONNECTED);
      assertThat(finalSeq.txId()).isNotEqualTo(below.txId());
    }
  }

  @Test
  void coinbaseMayClaimFeesButNoMore() throws Exception {
    try (Harness h = new Harness(REGTEST)) {
      OutPoint coin = h.coinbaseCoin();
      Transaction tx = ChainFixture.spend(List.of(coin), h.value(coin), 1, 5_000);
      int height = h.state.height() + 1;
      long subsidy = REGTEST.subsidyAt(height).sat();
      Block greedy = h.fx.block(h.branch.tip(), height, List.of(tx), subsidy + 5_001, b -> b);
      assertRejected(h, greedy, BlockError.BAD_COINBASE_AMOUNT);
      Block fair = h.fx.block(h.branch.tip(), height, List.of(tx), subsidy + 5_000, b -> b);
      assertThat(h.submit(fair)).isEqualTo(BlockAcceptance.CONNECTED);
    }
  }

  @Test
  void spendingTwiceOrMissingInputsIsRejected() throws Exception {
    try (Harness h = new Harness(REGTEST)) {
      OutPoint coin = h.coinbaseCoin();
      Transaction a = ChainFixture.spend(List.of(coin), h.value(coin), 1, 1000);
      Transaction b = ChainFixture.spend(List.of(coin), h.value(coin), 2, 1000);
      assertRejected(h, h.block(List.of(a, b)), BlockError.MISSING_INPUTS);
      Transaction tooMuch = ChainFixture.spend(List.of(coin), h.value(coin) + 1, 1, 0);
      assertRejected(h, h.block(List.of(tooMuch)), BlockError.INPUTS_BELOW_OUTPUTS);
    }
  }

  @Test
  void unspendableOutputsNeverEnterTheUtxoSet() throws Exception {
    try (Harness h = new Harness(REGTEST)) {
      OutPoint coin = h.coinbaseCoin();
      Transaction tx = Transaction.builder()
          .addInput(TxInput.unsigned(coin))
          .addOutput(Amount.ofSat(1000), ScriptBuilder.create().op(Opcode.OP_RETURN)
              .data(new byte[] {1, 2}).build())
          .build();
      h.submit(h.block(List.of(tx)));
      assertThat(h.state.coin(OutPoint.of(tx.txId(), 0))).isEmpty();
      assertThat(h.state.coin(coin)).isEmpty();
    }
  }
}
