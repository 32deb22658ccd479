package org.priwatt.node.role;

import java.util.Map;
import java.util.Optional;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.msg.BitmessageAddress;
import org.priwatt.node.rpc.ChannelAccess;
import org.priwatt.node.rpc.MarketAccess;

/**
 * A node's running energy role, started and stopped with the node ({@code Node#role()}): the
 * market view the RPC server serves ({@link MarketAccess}: the offers the role knows, its trades
 * as seller or buyer), its payment channels ({@link ChannelAccess}: a consumer opens and pays
 * them, a prosumer with channels serves them; the DSO has none) and a summary for the node's
 * status file. Thread-safe.
 */
public interface RoleAgent extends MarketAccess, ChannelAccess, AutoCloseable {
  /** The role. */
  Role role();

  /** The DSO's messaging address: this node's own for the DSO, the configured one otherwise. */
  BitmessageAddress dsoAddress();

  /** The DSO's certificate key: this node's own for the DSO, the configured one otherwise. */
  EcPublicKey dsoKey();

  /**
   * The prosumer's meter key (compressed), which the DSO's operator registers ({@link
   * RoleConfig.Builder#meter}); empty for the other roles.
   */
  default Optional<EcPublicKey> meterKey() {
    return Optional.empty();
  }

  /**
   * A JSON-ready summary (strings, numbers, maps of them): the role, the offers known, trades
   * open, completed and failed and, for the DSO, the registry's entries by status.
   */
  Map<String, Object> summary();

  /** Stops the agent; sessions stay saved and resume at the next start. Idempotent. */
  @Override
  void close();
}
