package org.priwatt.node.p2p;

import java.util.List;
import java.util.Objects;
import org.priwatt.chain.block.BlockHash;

/**
 * {@code getheaders}: asks for the headers after the first hash of {@code locator} on the
 * peer's best chain, up to {@code stop} ({@link BlockHash#ZERO}: as many as fit).
 *
 * @param protocolVersion the sender's protocol version
 * @param locator at most {@value #MAX_LOCATOR} hashes, newest first
 * @param stop the last header wanted, or zero
 */
public record GetHeaders(int protocolVersion, List<BlockHash> locator, BlockHash stop)
    implements P2pMessage {
  /** Most locator hashes (Core's {@code MAX_LOCATOR_SZ}). */
  public static final int MAX_LOCATOR = 101;
  /** Largest payload: version, count, {@value #MAX_LOCATOR} hashes and the stop hash. */
  public static final int MAX_PAYLOAD = 4 + 1 + MAX_LOCATOR * 32 + 32;

  /**
   * Copies the locator.
   *
   * @throws IllegalArgumentException with more than {@value #MAX_LOCATOR} hashes
   */
  public GetHeaders {
    locator = List.copyOf(locator);
    Objects.requireNonNull(stop, "stop");
    if (locator.size() > MAX_LOCATOR) {
      throw new IllegalArgumentException(locator.size() + " locator hashes");
    }
  }

  @Override
  public Command command() {
    return Command.GETHEADERS;
  }
}
