package org.priwatt.node;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A peer or proxy address as a user writes it: {@code host:port}, {@code [ipv6]:port}, or a bare
 * host taking a default port. The host is not resolved here.
 *
 * @param host a host name or IP literal (IPv6 without brackets)
 * @param port 1..65535
 */
public record HostPort(String host, int port) {
  /**
   * Validates the parts.
   *
   * @throws IllegalArgumentException if the host is empty or the port outside 1..65535
   */
  public HostPort {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("empty host");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " outside 1..65535");
    }
  }

  /**
   * Parses {@code text}; without a port, {@code defaultPort}.
   *
   * @throws NodeException {@link NodeError#INVALID_CONFIG} if it is not a host with an optional port
   */
  public static HostPort parse(String text, int defaultPort) throws NodeException {
    Objects.requireNonNull(text, "text");
    String t = text.trim();
    String host;
    String port = null;
    if (t.startsWith("[")) {
      int close = t.indexOf(']');
      if (close < 0) {
        throw new NodeException(NodeError.INVALID_CONFIG, "unclosed [ in " + text);
      }
      host = t.substring(1, close);
      if (close + 1 < t.length()) {
        if (t.charAt(close + 1) != ':') {
          throw new NodeException(NodeError.INVALID_CONFIG, "expected :port after ] in " + text);
        }
        port = t.substring(close + 2);
      }
    } else {
      int colon = t.lastIndexOf(':');
      if (colon >= 0 && t.indexOf(':') == colon) {
        host = t.substring(0, colon);
        port = t.substring(colon + 1);
      } else {
        host = t; // a bare host, or an IPv6 literal without brackets and port
      }
    }
    try {
      return new HostPort(host, port == null ? defaultPort : Integer.parseInt(port));
    } catch (IllegalArgumentException e) {
      throw new NodeException(NodeError.INVALID_CONFIG, "not host:port: " + text + " (" + e.getMessage() + ")", e);
    }
  }

  /** An unresolved socket address (resolved when connecting, or by the proxy). */
  public InetSocketAddress unresolved() {
    return InetSocketAddress.createUnresolved(host, port);
  }

  @Override
  public String toString() {
    return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
  }
}
