package org.priwatt.energy.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.priwatt.chain.OutPoint;
import org.priwatt.energy.ByteString;
import org.priwatt.energy.EnergyError;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.EnergySecret;
import org.priwatt.energy.EntryId;
import org.priwatt.energy.RequestId;

/**
 * The registry's state as the fold of its events: entries with their secrets, the request ids
 * seen (replay protection), the funding outputs consumed by transfers and the decisions taken per
 * disputed output. {@link #apply} is the only mutator, used both when replaying the log and after
 * appending a new event, so a restarted registry is exactly the one that stopped. Guarded by the
 * registry's monitor.
 */
final class RegistryState {
  /** One entry with what only the DSO knows about it. */
  static final class Held {
    EnergyEntry entry;
    final EnergySecret lambda;
    EnergySecret z;
    /** The funding output and complete release of the sale, once transferred. */
    OutPoint soldFunding;
    ByteString release;
    /** The entry a payment channel's client received for this part, once she claimed it. */
    EntryId claimedAs;
    /** The parts of this entry, once split for a payment channel, in increment order. */
    List<EntryId> channelParts = List.of();
    /** The lock of those parts. */
    PartLock channelSplit;

    Held(EnergyEntry entry, EnergySecret lambda, EnergySecret z) {
      this.entry = entry;
      this.lambda = lambda;
      this.z = z;
    }
  }

  private final Map<EntryId, Held> entries = new LinkedHashMap<>();
  private final Set<RequestId> seen = new HashSet<>();
  private final Map<OutPoint, EntryId> sold = new HashMap<>();
  private final Map<OutPoint, RegistryEvent.Decided> decisions = new HashMap<>();
  private final List<RegistryEvent> events = new ArrayList<>();

  Optional<Held> held(EntryId id) {
    return Optional.ofNullable(entries.get(id));
  }

  List<EnergyEntry> entries() {
    return entries.values().stream().map(h -> h.entry).toList();
  }

  List<RegistryEvent> events() {
    return List.copyOf(events);
  }

  boolean seen(RequestId id) {
    return seen.contains(id);
  }

  /** Whether {@code funding} paid for a transfer. */
  boolean isSold(OutPoint funding) {
    return sold.containsKey(funding);
  }

  /** The decision already taken on {@code funding}, if any. */
  Optional<RegistryEvent.Decided> decision(OutPoint funding) {
    return Optional.ofNullable(decisions.get(funding));
  }

