package org.priwatt.node.p2p;

import java.util.List;
import java.util.Objects;

/**
 * {@code inv}, {@code getdata} or {@code notfound}: a list of inventory vectors (announced,
 * requested, or not available).
 *
 * @param command {@link Command#INV}, {@link Command#GETDATA} or {@link Command#NOTFOUND}
 * @param vectors at most {@value #MAX_ENTRIES}
 */
public record InventoryMessage(Command command, List<InventoryVector> vectors) implements P2pMessage {
  /** Most vectors in one message (Core's {@code MAX_INV_SZ}). */
  public static final int MAX_ENTRIES = 50_000;
  /** Largest payload: the count and {@value #MAX_ENTRIES} vectors. */
  public static final int MAX_PAYLOAD = 3 + MAX_ENTRIES * InventoryVector.SIZE;

  /**
   * Validates the command and copies the list.
   *
   * @throws IllegalArgumentException for another command or more than {@value #MAX_ENTRIES}
   *     vectors
   */
  public InventoryMessage {
    Objects.requireNonNull(command, "command");
    if (command != Command.INV && command != Command.GETDATA && command != Command.NOTFOUND) {
      throw new IllegalArgumentException("not an inventory command: " + command);
    }
    vectors = List.copyOf(vectors);
    if (vectors.size() > MAX_ENTRIES) {
      throw new IllegalArgumentException(vectors.size() + " vectors");
    }
  }

  /** An {@code inv}. */
  public static InventoryMessage inv(List<InventoryVector> vectors) {
    return new InventoryMessage(Command.INV, vectors);
  }

  /** A {@code getdata}. */
  public static InventoryMessage getData(List<InventoryVector> vectors) {
    return new InventoryMessage(Command.GETDATA, vectors);
  }

  /** A {@code notfound}. */
  public static InventoryMessage notFound(List<InventoryVector> vectors) {
    return new InventoryMessage(Command.NOTFOUND, vectors);
  }
}
