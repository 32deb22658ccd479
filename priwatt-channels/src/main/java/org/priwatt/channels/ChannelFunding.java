package org.priwatt.channels;

import java.util.Objects;
import org.priwatt.chain.Amount;
import org.priwatt.chain.OutPoint;

/**
 * The output that funds a channel: where it is and what it holds (at least the capacity; a
 * client who pays more gets the excess back in every payment and in the refund). Immutable.
 *
 * @param outPoint the funding output
 * @param value its value
 */
public record ChannelFunding(OutPoint outPoint, Amount value) {
  /** Validates non-null fields and a positive value. */
  public ChannelFunding {
    Objects.requireNonNull(outPoint, "outPoint");
    Objects.requireNonNull(value, "value");
    if (value.sat() <= 0) {
      throw new IllegalArgumentException("funding must be positive");
    }
  }
}
