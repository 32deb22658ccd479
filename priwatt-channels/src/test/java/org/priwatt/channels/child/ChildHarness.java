package org.priwatt.channels.child;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.priwatt.chain.Amount;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxId;
import org.priwatt.chain.TxOutput;
import org.priwatt.channels.ChannelPolicy;
import org.priwatt.energy.codec.Fields;
import org.priwatt.crypto.Hex;
import org.priwatt.crypto.codec.ByteReader;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.DecodeException;
import org.priwatt.crypto.codec.LengthPrefix;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.ledger.FundingSource;
import org.priwatt.energy.ledger.LedgerRejection;
import org.priwatt.energy.ledger.PaymentLedger;
import org.priwatt.energy.regtest.RegtestWorld;
import org.priwatt.energy.trade.TradeContext;
import org.priwatt.msg.InventoryHash;
import org.priwatt.msg.MessageNode;
import org.priwatt.msg.MessageObject;
import org.priwatt.msg.MessageTransport;
import org.priwatt.msg.WirePacket;
import org.priwatt.script.Script;

/**
 * The parent's side of the kill -9 tests: runs one channel party in a child JVM ({@link
 * ChildMain}, started with {@link ProcessBuilder} on this JVM's class path), connected over
 * loopback to a gateway node of the world's message network and to a request/response server for
 * the ledger, the wallet, the clock and save notices. When the child reports the save it should
 * die after, the harness kills it with {@link Process#destroyForcibly()} (SIGKILL) before
 * answering, so the save is durable and nothing after it happened, then starts it again from its
 * store. Loopback only; every wait is bounded.
 */
public final class ChildHarness implements AutoCloseable {
  private final RegtestWorld world;
  private final TradeContext ctx;
  private final ChannelPolicy policy;
  private final FundingSource funds;
  private final Path dir;
  private final ServerSocket server;
  private final MessageNode gateway;
  private final Gateway transport;
  private final List<Process> processes = new CopyOnWriteArrayList<>();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final AtomicInteger kills = new AtomicInteger();
  private volatile String role;
  private volatile Path store;
  private volatile String keyHex;
  private volatile int killAt;
  private volatile String done;

  /**
   * A harness on {@code world}: the child's context is {@code ctx}'s (DSO, confirmations, fee,
   * timeout), its policy {@code policy}, and a client child pays from {@code funds}.
   */
  public ChildHarness(RegtestWorld world, TradeContext ctx, ChannelPolicy policy, FundingSource funds, Path dir)
      throws IOException {
    this.world = world;
    this.ctx = ctx;
    this.policy = policy;
    this.funds = funds;
    this.dir = dir;
    this.server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
    this.gateway = world.node("gateway");
    this.transport = new Gateway(world.hub());
    gateway.attach(transport);
    Thread t = new Thread(this::accept, "child-harness-accept");
    t.setDaemon(true);
    t.start();
  }

  /**
   * Starts the child playing {@code role} from {@code store} sealed under {@code key}, to be
   * killed right after its {@code killAt}-th save (0: never) and started again.
   */
  public void start(String role, Path store, byte[] key, int killAt) throws IOException {
    this.role = role;
    this.store = store;
    this.keyHex = Hex.encode(key);
    this.killAt = killAt;
    spawn();
  }

