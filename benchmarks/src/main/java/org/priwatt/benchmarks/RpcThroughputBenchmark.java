package org.priwatt.benchmarks;

import com.fasterxml.jackson.databind.node.IntNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.priwatt.chain.Amount;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.mempool.AcceptResult;
import org.priwatt.chain.wallet.PaymentBuilder;
import org.priwatt.chain.wallet.Wallet;
import org.priwatt.crypto.Address;
import org.priwatt.node.Node;
import org.priwatt.node.NodeService;
import org.priwatt.node.rpc.RpcMethod;

/**
 * Requests per second of the running node's JSON-RPC server over HTTP/1.1 keep-alive, one
 * connection per client thread, 1 and 4 client threads (the server has 4 workers):
 *
 * <ul>
 *   <li>{@code getblockcount*}: the chain's height.
 *   <li>{@code getblockheader*}: the verbose header of the tip (a block index lookup, JSON with
 *       15 fields, bitcoind's shape).
 *   <li>{@code getblock*}: {@code getblock} at verbosity 1 (bitcoind's default: the block's
 *       fields and its txids) of a block holding a coinbase and {@value #PAYMENTS} wallet
 *       payments: a block read from the store, its transactions hashed for their txids, JSON
 *       with 20 fields.
 *   <li>{@code constant*}, the floor: {@value #CONSTANT}, a method registered on the same server
 *       (through a {@link NodeService}) that answers a constant without touching the chain or the
 *       clock, so what is left is HTTP parsing, authentication, JSON-RPC dispatch and the reply.
 * </ul>
 *
 * <p>The client is a minimal HTTP/1.1 writer and reader on a plain socket (request bytes built
 * once; the reply read by its {@code Content-Length}), so the client costs little next to the
 * server. The node runs in memory on loopback with 200 blocks, user/password authentication,
 * an ephemeral RPC port, P2P not listening.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RpcThroughputBenchmark {
  /** Wallet payments in the block {@code getblock} returns, besides its coinbase. */
  static final int PAYMENTS = 5;
  /** The floor's method name. */
  static final String CONSTANT = "benchconstant";

  /** Serves {@value #CONSTANT}: always 0, nothing read. */
  static final class ConstantMethod implements NodeService {
    @Override
    public void start(Node node) {
      // Nothing to run: the service only adds the method.
    }

    @Override
    public List<RpcMethod> rpcMethods() {
      IntNode zero = IntNode.valueOf(0);
      return List.of(new RpcMethod(CONSTANT, "benchmark", "Returns 0 (the RPC benchmark's floor).", List.of(),
          "n    (numeric) 0", args -> zero));
    }
  }

  /** The node serving RPC. */
  @State(Scope.Benchmark)
  public static class Server {
    Node node;
    int port;
    String tip;
    String blockWithPayments;
    String authorization;

    @Setup(Level.Trial)
    public void start() throws Exception {
      node = Node.create(NodeLine.config("rpc").listen(false).rpcEnabled(true).rpcPort(0).rpcUser("bench")
          .rpcPassword("bench").build(), new ConstantMethod());
      node.start();
      Wallet wallet = node.wallet();
      node.mine(110, PaymentBuilder.scriptFor(wallet.freshReceiveAddress())); // 10 mature coinbases
      Address to = wallet.freshReceiveAddress();
      for (int i = 0; i < PAYMENTS; i++) {
        Transaction payment = wallet.createPayment(to, Amount.ofSat(100_000));
        AcceptResult r = node.mempool().accept(payment);
        if (!r.isAccepted()) {
          throw new IllegalStateException("the mempool refused a payment: " + r);
        }
      }
      Block block = node.mine(1, NodePropagationBenchmark.ANYONE).get(0);
      if (block.transactions().size() != PAYMENTS + 1) {
        throw new IllegalStateException("mined " + block.transactions().size() + " transactions, not " + (PAYMENTS + 1));
      }
      blockWithPayments = block.hash().toString();
      node.mine(89, NodePropagationBenchmark.ANYONE); // 200 blocks, as before
      port = node.rpcAddress().orElseThrow().getPort();
      tip = node.chain().tip().hash().toString();
      authorization = "Basic " + Base64.getEncoder().encodeToString("bench:bench".getBytes(StandardCharsets.UTF_8));
    }

    @TearDown(Level.Trial)
    public void stop() {
      if (node != null) {
        node.close();
      }
    }
  }

  /** One keep-alive connection per benchmark thread, with its three requests prebuilt. */
  @State(Scope.Thread)
  public static class Client {
    Socket socket;
    OutputStream out;
    InputStream in;
    byte[] blockCount;
    byte[] blockHeader;
    byte[] block;
    byte[] constant;
    private final byte[] buffer = new byte[64 * 1024];

    @Setup(Level.Trial)
    public void connect(Server server) throws IOException {
      socket = new Socket();
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress("127.0.0.1", server.port), 5_000);
      socket.setSoTimeout(30_000);
      out = socket.getOutputStream();
      in = socket.getInputStream();
      blockCount = request(server, "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"getblockcount\",\"params\":[]}");
      blockHeader = request(server, "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"getblockheader\",\"params\":[\""
          + server.tip + "\"]}");
      block = request(server, "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"getblock\",\"params\":[\""
          + server.blockWithPayments + "\",1]}");
      constant = request(server, "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"" + CONSTANT + "\",\"params\":[]}");
      // Check each answers before measuring.
      for (byte[] r : new byte[][] {blockCount, blockHeader, block, constant}) {
        String reply = new String(buffer, 0, call(r), StandardCharsets.UTF_8);
        if (!reply.contains("\"error\":null")) {
          throw new IllegalStateException("RPC failed: " + reply);
        }
      }
    }

    private static byte[] request(Server server, String body) {
      byte[] b = body.getBytes(StandardCharsets.UTF_8);
      String head = "POST / HTTP/1.1\r\nHost: 127.0.0.1:" + server.port + "\r\nAuthorization: " + server.authorization
          + "\r\nContent-Type: application/json\r\nContent-Length: " + b.length + "\r\n\r\n";
      ByteArrayOutputStream o = new ByteArrayOutputStream();
      o.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
      o.writeBytes(b);
      return o.toByteArray();
    }

    /** Sends {@code request} and reads the reply; returns the body's length (the body is in the buffer). */
    int call(byte[] request) throws IOException {
      out.write(request);
      out.flush();
      int have = 0;
      int headerEnd = -1;
      while (headerEnd < 0) {
        int n = in.read(buffer, have, buffer.length - have);
        if (n < 0) {
          throw new IOException("connection closed");
        }
        have += n;
        headerEnd = indexOfBlankLine(buffer, have);
      }
      int length = contentLength(new String(buffer, 0, headerEnd, StandardCharsets.US_ASCII));
      int bodyStart = headerEnd + 4;
      if (bodyStart + length > buffer.length) {
        throw new IOException("reply larger than the buffer: " + length);
      }
      while (have < bodyStart + length) {
        int n = in.read(buffer, have, bodyStart + length - have);
        if (n < 0) {
          throw new IOException("connection closed");
        }
        have += n;
      }
      System.arraycopy(buffer, bodyStart, buffer, 0, length);
      return length;
    }

    private static int indexOfBlankLine(byte[] b, int len) {
      for (int i = 0; i + 3 < len; i++) {
        if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
          return i;
        }
      }
      return -1;
    }

    private static int contentLength(String head) throws IOException {
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
          return Integer.parseInt(line.substring(colon + 1).trim());
        }
      }
      throw new IOException("no Content-Length in " + head);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
      socket.close();
    }
  }

  @Benchmark
  @Threads(1)
  public int getblockcount1(Client c) throws IOException {
    return c.call(c.blockCount);
  }

  @Benchmark
  @Threads(4)
  public int getblockcount4(Client c) throws IOException {
    return c.call(c.blockCount);
  }

  @Benchmark
  @Threads(1)
  public int getblockheader1(Client c) throws IOException {
    return c.call(c.blockHeader);
  }

  @Benchmark
  @Threads(4)
  public int getblockheader4(Client c) throws IOException {
    return c.call(c.blockHeader);
  }

  @Benchmark
  @Threads(1)
  public int getblock1(Client c) throws IOException {
    return c.call(c.block);
  }

  @Benchmark
  @Threads(4)
  public int getblock4(Client c) throws IOException {
    return c.call(c.block);
  }

  @Benchmark
  @Threads(1)
  public int constant1(Client c) throws IOException {
    return c.call(c.constant);
  }

  @Benchmark
  @Threads(4)
  public int constant4(Client c) throws IOException {
    return c.call(c.constant);
  }
}
