package org.priwatt.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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
import org.priwatt.chain.Amount;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TransactionBuilder;
import org.priwatt.chain.TxInput;
import org.priwatt.chain.TxId;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.block.BlockHash;
import org.priwatt.chain.block.BlockHeader;
import org.priwatt.chain.mempool.AcceptResult;
import org.priwatt.chain.mempool.MempoolEntry;
import org.priwatt.chain.mempool.MempoolListener;
import org.priwatt.chain.params.ChainParameters;
import org.priwatt.chain.state.ChainListener;
import org.priwatt.chain.state.ChainState;
import org.priwatt.chain.wallet.PaymentBuilder;
import org.priwatt.crypto.Address;
import org.priwatt.crypto.EcKey;
import org.priwatt.msg.Identity;
import org.priwatt.msg.InventoryHash;
import org.priwatt.msg.MessageContent;
import org.priwatt.msg.MessageNode;
import org.priwatt.msg.MessageObject;
import org.priwatt.msg.ObjectRules;
import org.priwatt.node.Node;
import org.priwatt.node.p2p.BlockMessage;
import org.priwatt.node.p2p.ObjectMessage;
import org.priwatt.node.p2p.P2pMessage;
import org.priwatt.node.p2p.Payloads;
import org.priwatt.node.p2p.TxMessage;
import org.priwatt.script.Opcode;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptBuilder;

