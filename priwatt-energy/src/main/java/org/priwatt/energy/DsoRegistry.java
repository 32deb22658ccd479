package org.priwatt.energy;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.energy.internal.EventCodec;
import org.priwatt.energy.internal.WriteAheadLog;
import org.priwatt.energy.internal.WriteAheadLogV1;

/**
 * The DSO's durable registry of energy ownership (paper §3.1): entries created from metered
 * injections, each controlled by an ownership secret λ and a lock secret z, and the operations
 * testify, lock, unlock, renew, transfer (CHANGESECRETOWNER, eq. 9), split (eq. 10) and dispute.
 *
 * <p>Durability: every change is a {@link RegistryEvent} appended to a {@link WriteAheadLog}
 * (numbered, chain-checksummed, forced to disk) <em>before</em> it is applied in memory; the state
 * is the fold of the log, rebuilt on {@link Builder#open}. A crash therefore loses at most an
 * unacknowledged change, and a torn last record is cut off on restart; damage anywhere else
 * refuses to open ({@link RegistryError#CORRUPT_LOG}) and leaves the file for an operator. A
 * failed append leaves state unchanged.
 *
 * <p>Request checks, in order: replayed id ({@link RegistryError#REPLAYED}), timestamp outside the
 * allowed skew ({@link RegistryError#STALE}), unknown entry, proof of the secret ({@link
 * RegistryError#BAD_PROOF}) or signature, then the sequence number ({@link
 * RegistryError#OUT_OF_ORDER}), then state rules. Thread-safe (one monitor).
 */
public final class DsoRegistry implements AutoCloseable {
  /** Most parts one split may produce. */
  public static final int MAX_SPLIT = RegistryReply.MAX_SECRETS;
  /** Default allowed distance between a request's timestamp and the DSO clock, in seconds. */
  public static final long DEFAULT_MAX_SKEW = 600;

  private static final class State {
    EnergyEntry entry;
    final EnergySecret lambda;
    EnergySecret z;

    State(EnergyEntry entry, EnergySecret lambda, EnergySecret z) {
      this.entry = entry;
      this.lambda = lambda;
      this.z = z;
    }
  }

  private final WriteAheadLog wal;
  private final EcPublicKey dsoKey;
  private final PaymentLedger ledger;
  private final int confirmations;
  private final LongSupplier clock;
  private final SecureRandom random;
  private final long maxSkew;
  private final Map<EntryId, State> entries = new LinkedHashMap<>();
  private final Set<RequestId> seen = new HashSet<>();
  private final List<RegistryEvent> events = new ArrayList<>();
  private final long recoveredTailBytes;

  private DsoRegistry(Builder b, WriteAheadLog.Recovery recovery) throws RegistryException {
    this.wal = recovery.log();
    this.dsoKey = b.dsoKey;
    this.ledger = b.ledger;
    this.confirmations = b.confirmations;
    this.clock = b.clock;
    this.random = b.random;
    this.maxSkew = b.maxSkew;
    this.recoveredTailBytes = recovery.truncatedBytes();
    List<byte[]> records = recovery.records();
    for (int i = 0; i < records.size(); i++) {
      try {
        apply(EventCodec.decode(records.get(i)));
      } catch (RegistryException ex) {
        throw new RegistryException(RegistryError.CORRUPT_LOG,
            "record " + i + " at offset " + recovery.offsets().get(i) + " is intact but cannot be replayed", ex);
      }
    }
  }

  /** Returns a builder; the log path, DSO key and ledger are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Configures and opens a {@link DsoRegistry}. */
  public static final class Builder {
    private Path log;
    private EcPublicKey dsoKey;
    private PaymentLedger ledger;
    private int confirmations = 1;
    private LongSupplier clock = () -> System.currentTimeMillis() / 1000;
    private SecureRandom random = new SecureRandom();
    private long maxSkew = DEFAULT_MAX_SKEW;

    private Builder() {}

    /** The write-ahead log file (created if missing). */
    public Builder log(Path file) {
      this.log = Objects.requireNonNull(file);
      return this;
    }

