package org.priwatt.chain.mining;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.block.BlockHeader;
import org.priwatt.chain.mempool.FeeRate;
import org.priwatt.chain.mempool.Mempool;
import org.priwatt.chain.mining.internal.NonceSearch;
import org.priwatt.chain.mining.internal.NonceSearcher;
import org.priwatt.chain.mining.internal.TemplateRoller;
import org.priwatt.chain.state.BlockAcceptance;
import org.priwatt.chain.state.ChainState;
import org.priwatt.crypto.Sha256Hash;
import org.priwatt.script.Script;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mines blocks on a {@link ChainState} from a {@link Mempool}: assembles a template, searches
 * nonces on all worker threads of a nonce searcher (SHA-256 midstate per template),
 * rolls the coinbase extra nonce when a template's nonces run out, and submits the solved block.
 * {@link #stop()} ends the current search; {@link #close()} releases the threads.
 *
 * <p>For tests and demos on minimum-difficulty networks (REGTEST: about two hashes per block)
 * {@link #mine(int)} produces N blocks in a few milliseconds each. Thread-safe.
 */
public final class Miner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Miner.class);
  private static final byte[] COINBASE_TAG = {'p', 'r', 'i', 'w', 'a', 't', 't'};

  private final ChainState chain;
  private final Mempool pool;
  private final Script payTo;
  private final BlockAssembler assembler;
  private final NonceSearcher searcher;
  private final LongSupplier clockSeconds;
  private volatile NonceSearch current;
  private volatile boolean stopped;

  private Miner(ChainState chain, Mempool pool, Script payTo, BlockAssembler assembler,
      NonceSearcher searcher, LongSupplier clockSeconds) {
    this.chain = Objects.requireNonNull(chain, "chain");
    this.pool = Objects.requireNonNull(pool, "pool");
    this.payTo = Objects.requireNonNull(payTo, "payTo");
    this.assembler = assembler;
    this.searcher = searcher;
    this.clockSeconds = Objects.requireNonNull(clockSeconds, "clockSeconds");
  }

  /**
   * A miner paying to {@code payTo} with one worker per available core and the system clock.
   */
  public static Miner create(ChainState chain, Mempool pool, Script payTo) {
    return create(chain, pool, payTo, Runtime.getRuntime().availableProcessors(),
        () -> System.currentTimeMillis() / 1000);
  }

  /**
   * A miner with {@code threads} workers and a clock in seconds since the epoch.
   *
   * @throws IllegalArgumentException if {@code threads} is not positive
   */
  public static Miner create(ChainState chain, Mempool pool, Script payTo, int threads,
      LongSupplier clockSeconds) {
    return new Miner(chain, pool, payTo,
        BlockAssembler.create(FeeRate.ofSatPerKb(1000), COINBASE_TAG),
        NonceSearcher.create(threads), clockSeconds);
  }

  /**
   * Mines one block on the current tip and submits it.
   *
   * @return the block, or empty if {@link #stop()} ended the search or the extra nonce ran out
   * @throws InterruptedException if interrupted while searching (the search is stopped)
   * @throws ChainException with a {@link org.priwatt.chain.block.BlockError} if the chain state
   *     rejects the block (a bug: templates are valid), or with a store error if the chain's
   *     store fails
   */
  public Optional<Block> mineBlock()
      throws InterruptedException, ChainException {
    if (stopped) {
      return Optional.empty();
    }
    BlockTemplate template = assembler.assemble(chain, pool, payTo, clockSeconds.getAsLong());
    Map<Sha256Hash, Long> extraNonces = new ConcurrentHashMap<>();
    Block first = template.block(0);
    extraNonces.put(first.header().merkleRoot(), 0L);
    TemplateRoller roller = TemplateRoller.rollExtraNonce(1, n -> {
      Sha256Hash root = template.merkleRoot(n);
      extraNonces.put(root, n);
      return root;
    });
    NonceSearch search = searcher.start(first.header(), roller);
    current = search;
    if (stopped) {
      search.stop();
    }
    Optional<BlockHeader> solved;
    try {
      solved = search.await();
    } finally {
      search.stop();
      current = null;
    }
    if (solved.isEmpty()) {
      return Optional.empty();
    }
    long extraNonce = extraNonces.get(solved.get().merkleRoot());
    Block block = template.block(extraNonce).withHeader(solved.get());
    BlockAcceptance result = chain.submitBlock(block);
    LOG.debug("mined {} at height {}: {}", block.hash(), template.height(), result);
    return Optional.of(block);
  }

  /**
   * Mines {@code count} blocks one after another.
   *
   * @return the blocks mined; fewer if stopped
   * @throws InterruptedException as {@link #mineBlock()}
   * @throws ChainException as {@link #mineBlock()}
   */
  public List<Block> mine(int count) throws InterruptedException, ChainException {
    List<Block> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Optional<Block> b = mineBlock();
      if (b.isEmpty()) {
        break;
      }
      out.add(b.get());
    }
    return out;
  }

  /** Stops the running search and any later one; {@link #mineBlock()} then returns empty. */
  public void stop() {
    stopped = true;
    NonceSearch s = current;
    if (s != null) {
      s.stop();
    }
  }

  /** Stops mining and releases the worker threads. */
  @Override
  public void close() {
    stop();
    searcher.close();
  }
}