  private void spawn() throws IOException {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder b = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
        ChildMain.class.getName(), Integer.toString(server.getLocalPort()), role, store.toString(), keyHex);
    Path logs = Path.of("target", "child-logs");
    java.nio.file.Files.createDirectories(logs);
    b.redirectErrorStream(true).redirectOutput(logs.resolve(role + "-" + System.nanoTime() + ".log").toFile());
    processes.add(b.start());
  }

  /** How many times the child was killed. */
  public int kills() {
    return kills.get();
  }

  /** What the child reported when it finished, or null. */
  public String done() {
    return done;
  }

  /** Waits for the last child to exit; its exit code, or -1 after {@code seconds}. */
  public int awaitExit(long seconds) throws InterruptedException {
    Process p = processes.get(processes.size() - 1);
    return p.waitFor(seconds, TimeUnit.SECONDS) ? p.exitValue() : -1;
  }

  // ------------------------------------------------------------------ connections

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        s.setTcpNoDelay(true);
        sockets.add(s);
        DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(s.getInputStream()));
        String kind = new String(Frames.read(in).payload(), StandardCharsets.US_ASCII);
        if (kind.equals("msg")) {
          TcpLink link = new TcpLink("child", s);
          transport.child = link;
          link.start(gateway, () -> { });
          gateway.onConnected("child");
        } else {
          Thread t = new Thread(() -> serve(s, in), "child-harness-rpc");
          t.setDaemon(true);
          t.start();
        }
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s, DataInputStream in) {
    try {
      DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(s.getOutputStream()));
      while (true) {
        WirePacket p = Frames.read(in);
        byte[] reply;
        try {
          if (p.command().equals("saved") && ByteReader.bigEndian(p.payload()).i32() == killAt) {
            kill();
            return;
          }
          reply = answer(p.command(), ByteReader.bigEndian(p.payload()));
        } catch (DecodeException | EnergyException | RuntimeException e) {
          Frames.write(out, "fail", String.valueOf(e).getBytes(StandardCharsets.UTF_8));
          continue;
        }
        Frames.write(out, "ok", reply);
      }
    } catch (IOException e) {
      // the child is gone
    }
  }

  /** SIGKILL right after the save, before the child acts on it; then the child starts again from its store. */
  private void kill() throws IOException {
    Process p = processes.get(processes.size() - 1);
    p.destroyForcibly();
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        throw new IOException("the child did not die");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    kills.incrementAndGet();
    killAt = 0;
    spawn();
  }

  private byte[] answer(String command, ByteReader in) throws DecodeException, EnergyException {
    PaymentLedger ledger = world.ledger();
    ByteWriter out = ByteWriter.bigEndian();
    switch (command) {
      case "now" -> out.i64(world.now());
      case "height" -> out.i32(ledger.height());
      case "saved" -> out.bool(true);
      case "done" -> done = new String(in.rest(), StandardCharsets.UTF_8);
      case "context" -> {
        Fields.identity(out, ctx.dso());
        Fields.key(out, ctx.dsoKey());
        out.i32(ctx.confirmations()).i64(ctx.fee().sat()).i64(ctx.timeoutSeconds());
        out.i64(policy.refundDelayBlocks()).i64(policy.safetyMarginBlocks()).i64(policy.warningBlocks())
            .i64(policy.claimMarginBlocks()).i64(policy.minOpenBlocks()).i64(policy.maxRefundDelayBlocks());
      }
      case "broadcast" -> {
        var r = ledger.broadcast(Rpc.parse(in.rest()));
        out.u8(r.map(x -> x.ordinal() + 1).orElse(0));
      }
      case "conf" -> out.i32(ledger.confirmations(TxId.fromBytes(in.bytes(32))));
      case "tx" -> {
        var tx = ledger.transaction(TxId.fromBytes(in.bytes(32)));
        out.bool(tx.isPresent());
        tx.ifPresent(t -> out.varBytes(LengthPrefix.U32, t.serialize()));
      }
      case "output" -> {
        OutPoint o = Fields.outPoint(in);
        var p = ledger.output(o);
        out.bool(p.isPresent());
        p.ifPresent(x -> Rpc.payment(out, x));
      }
      case "spender" -> {
        var sp = ledger.spender(Fields.outPoint(in));
        out.bool(sp.isPresent());
        sp.ifPresent(t -> out.bytes(t.toBytes()));
      }
      case "payments" -> {
        var all = ledger.paymentsTo(Script.fromBytes(in.rest()));
        out.u16(all.size());
        all.forEach(x -> Rpc.payment(out, x));
      }
      case "fund" -> {
        int n = in.u16();
        List<TxOutput> outputs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          long v = in.i64();
          outputs.add(TxOutput.of(Amount.ofSat(v), Script.fromBytes(in.varBytes(LengthPrefix.U16, 10_000))));
        }
        try {
          Transaction tx = funds.fund(outputs);
          out.bool(true).varBytes(LengthPrefix.U32, tx.serialize());
        } catch (EnergyException e) {
          out.bool(false).utf8(LengthPrefix.U16, e.getMessage());
        }
      }
      default -> throw new IllegalArgumentException("unknown request " + command);
    }
    return out.toByteArray();
  }

  @Override
  public void close() throws IOException {
    for (Process p : processes) {
      p.destroyForcibly();
    }
    server.close();
    for (Socket s : sockets) {
      s.close();
    }
  }

  /** The gateway's transport: the hub in process, the child over its current socket. */
  private static final class Gateway implements MessageTransport {
    private final MessageNode hub;
    volatile TcpLink child;

    Gateway(MessageNode hub) {
      this.hub = hub;
    }

    @Override
    public Set<String> peers() {
      TcpLink c = child;
      return c != null && c.isOpen() ? Set.of("hub", "child") : Set.of("hub");
    }

    @Override
    public void sendInv(String peer, List<InventoryHash> hashes) {
      if (peer.equals("hub")) {
        hub.onInv("gateway", List.copyOf(hashes));
      } else if (child != null) {
        child.sendInv(peer, hashes);
      }
    }

    @Override
    public void sendGetData(String peer, List<InventoryHash> hashes) {
      if (peer.equals("hub")) {
        hub.onGetData("gateway", List.copyOf(hashes));
      } else if (child != null) {
        child.sendGetData(peer, hashes);
      }
    }

    @Override
    public void sendObject(String peer, MessageObject object) {
      if (peer.equals("hub")) {
        hub.onObject("gateway", object.encoded());
      } else if (child != null) {
        child.sendObject(peer, object);
      }
    }
  }
}
