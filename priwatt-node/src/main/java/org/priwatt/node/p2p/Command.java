package org.priwatt.node.p2p;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.block.Block;
import org.priwatt.msg.MessageObject;

/**
 * The commands the node speaks, each with its name on the wire (at most 12 ASCII bytes,
 * NUL-padded in the frame header) and the largest payload it may carry. The frame decoder
 * refuses a frame whose announced length exceeds its command's bound before it buffers a byte
 * of the payload, so a peer can make the node hold at most {@link #BLOCK}'s 4,000,000 bytes per
 * connection, and only for a command that can be that large.
 */
public enum Command {
  /** Opens the handshake: protocol version, services, addresses, nonce, user agent, height. */
  VERSION("version", Version.MAX_PAYLOAD),
  /** Acknowledges a version; the handshake is complete when both sides sent one. */
  VERACK("verack", 0),
  /** Liveness probe carrying a nonce. */
  PING("ping", 8),
  /** Answer to a ping, echoing its nonce. */
  PONG("pong", 8),
  /** Asks for known peer addresses. */
  GETADDR("getaddr", 0),
  /** Up to {@value Addr#MAX_ENTRIES} timestamped peer addresses. */
  ADDR("addr", Addr.MAX_PAYLOAD),
  /** Announces up to {@value InventoryMessage#MAX_ENTRIES} inventory vectors. */
  INV("inv", InventoryMessage.MAX_PAYLOAD),
  /** Requests the objects of up to {@value InventoryMessage#MAX_ENTRIES} inventory vectors. */
  GETDATA("getdata", InventoryMessage.MAX_PAYLOAD),
  /** Answers a getdata for what the sender does not have. */
  NOTFOUND("notfound", InventoryMessage.MAX_PAYLOAD),
  /** Asks for headers after a block locator. */
  GETHEADERS("getheaders", GetHeaders.MAX_PAYLOAD),
  /** Up to {@value Headers#MAX_HEADERS} headers, each followed by a zero transaction count. */
  HEADERS("headers", Headers.MAX_PAYLOAD),
  /** One block. */
  BLOCK("block", Block.MAX_SIZE),
  /** One transaction. */
  TX("tx", Transaction.MAX_SIZE),
  /** One Bitmessage object ({@link MessageObject#CODEC} bytes). */
  OBJECT("object", MessageObject.MAX_SIZE);

  /** Longest command name: the header's command field. */
  public static final int NAME_LENGTH = 12;
  /**
   * The largest payload accepted for a command the node does not know (skipped unread, as
   * Bitcoin Core ignores unknown commands): enough for Core's small feature negotiation
   * messages ({@code sendheaders}, {@code feefilter}, {@code sendcmpct}...).
   */
  public static final int MAX_UNKNOWN_PAYLOAD = 64 * 1024;

  private static final Map<String, Command> BY_NAME = new HashMap<>();

  static {
    for (Command c : values()) {
      BY_NAME.put(c.wireName, c);
    }
  }

  private final String wireName;
  private final int maxPayload;

  Command(String wireName, int maxPayload) {
    this.wireName = wireName;
    this.maxPayload = maxPayload;
  }

  /** The name in the frame header. */
  public String wireName() {
    return wireName;
  }

  /** The largest payload of this command, in bytes. */
  public int maxPayload() {
    return maxPayload;
  }

  /** The command called {@code name} on the wire, if the node speaks it. */
  public static Optional<Command> byWireName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }
}