    /** The DSO's escrow public key (must be the first key of every escrow script). */
    public Builder dsoKey(EcPublicKey key) {
      this.dsoKey = Objects.requireNonNull(key);
      return this;
    }

    /** Where escrow payments are looked up. */
    public Builder ledger(PaymentLedger ledger) {
      this.ledger = Objects.requireNonNull(ledger);
      return this;
    }

    /** Confirmations an escrow payment needs before a transfer (at least 1; default 1). */
    public Builder confirmations(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("confirmations < 1");
      }
      this.confirmations = n;
      return this;
    }

    /** The clock in Unix seconds. */
    public Builder clock(LongSupplier clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /** The randomness for lock secrets and splits. */
    public Builder random(SecureRandom random) {
      this.random = Objects.requireNonNull(random);
      return this;
    }

    /** Allowed request timestamp skew in seconds. */
    public Builder maxSkew(long seconds) {
      if (seconds < 0) {
        throw new IllegalArgumentException("negative skew");
      }
      this.maxSkew = seconds;
      return this;
    }

    /**
     * Opens the log, replays it and returns the registry.
     *
     * @throws RegistryException {@link RegistryError#STORAGE} if the log cannot be opened, {@link
     *     RegistryError#CORRUPT_LOG} if it is damaged anywhere but in a torn last record or an intact
     *     record cannot be replayed (the message names the record and its byte offset; the file is
     *     left unchanged, see the module README for recovery), {@link
     *     RegistryError#UNSUPPORTED_VERSION} for a version 1 log (convert it with {@link #upgradeLog})
     * @throws NullPointerException if a required setting is missing
     */
    public DsoRegistry open() throws RegistryException {
      Objects.requireNonNull(log, "log");
      Objects.requireNonNull(dsoKey, "dsoKey");
      Objects.requireNonNull(ledger, "ledger");
      WriteAheadLog.Recovery r;
      try {
        r = WriteAheadLog.open(log);
      } catch (IOException e) {
        throw new RegistryException(RegistryError.STORAGE, "cannot open log", e);
      }
      try {
        return new DsoRegistry(this, r);
      } catch (RegistryException | RuntimeException e) {
        try {
          r.log().close();
        } catch (IOException ignored) {
          // Already failing; the original error matters.
        }
        throw e;
      }
    }
  }

  /** What {@link #upgradeLog} copied: the records, and the bytes of a torn last append it left out. */
  public record LogUpgrade(int records, long droppedTailBytes) {}

  /**
   * Copies a version 1 write-ahead log into a new version 2 log, once, while no registry uses it.
   * {@code from} is left unchanged; {@code to} is written under a temporary name and renamed, so
   * it never holds a partial log. A torn last append in {@code from} is left out and reported;
   * damage anywhere else refuses, as {@link Builder#open} does for v2 logs.
   *
   * @throws RegistryException {@link RegistryError#UNSUPPORTED_VERSION} if {@code from} is not a v1
   *     log, {@link RegistryError#CORRUPT_LOG} if it is damaged before its last record (nothing is
   *     written), {@link RegistryError#STORAGE} if {@code to} exists or reading or writing fails
   */
  public static LogUpgrade upgradeLog(Path from, Path to) throws RegistryException {
    try {
      WriteAheadLogV1.Upgrade u = WriteAheadLogV1.upgrade(Objects.requireNonNull(from), Objects.requireNonNull(to));
      return new LogUpgrade(u.records(), u.droppedTailBytes());
    } catch (IOException e) {
      throw new RegistryException(RegistryError.STORAGE, "cannot upgrade " + from + " to " + to, e);
    }
  }

  // ------------------------------------------------------------------ queries

  /** The entry {@code id}, if known. */
  public synchronized Optional<EnergyEntry> entry(EntryId id) {
    return Optional.ofNullable(entries.get(id)).map(s -> s.entry);
  }

  /** Every entry in creation order. */
  public synchronized List<EnergyEntry> entries() {
    return entries.values().stream().map(s -> s.entry).toList();
  }

