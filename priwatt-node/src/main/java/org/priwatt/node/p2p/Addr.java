package org.priwatt.node.p2p;

import java.util.List;

/**
 * {@code addr}: addresses of peers with the time each was last seen.
 *
 * @param addresses at most {@value #MAX_ENTRIES}
 */
public record Addr(List<TimedAddress> addresses) implements P2pMessage {
  /** Most entries in one message (Core's {@code MAX_ADDR_TO_SEND}). */
  public static final int MAX_ENTRIES = 1000;
  /** Largest payload: the count and {@value #MAX_ENTRIES} entries. */
  public static final int MAX_PAYLOAD = 3 + MAX_ENTRIES * TimedAddress.SIZE;

  /**
   * Copies the list.
   *
   * @throws IllegalArgumentException with more than {@value #MAX_ENTRIES} entries
   */
  public Addr {
    addresses = List.copyOf(addresses);
    if (addresses.size() > MAX_ENTRIES) {
      throw new IllegalArgumentException(addresses.size() + " addresses");
    }
  }

  @Override
  public Command command() {
    return Command.ADDR;
  }
}
