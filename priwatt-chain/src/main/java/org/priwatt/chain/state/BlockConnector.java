package org.priwatt.chain.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.priwatt.chain.Amount;
import org.priwatt.chain.ChainError;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.Coin;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxInput;
import org.priwatt.chain.TxOutput;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.block.BlockError;
import org.priwatt.chain.block.HeaderChain;
import org.priwatt.chain.consensus.internal.BlockValidator;
import org.priwatt.chain.consensus.internal.LockTimes;
import org.priwatt.chain.consensus.internal.MedianTimePast;
import org.priwatt.chain.params.ChainParameters;
import org.priwatt.chain.store.BlockUndo;
import org.priwatt.script.Script;
import org.priwatt.script.VerifyFlag;

/**
 * Applies a block to, or removes it from, a {@link CoinsViewCache} (Core's {@code ConnectBlock}
 * and {@code DisconnectBlock}): BIP 30, input checks, BIP 68 sequence locks, the P2SH sigop
 * limit, the coinbase amount and every input's scripts under the height's consensus flags.
 */
final class BlockConnector {
  /** Core's MAX_SCRIPT_SIZE: longer scriptPubKeys can never be spent. */
  private static final int MAX_SCRIPT_SIZE = 10_000;

  private final ChainParameters params;
  private final ParallelScriptVerifier verifier;
  private final ScriptExecutionCache cache;

  BlockConnector(ChainParameters params, ParallelScriptVerifier verifier,
      ScriptExecutionCache cache) {
    this.params = params;
    this.verifier = verifier;
    this.cache = cache;
  }

  /** Whether an output can never be spent, so is not added to the UTXO set (Core's rule). */
  static boolean isUnspendable(Script script) {
    return (script.length() > 0 && script.byteAt(0) == 0x6a) || script.length() > MAX_SCRIPT_SIZE;
  }

  /**
   * Connects {@code block} at {@code height} on top of {@code parent} into {@code view}.
   *
   * @return the undo data
   * @throws ChainException the first consensus rule broken; {@code view} is then unusable
   */
  BlockUndo connect(Block block, int height, HeaderChain parent, CoinsViewCache view)
      throws ChainException {
    Set<VerifyFlag> flags = params.scriptFlagsAt(height);
    boolean sequenceLocks = params.enforcesSequenceLocks(height);
    long parentMtp = MedianTimePast.ofTip(parent);
    long sigOps = 0;
    long fees = 0;
    List<List<Coin>> undo = new ArrayList<>();
    List<ParallelScriptVerifier.TxScripts> jobs = new ArrayList<>();
    for (Transaction tx : block.transactions()) {
      checkNoOverwrite(tx, view);
      sigOps += BlockValidator.legacySigOps(tx);
      if (!tx.isCoinbase()) {
        fees += InputChecks.check(tx, view, height, params.coinbaseMaturity()).sat();
        if (!Amount.isValid(fees)) {
          throw new ChainException(BlockError.FEE_OUT_OF_RANGE, "block fees " + fees);
        }
        List<Coin> spent = new ArrayList<>(tx.inputs().size());
        List<Script> prevScripts = new ArrayList<>(tx.inputs().size());
        for (TxInput in : tx.inputs()) {
          Coin coin = view.spendCoin(in.outPoint()).orElseThrow();
          spent.add(coin);
          Script prev = coin.output().scriptPubKey();
          prevScripts.add(prev);
          if (prev.isPayToScriptHash()) {
            sigOps += prev.getSigOpCount(in.scriptSig());
          }
        }
        if (sequenceLocks) {
          checkSequenceLocks(tx, spent, height, parent, parentMtp);
        }
        undo.add(spent);
        jobs.add(new ParallelScriptVerifier.TxScripts(tx, prevScripts));
      }
      if (sigOps > params.maxBlockSigOps()) {
        throw new ChainException(BlockError.TOO_MANY_SIGOPS, sigOps + " sigops");
      }
      addOutputs(tx, height, view);
    }
    long allowed = fees + params.subsidyAt(height).sat();
    long paid = 0;
    for (TxOutput out : block.coinbase().outputs()) {
      paid += out.value();
    }
    if (paid > allowed) {
      throw new ChainException(BlockError.BAD_COINBASE_AMOUNT,
          "coinbase pays " + paid + ", limit " + allowed);
    }
    var failure = verifier.verify(jobs, flags, cache);
    if (failure.isPresent()) {
      throw failure.get();
    }
    return new BlockUndo(undo);
  }

  private static void checkNoOverwrite(Transaction tx, CoinsViewCache view)
      throws ChainException {
    for (int i = 0; i < tx.outputs().size(); i++) {
      if (view.hasCoin(OutPoint.of(tx.txId(), i))) {
        throw new ChainException(BlockError.OVERWRITES_UNSPENT, tx.txId() + ":" + i);
      }
    }
  }

  private static void checkSequenceLocks(Transaction tx, List<Coin> spent, int height,
      HeaderChain parent, long parentMtp) throws ChainException {
    List<Integer> heights = new ArrayList<>(spent.size());
    for (Coin c : spent) {
      heights.add(c.height());
    }
    LockTimes.SequenceLock lock =
        LockTimes.calculate(tx, heights, h -> MedianTimePast.of(parent, h));
    if (!LockTimes.satisfies(lock, height, parentMtp)) {
      throw new ChainException(BlockError.NON_FINAL_TRANSACTION,
          tx.txId() + " is not BIP 68 final at height " + height);
    }
  }

  private static void addOutputs(Transaction tx, int height, CoinsViewCache view) {
    for (int i = 0; i < tx.outputs().size(); i++) {
      TxOutput out = tx.output(i);
      if (!isUnspendable(out.scriptPubKey())) {
        view.addCoin(OutPoint.of(tx.txId(), i), new Coin(out, height, tx.isCoinbase()));
      }
    }
  }

  /**
   * Removes {@code block}'s effects from {@code view}: deletes the outputs it created and
   * restores the coins it spent, last transaction first.
   *
   * @throws ChainException {@link ChainError#STORE_CORRUPT} if {@code undo} does not fit the
   *     block; {@code view} is then unusable
   */
  void disconnect(Block block, BlockUndo undo, CoinsViewCache view) throws ChainException {
    List<Transaction> txs = block.transactions();
    if (undo.spentCoins().size() != txs.size() - 1) {
      throw new ChainException(ChainError.STORE_CORRUPT,
          "undo data of " + block.hash() + " does not fit");
    }
    for (int t = txs.size() - 1; t >= 0; t--) {
      Transaction tx = txs.get(t);
      for (int i = 0; i < tx.outputs().size(); i++) {
        view.spendCoin(OutPoint.of(tx.txId(), i));
      }
      if (t > 0) {
        List<Coin> spent = undo.spentCoins().get(t - 1);
        if (spent.size() != tx.inputs().size()) {
          throw new ChainException(ChainError.STORE_CORRUPT,
              "undo data of " + tx.txId() + " in " + block.hash() + " does not fit");
        }
        for (int i = tx.inputs().size() - 1; i >= 0; i--) {
          view.addCoin(tx.input(i).outPoint(), spent.get(i));
        }
      }
    }
  }
}
