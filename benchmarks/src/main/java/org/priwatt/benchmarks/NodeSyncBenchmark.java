package org.priwatt.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.block.BlockHash;
import org.priwatt.chain.block.BlockHeader;
import org.priwatt.chain.state.ChainState;
import org.priwatt.chain.state.ChainStateOptions;
import org.priwatt.chain.store.MemoryChainStore;
import org.priwatt.node.HostPort;
import org.priwatt.node.Node;

/**
 * A new node catching up (issue 15: "a new node syncing a 10,000-block regtest chain"), in
 * blocks per second, one operation per block ({@value #BLOCKS} per invocation):
 *
 * <ul>
 *   <li>{@link #sync}: a fresh in-memory node connected to one peer that holds the chain, from
 *       {@link Node#start()} (handshake included) until its tip is the peer's: headers-first
 *       sync (getheaders, 2,000 headers per message, validated into the index), then the
 *       blocks in the download window (16 in flight per peer), each validated and connected.
 *       {@code rateLimit = default} keeps the node's per-peer limit of 2,000 messages/s (one
 *       block is one message, so it caps a sync from one peer near 2,000 blocks/s, bursts of
 *       4,000 aside); {@code unlimited} lifts it (a million messages and 1 GiB per second) to
 *       see what the protocol and validation cost.
 *   <li>{@link #connectDirect}, the floor: the same blocks (parsed from their bytes before the
 *       invocation, untimed) submitted one after the other to a fresh in-memory
 *       {@link ChainState} with the node's options (its verifier threads), no network. The
 *       difference to {@link #sync} is the network's share.
 * </ul>
 *
 * <p>The chain is built once per trial with {@link BenchmarkBlocks} (coinbase-only regtest
 * blocks, one second apart from the genesis, as a regtest chain mined without traffic is). The
 * fresh node or chain state is made before each invocation and closed after it (untimed).
 * Loopback, ephemeral ports; waits are bounded (5 minutes per sync).
 *
 * <p>JMH runs this in {@link Mode#Throughput} with {@link OperationsPerInvocation}: an iteration
 * is at least one whole sync (several seconds), so the score is blocks per second over whole
 * syncs, and {@code -wi 1 -i 3} means one sync to warm up and three measured.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class NodeSyncBenchmark {
  /** The chain's length above the genesis. */
  static final int BLOCKS = 10_000;
  private static final Duration SYNC_WAIT = Duration.ofMinutes(5);

  /** {@value #BLOCKS} coinbase-only regtest blocks on the genesis. */
  static List<Block> buildChain() {
    BenchmarkBlocks builder = new BenchmarkBlocks();
    List<Block> blocks = new ArrayList<>(BLOCKS);
    BlockHeader tip = BenchmarkBlocks.PARAMS.genesis().header();
    for (int h = 1; h <= BLOCKS; h++) {
      Block b = builder.block(tip, h, BenchmarkBlocks.ANYONE, List.of());
      blocks.add(b);
      tip = b.header();
    }
    return blocks;
  }

  /** A peer holding the chain, and before each invocation a fresh node connected to it. */
  @State(Scope.Benchmark)
  public static class Network {
    @Param({"default", "unlimited"})
    public String rateLimit;

    Node source;
    BlockHash tip;
    Node fresh;
    private int count;

    @Setup(Level.Trial)
    public void start() throws Exception {
      source = Node.create(NodeLine.config("source").build());
      source.start();
      for (Block b : buildChain()) {
        BenchmarkBlocks.submit(source.chain(), b);
      }
      tip = source.chain().tip().hash();
    }

    @Setup(Level.Invocation)
    public void newNode() {
      var config = NodeLine.config("fresh" + count++).listen(false)
          .connect(new HostPort("127.0.0.1", source.p2pAddress().orElseThrow().getPort()));
      if (rateLimit.equals("unlimited")) {
        config.maxMessagesPerSecond(1_000_000).maxBytesPerSecond(1L << 30);
      }
      fresh = Node.create(config.build());
    }

    @TearDown(Level.Invocation)
    public void closeNode() {
      if (fresh != null) {
        fresh.close();
        fresh = null;
      }
    }

    @TearDown(Level.Trial)
    public void stop() {
      closeNode();
      if (source != null) {
        source.close();
      }
    }
  }

  /**
   * The chain's serialized blocks, and before each invocation the blocks parsed afresh and a
   * fresh chain state as the node opens one. Parsing each time keeps the comparison fair: a
   * block's hash and its transactions' ids are computed once per object, and the node receives
   * new objects from the wire, so reusing the same objects would skip that hashing.
   */
  @State(Scope.Benchmark)
  public static class Direct {
    List<byte[]> serialized;
    List<Block> blocks;
    ChainState state;

    @Setup(Level.Trial)
    public void build() {
      serialized = buildChain().stream().map(Block::serialize).toList();
    }

    @Setup(Level.Invocation)
    public void open() throws Exception {
      blocks = new ArrayList<>(serialized.size());
      for (byte[] b : serialized) {
        blocks.add(Block.parse(b));
      }
      // The node's options (NodeRuntime): defaults with up to two verifier threads.
      state = ChainState.open(BenchmarkBlocks.PARAMS, MemoryChainStore.create(), ChainStateOptions.defaults()
          .withVerifierThreads(Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()))));
    }

    @TearDown(Level.Invocation)
    public void close() throws Exception {
      if (state != null) {
        state.close();
        state = null;
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(BLOCKS)
  public void sync(Network n) throws Exception {
    Node node = n.fresh;
    node.start();
    NodeLine.await(node + " at the peer's tip", SYNC_WAIT, () -> node.chain().tip().hash().equals(n.tip));
  }

  @Benchmark
  @OperationsPerInvocation(BLOCKS)
  public int connectDirect(Direct d) throws Exception {
    for (Block b : d.blocks) {
      BenchmarkBlocks.submit(d.state, b);
    }
    return d.state.height();
  }
}
