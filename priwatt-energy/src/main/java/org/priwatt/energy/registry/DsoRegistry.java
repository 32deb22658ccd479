package org.priwatt.energy.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxId;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.crypto.codec.DecodeException;
import org.priwatt.energy.ByteString;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.EnergyError;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.EnergySecret;
import org.priwatt.energy.LockId;
import org.priwatt.energy.ledger.EscrowTerms;
import org.priwatt.energy.ledger.PaymentLedger;
import org.priwatt.energy.registry.RegistryState.Held;
import org.priwatt.energy.registry.internal.EventCodec;
import org.priwatt.energy.registry.internal.WriteAheadLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DSO's durable registry of energy ownership (paper §3.1): entries created from metered
 * injections, each controlled by an ownership secret λ and a lock secret z, and the operations
 * testify, lock, unlock, renew, transfer (CHANGESECRETOWNER, eq. 9, with the release), split
 * (eq. 10) and dispute, and for payment channels (Case 2) the channel lock, its testimony and the
 * client's claim of each paid part ({@link ChannelDesk}).
 *
 * <p>The rules that keep a trade safe when a party cheats (docs/SECURITY.md states them as
 * properties): a lock holds for a minimum time and then expires, so a buyer who checked it can
 * pay, and nobody can freeze an entry by paying a little; a lock has its own id, which the
 * funding transaction commits to, and a transfer consumes that one funding output, so one payment
 * buys one entry; a transfer needs λ, the escrow buyer's signature and her signature of the
 * release, which the registry completes and broadcasts before it moves ownership, so the seller is
 * paid exactly when the buyer becomes owner; the DSO arbitrates any escrow ever locked to an
 * entry, deciding a share that the parties' own rebuild of the settlement enforces.
 *
 * <p>Durability: every change is a {@link RegistryEvent} appended to a {@link WriteAheadLog}
 * (checksummed, forced to disk) <em>before</em> it is applied in memory; the state is the fold of
 * the log, rebuilt on {@link Builder#open}. A failed append leaves the state unchanged and the
 * request is refused with {@link RegistryError#UNAVAILABLE}.
 *
 * <p>Request checks, in order: replayed id, timestamp skew, unknown entry, proof of the secret or
 * signature, sequence number, then the state rules. Thread-safe (one monitor).
 */
public final class DsoRegistry implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DsoRegistry.class);
  /** Most parts one split may produce. */
  public static final int MAX_SPLIT = 100;
  /** Default allowed distance between a request's timestamp and the DSO clock, in seconds. */
  public static final long DEFAULT_MAX_SKEW = 600;
  /** Default minimum lifetime of a lock, in seconds: time for the buyer to pay and for confirmations. */
  public static final long DEFAULT_LOCK_SECONDS = 3600;
  /**
   * Longest a payment channel's lock may run, in blocks beyond the tip: a sanity bound (about 35
   * days at PriWatt's 30-second blocks, two years at Bitcoin's ten minutes), not a policy.
   */
  public static final long MAX_CHANNEL_LOCK_BLOCKS = 100_000;
  /** Most locks the registry records for one entry. */
  public static final int MAX_LOCKS_PER_ENTRY = 64;

  private final WriteAheadLog wal;
  private final EcKey dsoKey;
  private final PaymentLedger ledger;
  private final int confirmations;
  private final LongSupplier clock;
  private final SecureRandom random;
  private final long maxSkew;
  private final long lockSeconds;
  private final long recoveredTailBytes;
  private final RegistryState state = new RegistryState();
  private final EscrowDesk desk;
  private final ChannelDesk channels;

  private DsoRegistry(Builder b, WriteAheadLog.Recovery recovery) throws EnergyException {
    this.wal = recovery.log();
    this.dsoKey = b.dsoKey;
    this.ledger = b.ledger;
    this.confirmations = b.confirmations;
    this.clock = b.clock;
    this.random = b.random;
    this.maxSkew = b.maxSkew;
    this.lockSeconds = b.lockSeconds;
    this.recoveredTailBytes = recovery.truncatedBytes();
    this.desk = new EscrowDesk(state, ledger, dsoKey, confirmations, clock, random, this::commit, this::issued);
    this.channels = new ChannelDesk(state, ledger, confirmations, clock, random, lockSeconds, this::commit,
        this::issued);
    int index = 0;
    for (byte[] record : recovery.records()) {
      try {
        state.apply(EventCodec.INSTANCE.decodeFully(record));
      } catch (DecodeException e) {
        throw new EnergyException(EnergyError.CORRUPT_LOG, "event " + index + " does not decode: " + e.getMessage(), e);
      } catch (EnergyException e) {
        throw new EnergyException(EnergyError.CORRUPT_LOG, "event " + index + " cannot be applied", e);
      }
      index++;
    }
  }

  /** Returns a builder; the log path, DSO key and ledger are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Configures and opens a {@link DsoRegistry}. */
  public static final class Builder {
    private Path log;
    private EcKey dsoKey;
    private PaymentLedger ledger;
    private int confirmations = 1;
    private LongSupplier clock = () -> System.currentTimeMillis() / 1000;
    private SecureRandom random = new SecureRandom();
    private long maxSkew = DEFAULT_MAX_SKEW;
    private long lockSeconds = DEFAULT_LOCK_SECONDS;

    private Builder() {}

    /** The write-ahead log file (created owner-only if missing). */
    public Builder log(Path file) {
      this.log = Objects.requireNonNull(file);
      return this;
    }

    /**
     * The DSO's key: the first key of every escrow, the signer of entry certificates, releases
     * and dispute settlements.
     */
    public Builder dsoKey(EcKey key) {
      this.dsoKey = Objects.requireNonNull(key);
      return this;
    }

    /** Where escrow payments are looked up and releases broadcast. */
    public Builder ledger(PaymentLedger ledger) {
      this.ledger = Objects.requireNonNull(ledger);
      return this;
    }

    /** Confirmations a funding output needs before a transfer or a decision (at least 1; default 1). */
    public Builder confirmations(int n) {
      if (n < 1 || n > 1000) {
        throw new IllegalArgumentException("confirmations outside 1..1000");
      }
      this.confirmations = n;
      return this;
    }

    /** The clock in Unix seconds. */
    public Builder clock(LongSupplier clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /** The randomness for secrets and lock ids. */
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

    /** How long a lock holds before its seller may release or replace it, in seconds. */
    public Builder lockSeconds(long seconds) {
      if (seconds < 1) {
        throw new IllegalArgumentException("lock time must be positive");
      }
      this.lockSeconds = seconds;
      return this;
    }

    /**
     * Opens the log, replays it and returns the registry.
     *
     * @throws EnergyException {@link EnergyError#STORAGE} if the log cannot be opened, {@link
     *     EnergyError#INSECURE_PERMISSIONS} if an existing log is readable or writable by group or
     *     others, {@link EnergyError#CORRUPT_LOG} if a record is damaged or cannot be applied
     * @throws NullPointerException if a required setting is missing
     */
    public DsoRegistry open() throws EnergyException {
      Objects.requireNonNull(log, "log");
      Objects.requireNonNull(dsoKey, "dsoKey");
      Objects.requireNonNull(ledger, "ledger");
      requireOwnerOnly(log);
      WriteAheadLog.Recovery r;
      try {
        r = WriteAheadLog.open(log);
      } catch (IOException e) {
        throw new EnergyException(EnergyError.STORAGE, "cannot open log " + log, e);
      }
      try {
        return new DsoRegistry(this, r);
      } catch (EnergyException | RuntimeException e) {
        try {
          r.log().close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
    }
  }

  /** The log holds every secret: refuse one that others than its owner may read or change. */
  private static void requireOwnerOnly(Path log) throws EnergyException {
    if (!Files.exists(log, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      Set<PosixFilePermission> p = Files.getPosixFilePermissions(log, LinkOption.NOFOLLOW_LINKS);
      for (PosixFilePermission bad : List.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE)) {
        if (p.contains(bad)) {
          throw new EnergyException(EnergyError.INSECURE_PERMISSIONS,
              log + " is " + java.nio.file.attribute.PosixFilePermissions.toString(p) + "; it holds every secret: chmod 600");
        }
      }
    } catch (UnsupportedOperationException e) {
      LOG.debug("no POSIX permissions on this file system; {} not checked", log);
    } catch (IOException e) {
      throw new EnergyException(EnergyError.STORAGE, "cannot read the permissions of " + log, e);
    }
  }

  // ------------------------------------------------------------------ queries

  /** The entry {@code id}, if known. */
  public synchronized Optional<EnergyEntry> entry(org.priwatt.energy.EntryId id) {
    return state.held(id).map(h -> h.entry);
  }

  /** Every entry in creation order. */
  public synchronized List<EnergyEntry> entries() {
    return state.entries();
  }

  /** Every accepted event in order: the audit trail. */
  public synchronized List<RegistryEvent> events() {
    return state.events();
  }

  /** Bytes of a torn tail dropped when the log was opened (0 after a clean shutdown). */
  public long recoveredTailBytes() {
    return recoveredTailBytes;
  }

  /** The DSO's public key (first in every escrow, signer of certificates). */
  public EcPublicKey dsoKey() {
    return dsoKey.publicKey();
  }

  /** The confirmations a funding output needs. */
  public int confirmations() {
    return confirmations;
  }

  // ------------------------------------------------------------------ metering

  /**
   * Records a metered injection and issues bλ (eq. 6, with the DSO's randomness), bz and the
   * entry's certificate.
   *
   * @throws EnergyException {@link EnergyError#STORAGE} if the log write fails (nothing was recorded)
   * @throws IllegalArgumentException if the energy exceeds {@link org.priwatt.energy.EnergyLimits#MAX_ENTRY_MWH}
   */
  public synchronized IssuedSecrets inject(EnergyInjection injection) throws EnergyException {
    if (!org.priwatt.energy.EnergyLimits.isEntryEnergy(injection.energy().milliwattHours())) {
      throw new IllegalArgumentException("injection above the entry limit: " + injection.energy());
    }
    EnergySecret lambda = SecretDerivation.ownership(injection, random);
    EnergySecret z = SecretDerivation.lock(lambda, random);
    commit(new RegistryEvent.Injected(clock.getAsLong(), injection, lambda, z));
    return issued(state.held(lambda.entryId()).orElseThrow());
  }

  IssuedSecrets issued(Held h) {
    EnergyEntry e = h.entry;
    return new IssuedSecrets(h.lambda, h.z,
        EntryCertificate.issue(dsoKey, e.id(), e.owner(), e.energy(), e.injection().timestamp()));
  }

  // ------------------------------------------------------------------ requests

  /**
   * Executes {@code request} and returns the reply; refusals are replies, not exceptions.
   * Disputes are decided with {@code policy}.
   */
  public synchronized RegistryReply handle(RegistryRequest request, DisputePolicy policy) {
    Objects.requireNonNull(policy, "policy");
    try {
      if (request instanceof RegistryRequest.Testify r) {
        return testify(r);
      } else if (request instanceof RegistryRequest.Lock r) {
        return lock(r);
      } else if (request instanceof RegistryRequest.Unlock r) {
        return unlock(r);
      } else if (request instanceof RegistryRequest.Renew r) {
        return renew(r);
      } else if (request instanceof RegistryRequest.Split r) {
        return split(r);
      } else if (request instanceof RegistryRequest.Transfer r) {
        return desk.transfer(admit(r), r);
      } else if (request instanceof RegistryRequest.Dispute d) {
        return desk.dispute(admit(d), d, policy);
      } else if (request instanceof RegistryRequest.ChannelLock r) {
        Held h = admit(r);
        return channels.lock(h, r, isFree(h.entry, clock.getAsLong()) && h.entry.lock().filter(desk::isFunded).isEmpty());
      } else if (request instanceof RegistryRequest.TestifyChannel r) {
        return channels.testify(r);
      }
      RegistryRequest.ChannelTransfer r = (RegistryRequest.ChannelTransfer) request;
      return channels.transfer(admit(r), r);
    } catch (Refusal e) {
      return new RegistryReply.Refused(request.id(), e.error(), e.getMessage());
    } catch (EnergyException e) {
      LOG.error("registry could not record {}: {}", request, e.getMessage());
      return new RegistryReply.Refused(request.id(), RegistryError.UNAVAILABLE, "the registry could not record the change");
    }
  }

  private RegistryReply testify(RegistryRequest.Testify r) {
    Optional<Held> h = state.held(r.entry());
    if (h.isEmpty()) {
      return new RegistryReply.Testimony(r.id(), false, Optional.empty(), Optional.empty());
    }
    EnergyEntry e = h.get().entry;
    long now = clock.getAsLong();
    boolean owner = e.owner().equals(r.owner());
    boolean enough = e.energy().compareTo(r.minimum()) >= 0;
    if (r.escrow().isEmpty()) {
      return new RegistryReply.Testimony(r.id(), owner && enough && isFree(e, now), Optional.of(e.status()),
          Optional.empty());
    }
    Optional<EscrowLock> lock = e.lock().filter(l -> l.terms().escrow().equals(r.escrow().get()));
    Optional<RegistryReply.LockView> view = lock.map(l -> new RegistryReply.LockView(l.id(), l.terms().price(),
        l.terms().fee(), l.expiry(), confirmations));
    return new RegistryReply.Testimony(r.id(), owner && enough && lock.isPresent(), Optional.of(e.status()), view);
  }

  private Held admit(RegistryRequest r) throws Refusal {
    if (state.seen(r.id())) {
      throw new Refusal(RegistryError.REPLAYED, "request " + r.id() + " already processed");
    }
    if (Math.abs(r.timestamp() - clock.getAsLong()) > maxSkew) {
      throw new Refusal(RegistryError.STALE, "timestamp " + r.timestamp() + " outside the allowed skew");
    }
    return state.held(r.entry()).orElseThrow(() -> new Refusal(RegistryError.UNKNOWN_ENTRY, "no entry " + r.entry()));
  }

  private Held admitLockHolder(RegistryRequest r, long sequence, ByteString mac) throws Refusal {
    Held h = admit(r);
    if (!RequestCodec.verifyMac(r, mac, h.z)) {
      throw new Refusal(RegistryError.BAD_PROOF, "lock secret proof does not verify");
    }
    if (sequence != h.entry.nextSequence()) {
      throw new Refusal(RegistryError.OUT_OF_ORDER, "sequence " + sequence + ", expected " + h.entry.nextSequence());
    }
    return h;
  }

  private RegistryReply lock(RegistryRequest.Lock r) throws Refusal, EnergyException {
    Held h = admitLockHolder(r, r.sequence(), r.mac());
    EnergyEntry e = h.entry;
    long now = clock.getAsLong();
    if (e.status() == EntryStatus.LOCKED && !e.isLockable(now)) {
      throw new Refusal(RegistryError.LOCKED, "entry is locked for another trade until " + e.lock().orElseThrow().expiry());
    }
    if (e.status() == EntryStatus.CHANNEL_LOCKED && !channels.isReleased(e)) {
      throw new Refusal(RegistryError.LOCKED, "entry is locked to a payment channel");
    }
    if (!isFree(e, now)) {
      throw new Refusal(RegistryError.NOT_ACTIVE, "entry is " + e.status());
    }
    if (e.lock().filter(desk::isFunded).isPresent()) {
      throw new Refusal(RegistryError.ESCROW_FUNDED, "the expired lock has a confirmed payment");
    }
    if (!r.escrow().dso().equals(dsoKey.publicKey().withCompression(true)) || !r.escrow().seller().equals(e.owner())) {
      throw new Refusal(RegistryError.BAD_ESCROW, "escrow must name the DSO first and the owner second");
    }
    if (!EscrowTerms.isPayable(r.price(), r.fee())) {
      throw new Refusal(RegistryError.BAD_ESCROW, "fee " + r.fee() + " leaves too little of " + r.price());
    }
    if (e.locks().size() >= MAX_LOCKS_PER_ENTRY) {
      throw new Refusal(RegistryError.TOO_MANY_LOCKS, e.locks().size() + " locks");
    }
    EscrowTerms terms = new EscrowTerms(e.id(), LockId.random(random), r.escrow(), r.price(), r.fee());
    EscrowLock lock = new EscrowLock(terms, now, now + lockSeconds);
    commit(new RegistryEvent.Locked(now, r.id(), r.entry(), lock));
    return new RegistryReply.LockGranted(r.id(), lock.id(), lock.lockedAt(), lock.expiry());
  }

  private RegistryReply unlock(RegistryRequest.Unlock r) throws Refusal, EnergyException {
    Held h = admitLockHolder(r, r.sequence(), r.mac());
    EscrowLock lock = h.entry.lock().orElseThrow(() -> new Refusal(RegistryError.NOT_LOCKED, "entry is " + h.entry.status()));
    long now = clock.getAsLong();
    if (!lock.isExpired(now)) {
      throw new Refusal(RegistryError.LOCK_NOT_EXPIRED, "the lock holds until " + lock.expiry());
    }
    if (desk.isFunded(lock)) {
      throw new Refusal(RegistryError.ESCROW_FUNDED, "a confirmed payment committed to the lock exists");
    }
    commit(new RegistryEvent.Unlocked(now, r.id(), r.entry()));
    return new RegistryReply.Unlocked(r.id());
  }

  private RegistryReply renew(RegistryRequest.Renew r) throws Refusal, EnergyException {
    Held h = admitLockHolder(r, r.sequence(), r.mac());
    if (h.entry.status() != EntryStatus.ACTIVE && h.entry.status() != EntryStatus.LOCKED && !channels.isReleased(h.entry)) {
      throw new Refusal(RegistryError.NOT_ACTIVE, "entry is " + h.entry.status());
    }
    commit(new RegistryEvent.Renewed(clock.getAsLong(), r.id(), r.entry(), SecretDerivation.lock(h.lambda, random)));
    return new RegistryReply.Issued(r.id(), List.of(issued(h)));
  }

  private RegistryReply split(RegistryRequest.Split r) throws Refusal, EnergyException {
    Held h = admitLockHolder(r, r.sequence(), r.mac());
    long now = clock.getAsLong();
    if (!isFree(h.entry, now) || h.entry.lock().filter(desk::isFunded).isPresent()) {
      throw new Refusal(h.entry.status() == EntryStatus.LOCKED || h.entry.status() == EntryStatus.CHANNEL_LOCKED
          ? RegistryError.LOCKED : RegistryError.NOT_ACTIVE, "entry is " + h.entry.status());
    }
    int parts = r.parts();
    if (parts > h.entry.energy().milliwattHours()) {
      throw new Refusal(RegistryError.BAD_SPLIT, "cannot split " + h.entry.energy() + " into " + parts);
    }
    List<EnergySecret> lambdas = SecretDerivation.split(h.lambda, parts, now, random);
    List<EnergySecret> zs = new ArrayList<>();
    for (EnergySecret l : lambdas) {
      zs.add(SecretDerivation.lock(l, random));
    }
    List<EnergyAmount> shares = SecretDerivation.shares(h.entry.energy(), parts);
    commit(new RegistryEvent.Split(now, r.id(), r.entry(), lambdas, zs, shares));
    List<IssuedSecrets> out = new ArrayList<>();
    for (EnergySecret l : lambdas) {
      out.add(issued(state.held(l.entryId()).orElseThrow()));
    }
    return new RegistryReply.Issued(r.id(), out);
  }

  /**
   * Whether {@code e} is free to lock at {@code now}: active, under an expired escrow lock (which
   * a confirmed payment may still hold: callers check), or a channel's part whose lock expired.
   */
  private boolean isFree(EnergyEntry e, long now) {
    return e.isLockable(now) || channels.isReleased(e);
  }

  /** The id of the release that paid for {@code entry}, once it was sold. */
  public synchronized Optional<TxId> releaseOf(org.priwatt.energy.EntryId entry) {
    return state.held(entry).filter(h -> h.release != null).map(h -> {
      try {
        return Transaction.parse(h.release.toByteArray()).txId();
      } catch (org.priwatt.chain.ChainException e) {
        throw new IllegalStateException("a recorded release does not parse", e);
      }
    });
  }

  // ------------------------------------------------------------------ log and fold

  private void commit(RegistryEvent e) throws EnergyException {
    try {
      wal.append(EventCodec.INSTANCE.encode(e));
    } catch (IOException ex) {
      throw new EnergyException(EnergyError.STORAGE, "log append failed; change not applied", ex);
    }
    try {
      state.apply(e);
    } catch (EnergyException ex) {
      throw new IllegalStateException("an event checked before it was logged cannot be applied", ex);
    }
  }

  /**
   * Closes the log.
   *
   * @throws EnergyException {@link EnergyError#STORAGE} if closing fails
   */
  @Override
  public synchronized void close() throws EnergyException {
    try {
      wal.close();
    } catch (IOException e) {
      throw new EnergyException(EnergyError.STORAGE, "close failed", e);
    }
  }
}