  /** Every accepted event in order: the audit trail. */
  public synchronized List<RegistryEvent> events() {
    return List.copyOf(events);
  }

  /** Bytes of a torn tail dropped when the log was opened (0 after a clean shutdown). */
  public long recoveredTailBytes() {
    return recoveredTailBytes;
  }

  /** The DSO's escrow key. */
  public EcPublicKey dsoKey() {
    return dsoKey;
  }

  // ------------------------------------------------------------------ metering

  /**
   * Records a metered injection and issues bλ (eq. 6) and a fresh bz.
   *
   * @throws RegistryException {@link RegistryError#DUPLICATE_ENTRY} if the same injection was
   *     recorded already, {@link RegistryError#STORAGE} if the log write fails
   */
  public synchronized IssuedSecrets inject(EnergyInjection injection) throws RegistryException {
    EnergySecret lambda = injection.ownershipSecret();
    if (entries.containsKey(lambda.entryId())) {
      throw new RegistryException(RegistryError.DUPLICATE_ENTRY, "injection already recorded");
    }
    EnergySecret z = SecretDerivation.lock(lambda, random);
    commit(new RegistryEvent.Injected(clock.getAsLong(), injection, z));
    return new IssuedSecrets(lambda, z, injection.energy());
  }

  // ------------------------------------------------------------------ requests

  /**
   * Executes {@code request} (any kind but {@link RegistryRequest.Kind#DISPUTE}, which needs a
   * policy: {@link #resolveDispute}) and returns the reply; refusals are replies, not exceptions.
   */
  public synchronized RegistryReply handle(RegistryRequest request) {
    try {
      return switch (request.kind()) {
        case TESTIFY -> testify(request);
        case LOCK -> lock(request);
        case UNLOCK -> unlock(request);
        case RENEW -> renew(request);
        case TRANSFER -> transfer(request);
        case SPLIT -> split(request);
        case DISPUTE -> throw new RegistryException(RegistryError.UNKNOWN_KIND, "disputes go to resolveDispute");
      };
    } catch (RegistryException e) {
      return RegistryReply.refused(request.id(), e.error(), e.getMessage());
    }
  }

  private RegistryReply testify(RegistryRequest r) {
    State s = entries.get(r.entry());
    if (s == null) {
      return RegistryReply.verdict(r.id(), false, "unknown entry");
    }
    EnergyEntry e = s.entry;
    boolean owner = r.key().map(k -> k.withCompression(true).equals(e.owner().withCompression(true))).orElse(false);
    boolean enough = e.energy().compareTo(r.energy()) >= 0;
    boolean state = r.redeemScript().length() == 0 ? e.status() == EntryStatus.ACTIVE
        : e.status() == EntryStatus.LOCKED && e.lock().map(l -> l.redeemScript().equals(r.redeemScript())).orElse(false);
    return RegistryReply.verdict(r.id(), owner && enough && state, e.status().name());
  }

  /** Replay, freshness and existence checks shared by every changing request. */
  private State admit(RegistryRequest r) throws RegistryException {
    if (seen.contains(r.id())) {
      throw new RegistryException(RegistryError.REPLAYED, "request " + r.id() + " already processed");
    }
    if (Math.abs(r.timestamp() - clock.getAsLong()) > maxSkew) {
      throw new RegistryException(RegistryError.STALE, "timestamp " + r.timestamp() + " outside the allowed skew");
    }
    State s = entries.get(r.entry());
    if (s == null) {
      throw new RegistryException(RegistryError.UNKNOWN_ENTRY, "no entry " + r.entry());
    }
    return s;
  }

  /** Admission plus proof of z and the sequence number. */
  private State admitLockHolder(RegistryRequest r) throws RegistryException {
    State s = admit(r);
    if (!r.verifyMac(s.z)) {
      throw new RegistryException(RegistryError.BAD_PROOF, "lock secret proof does not verify");
    }
    if (r.sequence() != s.entry.nextSequence()) {
      throw new RegistryException(RegistryError.OUT_OF_ORDER,
          "sequence " + r.sequence() + ", expected " + s.entry.nextSequence());
    }
    return s;
  }

