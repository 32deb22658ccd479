package org.priwatt.node;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal SOCKS5 proxy for tests (RFC 1928, no authentication, CONNECT only) on loopback,
 * recording the targets it was asked for, so a test can check that outbound connections go
 * through it and that host names reach it unresolved.
 */
final class Socks5Relay implements AutoCloseable {
  private final ServerSocket server;
  final List<String> targets = new CopyOnWriteArrayList<>();

  Socks5Relay() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::acceptLoop, "socks5-test-relay");
    t.setDaemon(true);
    t.start();
  }

  int port() {
    return server.getLocalPort();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Thread t = new Thread(() -> serve(client), "socks5-test-client");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      DataInputStream in = new DataInputStream(client.getInputStream());
      OutputStream out = client.getOutputStream();
      in.readUnsignedByte(); // version 5
      in.readFully(new byte[in.readUnsignedByte()]); // methods
      out.write(new byte[] {5, 0});
      in.readFully(new byte[3]); // ver, CONNECT, reserved
      int atyp = in.readUnsignedByte();
      String host;
      if (atyp == 1) {
        byte[] a = new byte[4];
        in.readFully(a);
        host = InetAddress.getByAddress(a).getHostAddress();
      } else if (atyp == 3) {
        byte[] name = new byte[in.readUnsignedByte()];
        in.readFully(name);
        host = new String(name, StandardCharsets.US_ASCII);
      } else {
        byte[] a = new byte[16];
        in.readFully(a);
        host = InetAddress.getByAddress(a).getHostAddress();
      }
      int port = in.readUnsignedShort();
      targets.add(host + ":" + port);
      try (Socket target = new Socket(host, port)) {
        out.write(new byte[] {5, 0, 0, 1, 0, 0, 0, 0, 0, 0});
        Thread back = new Thread(() -> pipe(target, client), "socks5-test-back");
        back.setDaemon(true);
        back.start();
        pipe(client, target);
      }
    } catch (IOException e) {
      // the test is over or a side hung up
    }
  }

  private static void pipe(Socket from, Socket to) {
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      byte[] buf = new byte[16 * 1024];
      int n;
      while ((n = in.read(buf)) >= 0) {
        out.write(buf, 0, n);
        out.flush();
      }
      to.shutdownOutput();
    } catch (IOException e) {
      // a side closed
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
