package org.priwatt.chain.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.priwatt.chain.Amount;
import org.priwatt.chain.Coin;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxInput;
import org.priwatt.chain.TxOutput;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.block.BlockHeader;
import org.priwatt.chain.block.HeaderHasher;
import org.priwatt.chain.consensus.internal.BlockValidator;
import org.priwatt.chain.params.ChainParameters;
import org.priwatt.chain.store.ChainStore;
import org.priwatt.chain.store.MemoryChainStore;
import org.priwatt.crypto.Sha256Hash;
import org.priwatt.script.Opcode;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptBuilder;

/**
 * Builds regtest-difficulty blocks for chain-state tests: coinbases with the BIP 34 height and a
 * unique extra nonce paying an anyone-can-spend script, mined in a few hashes.
 */
final class ChainFixture {
  /** OP_TRUE: spendable with an empty scriptSig. */
  static final Script ANYONE = ScriptBuilder.create().op(Opcode.OP_1).build();
  /** A clock ten years after the regtest genesis, so no test block is "too new". */
  static final long NOW = ChainParameters.REGTEST.genesis().header().time() + 315_360_000L;

  private static final AtomicInteger EXTRA_NONCE = new AtomicInteger();

  final ChainParameters params;

  ChainFixture(ChainParameters params) {
    this.params = params;
  }

  static ChainStateOptions options() {
    return ChainStateOptions.defaults().withClock(() -> NOW).withVerifierThreads(2);
  }

  ChainState open(ChainStore store) throws Exception {
    return ChainState.open(params, store, options());
  }

  ChainState openMemory() throws Exception {
    return open(MemoryChainStore.create());
  }

  /** A block on {@code parent} at {@code height} carrying {@code txs} after a coinbase. */
  Block block(BlockHeader parent, int height, List<Transaction> txs) {
    return block(parent, height, txs, params.subsidyAt(height).sat(), Function.identity());
  }

  /** As above with a chosen coinbase value and a hook to alter the block before mining. */
  Block block(BlockHeader parent, int height, List<Transaction> txs, long coinbaseValue,
      Function<Block, Block> tamper) {
    Transaction coinbase = coinbase(height, coinbaseValue);
    List<Transaction> all = new ArrayList<>();
    all.add(coinbase);
    all.addAll(txs);
    BlockHeader template = BlockHeader.of(4, parent.hash(), Sha256Hash.ZERO, parent.time() + 1,
        params.difficulty().powLimitBits().bits(), 0);
    return mine(tamper.apply(Block.assemble(template, all)));
  }

  Transaction coinbase(int height, long value) {
    Script scriptSig = ScriptBuilder.create()
        .script(BlockValidator.coinbaseHeightPrefix(height))
        .number(EXTRA_NONCE.incrementAndGet() + 1000)
        .build();
    return Transaction.builder()
        .addInput(TxInput.of(OutPoint.NULL, scriptSig, TxInput.SEQUENCE_FINAL))
        .addOutput(TxOutput.ofRawValue(value, ANYONE))
        .build();
  }

  /** Finds a nonce for {@code block}'s header. */
  static Block mine(Block block) {
    OptionalLong n = HeaderHasher.forTemplate(block.header()).scan(0, 1L << 32, () -> false);
    return block.withHeader(block.header().withNonce((int) n.orElseThrow()));
  }

  /** Spends {@code from} (anyone-can-spend outputs) into {@code outputs} equal outputs. */
  static Transaction spend(List<OutPoint> from, long totalValue, int outputs, long fee) {
    var b = Transaction.builder();
    for (OutPoint op : from) {
      b.addInput(TxInput.unsigned(op));
    }
    long each = (totalValue - fee) / outputs;
    for (int i = 0; i < outputs; i++) {
      b.addOutput(Amount.ofSat(each), ANYONE);
    }
    return b.build();
  }

  /** Recomputes the UTXO set of {@code blocks} (genesis excluded) from scratch. */
  static Map<OutPoint, Coin> replay(List<Block> blocks, int firstHeight) {
    Map<OutPoint, Coin> utxo = new HashMap<>();
    int height = firstHeight;
    for (Block b : blocks) {
      for (Transaction tx : b.transactions()) {
        if (!tx.isCoinbase()) {
          for (TxInput in : tx.inputs()) {
            if (utxo.remove(in.outPoint()) == null) {
              throw new AssertionError("replay: missing " + in.outPoint());
            }
          }
        }
        for (int i = 0; i < tx.outputs().size(); i++) {
          if (!BlockConnector.isUnspendable(tx.output(i).scriptPubKey())) {
            utxo.put(OutPoint.of(tx.txId(), i), new Coin(tx.output(i), height, tx.isCoinbase()));
          }
        }
      }
      height++;
    }
    return utxo;
  }

  /** The chain state's UTXO set as a map. */
  static Map<OutPoint, Coin> utxo(ChainState state) throws Exception {
    Map<OutPoint, Coin> m = new HashMap<>();
    state.forEachCoin(m::put);
    return m;
  }

  /** The best chain's blocks above genesis, in order. */
  static List<Block> bestBlocks(ChainState state) throws Exception {
    List<Block> out = new ArrayList<>();
    for (int h = 1; h <= state.height(); h++) {
      Optional<Block> b = state.block(state.entryAt(h).orElseThrow().hash());
      out.add(b.orElseThrow());
    }
    return out;
  }
}