  private static void requireStatus(State s, EntryStatus wanted) throws RegistryException {
    EntryStatus st = s.entry.status();
    if (st == wanted) {
      return;
    }
    if (st == EntryStatus.LOCKED) {
      throw new RegistryException(RegistryError.LOCKED, "entry is locked for another trade");
    }
    if (st == EntryStatus.ACTIVE) {
      throw new RegistryException(RegistryError.NOT_LOCKED, "entry is not locked");
    }
    throw new RegistryException(RegistryError.NOT_ACTIVE, "entry is " + st);
  }

  private RegistryReply lock(RegistryRequest r) throws RegistryException {
    State s = admitLockHolder(r);
    requireStatus(s, EntryStatus.ACTIVE);
    EscrowLock lock;
    try {
      lock = new EscrowLock(r.redeemScript(), r.price());
    } catch (IllegalArgumentException e) {
      throw new RegistryException(RegistryError.BAD_ESCROW, e.getMessage());
    }
    EscrowScripts.EscrowKeys keys = lock.keys();
    if (!keys.dso().equals(dsoKey.withCompression(true)) || !keys.seller().equals(s.entry.owner().withCompression(true))) {
      throw new RegistryException(RegistryError.BAD_ESCROW, "escrow must name the DSO first and the owner second");
    }
    commit(new RegistryEvent.Locked(clock.getAsLong(), r.id(), r.entry(), lock));
    return RegistryReply.ok(r.id(), List.of());
  }

  private RegistryReply unlock(RegistryRequest r) throws RegistryException {
    State s = admitLockHolder(r);
    requireStatus(s, EntryStatus.LOCKED);
    if (!ledger.paymentsTo(s.entry.lock().orElseThrow().escrowScriptPubKey()).isEmpty()) {
      throw new RegistryException(RegistryError.ESCROW_FUNDED, "the buyer already paid into the escrow");
    }
    commit(new RegistryEvent.Unlocked(clock.getAsLong(), r.id(), r.entry()));
    return RegistryReply.ok(r.id(), List.of());
  }

  private RegistryReply renew(RegistryRequest r) throws RegistryException {
    State s = admitLockHolder(r);
    if (s.entry.status() != EntryStatus.ACTIVE && s.entry.status() != EntryStatus.LOCKED) {
      throw new RegistryException(RegistryError.NOT_ACTIVE, "entry is " + s.entry.status());
    }
    EnergySecret z = SecretDerivation.lock(s.lambda, random);
    commit(new RegistryEvent.Renewed(clock.getAsLong(), r.id(), r.entry(), z));
    return RegistryReply.ok(r.id(), List.of(new IssuedSecrets(s.lambda, z, s.entry.energy())));
  }

  private RegistryReply split(RegistryRequest r) throws RegistryException {
    State s = admitLockHolder(r);
    requireStatus(s, EntryStatus.ACTIVE);
    int parts = r.parts();
    if (parts < 2 || parts > MAX_SPLIT || parts > s.entry.energy().milliwattHours()) {
      throw new RegistryException(RegistryError.BAD_SPLIT, "cannot split into " + parts);
    }
    long now = clock.getAsLong();
    List<EnergySecret> lambdas = SecretDerivation.split(s.lambda, parts, now, random);
    List<EnergySecret> zs = new ArrayList<>();
    for (EnergySecret l : lambdas) {
      zs.add(SecretDerivation.lock(l, random));
    }
    List<EnergyAmount> shares = SecretDerivation.shares(s.entry.energy(), parts);
    commit(new RegistryEvent.Split(now, r.id(), r.entry(), lambdas, zs, shares));
    List<IssuedSecrets> out = new ArrayList<>();
    for (int i = 0; i < parts; i++) {
      out.add(new IssuedSecrets(lambdas.get(i), zs.get(i), shares.get(i)));
    }
    return RegistryReply.ok(r.id(), out);
  }

