package org.priwatt.chain.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.priwatt.chain.Amount;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxId;
import org.priwatt.chain.TxInput;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.block.BlockError;
import org.priwatt.chain.block.BlockHeader;
import org.priwatt.chain.consensus.internal.BlockValidator;
import org.priwatt.chain.consensus.internal.HeaderValidator;
import org.priwatt.chain.params.ChainParameters;
import org.priwatt.crypto.Sha256Hash;
import org.priwatt.script.Script;

/** Context-free (CheckBlock) and header-context rules, each with Core's reason. */
class BlockChecksTest {
  private final ChainFixture fx = new ChainFixture(ChainParameters.REGTEST);
  private ChainState state;
  private Branch branch;

  @BeforeEach
  void open() throws Exception {
    state = fx.openMemory();
    branch = new Branch(fx, 5, fx.params.genesis().header(), 0, java.util.Map.of());
    for (int i = 0; i < 3; i++) {
      state.submitBlock(branch.next(0));
    }
  }

  @AfterEach
  void close() {
    state.close();
  }

  private Block next(List<Transaction> txs, Function<Block, Block> tamper) {
    int h = branch.height() + 1;
    return fx.block(branch.tip(), h, txs, fx.params.subsidyAt(h).sat(), tamper);
  }

  private void assertRejected(Block block, BlockError error, String reason) {
    assertThatThrownBy(() -> state.submitBlock(block)).isInstanceOfSatisfying(
        ChainException.class, e -> {
          assertThat(e.failure()).isEqualTo(error);
          assertThat(e.failure().rejectReason()).hasValue(reason);
        });
    assertThat(state.height()).isEqualTo(3);
    assertThat(state.isInvalid(block.hash())).isFalse();
  }

  private static Transaction dummy(int n) {
    byte[] id = new byte[32];
    id[0] = (byte) n;
    id[1] = 1;
    return Transaction.builder().addInput(TxInput.unsigned(OutPoint.of(TxId.fromBytes(id), n)))
        .addOutput(Amount.ofSat(1), ChainFixture.ANYONE).build();
  }

  @Test
  void wrongMerkleRoot() {
    Block b = next(List.of(), x -> x.withHeader(x.header().withMerkleRoot(Sha256Hash.of(
        new byte[] {1}))));
    assertRejected(b, BlockError.BAD_MERKLE_ROOT, "bad-txnmrklroot");
  }

  @Test
  void mutatedTransactionListCve20122459() throws Exception {
    Block honest = next(List.of(dummy(1), dummy(2)), x -> x);
    List<Transaction> txs = new ArrayList<>(honest.transactions());
    txs.add(txs.get(2));
    Block mutated = Block.of(honest.header(), txs);
    assertThat(mutated.merkleRootMatches()).isTrue();
    assertRejected(mutated, BlockError.DUPLICATE_TRANSACTION, "bad-txns-duplicate");
  }

  @Test
  void duplicateTxidOutsideTheMutationPattern() {
    Transaction t = dummy(3);
    Block b = next(List.of(t, t, dummy(4)), x -> x);
    assertThat(b.computedMerkleRoot().mutated()).isFalse();
    assertRejected(b, BlockError.DUPLICATE_TRANSACTION, "bad-txns-duplicate");
  }

  @Test
  void coinbaseMissingOrRepeated() {
    Block missing = next(List.of(), x -> Block.assemble(x.header(), List.of(dummy(5))));
    assertRejected(missing, BlockError.COINBASE_MISSING, "bad-cb-missing");
    Block twice = next(List.of(fx.coinbase(4, 1)), x -> x);
    assertRejected(twice, BlockError.COINBASE_MULTIPLE, "bad-cb-multiple");
    Block empty = next(List.of(), x -> Block.assemble(x.header(), List.of()));
    assertRejected(empty, BlockError.BAD_LENGTH, "bad-blk-length");
  }

  @Test
  void blockSizeLimit() throws Exception {
    ChainParameters small = fx.params.toBuilder().blockLimits(1_000, 20_000).build();
    BlockValidator v = BlockValidator.of(small);
    Transaction big = Transaction.builder()
        .addInput(TxInput.of(dummy(6).input(0).outPoint(), Script.fromBytes(new byte[900]), 0))
        .addOutput(Amount.ofSat(1), ChainFixture.ANYONE).build();
    Block b = next(List.of(big), x -> x);
    assertThatThrownBy(() -> v.checkBlock(b)).isInstanceOfSatisfying(ChainException.class,
        e -> assertThat(e.failure()).isEqualTo(BlockError.BAD_LENGTH));
    BlockValidator.of(fx.params).checkBlock(b);
  }

  @Test
  void invalidTransactionInside() {
    Transaction noOutputs = Transaction.builder().addInput(TxInput.unsigned(
        dummy(7).input(0).outPoint())).build();
    Block b = next(List.of(noOutputs), x -> x);
    assertThatThrownBy(() -> state.submitBlock(b)).isInstanceOfSatisfying(
        ChainException.class, e -> {
          assertThat(e.failure()).isEqualTo(BlockError.BAD_TRANSACTION);
          assertThat(e.getMessage()).contains("bad-txns-vout-empty");
        });
  }

  @Test
  void tooManyLegacySigops() {
    byte[] checksigs = new byte[7_000];
    java.util.Arrays.fill(checksigs, (byte) 0xac);
    var builder = Transaction.builder().addInput(TxInput.unsigned(dummy(8).input(0)
        .outPoint()));
    for (int i = 0; i < 3; i++) {
      builder.addOutput(Amount.ofSat(1), Script.fromBytes(checksigs));
    }
    Block b = next(List.of(builder.build()), x -> x);
    assertRejected(b, BlockError.TOO_MANY_SIGOPS, "bad-blk-sigops");
  }

  @Test
  void proofOfWorkMustMeetTheTarget() {
    Block mined = next(List.of(), x -> x);
    Block bad = mined;
    for (int n = 0; bad.header().meetsOwnTarget(); n++) {
      bad = mined.withHeader(mined.header().withNonce(n));
    }
    assertRejected(bad, BlockError.HIGH_HASH, "high-hash");
  }

  private Block withHeader(Function<BlockHeader, BlockHeader> change) {
    Block template = next(List.of(), x -> x);
    Block changed = template.withHeader(change.apply(template.header()));
    return ChainFixture.mine(changed);
  }

  @Test
  void headerContextRules() {
    assertRejected(withHeader(h -> BlockHeader.of(h.version(), h.prevBlock(), h.merkleRoot(),
        h.time(), 0x207ffffe, 0)), BlockError.BAD_DIFF_BITS, "bad-diffbits");
    long mtp = fx.params.genesis().header().time() + 2;
    assertRejected(withHeader(h -> h.withTime(mtp)), BlockError.TIME_TOO_OLD, "time-too-old");
    assertRejected(withHeader(h -> h.withTime(ChainFixture.NOW
        + HeaderValidator.MAX_FUTURE_BLOCK_TIME + 1)), BlockError.TIME_TOO_NEW, "time-too-new");
    assertRejected(withHeader(h -> BlockHeader.of(3, h.prevBlock(), h.merkleRoot(), h.time(),
        h.bits(), 0)), BlockError.BAD_VERSION, "bad-version");
  }

  @Test
  void everyErrorHasACoreStyleReason() {
    for (BlockError e : BlockError.values()) {
      assertThat(e.reason()).matches("[a-zA-Z0-9-]+");
    }
  }
}
