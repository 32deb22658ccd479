package org.priwatt.channels.child;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.priwatt.msg.InventoryHash;
import org.priwatt.msg.MessageObject;
import org.priwatt.msg.MessageTransport;

/**
 * A {@link MessageTransport} to one peer over a loopback socket: inv, getdata and object packets
 * framed by {@link Frames}; a reader thread hands what arrives to the node. When the socket
 * closes (the peer was killed) the link has no peer and sends nothing.
 */
final class TcpLink implements MessageTransport {
  private final String peer;
  private final Socket socket;
  private final DataOutputStream out;
  private volatile boolean open = true;

  TcpLink(String peer, Socket socket) throws IOException {
    this.peer = peer;
    this.socket = socket;
    this.out = new DataOutputStream(new java.io.BufferedOutputStream(socket.getOutputStream()));
  }

  /** Starts reading: packets from the peer go to {@code node} as coming from {@link #peer}. */
  void start(MessageTransport.Receiver node, Runnable onClose) throws IOException {
    DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(socket.getInputStream()));
    Thread t = new Thread(() -> {
      try {
        while (open) {
          var p = Frames.read(in);
          switch (p.command()) {
            case "inv" -> node.onInv(peer, hashes(p.payload()));
            case "getdata" -> node.onGetData(peer, hashes(p.payload()));
            case "object" -> node.onObject(peer, p.payload());
            default -> throw new IOException("unknown packet " + p.command());
          }
        }
      } catch (IOException e) {
        // The peer is gone (killed, or closed).
      } finally {
        close();
        onClose.run();
      }
    }, "tcp-link-" + peer);
    t.setDaemon(true);
    t.start();
  }

  String peer() {
    return peer;
  }

  boolean isOpen() {
    return open;
  }

  void close() {
    open = false;
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  @Override
  public Set<String> peers() {
    return open ? Set.of(peer) : Set.of();
  }

  @Override
  public void sendInv(String to, List<InventoryHash> hashes) {
    send(to, "inv", encode(hashes));
  }

  @Override
  public void sendGetData(String to, List<InventoryHash> hashes) {
    send(to, "getdata", encode(hashes));
  }

  @Override
  public void sendObject(String to, MessageObject object) {
    send(to, "object", object.encoded());
  }

  private void send(String to, String command, byte[] payload) {
    if (!open || !peer.equals(to)) {
      return;
    }
    try {
      Frames.write(out, command, payload);
    } catch (IOException e) {
      close();
    }
  }

  static byte[] encode(List<InventoryHash> hashes) {
    ByteBuffer b = ByteBuffer.allocate(4 + 32 * hashes.size()).putInt(hashes.size());
    hashes.forEach(h -> b.put(h.toBytes()));
    return b.array();
  }

  static List<InventoryHash> hashes(byte[] payload) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(payload);
    int n = b.getInt();
    if (n < 0 || n > (payload.length - 4) / 32) {
      throw new IOException("inventory of " + n);
    }
    List<InventoryHash> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      byte[] h = new byte[32];
      b.get(h);
      out.add(InventoryHash.fromBytes(h));
    }
    return out;
  }
}
