package org.priwatt.node.role;

import java.util.Locale;

/** The energy role a node plays in Case 1 trading (paper §3.1). */
public enum Role {
  /** The distribution system operator: keeps the energy registry, certifies injections, testifies locks. */
  DSO,
  /** A prosumer: meters its PV generation through the DSO and sells it on the auction board. */
  PROSUMER,
  /** A consumer: reads the auction board, buys matching offers with the node's wallet. */
  CONSUMER;

  /** The name on the command line: {@code dso}, {@code prosumer} or {@code consumer}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The role called {@code id} ({@link #id()}, any case).
   *
   * @throws IllegalArgumentException if no role has that name
   */
  public static Role parse(String id) {
    for (Role r : values()) {
      if (r.id().equalsIgnoreCase(id.trim())) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown role " + id + " (dso, prosumer or consumer)");
  }
}
