package org.priwatt.energy.registry;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.EnergySecret;
import org.priwatt.energy.EntryId;
import org.priwatt.energy.ledger.Payment;
import org.priwatt.energy.ledger.PaymentLedger;
import org.priwatt.energy.registry.RegistryState.Held;

/**
 * The part of the DSO registry that serves payment channels (Case 2, paper §3.2): the channel
 * lock, which splits an entry into one part per increment (eq. 10) and locks every part to the
 * channel's client; the testimony the client asks for before she funds the channel; and the
 * client's claim of each part she paid for, with the part's ownership secret and her signature.
 *
 * <p>The rules (docs/SECURITY.md, Case 2): until a lock expires only the channel's client can
 * claim a part, so the seller cannot sell it twice; a lock expires at its expiry height, or at
 * its funding deadline if no confirmed output of at least the capacity pays the channel's script,
 * so a client who never funds cannot freeze the seller's energy; after expiry the parts nobody
 * claimed are their owner's again. Both the lock and the claim are idempotent for the party that
 * lost a reply. Runs under the registry's monitor, on its state.
 */
final class ChannelDesk {

  private final RegistryState state;
  private final PaymentLedger ledger;
  private final int confirmations;
  private final LongSupplier clock;
  private final SecureRandom random;
  private final long lockSeconds;
  private final EscrowDesk.Committer log;
  private final Function<Held, IssuedSecrets> issued;

  ChannelDesk(RegistryState state, PaymentLedger ledger, int confirmations, LongSupplier clock, SecureRandom random,
      long lockSeconds, EscrowDesk.Committer log, Function<Held, IssuedSecrets> issued) {
    this.state = state;
    this.ledger = ledger;
    this.confirmations = confirmations;
    this.clock = clock;
    this.random = random;
    this.lockSeconds = lockSeconds;
    this.log = log;
    this.issued = issued;
  }

