package org.priwatt.channels;

import java.util.Objects;
import java.util.Optional;
import org.priwatt.chain.Amount;

/**
 * A channel as a user reads it, at one chain height: its capacity, what was spent and what
 * remains, increments done and left, the refund height and how many blocks until the refund
 * unlocks, what each side would receive if the channel closed now, and whether the safety
 * margin is near. Before the terms are agreed every amount is zero. Immutable.
 *
 * @param phase the session's state, by name
 * @param capacity C
 * @param spent what the client has paid: n × p
 * @param remaining C − n × p
 * @param incrementsDone n
 * @param incrementsLeft i − n
 * @param refundHeight D, the height from which the client alone may take her money back
 * @param blocksUntilRefund blocks until the refund is valid (0 once the tip is at D)
 * @param serverIfClosedNow what a close with the latest payment gives the server ({@code n × p − f}; 0 before any payment)
 * @param clientIfClosedNow what the client gets: the funding less {@code n × p} (dust goes to the fee), or with no
 *     payment the whole funding less the fee, by her refund once it unlocks
 * @param nearDeadline whether the tip is within the warning of the server's safety margin
 */
public record ChannelView(String phase, Amount capacity, Amount spent, Amount remaining, int incrementsDone,
    int incrementsLeft, long refundHeight, long blocksUntilRefund, Amount serverIfClosedNow, Amount clientIfClosedNow,
    boolean nearDeadline) {
  /** Validates non-null fields. */
  public ChannelView {
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(capacity, "capacity");
    Objects.requireNonNull(spent, "spent");
    Objects.requireNonNull(remaining, "remaining");
    Objects.requireNonNull(serverIfClosedNow, "serverIfClosedNow");
    Objects.requireNonNull(clientIfClosedNow, "clientIfClosedNow");
  }

  /** The view of a channel in {@code phase} with {@code n} increments paid at chain height {@code tip}. */
  static ChannelView of(String phase, Optional<ChannelTerms> terms, Optional<ChannelFunding> funding, int n, long tip,
      ChannelPolicy policy) {
    if (terms.isEmpty()) {
      return new ChannelView(phase, Amount.ZERO, Amount.ZERO, Amount.ZERO, 0, 0, 0, 0, Amount.ZERO, Amount.ZERO, false);
    }
    ChannelTerms t = terms.get();
    Amount spent = t.spent(n);
    long d = t.refundHeight();
    Amount server = n == 0 ? Amount.ZERO : t.serverAmount(n);
    Amount client = Amount.ZERO;
    if (funding.isPresent()) {
      long rest = n == 0 ? funding.get().value().sat() - t.fee().sat() : funding.get().value().sat() - spent.sat();
      client = rest >= ChannelTransactions.DUST_LIMIT.sat() ? Amount.ofSat(rest) : Amount.ZERO;
    }
    boolean near = tip >= d - policy.safetyMarginBlocks() - policy.warningBlocks();
    return new ChannelView(phase, t.capacity(), spent, t.capacity().minus(spent), n, t.increments() - n, d,
        Math.max(0, d - tip), server, client, near);
  }
}
