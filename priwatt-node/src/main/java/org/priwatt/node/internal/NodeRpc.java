package org.priwatt.node.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import org.priwatt.node.NodeConfig;
import org.priwatt.node.NodeError;
import org.priwatt.node.NodeException;
import org.priwatt.node.rpc.ChannelAccess;
import org.priwatt.node.rpc.MarketAccess;
import org.priwatt.node.rpc.MessageAccess;
import org.priwatt.node.rpc.RpcMethod;
import org.priwatt.node.rpc.RpcServer;
import org.priwatt.node.rpc.Shutdown;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the JSON-RPC server of a running node as {@link NodeConfig}'s RPC settings say, over
 * the node's own chain, network, messages and metrics. Authentication as bitcoind: the
 * configured user and password, or else a {@code .cookie} in the data directory (a node in
 * memory gets an owner-only temporary directory for it, removed at close).
 */
final class NodeRpc {
  private static final Logger LOG = LoggerFactory.getLogger(NodeRpc.class);
  /** Received messages {@code listmessages} keeps. */
  private static final int INBOX = 1_000;

  private final RpcServer server;
  private final Path temporaryDir;

  private NodeRpc(RpcServer server, Path temporaryDir) {
    this.server = server;
    this.temporaryDir = temporaryDir;
  }

  RpcServer server() {
    return server;
  }

  /**
   * Starts the server.
   *
   * @param dataDir the data directory, null for a node in memory
   * @param market the market, or null for none
   * @param channels the payment channels, or null for none
   * @throws NodeException {@link NodeError#INVALID_CONFIG} (an address that is not one, a
   *     public address, a method name taken twice), {@link
   *     NodeError#BIND_FAILED} (the port cannot be bound or the cookie written) or {@link
   *     NodeError#NOT_RUNNING} if interrupted
   */
  static NodeRpc start(NodeRuntime node, Path dataDir, Path chainDir, MarketAccess market, ChannelAccess channels,
      List<RpcMethod> methods,
      Shutdown stop) throws NodeException {
    NodeConfig c = node.config();
    InetAddress bind;
    try {
      bind = InetAddress.getByName(c.rpcBind());
    } catch (UnknownHostException e) {
      throw new NodeException(NodeError.INVALID_CONFIG, "rpc bind address " + c.rpcBind() + ": " + e.getMessage(), e);
    }
    RpcServer.Builder b = RpcServer.builder(new NodeChainAccess(node.chain(), node.mempool(), node.wallet(), chainDir))
        .network(new NodeNetworkAccess(node))
        .messages(MessageAccess.of(node.messages(), c.messagePow(), INBOX))
        .metrics(node::metrics)
        .shutdown(stop)
        .bind(bind);
    if (c.rpcPort() >= 0) {
      b.port(c.rpcPort());
    }
    if (market != null) {
      b.market(market);
    }
    if (channels != null) {
      b.channels(channels);
    }
    methods.forEach(b::method);
    Path temporary = null;
    try {
      if (c.rpcUser().isPresent()) {
        char[] password = c.rpcPassword().get().toCharArray();
        b.credentials(c.rpcUser().get(), password);
        Arrays.fill(password, '\0');
      } else if (dataDir != null) {
        b.cookie(dataDir);
      } else {
        temporary = Files.createTempDirectory("priwatt-rpc-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        b.cookie(temporary);
      }
      return new NodeRpc(b.start(), temporary);
    } catch (IOException e) {
      deleteQuietly(temporary);
      throw new NodeException(NodeError.BIND_FAILED, "rpc on " + c.rpcBind() + ": " + e.getMessage(), e);
    } catch (IllegalStateException | IllegalArgumentException e) {
      deleteQuietly(temporary);
      throw new NodeException(NodeError.INVALID_CONFIG, "rpc: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      deleteQuietly(temporary);
      Thread.currentThread().interrupt();
      throw new NodeException(NodeError.NOT_RUNNING, "interrupted while starting the RPC server", e);
    }
  }

  /** Stops the server (its cookie goes with it) and removes a temporary cookie directory. */
  void close() {
    server.close();
    deleteQuietly(temporaryDir);
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try {
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      LOG.warn("cannot remove {}: {}", dir, e.getMessage());
    }
  }
}