  private RegistryReply transfer(RegistryRequest r) throws RegistryException {
    State s = admit(r);
    if (!r.verifyMac(s.lambda)) {
      throw new RegistryException(RegistryError.BAD_PROOF, "ownership secret proof does not verify");
    }
    if (!r.verifySignature()) {
      throw new RegistryException(RegistryError.BAD_SIGNATURE, "buyer signature does not verify");
    }
    requireStatus(s, EntryStatus.LOCKED);
    EscrowLock lock = s.entry.lock().orElseThrow();
    EcPublicKey buyer = r.key().orElseThrow().withCompression(true);
    if (!lock.keys().buyer().equals(buyer)) {
      throw new RegistryException(RegistryError.WRONG_KEY, "requester is not the escrow's buyer");
    }
    if (ledger.confirmedPayment(lock.escrowScriptPubKey(), lock.price(), confirmations).isEmpty()) {
      throw new RegistryException(RegistryError.PAYMENT_NOT_CONFIRMED, "escrow payment not confirmed");
    }
    EnergyInjection next;
    try {
      next = new EnergyInjection(buyer, org.priwatt.msg.BitmessageAddress.parse(r.text()), s.entry.energy(),
          clock.getAsLong());
    } catch (org.priwatt.msg.MessageException e) {
      throw new RegistryException(RegistryError.MALFORMED, "buyer messaging address");
    }
    EnergySecret aLambda = next.ownershipSecret();
    if (entries.containsKey(aLambda.entryId())) {
      throw new RegistryException(RegistryError.DUPLICATE_ENTRY, "buyer entry exists; retry a second later");
    }
    EnergySecret az = SecretDerivation.lock(aLambda, random);
    commit(new RegistryEvent.Transferred(next.timestamp(), r.id(), r.entry(), next, az));
    return RegistryReply.ok(r.id(), List.of(new IssuedSecrets(aLambda, az, next.energy())));
  }

  /** The outcome of a dispute: the decision and the escrow output it splits. */
  public record DisputeOutcome(EnergyEntry entry, Payment escrow, int buyerShareBasisPoints) {}

  /**
   * Arbitrates a dispute over a funded escrow: checks the request (signed by the escrow's seller
   * or buyer key, naming the locked escrow), asks {@code policy} for the buyer's share, records the
   * decision (the entry becomes {@link EntryStatus#FROZEN}) and returns the escrow output to split.
   *
   * @throws RegistryException {@link RegistryError#BAD_SIGNATURE}, {@link RegistryError#WRONG_KEY},
   *     {@link RegistryError#BAD_ESCROW}, {@link RegistryError#ESCROW_NOT_FUNDED} and the common checks
   */
  public synchronized DisputeOutcome resolveDispute(RegistryRequest r, DisputePolicy policy) throws RegistryException {
    if (r.kind() != RegistryRequest.Kind.DISPUTE) {
      throw new RegistryException(RegistryError.UNKNOWN_KIND, "not a dispute");
    }
    State s = admit(r);
    if (!r.verifySignature()) {
      throw new RegistryException(RegistryError.BAD_SIGNATURE, "party signature does not verify");
    }
    requireStatus(s, EntryStatus.LOCKED);
    EscrowLock lock = s.entry.lock().orElseThrow();
    if (!lock.redeemScript().equals(r.redeemScript())) {
      throw new RegistryException(RegistryError.BAD_ESCROW, "redeem script differs from the locked escrow");
    }
    EcPublicKey party = r.key().orElseThrow().withCompression(true);
    if (!party.equals(lock.keys().buyer()) && !party.equals(lock.keys().seller())) {
      throw new RegistryException(RegistryError.WRONG_KEY, "requester is not a party of the escrow");
    }
    Payment escrow = ledger.unspent(lock.escrowScriptPubKey(), confirmations).stream()
        .filter(p -> p.output().value() >= lock.price().sat()).findFirst()
        .orElseThrow(() -> new RegistryException(RegistryError.ESCROW_NOT_FUNDED, "no confirmed escrow payment"));
    int share = policy.buyerShareBasisPoints(s.entry, party, r.text());
    if (share < 0 || share > EscrowTransactions.FULL_SHARE) {
      throw new IllegalStateException("policy returned share " + share);
    }
    commit(new RegistryEvent.DisputeResolved(clock.getAsLong(), r.id(), r.entry(), share));
    return new DisputeOutcome(s.entry, escrow, share);
  }

