package org.priwatt.chain.state;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.params.ChainParameters;
import org.priwatt.chain.store.MemoryChainStore;

/** A chain state with 101 blocks already mined, so the early coinbases are mature. */
final class Harness implements AutoCloseable {
  final ChainFixture fx;
  final ChainState state;
  final Branch branch;
  private int nextCoinbase = 1;

  Harness(ChainParameters params) throws Exception {
    this(params, ChainFixture.options());
  }

  Harness(ChainParameters params, ChainStateOptions options) throws Exception {
    fx = new ChainFixture(params);
    state = ChainState.open(params, MemoryChainStore.create(), options);
    branch = new Branch(fx, 99, params.genesis().header(), 0, Map.of());
    mine(101);
  }

  void mine(int blocks) throws Exception {
    for (int i = 0; i < blocks; i++) {
      state.submitBlock(branch.next(0));
    }
  }

  /** A mature, unused coinbase output (value = the subsidy at its height). */
  OutPoint coinbaseCoin() {
    Block b = branch.blocks.get(nextCoinbase++ - 1);
    return OutPoint.of(b.coinbase().txId(), 0);
  }

  long value(OutPoint op) {
    return state.coin(op).orElseThrow().output().value();
  }

  /** A block on the tip with {@code txs}, not yet submitted nor applied to the branch. */
  Block block(List<Transaction> txs) {
    return fx.block(branch.tip(), branch.height() + 1, txs);
  }

  Block block(List<Transaction> txs, Function<Block, Block> tamper) {
    return fx.block(branch.tip(), branch.height() + 1, txs,
        fx.params.subsidyAt(branch.height() + 1).sat(), tamper);
  }

  /** Submits {@code block} and, if it connected, records it on the branch. */
  BlockAcceptance submit(Block block) throws Exception {
    BlockAcceptance r = state.submitBlock(block);
    if (r == BlockAcceptance.CONNECTED) {
      branch.append(block);
    }
    return r;
  }

  @Override
  public void close() {
    state.close();
  }
}
