package org.priwatt.chain.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.priwatt.chain.SignatureHasher;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TransactionSignatureChecker;
import org.priwatt.chain.block.BlockError;
import org.priwatt.chain.block.BlockException;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptError;
import org.priwatt.script.ScriptInterpreter;
import org.priwatt.script.VerifyFlag;

/**
 * Runs the script checks of a block's inputs on a fixed pool of threads (Core's {@code
 * CCheckQueue}). Transactions the {@link ScriptExecutionCache} already vouches for are skipped;
 * the rest are cut into batches of inputs, and the first failure stops the remaining batches.
 */
final class ParallelScriptVerifier implements AutoCloseable {
  /** Inputs per task: large enough to amortise dispatch, small enough to balance cores. */
  private static final int BATCH = 16;
  private static final AtomicInteger POOL_IDS = new AtomicInteger();

  private final ExecutorService pool;
  private final int threads;

  /** The scripts one transaction's inputs spend, in input order. */
  record TxScripts(Transaction tx, List<Script> prevScripts) {}

  private record InputCheck(SignatureHasher hasher, int input, Script prevScript) {}

  ParallelScriptVerifier(int threads) {
    this.threads = threads;
    int id = POOL_IDS.incrementAndGet();
    AtomicInteger n = new AtomicInteger();
    this.pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "priwatt-scriptcheck-" + id + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Verifies every input of {@code jobs} under {@code flags}.
   *
   * @return empty if all verify, else the failure
   */
  Optional<BlockException> verify(List<TxScripts> jobs, Set<VerifyFlag> flags,
      ScriptExecutionCache cache) {
    List<InputCheck> checks = new ArrayList<>();
    for (TxScripts job : jobs) {
      if (cache != null && cache.contains(job.tx().txId(), flags)) {
        continue;
      }
      SignatureHasher hasher = SignatureHasher.of(job.tx());
      for (int i = 0; i < job.prevScripts().size(); i++) {
        checks.add(new InputCheck(hasher, i, job.prevScripts().get(i)));
      }
    }
    if (checks.size() <= BATCH || threads == 1) {
      return run(checks, 0, checks.size(), flags, new AtomicBoolean());
    }
    AtomicBoolean failed = new AtomicBoolean();
    List<Future<Optional<BlockException>>> futures = new ArrayList<>();
    for (int from = 0; from < checks.size(); from += BATCH) {
      int start = from;
      int end = Math.min(checks.size(), from + BATCH);
      futures.add(pool.submit(() -> run(checks, start, end, flags, failed)));
    }
    Optional<BlockException> result = Optional.empty();
    for (Future<Optional<BlockException>> f : futures) {
      Optional<BlockException> r = await(f);
      if (result.isEmpty() && r.isPresent()) {
        result = r;
      }
    }
    return result;
  }

  private static Optional<BlockException> await(Future<Optional<BlockException>> f) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return f.get();
        } catch (InterruptedException e) {
          interrupted = true; // finish the block; the caller holds the chain lock
        } catch (ExecutionException e) {
          throw new IllegalStateException("script check crashed", e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static Optional<BlockException> run(List<InputCheck> checks, int from, int to,
      Set<VerifyFlag> flags, AtomicBoolean failed) {
    for (int k = from; k < to && !failed.get(); k++) {
      InputCheck c = checks.get(k);
      Transaction tx = c.hasher().transaction();
      ScriptError err = ScriptInterpreter.verify(tx.input(c.input()).scriptSig(), c.prevScript(),
          flags, TransactionSignatureChecker.of(c.hasher(), c.input()));
      if (err != ScriptError.OK) {
        failed.set(true);
        return Optional.of(new BlockException(BlockError.SCRIPT_VERIFY_FAILED,
            tx.txId() + " input " + c.input() + ": " + err));
      }
    }
    return Optional.empty();
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
