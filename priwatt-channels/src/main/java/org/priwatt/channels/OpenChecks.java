package org.priwatt.channels;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.priwatt.chain.Amount;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.market.Offer;
import org.priwatt.energy.registry.EntryStatus;
import org.priwatt.energy.registry.PartLock;
import org.priwatt.energy.registry.RegistryReply;
import org.priwatt.energy.registry.SecretDerivation;

/**
 * What each side checks before it commits to a channel, in one place: the server an OPEN against
 * his offer and policy, the client the server's ACCEPT against her OPEN, and the DSO's testimony
 * against both. Each check returns the first problem as a typed {@link ChannelError}; pure
 * functions, no state.
 */
final class OpenChecks {
  private OpenChecks() {}

  /**
   * The server's check of {@code o} against {@code offer} with the chain's tip at {@code tip} and
   * his fee ask {@code maxFee}: increments within 1..100 and the entry's milliwatt-hours, the
   * offer's price per kWh rounded up per increment, capacity i × p, a fee that relays, is no
   * higher than his ask and leaves one increment's payout above dust, and a refund height beyond
   * his margin and opening time but not beyond his longest delay.
   */
  static Optional<ChannelError> open(ChannelMessage.Open o, Offer offer, long tip, Amount maxFee,
      ChannelPolicy policy) {
    EnergyAmount energy = offer.energy();
    int i = o.increments();
    ChannelError e = null;
    long f = o.fee().sat();
    long lead = o.refundHeight() - tip;
    if (i < 1 || i > ChannelTerms.MAX_INCREMENTS || i > energy.milliwattHours()) {
      e = ChannelError.BAD_INCREMENTS;
    } else if (!o.incrementPrice().equals(ChannelTerms.incrementPrice(offer.pricePerKwh(), energy, i))) {
      e = ChannelError.BAD_PRICE;
    } else if (o.incrementPrice().sat() > Amount.MAX_MONEY / i || !o.capacity().equals(o.incrementPrice().times(i))) {
      e = ChannelError.BAD_CAPACITY;
    } else if (f < ChannelTransactions.MIN_FEE.sat() || f > maxFee.sat()
        || o.incrementPrice().sat() - f < ChannelTransactions.DUST_LIMIT.sat()) {
      e = ChannelError.BAD_FEE;
    } else if (lead < policy.safetyMarginBlocks() + policy.minOpenBlocks()) {
      e = ChannelError.DEADLINE_TOO_CLOSE;
    } else if (lead > policy.maxRefundDelayBlocks()) {
      e = ChannelError.DEADLINE_TOO_FAR;
    }
    return Optional.ofNullable(e);
  }

  /**
   * The client's check of the server's ACCEPT {@code a} for her OPEN {@code o} of an entry of
   * {@code energy}: one part per increment, distinct, the entry split exactly as the DSO splits it
   * ({@link SecretDerivation#shares}), and the lock lasting past the refund height by her claim
   * margin. (The server's key is checked when the channel script is built.)
   */
  static Optional<ChannelError> accept(ChannelMessage.Open o, ChannelMessage.Accept a, EnergyAmount energy,
      ChannelPolicy policy) {
    List<EnergyAmount> shares = SecretDerivation.shares(energy, o.increments());
    boolean ok = a.parts().size() == o.increments()
        && new HashSet<>(a.parts().stream().map(ChannelMessage.Part::entry).toList()).size() == o.increments();
    for (int i = 0; ok && i < a.parts().size(); i++) {
      ok = a.parts().get(i).energy().equals(shares.get(i));
    }
    return ok && a.lockExpiry() >= o.refundHeight() + policy.claimMarginBlocks() ? Optional.empty()
        : Optional.of(ChannelError.BAD_ACCEPT);
  }

  /**
   * The client's check of the DSO's answer {@code reply} before she funds: a testimony that holds,
   * for exactly the agreed channel (id, script with both keys and the refund height, capacity),
   * the expiry and parts the server stated, every part still locked; and at least {@code timeout}
   * seconds before the funding deadline at DSO time {@code now}.
   */
  static Optional<ChannelError> testimony(RegistryReply reply, ChannelTerms t, long lockExpiry,
      List<ChannelMessage.Part> parts, long now, long timeout) {
    if (!(reply instanceof RegistryReply.ChannelTestimony ct) || !ct.holds() || ct.lock().isEmpty()) {
      return Optional.of(ChannelError.LOCK_NOT_CONFIRMED);
    }
    PartLock lock = ct.lock().get();
    boolean same = lock.channel().equals(t.id()) && lock.script().equals(t.script())
        && lock.capacity().equals(t.capacity()) && lock.expiryHeight() == lockExpiry
        && ct.parts().size() == parts.size();
    for (int i = 0; same && i < ct.parts().size(); i++) {
      RegistryReply.PartView p = ct.parts().get(i);
      ChannelMessage.Part q = parts.get(i);
      same = p.entry().equals(q.entry()) && p.energy().equals(q.energy()) && p.status() == EntryStatus.CHANNEL_LOCKED;
    }
    if (!same) {
      return Optional.of(ChannelError.LOCK_NOT_CONFIRMED);
    }
    return lock.fundingDeadline() - now < timeout ? Optional.of(ChannelError.LOCK_TOO_SHORT) : Optional.empty();
  }
}