  // ------------------------------------------------------------------ log and fold

  private void commit(RegistryEvent e) throws RegistryException {
    try {
      wal.append(EventCodec.encode(e));
    } catch (IOException ex) {
      throw new RegistryException(RegistryError.STORAGE, "log append failed; change not applied", ex);
    }
    apply(e);
  }

  private void apply(RegistryEvent event) throws RegistryException {
    if (event instanceof RegistryEvent.Injected e) {
      EnergySecret lambda = e.injection().ownershipSecret();
      create(lambda, e.lockSecret(), e.injection(), Optional.empty());
    } else if (event instanceof RegistryEvent.Locked e) {
      State s = existing(e.entry(), e.request());
      s.entry = s.entry.with(EntryStatus.LOCKED, Optional.of(e.lock()), s.entry.nextSequence() + 1);
    } else if (event instanceof RegistryEvent.Unlocked e) {
      State s = existing(e.entry(), e.request());
      s.entry = s.entry.with(EntryStatus.ACTIVE, Optional.empty(), s.entry.nextSequence() + 1);
    } else if (event instanceof RegistryEvent.Renewed e) {
      State s = existing(e.entry(), e.request());
      s.z = e.newLockSecret();
      s.entry = s.entry.with(s.entry.status(), s.entry.lock(), s.entry.nextSequence() + 1);
    } else if (event instanceof RegistryEvent.Transferred e) {
      State s = existing(e.entry(), e.request());
      s.entry = s.entry.with(EntryStatus.TRANSFERRED, s.entry.lock(), s.entry.nextSequence());
      create(e.buyer().ownershipSecret(), e.buyerLockSecret(), e.buyer(), Optional.of(e.entry()));
    } else if (event instanceof RegistryEvent.Split e) {
      State s = existing(e.entry(), e.request());
      s.entry = s.entry.with(EntryStatus.SPLIT, Optional.empty(), s.entry.nextSequence() + 1);
      EnergyInjection base = s.entry.injection();
      for (int i = 0; i < e.shares().size(); i++) {
        EnergyInjection part = new EnergyInjection(base.ownerKey(), base.msgAddress(), e.shares().get(i), e.time());
        create(e.ownershipSecrets().get(i), e.lockSecrets().get(i), part, Optional.of(e.entry()));
      }
    } else if (event instanceof RegistryEvent.DisputeResolved e) {
      State s = existing(e.entry(), e.request());
      s.entry = s.entry.with(EntryStatus.FROZEN, s.entry.lock(), s.entry.nextSequence());
    }
    events.add(event);
  }

  private State existing(EntryId id, RequestId request) throws RegistryException {
    State s = entries.get(id);
    if (s == null) {
      throw new RegistryException(RegistryError.UNKNOWN_ENTRY, "event names unknown entry " + id);
    }
    if (!seen.add(request)) {
      throw new RegistryException(RegistryError.REPLAYED, "event repeats request " + request);
    }
    return s;
  }

  private void create(EnergySecret lambda, EnergySecret z, EnergyInjection injection, Optional<EntryId> parent)
      throws RegistryException {
    EntryId id = lambda.entryId();
    if (entries.containsKey(id)) {
      throw new RegistryException(RegistryError.DUPLICATE_ENTRY, "entry " + id + " exists");
    }
    entries.put(id, new State(new EnergyEntry(id, injection, EntryStatus.ACTIVE, Optional.empty(), parent, 0), lambda, z));
  }

  /**
   * Closes the log.
   *
   * @throws RegistryException {@link RegistryError#STORAGE} if closing fails
   */
  @Override
  public synchronized void close() throws RegistryException {
    try {
      wal.close();
    } catch (IOException e) {
      throw new RegistryException(RegistryError.STORAGE, "close failed", e);
    }
  }
}