  /**
   * Applies one event.
   *
   * @throws EnergyException {@link EnergyError#CORRUPT_LOG} if the event contradicts the state
   *     (it names an unknown entry, repeats a request id or an entry, or a state it cannot follow)
   */
  void apply(RegistryEvent event) throws EnergyException {
    if (event instanceof RegistryEvent.Injected e) {
      create(e.lambda(), e.lockSecret(), e.injection(), Optional.empty());
    } else if (event instanceof RegistryEvent.Locked e) {
      Held h = existing(e.entry(), e.request());
      List<EscrowLock> locks = new ArrayList<>(h.entry.locks());
      locks.add(e.lock());
      h.entry = with(h.entry, EntryStatus.LOCKED, locks, h.entry.nextSequence() + 1);
    } else if (event instanceof RegistryEvent.Unlocked e) {
      Held h = existing(e.entry(), e.request());
      h.entry = with(h.entry, EntryStatus.ACTIVE, h.entry.locks(), h.entry.nextSequence() + 1);
    } else if (event instanceof RegistryEvent.Renewed e) {
      Held h = existing(e.entry(), e.request());
      h.z = e.newLockSecret();
      h.entry = with(h.entry, h.entry.status(), h.entry.locks(), h.entry.nextSequence() + 1);
    } else if (event instanceof RegistryEvent.Transferred e) {
      Held h = existing(e.entry(), e.request());
      if (sold.putIfAbsent(e.funding(), e.entry()) != null) {
        throw corrupt("funding " + e.funding() + " used twice");
      }
      h.soldFunding = e.funding();
      h.release = e.release();
      EnergyEntry x = h.entry;
      h.entry = new EnergyEntry(x.id(), x.injection(), EntryStatus.TRANSFERRED, x.locks(), x.parent(),
          Optional.of(e.lock()), x.nextSequence(), x.channelLock());
      create(e.buyerLambda(), e.buyerLockSecret(), e.buyer(), Optional.of(e.entry()));
    } else if (event instanceof RegistryEvent.Split e) {
      Held h = existing(e.entry(), e.request());
      h.entry = with(h.entry, EntryStatus.SPLIT, h.entry.locks(), h.entry.nextSequence() + 1);
      EnergyInjection base = h.entry.injection();
      for (int i = 0; i < e.shares().size(); i++) {
        EnergyInjection part = new EnergyInjection(base.ownerKey(), base.msgAddress(), e.shares().get(i), e.time());
        create(e.ownershipSecrets().get(i), e.lockSecrets().get(i), part, Optional.of(e.entry()));
      }
    } else if (event instanceof RegistryEvent.ChannelLocked e) {
      Held h = existing(e.entry(), e.request());
      h.entry = with(h.entry, EntryStatus.SPLIT, h.entry.locks(), h.entry.nextSequence() + 1);
      EnergyInjection base = h.entry.injection();
      List<EntryId> parts = new ArrayList<>();
      for (int i = 0; i < e.shares().size(); i++) {
        EnergyInjection part = new EnergyInjection(base.ownerKey(), base.msgAddress(), e.shares().get(i), e.time());
        EnergySecret lambda = e.ownershipSecrets().get(i);
        create(lambda, e.lockSecrets().get(i), part, Optional.of(e.entry()), EntryStatus.CHANNEL_LOCKED,
            Optional.of(e.lock()));
        parts.add(lambda.entryId());
      }
      h.channelParts = List.copyOf(parts);
      h.channelSplit = e.lock();
    } else if (event instanceof RegistryEvent.ChannelTransferred e) {
      Held h = existing(e.entry(), e.request());
      if (h.entry.status() != EntryStatus.CHANNEL_LOCKED) {
        throw corrupt("entry " + e.entry() + " claimed while " + h.entry.status());
      }
      h.entry = with(h.entry, EntryStatus.TRANSFERRED, h.entry.locks(), h.entry.nextSequence());
      create(e.clientLambda(), e.clientLockSecret(), e.client(), Optional.of(e.entry()));
      h.claimedAs = e.clientLambda().entryId();
    } else if (event instanceof RegistryEvent.Decided e) {
      Held h = existing(e.entry(), e.request());
      if (decisions.putIfAbsent(e.funding(), e) != null) {
        throw corrupt("funding " + e.funding() + " decided twice");
      }
      if (e.freezes()) {
        h.entry = with(h.entry, EntryStatus.FROZEN, h.entry.locks(), h.entry.nextSequence());
      }
    }
    events.add(event);
  }

  private static EnergyEntry with(EnergyEntry x, EntryStatus status, List<EscrowLock> locks, long sequence) {
    return new EnergyEntry(x.id(), x.injection(), status, locks, x.parent(), x.transferredUnder(), sequence,
        x.channelLock());
  }

  private Held existing(EntryId id, RequestId request) throws EnergyException {
    Held h = entries.get(id);
    if (h == null) {
      throw corrupt("event names unknown entry " + id);
    }
    if (!seen.add(request)) {
      throw corrupt("event repeats request " + request);
    }
    return h;
  }

  private void create(EnergySecret lambda, EnergySecret z, EnergyInjection injection, Optional<EntryId> parent)
      throws EnergyException {
    create(lambda, z, injection, parent, EntryStatus.ACTIVE, Optional.empty());
  }

  private void create(EnergySecret lambda, EnergySecret z, EnergyInjection injection, Optional<EntryId> parent,
      EntryStatus status, Optional<PartLock> channelLock) throws EnergyException {
    EntryId id = lambda.entryId();
    if (entries.containsKey(id)) {
      throw corrupt("entry " + id + " created twice");
    }
    entries.put(id, new Held(new EnergyEntry(id, injection, status, List.of(), parent, Optional.empty(), 0,
        channelLock), lambda, z));
  }

  private static EnergyException corrupt(String detail) {
    return new EnergyException(EnergyError.CORRUPT_LOG, detail);
  }
}
