package org.priwatt.msg;

import java.util.Objects;

/**
 * A broadcast from a subscribed address, decrypted and verified: the signature was checked
 * against the embedded keys and those keys hash to the subscribed address. Immutable.
 *
 * @param sender the broadcaster's public identity
 * @param content the broadcast content
 * @param inventoryHash the broadcast object's inventory hash
 */
public record ReceivedBroadcast(PublicIdentity sender, MessageContent content, InventoryHash inventoryHash) {
  /** Validates non-null fields. */
  public ReceivedBroadcast {
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(inventoryHash, "inventoryHash");
  }
}
