package org.priwatt.node;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
import org.priwatt.chain.params.ChainParameters;
import org.priwatt.crypto.codec.DecodeException;
import org.priwatt.node.p2p.Command;
import org.priwatt.node.p2p.FrameHeader;
import org.priwatt.node.p2p.NetAddress;
import org.priwatt.node.p2p.P2pMessage;
import org.priwatt.node.p2p.Payloads;
import org.priwatt.node.p2p.Verack;
import org.priwatt.node.p2p.Version;

/**
 * A hand-driven peer on a plain socket, from a chosen loopback source address (127.0.0.2,
 * 127.0.0.3...), so a test can misbehave and be banned without banning the honest nodes on
 * 127.0.0.1. Speaks the wire format through the SDK's own codecs.
 */
public final class RawPeer implements AutoCloseable {
  private static final int MAGIC = ChainParameters.REGTEST.magic();
  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;

  private RawPeer(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  /** Connects to {@code port} on 127.0.0.1 from {@code source}. */
  public static RawPeer connect(String source, int port) throws IOException {
    Socket s = new Socket();
    s.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
    s.setSoTimeout(10_000);
    return new RawPeer(s);
  }

  /** Sends version and verack, reads until the node's verack. */
  public RawPeer handshake(int startHeight) throws IOException, DecodeException {
    send(new Version(Version.PROTOCOL_VERSION, 1, System.currentTimeMillis() / 1000, NetAddress.unspecified(),
        NetAddress.unspecified(), System.nanoTime(), "/raw-test-peer/", startHeight, true));
    send(new Verack());
    while (!(read() instanceof Verack)) {
      // the node's version (and maybe a ping or getheaders) come first
    }
    return this;
  }

  public void send(P2pMessage m) throws IOException {
    sendRaw(Payloads.frame(MAGIC, m));
  }

  public void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** The next known message (unknown commands skipped). */
  public P2pMessage read() throws IOException, DecodeException {
    while (true) {
      byte[] h = new byte[FrameHeader.SIZE];
      in.readFully(h);
      FrameHeader header = FrameHeader.CODEC.decodeFully(h);
      byte[] payload = new byte[header.length()];
      in.readFully(payload);
      Optional<Command> c = Command.byWireName(header.command());
      if (c.isPresent()) {
        return Payloads.decode(c.get(), payload);
      }
    }
  }

  /** The next message of type {@code type}, skipping others. */
  public <T extends P2pMessage> T readUntil(Class<T> type) throws IOException, DecodeException {
    while (true) {
      P2pMessage m = read();
      if (type.isInstance(m)) {
        return type.cast(m);
      }
    }
  }

  /** Whether the node closed the connection within {@code timeout} (reading and discarding what comes). */
  public boolean closedWithin(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    InputStream raw = socket.getInputStream();
    byte[] buf = new byte[4096];
    while (System.nanoTime() < deadline) {
      try {
        socket.setSoTimeout(200);
        if (raw.read(buf) < 0) {
          return true;
        }
      } catch (SocketTimeoutException e) {
        // keep waiting
      } catch (EOFException e) {
        return true;
      } catch (IOException e) {
        return true; // reset by the node
      }
    }
    return false;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