/**
 * Propagation through real nodes (paper §5.1, issue 15's goal: median below 100 ms per hop):
 * three in-process regtest nodes on loopback in a line, each item handed to node 0 and timed
 * until the last node accepted it, reported per hop ({@value #HOPS} hops per operation).
 *
 * <ul>
 *   <li>{@link #block}: a block built beforehand on node 0's tip, empty ({@code inputs} = 0) or
 *       spending 2,000 coins into 2,000 ({@code inputs} = 2000, the issue's second case),
 *       submitted to node 0, until the last node connected it. Each hop is Core's headers-first
 *       relay: inv, getheaders, headers, getdata, block, validation.
 *   <li>{@link #transaction}: a wallet payment (one P2PKH input, two outputs) made beforehand,
 *       accepted into node 0's mempool, until the last node's mempool has it (inv, getdata, tx,
 *       mempool validation with its signature check per hop). Every 20 transactions a block is
 *       mined between operations so chains of unconfirmed transactions stay short.
 *   <li>{@link #messageObject}: a broadcast message object (its proof of work done beforehand)
 *       published on node 0, until the last node stored it (inv, getdata, object, proof-of-work
 *       and expiry checks per hop); the wait polls every 20 µs.
 *   <li>{@link #rawLoopbackRoundTrip}: the floor: the same number of bytes as one P2P frame of
 *       that kind ({@code kind}; {@code BLOCK_2000} is the 2,000-input block) written on a plain loopback TCP socket to an echo thread that
 *       reads them all and answers one byte. A hop cannot be cheaper than this.
 * </ul>
 *
 * <p>Setup (untimed, bounded by a 60 s wait): start and connect the nodes, mine the next item.
 * Loopback and ephemeral ports only; everything closed at the end of the trial.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class NodePropagationBenchmark {
  static final int NODES = 3;
  static final int HOPS = NODES - 1;
  static final Script ANYONE = ScriptBuilder.create().op(Opcode.OP_1).build();
  private static final int MAX_UNCONFIRMED = 20;

  /**
   * A line of nodes and blocks built by hand on its tip ({@link BenchmarkBlocks}), one per
   * operation: empty ({@code inputs} = 0) or with one transaction spending the previous block's
   * 2,000 anyone-can-spend outputs into 2,000 new ones ({@code inputs} = 2000, about 100 kB).
   */
  @State(Scope.Benchmark)
  public static class Blocks {
    @Param({"0", "2000"})
    public int inputs;

    NodeLine line;
    final BenchmarkBlocks builder = new BenchmarkBlocks();
    BlockHeader tip;
    int height;
    List<OutPoint> coins = List.of();
    long coinValue;
    Block next;
    volatile BlockHash expected;
    volatile CountDownLatch arrived;

    @Setup(Level.Trial)
    public void start() throws Exception {
      line = NodeLine.start(NODES);
      ChainState first = line.first().chain();
      OutPoint mature = builder.matureCoinbase(first);
      tip = first.tip().header();
      height = first.height();
      if (inputs > 0) {
        Transaction fan = BenchmarkBlocks.fanOut(mature, BenchmarkBlocks.PARAMS.subsidyAt(1), inputs, ANYONE);
        Block b = builder.block(tip, ++height, ANYONE, List.of(fan));
        BenchmarkBlocks.submit(first, b);
        tip = b.header();
        coins = outputsOf(fan);
        coinValue = fan.outputs().get(0).value();
      }
      line.awaitSameTip();
      line.last().chain().addListener(new ChainListener() {
        @Override
        public void blockConnected(Block block, int h) {
          if (block.hash().equals(expected)) {
            arrived.countDown();
          }
        }
      });
    }

    @Setup(Level.Invocation)
    public void buildNext() {
      List<Transaction> txs = List.of();
      if (inputs > 0) {
        coinValue -= 1; // one unit of fee per output
        Transaction spend = spendAll(coins, coinValue);
        txs = List.of(spend);
        coins = outputsOf(spend);
      }
      next = builder.block(tip, ++height, ANYONE, txs);
      tip = next.header();
      arrived = new CountDownLatch(1);
      expected = next.hash();
    }

    @TearDown(Level.Trial)
    public void stop() {
      if (line != null) {
        line.close();
      }
    }
  }

  /** One transaction spending every one of {@code coins} into as many outputs of {@code each} to {@link #ANYONE}. */
  static Transaction spendAll(List<OutPoint> coins, long each) {
    TransactionBuilder b = Transaction.builder();
    for (OutPoint c : coins) {
      b.addInput(TxInput.unsigned(c));
    }
    for (int i = 0; i < coins.size(); i++) {
      b.addOutput(Amount.ofSat(each), ANYONE);
    }
    return b.build();
  }

  static List<OutPoint> outputsOf(Transaction tx) {
    List<OutPoint> out = new ArrayList<>(tx.outputs().size());
    for (int i = 0; i < tx.outputs().size(); i++) {
      out.add(OutPoint.of(tx.txId(), i));
    }
    return out;
  }

  /** A line of nodes whose first node's wallet pays itself, one payment per operation. */
  @State(Scope.Benchmark)
  public static class Transactions {
    NodeLine line;
    Script payout;
    Address to;
    Transaction next;
    volatile TxId expected;
    volatile CountDownLatch arrived;

    @Setup(Level.Trial)
    public void start() throws Exception {
      line = NodeLine.start(NODES);
      Node first = line.first();
      to = first.wallet().freshReceiveAddress();
      payout = PaymentBuilder.scriptFor(first.wallet().freshReceiveAddress());
      first.mine(120, payout); // 20 mature coinbases to begin with
      line.awaitSameTip();
      line.last().mempool().addListener(new MempoolListener() {
        @Override
        public void transactionAdded(MempoolEntry entry) {
          if (entry.txId().equals(expected)) {
            arrived.countDown();
          }
        }
      });
    }

    @Setup(Level.Invocation)
    public void payNext() throws Exception {
      Node first = line.first();
      if (first.mempool().size() >= MAX_UNCONFIRMED) {
        first.mine(1, payout);
        line.awaitSameTip();
        for (Node n : line.nodes) {
          NodeLine.await(n + " mempool emptied", () -> n.mempool().size() == 0);
        }
      }
      next = first.wallet().createPayment(to, Amount.ofSat(100_000));
      arrived = new CountDownLatch(1);
      expected = next.txId();
    }

    @TearDown(Level.Trial)
    public void stop() {
      if (line != null) {
        line.close();
      }
    }
  }

  /** A line of nodes and broadcast objects made by a message node outside it, one per operation. */
  @State(Scope.Benchmark)
  public static class MessageObjects {
    NodeLine line;
    MessageNode source;
    Identity from;
    MessageObject next;
    InventoryHash expected;
    long count;

    @Setup(Level.Trial)
    public void start() throws Exception {
      line = NodeLine.start(NODES);
      source = newSource();
      from = Identity.of(EcKey.generate(), EcKey.generate(), 1, NodeLine.EASY_POW);
    }

    @Setup(Level.Invocation)
    public void makeNext() throws Exception {
      expected = source.broadcast(from, MessageContent.simple("offer", "5 kWh at 0.21, #" + count++), 3600);
      next = source.store().get(expected).orElseThrow();
    }

    @TearDown(Level.Trial)
    public void stop() {
      if (source != null) {
        source.close();
      }
      if (line != null) {
        line.close();
      }
    }
  }

  static MessageNode newSource() {
    return MessageNode.builder("source").rules(ObjectRules.withMinimum(NodeLine.EASY_POW)).powThreads(1).build();
  }

  /** An echo thread on a loopback socket and the size of one P2P frame of {@code kind}. */
  @State(Scope.Benchmark)
  public static class Floor {
    @Param({"BLOCK", "BLOCK_2000", "TX", "OBJECT"})
    public String kind;

    byte[] frame;
    ServerSocket server;
    Socket client;
    Thread echo;
    OutputStream out;
    InputStream in;

    @Setup(Level.Trial)
    public void start() throws Exception {
      frame = new byte[frameBytes(kind)];
      server = new ServerSocket();
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int size = frame.length;
      echo = new Thread(() -> {
        try (Socket s = server.accept()) {
          s.setTcpNoDelay(true);
          InputStream i = s.getInputStream();
          OutputStream o = s.getOutputStream();
          byte[] buf = new byte[size];
          while (true) {
            int got = 0;
            while (got < size) {
              int n = i.read(buf, got, size - got);
              if (n < 0) {
                return;
              }
              got += n;
            }
            o.write(1);
            o.flush();
          }
        } catch (IOException e) {
          // closed at teardown
        }
      }, "echo");
      echo.setDaemon(true);
      echo.start();
      client = new Socket();
      client.setTcpNoDelay(true);
      client.connect(server.getLocalSocketAddress(), 5_000);
      client.setSoTimeout(30_000);
      out = client.getOutputStream();
      in = client.getInputStream();
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
      client.close();
      server.close();
      echo.join(5_000);
    }
  }

  /** The wire size of one frame of {@code kind}, made as the benchmarks above make theirs. */
  static int frameBytes(String kind) throws Exception {
    int magic = ChainParameters.REGTEST.magic();
    P2pMessage m;
    try (Node solo = Node.create(NodeLine.config("solo").listen(false).build())) {
      solo.start();
      switch (kind) {
        case "BLOCK" -> m = new BlockMessage(solo.mine(1, ANYONE).get(0));
        case "BLOCK_2000" -> {
          // The shape is what counts for the byte count: 2,000 inputs, 2,000 outputs.
          List<OutPoint> coins = new ArrayList<>();
          for (int i = 0; i < 2_000; i++) {
            coins.add(OutPoint.of(TxId.fromBytes(new byte[32]), i));
          }
          m = new BlockMessage(new BenchmarkBlocks().block(ChainParameters.REGTEST.genesis().header(), 1, ANYONE,
              List.of(spendAll(coins, 2_000_000))));
        }
        case "TX" -> {
          Script payout = PaymentBuilder.scriptFor(solo.wallet().freshReceiveAddress());
          solo.mine(101, payout);
          m = new TxMessage(solo.wallet().createPayment(solo.wallet().freshReceiveAddress(), Amount.ofSat(100_000)));
        }
        case "OBJECT" -> {
          try (MessageNode source = newSource()) {
            Identity from = Identity.of(EcKey.generate(), EcKey.generate(), 1, NodeLine.EASY_POW);
            InventoryHash h = source.broadcast(from, MessageContent.simple("offer", "5 kWh at 0.21, #0"), 3600);
            m = new ObjectMessage(source.store().get(h).orElseThrow());
          }
        }
        default -> throw new IllegalArgumentException("kind " + kind);
      }
    }
    return Payloads.frame(magic, m).length;
  }

  @Benchmark
  @OperationsPerInvocation(HOPS)
  public void block(Blocks s) throws Exception {
    s.line.first().chain().submitBlock(s.next);
    if (!s.arrived.await(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("block " + s.expected + " did not reach the last node in 60 s");
    }
  }

  @Benchmark
  @OperationsPerInvocation(HOPS)
  public void transaction(Transactions s) throws Exception {
    AcceptResult r = s.line.first().mempool().accept(s.next);
    if (!r.isAccepted()) {
      throw new IllegalStateException("node 0 refused the payment: " + r);
    }
    if (!s.arrived.await(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("transaction " + s.expected + " did not reach the last node in 60 s");
    }
  }

  @Benchmark
  @OperationsPerInvocation(HOPS)
  public void messageObject(MessageObjects s) throws Exception {
    s.line.first().messages().publish(s.next);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!s.line.last().messages().store().contains(s.expected)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("object " + s.expected + " did not reach the last node in 60 s");
      }
      LockSupport.parkNanos(20_000);
    }
  }

  @Benchmark
  public int rawLoopbackRoundTrip(Floor f) throws Exception {
    f.out.write(f.frame);
    f.out.flush();
    return f.in.read();
  }
}
