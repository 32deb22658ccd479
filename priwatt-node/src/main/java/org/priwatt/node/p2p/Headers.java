package org.priwatt.node.p2p;

import java.util.List;
import org.priwatt.chain.block.BlockHeader;

/**
 * {@code headers}: consecutive block headers, each followed on the wire by a transaction count
 * that must be zero.
 *
 * @param headers at most {@value #MAX_HEADERS}
 */
public record Headers(List<BlockHeader> headers) implements P2pMessage {
  /** Most headers in one message (Core's {@code MAX_HEADERS_RESULTS}). */
  public static final int MAX_HEADERS = 2000;
  /** Largest payload: the count and {@value #MAX_HEADERS} headers of 81 bytes. */
  public static final int MAX_PAYLOAD = 3 + MAX_HEADERS * (BlockHeader.SIZE + 1);

  /**
   * Copies the list.
   *
   * @throws IllegalArgumentException with more than {@value #MAX_HEADERS} headers
   */
  public Headers {
    headers = List.copyOf(headers);
    if (headers.size() > MAX_HEADERS) {
      throw new IllegalArgumentException(headers.size() + " headers");
    }
  }

  @Override
  public Command command() {
    return Command.HEADERS;
  }
}
