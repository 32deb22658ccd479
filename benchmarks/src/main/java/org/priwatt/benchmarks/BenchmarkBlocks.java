package org.priwatt.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.priwatt.chain.Amount;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.Coin;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TransactionBuilder;
import org.priwatt.chain.TxInput;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.block.BlockHash;
import org.priwatt.chain.block.BlockHeader;
import org.priwatt.chain.block.HeaderHasher;
import org.priwatt.chain.mining.Coinbase;
import org.priwatt.chain.params.ChainParameters;
import org.priwatt.chain.state.BlockAcceptance;
import org.priwatt.chain.state.ChainState;
import org.priwatt.chain.state.ChainStateOptions;
import org.priwatt.chain.state.ScriptExecutionCache;
import org.priwatt.chain.store.ChainStore;
import org.priwatt.chain.store.ChainStoreUpdate;
import org.priwatt.crypto.Sha256Hash;
import org.priwatt.script.Opcode;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptBuilder;

/**
 * Builds REGTEST blocks for the chain benchmarks through the public API: coinbases with the BIP
 * 34 height, headers one second apart, proof of work found with {@link HeaderHasher} (a couple
 * of hashes at the regtest limit). Also copies a chain state's best chain and UTXO set into a
 * fresh store, so a benchmark can start every invocation or iteration from the same tip
 * without replaying the blocks that led to it.
 *
 * <p>Not a second composition root: the chain benchmarks measure connecting blocks built by hand
 * on a fixed clock, which a running world (with its miner and clock) cannot give them. Benchmarks
 * that need parties, a network and the DSO use {@code org.priwatt.energy.regtest.RegtestWorld}.
 */
final class BenchmarkBlocks {
  static final ChainParameters PARAMS = ChainParameters.REGTEST;
  /** OP_TRUE: spendable with an empty scriptSig, for coins whose scripts are not the point. */
  static final Script ANYONE = ScriptBuilder.create().op(Opcode.OP_1).build();
  /** A fixed clock ten years after the regtest genesis, so no block is "too new". */
  static final long NOW = PARAMS.genesis().header().time() + 315_360_000L;

  private long extraNonce;

  /** Options with the fixed clock, {@code threads} verifier threads and an empty script cache. */
  static ChainStateOptions options(int threads) {
    return ChainStateOptions.defaults().withClock(() -> NOW).withVerifierThreads(threads)
        .withScriptCache(ScriptExecutionCache.create(16));
  }

  /** A mined block at {@code height} on {@code parent}: a coinbase paying the subsidy, then {@code txs}. */
  Block block(BlockHeader parent, int height, Script payTo, List<Transaction> txs) {
    List<Transaction> all = new ArrayList<>(txs.size() + 1);
    all.add(Coinbase.create(height, extraNonce++, PARAMS.subsidyAt(height), payTo, null));
    all.addAll(txs);
    BlockHeader template = BlockHeader.of(4, parent.hash(), Sha256Hash.ZERO, parent.time() + 1,
        PARAMS.difficulty().powLimitBits().bits(), 0);
    Block draft = Block.assemble(template, all);
    OptionalLong nonce =
        HeaderHasher.forTemplate(draft.header()).scan(0, 1L << 32, () -> false);
    return draft.withHeader(draft.header().withNonce((int) nonce.orElseThrow()));
  }

  /**
   * Submits blocks 1..101 to {@code state} (at genesis): block 1's coinbase pays 50 coins to
   * {@link #ANYONE} and matures at height 101.
   *
   * @return the outpoint of that mature coinbase output
   */
  OutPoint matureCoinbase(ChainState state) throws ChainException {
    BlockHeader tip = PARAMS.genesis().header();
    Block first = block(tip, 1, ANYONE, List.of());
    submit(state, first);
    tip = first.header();
    for (int h = 2; h <= 1 + PARAMS.coinbaseMaturity(); h++) {
      Block b = block(tip, h, ANYONE, List.of());
      submit(state, b);
      tip = b.header();
    }
    return OutPoint.of(first.coinbase().txId(), 0);
  }

  /** One transaction spending the anyone-can-spend {@code from} into {@code n} equal outputs. */
  static Transaction fanOut(OutPoint from, Amount value, int n, Script payTo) {
    TransactionBuilder b = Transaction.builder().addInput(TxInput.unsigned(from));
    long each = (value.sat() - 10_000) / n;
    for (int i = 0; i < n; i++) {
      b.addOutput(Amount.ofSat(each), payTo);
    }
    return b.build();
  }

  /** Submits {@code block} and insists that it extends the best chain. */
  static void submit(ChainState state, Block block) throws ChainException {
    BlockAcceptance result = state.submitBlock(block);
    if (result != BlockAcceptance.CONNECTED) {
      throw new IllegalStateException(block.hash() + " was " + result);
    }
  }

  /**
   * Writes {@code from}'s best chain (blocks) and its tip's UTXO set into the empty {@code to},
   * so {@link ChainState#open} on {@code to} resumes at the same tip. Undo data is not copied:
   * the copy can connect new blocks but not disconnect the copied ones.
   */
  static void copyTip(ChainState from, ChainStore to) throws ChainException {
    BlockHash tip = from.tip().hash();
    for (int h = 0; h <= from.height(); h++) {
      BlockHash hash = from.entryAt(h).orElseThrow().hash();
      to.putBlock(from.block(hash).orElseThrow());
    }
    Map<OutPoint, Optional<Coin>> coins = new LinkedHashMap<>();
    from.forEachCoin((op, c) -> coins.put(op, Optional.of(c)));
    to.apply(new ChainStoreUpdate(coins, Map.of(), tip));
  }
}
