package org.priwatt.msg;

import java.util.Arrays;
import java.util.Objects;

/**
 * A message this node sent: its inventory hash, and the 32 random ack bytes whose return on the
 * network proves the recipient decrypted it. Immutable.
 */
public final class SentMessage {
  private final InventoryHash inventoryHash;
  private final byte[] ackData;

  SentMessage(InventoryHash inventoryHash, byte[] ackData) {
    this.inventoryHash = Objects.requireNonNull(inventoryHash);
    this.ackData = ackData.clone();
  }

  /** Returns the inventory hash of the msg object. */
  public InventoryHash inventoryHash() {
    return inventoryHash;
  }

  /** Returns a copy of the ack data. */
  public byte[] ackData() {
    return ackData.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SentMessage s && s.inventoryHash.equals(inventoryHash) && Arrays.equals(s.ackData, ackData);
  }

  @Override
  public int hashCode() {
    return inventoryHash.hashCode();
  }

  @Override
  public String toString() {
    return "SentMessage{" + inventoryHash + "}";
  }
}
