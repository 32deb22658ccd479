package org.priwatt.msg;

import java.util.List;
import java.util.Set;

/**
 * How a {@link MessageNode} reaches its peers, inv/getdata style: a node announces the inventory
 * hashes of objects it accepted ({@code inv}), a peer that lacks one asks for it
 * ({@code getdata}) and receives the object. {@link MessageNetwork} implements this in process;
 * a socket implementation frames the same three messages as {@link WirePacket}s.
 * Implementations must not block the caller for long and must be thread-safe.
 */
public interface MessageTransport {
  /** Returns the names of the currently connected peers. */
  Set<String> peers();

  /** Announces objects to {@code peer}. */
  void sendInv(String peer, List<InventoryHash> hashes);

  /** Asks {@code peer} for objects. */
  void sendGetData(String peer, List<InventoryHash> hashes);

  /** Sends an object to {@code peer}. */
  void sendObject(String peer, MessageObject object);

  /** The inbound side a node exposes to its transport; calls may come from any thread. */
  interface Receiver {
    /** {@code from} announced objects. */
    void onInv(String from, List<InventoryHash> hashes);

    /** {@code from} asks for objects. */
    void onGetData(String from, List<InventoryHash> hashes);

    /** {@code from} sent an object as untrusted bytes. */
    void onObject(String from, byte[] encoded);

    /**
     * A connection to {@code peer} was established. A node answers with the inventory of every
     * unexpired object it holds, as a Bitmessage node does after the version handshake, so a
     * newcomer catches up on what was published before it joined (the auction board's open
     * offers among it). The default does nothing.
     */
    default void onConnected(String peer) {}
  }
}
