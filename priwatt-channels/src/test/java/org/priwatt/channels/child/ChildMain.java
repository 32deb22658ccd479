package org.priwatt.channels.child;

import java.io.DataOutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import org.priwatt.chain.Amount;
import org.priwatt.channels.ChannelClient;
import org.priwatt.channels.ChannelPolicy;
import org.priwatt.channels.ChannelServer;
import org.priwatt.energy.codec.Fields;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.Hex;
import org.priwatt.crypto.ScryptParameters;
import org.priwatt.crypto.SecretBytes;
import org.priwatt.crypto.codec.ByteReader;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.regtest.RegtestWorld;
import org.priwatt.energy.trade.SealedFileSessionStore;
import org.priwatt.energy.trade.SessionStore;
import org.priwatt.energy.trade.TradeContext;
import org.priwatt.msg.MessageNode;
import org.priwatt.msg.ObjectRules;

/**
 * One channel party in its own JVM, for the kill -9 tests: resumes its session from a sealed file
 * store, talks to the parent (which hosts the chain, the DSO and the other party) over loopback
 * sockets (msg objects through {@link TcpLink}, ledger, wallet, clock and save notices through
 * {@link Rpc}), and plays the honest script to the end of the channel: the server answers until
 * the channel is closed; the client opens if new, pays every increment, closes once she owns
 * every part. After each save it tells the parent and waits: the parent may kill it right there.
 *
 * <p>Arguments: {@code port role store keyHex}, role {@code server} or {@code client}. Exits 0 when
 * the channel is closed, 2 after 60 s.
 */
public final class ChildMain {
  private ChildMain() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    String role = args[1];
    Path path = Path.of(args[2]);
    byte[] key = Hex.decode(args[3]);
    InetAddress loopback = InetAddress.getLoopbackAddress();
    Socket msgSocket = hello(new Socket(loopback, port), "msg");
    Rpc rpc = new Rpc(hello(new Socket(loopback, port), "rpc"));

    MessageNode node = MessageNode.builder("child").rules(ObjectRules.withMinimum(RegtestWorld.EASY_POW))
        .clock(rpc::now).powThreads(1).ackDelay(Duration.ZERO).build();
    TcpLink link = new TcpLink("gateway", msgSocket);
    node.attach(link);
    link.start(node, () -> Runtime.getRuntime().halt(3));
    node.onConnected("gateway");

    ByteReader c = rpc.call("context");
    var dso = Fields.identity(c);
    var dsoKey = Fields.key(c);
    int confirmations = c.i32();
    Amount fee = Amount.ofSat(c.i64());
    long timeout = c.i64();
    ChannelPolicy policy = new ChannelPolicy(c.i64(), c.i64(), c.i64(), c.i64(), c.i64(), c.i64());
    TradeContext ctx = new TradeContext(node, rpc, dso, dsoKey, confirmations, fee, timeout, rpc::now,
        new SecureRandom());
    SessionStore store;
    try (SecretBytes k = SecretBytes.copyOf(key)) {
      store = new Notifying(SealedFileSessionStore.of(path, k, ScryptParameters.of(1, 1, 1)), rpc);
    }
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    if (role.equals("server")) {
      ChannelServer s = ChannelServer.resume(ctx, policy, store, EcKey::generate);
      while (System.nanoTime() < end) {
        s.tick();
        if (s.state() == ChannelServer.State.CLOSED) {
          rpc.call("done", s.toString().getBytes(StandardCharsets.UTF_8));
          Runtime.getRuntime().halt(0);
        }
        Thread.sleep(10);
      }
    } else {
      ChannelClient a = ChannelClient.resume(ctx, policy, store, rpc);
      if (a.state() == ChannelClient.State.NEW) {
        a.start();
      }
      while (System.nanoTime() < end) {
        a.tick();
        int target = a.terms().map(t -> t.increments()).orElse(Integer.MAX_VALUE);
        if (a.state() == ChannelClient.State.OPEN && a.sent() == a.secrets().size() && a.sent() < target) {
          a.pay();
        } else if (a.state() == ChannelClient.State.OPEN && a.owned().size() == target) {
          a.closeChannel();
        } else if (a.state() == ChannelClient.State.CLOSED) {
          rpc.call("done", a.toString().getBytes(StandardCharsets.UTF_8));
          Runtime.getRuntime().halt(0);
        }
        Thread.sleep(10);
      }
    }
    Runtime.getRuntime().halt(2);
  }

  private static Socket hello(Socket s, String kind) throws java.io.IOException {
    s.setTcpNoDelay(true);
    Frames.write(new DataOutputStream(s.getOutputStream()), "hello", kind.getBytes(StandardCharsets.US_ASCII));
    return s;
  }

  /** Saves, then tells the parent and waits for its answer (which may be SIGKILL). */
  private static final class Notifying implements SessionStore {
    private final SessionStore inner;
    private final Rpc rpc;
    private int saves;

    Notifying(SessionStore inner, Rpc rpc) {
      this.inner = inner;
      this.rpc = rpc;
    }

    @Override
    public synchronized void save(byte[] snapshot) throws EnergyException {
      inner.save(snapshot);
      rpc.saved(++saves);
    }

    @Override
    public Optional<byte[]> load() throws EnergyException {
      return inner.load();
    }
  }
}