  /** Whether a confirmed output of at least the capacity pays the channel's script (spent or not). */
  boolean isFunded(PartLock lock) {
    for (Payment p : ledger.paymentsTo(lock.scriptPubKey())) {
      if (p.confirmations() >= confirmations && p.output().value() >= lock.capacity().sat()) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code e} is a part whose channel lock has expired, so its owner may use it again. */
  boolean isReleased(EnergyEntry e) {
    return e.status() == EntryStatus.CHANNEL_LOCKED && isExpired(e.channelLock().orElseThrow());
  }

  private boolean isExpired(PartLock lock) {
    long now = clock.getAsLong();
    // The funding is looked up only when the deadline passed: the common case costs nothing.
    return lock.isExpired(now, ledger.height(), now <= lock.fundingDeadline() || isFunded(lock));
  }

  /**
   * Splits and locks an admitted entry {@code h} whose freedom to lock the registry has checked
   * ({@code free}), or answers the parts of the same channel again.
   */
  RegistryReply lock(Held h, RegistryRequest.ChannelLock r, boolean free) throws Refusal, EnergyException {
    if (!RequestCodec.verifyMac(r, r.mac(), h.z)) {
      throw new Refusal(RegistryError.BAD_PROOF, "lock secret proof does not verify");
    }
    Optional<PartLock> existing = splitFor(h);
    if (existing.isPresent()) {
      PartLock l = existing.get();
      if (l.channel().equals(r.channel()) && l.script().equals(r.script()) && l.capacity().equals(r.capacity())
          && l.expiryHeight() == r.expiryHeight() && h.channelParts.size() == r.parts()) {
        return new RegistryReply.Issued(r.id(), partSecrets(h));
      }
      throw new Refusal(RegistryError.NOT_ACTIVE, "entry is split for another channel");
    }
    if (r.sequence() != h.entry.nextSequence()) {
      throw new Refusal(RegistryError.OUT_OF_ORDER, "sequence " + r.sequence() + ", expected " + h.entry.nextSequence());
    }
    if (!free) {
      throw new Refusal(h.entry.status() == EntryStatus.LOCKED || h.entry.status() == EntryStatus.CHANNEL_LOCKED
          ? RegistryError.LOCKED : RegistryError.NOT_ACTIVE, "entry is " + h.entry.status());
    }
    long height = ledger.height();
    long refund = r.script().refundHeight();
    if (refund <= height || r.expiryHeight() <= refund || r.expiryHeight() - height > DsoRegistry.MAX_CHANNEL_LOCK_BLOCKS) {
      throw new Refusal(RegistryError.BAD_CHANNEL, "refund height " + refund + " and expiry " + r.expiryHeight()
          + " at tip " + height + " (the lock may run at most " + DsoRegistry.MAX_CHANNEL_LOCK_BLOCKS + " blocks)");
    }
    int parts = r.parts();
    if (parts > h.entry.energy().milliwattHours()) {
      throw new Refusal(RegistryError.BAD_SPLIT, "cannot split " + h.entry.energy() + " into " + parts);
    }
    long now = clock.getAsLong();
    List<EnergySecret> lambdas = SecretDerivation.split(h.lambda, parts, now, random);
    List<EnergySecret> zs = new ArrayList<>(parts);
    for (EnergySecret l : lambdas) {
      zs.add(SecretDerivation.lock(l, random));
    }
    List<EnergyAmount> shares = SecretDerivation.shares(h.entry.energy(), parts);
    PartLock lock = new PartLock(r.channel(), r.script(), r.capacity(), now, now + lockSeconds, r.expiryHeight());
    log.commit(new RegistryEvent.ChannelLocked(now, r.id(), r.entry(), lock, lambdas, zs, shares));
    return new RegistryReply.Issued(r.id(), partSecrets(h));
  }

  /** The testimony about the lock of {@code r}'s entry to its channel and client. */
  RegistryReply testify(RegistryRequest.TestifyChannel r) {
    Optional<Held> h = state.held(r.entry());
    Optional<PartLock> lock = h.flatMap(ChannelDesk::splitFor)
        .filter(l -> l.channel().equals(r.channel()) && l.client().equals(r.client()));
    if (lock.isEmpty()) {
      return new RegistryReply.ChannelTestimony(r.id(), false, Optional.empty(), List.of());
    }
    List<RegistryReply.PartView> parts = new ArrayList<>();
    boolean intact = true;
    for (EntryId id : h.get().channelParts) {
      Held part = state.held(id).orElseThrow();
      EnergyEntry e = part.entry;
      parts.add(new RegistryReply.PartView(id, e.energy(), e.status()));
      intact &= e.status() == EntryStatus.CHANNEL_LOCKED || claimedBy(part, lock.get()).isPresent();
    }
    return new RegistryReply.ChannelTestimony(r.id(), intact && !isExpired(lock.get()), lock, parts);
  }

  /** A client's claim of the admitted part {@code h}. */
  RegistryReply transfer(Held h, RegistryRequest.ChannelTransfer r) throws Refusal, EnergyException {
    if (!RequestCodec.verifyMac(r, r.mac(), h.lambda)) {
      throw new Refusal(RegistryError.BAD_PROOF, "ownership secret proof does not verify");
    }
    PartLock lock = h.entry.channelLock()
        .orElseThrow(() -> new Refusal(RegistryError.NOT_LOCKED, "entry is not a channel's part"));
    if (!lock.channel().equals(r.channel())) {
      throw new Refusal(RegistryError.UNKNOWN_LOCK, "the part is locked to another channel");
    }
    if (!RequestCodec.verifySignature(r, r.signature(), lock.client())) {
      throw new Refusal(RegistryError.BAD_SIGNATURE, "not signed by the channel's client");
    }
    if (h.entry.status() == EntryStatus.TRANSFERRED) {
      // The same client again, who lost the reply: the same secrets, while she still holds them.
      Held child = claimedBy(h, lock).orElseThrow(() -> new Refusal(RegistryError.NOT_ACTIVE, "part already claimed"));
      if (child.entry.status() != EntryStatus.ACTIVE) {
        throw new Refusal(RegistryError.NOT_ACTIVE, "the claimed entry is " + child.entry.status());
      }
      return new RegistryReply.Issued(r.id(), List.of(issued.apply(child)));
    }
    if (h.entry.status() != EntryStatus.CHANNEL_LOCKED) {
      throw new Refusal(RegistryError.NOT_ACTIVE, "part is " + h.entry.status());
    }
    if (isExpired(lock)) {
      throw new Refusal(RegistryError.LOCK_EXPIRED, "the channel lock expired (height " + ledger.height()
          + ", expiry " + lock.expiryHeight() + ")");
    }
    long now = clock.getAsLong();
    EnergyInjection next = new EnergyInjection(lock.client(), r.clientMsg(), h.entry.energy(), now);
    EnergySecret lambda = SecretDerivation.ownership(next, random);
    log.commit(new RegistryEvent.ChannelTransferred(now, r.id(), r.entry(), next, lambda,
        SecretDerivation.lock(lambda, random)));
    return new RegistryReply.Issued(r.id(), List.of(issued.apply(state.held(lambda.entryId()).orElseThrow())));
  }

  /** The entry the lock's client received for part {@code h}, if she claimed it. */
  private Optional<Held> claimedBy(Held h, PartLock lock) {
    return Optional.ofNullable(h.claimedAs).flatMap(state::held).filter(c -> c.entry.owner().equals(lock.client()));
  }

  /** The channel lock {@code h} was split under, if it was split for a channel. */
  private static Optional<PartLock> splitFor(Held h) {
    return Optional.ofNullable(h.channelSplit);
  }

  private List<IssuedSecrets> partSecrets(Held h) {
    List<IssuedSecrets> out = new ArrayList<>(h.channelParts.size());
    for (EntryId id : h.channelParts) {
      out.add(issued.apply(state.held(id).orElseThrow()));
    }
    return out;
  }
}
