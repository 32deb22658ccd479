package org.priwatt.msg;

import java.util.Objects;

/**
 * A private message that one of this node's identities decrypted and verified: the sender's
 * public identity (its keys were checked to sign the message), the recipient, the content and the
 * acknowledgement packet the sender embedded (empty if none). Immutable.
 */
public final class ReceivedMessage {
  private final PublicIdentity sender;
  private final BitmessageAddress recipient;
  private final MessageContent content;
  private final byte[] ackPacket;
  private final InventoryHash inventoryHash;

  ReceivedMessage(PublicIdentity sender, BitmessageAddress recipient, MessageContent content, byte[] ackPacket, InventoryHash inventoryHash) {
    this.sender = Objects.requireNonNull(sender);
    this.recipient = Objects.requireNonNull(recipient);
    this.content = Objects.requireNonNull(content);
    this.ackPacket = ackPacket.clone();
    this.inventoryHash = inventoryHash;
  }

  /** Returns the authenticated sender. */
  public PublicIdentity sender() {
    return sender;
  }

  /** Returns the local address the message was for. */
  public BitmessageAddress recipient() {
    return recipient;
  }

  /** Returns the content. */
  public MessageContent content() {
    return content;
  }

  /** Returns a copy of the embedded acknowledgement packet (a complete {@code object} packet), possibly empty. */
  public byte[] ackPacket() {
    return ackPacket.clone();
  }

  /** Returns the inventory hash of the msg object. */
  public InventoryHash inventoryHash() {
    return inventoryHash;
  }

  @Override
  public String toString() {
    return "ReceivedMessage{from " + sender.address() + " to " + recipient + ", subject " + content.subject() + "}";
  }
}
