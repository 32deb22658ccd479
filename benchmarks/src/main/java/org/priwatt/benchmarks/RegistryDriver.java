package org.priwatt.benchmarks;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.stream.Stream;
import org.priwatt.chain.Amount;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxId;
import org.priwatt.crypto.EcKey;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.ledger.EscrowTerms;
import org.priwatt.energy.ledger.EscrowTransactions;
import org.priwatt.energy.ledger.Payment;
import org.priwatt.energy.registry.DisputePolicy;
import org.priwatt.energy.registry.DsoRegistry;
import org.priwatt.energy.registry.EnergyInjection;
import org.priwatt.energy.registry.IssuedSecrets;
import org.priwatt.energy.registry.RegistryReply;
import org.priwatt.energy.registry.RegistryRequest;
import org.priwatt.msg.BitmessageAddress;
import org.priwatt.msg.Identity;
import org.priwatt.script.EscrowKeys;

/**
 * Drives a {@link DsoRegistry} for {@link DsoRegistryBenchmark}: opens it on a write-ahead log in
 * the chosen storage, and prepares, outside the timed section, the next request of each kind as
 * the registry's clients would build it (fresh 5 kWh entries injected in batches, locks granted
 * and funded on a {@link MemoryLedger} for transfers). Every request it prepares is one the
 * registry accepts; {@link #expect} turns a refusal into a failed benchmark.
 */
final class RegistryDriver implements AutoCloseable {
  /** Where the log lives, which decides what {@code FileChannel.force} costs. */
  enum Storage {
    /**
     * A disk-backed file system: {@code -Dpriwatt.bench.diskDir}, else {@code java.io.tmpdir};
     * refused if that is a RAM file system, since the point is the fsync.
     */
    DISK,
    /** {@code /dev/shm} (tmpfs): the same writes, but {@code force} returns at once, i.e. fsync off. */
    TMPFS;

    Path directory() throws IOException {
      Path base = this == TMPFS ? Paths.get("/dev/shm")
          : Paths.get(System.getProperty("priwatt.bench.diskDir", System.getProperty("java.io.tmpdir")));
      if (!Files.isDirectory(base)) {
        throw new IllegalStateException(base + " does not exist; " + (this == TMPFS
            ? "the TMPFS variant needs Linux's /dev/shm (run with -p wal=DISK elsewhere)"
            : "set -Dpriwatt.bench.diskDir to a directory on a disk"));
      }
      boolean ram = isRam(Files.getFileStore(base));
      if (this == DISK && ram) {
        throw new IllegalStateException(base + " is a RAM file system, where fsync costs nothing; "
            + "set -Dpriwatt.bench.diskDir to a directory on a disk");
      }
      if (this == TMPFS && !ram) {
        throw new IllegalStateException(base + " is not tmpfs");
      }
      return Files.createTempDirectory(base, "priwatt-bench-wal");
    }

    private static boolean isRam(FileStore store) {
      return store.type().equals("tmpfs") || store.type().equals("ramfs");
    }
  }

  static final EnergyAmount ENERGY = EnergyAmount.ofWattHours(5_000);
  static final Amount PRICE = Amount.ofSat(50_000);
  static final Amount FEE = Amount.ofSat(1_000);
  static final DisputePolicy HALF = (entry, lock, funding, party, evidence) -> 5_000;
  private static final int BATCH = 64;

  private final Path dir;
  private final SecureRandom random = new SecureRandom();
  private final long now = System.currentTimeMillis() / 1000;
  private final MemoryLedger ledger = new MemoryLedger();
  private final EcKey dsoKey = EcKey.generate(random);
  private final EcKey seller = EcKey.generate(random);
  private final EcKey buyer = EcKey.generate(random);
  private final BitmessageAddress sellerMsg = Identity.random(random, 1, Identity.DEFAULT_LEADING_ZEROS).address();
  private final BitmessageAddress buyerMsg = Identity.random(random, 1, Identity.DEFAULT_LEADING_ZEROS).address();
  private final DsoRegistry registry;
  private final Deque<IssuedSecrets> fresh = new ArrayDeque<>();
  private final Deque<RegistryRequest.Transfer> transfers = new ArrayDeque<>();
  private long fundingCounter;

  RegistryDriver(Storage storage) throws IOException, EnergyException {
    dir = storage.directory();
    registry = DsoRegistry.builder().log(dir.resolve("dso.wal")).dsoKey(dsoKey).ledger(ledger).clock(() -> now)
        .random(random).open();
  }

  DsoRegistry registry() {
    return registry;
  }

  /** The log's current size in bytes. */
  long logSize() throws IOException {
    return Files.size(dir.resolve("dso.wal"));
  }

  /** The directory the log is in (for a floor that writes beside it). */
  Path directory() {
    return dir;
  }

  RegistryReply handle(RegistryRequest r) {
    return registry.handle(r, HALF);
  }

  /** A lock request on a fresh entry. */
  RegistryRequest.Lock nextLock() throws EnergyException {
    return lockRequest(nextFresh());
  }

  /** A split of a fresh entry into two. */
  RegistryRequest.Split nextSplit() throws EnergyException {
    IssuedSecrets s = nextFresh();
    return RegistryRequest.Split.create(s.lock(), s.entryId(), sequence(s), now, 2, random);
  }

  /** A transfer of a locked entry whose escrow a confirmed, committed payment funds. */
  RegistryRequest.Transfer nextTransfer() throws EnergyException {
    if (transfers.isEmpty()) {
      for (int i = 0; i < BATCH; i++) {
        transfers.add(fundedTransfer(nextFresh()));
      }
    }
    return transfers.poll();
  }

  private IssuedSecrets nextFresh() throws EnergyException {
    if (fresh.isEmpty()) {
      for (int i = 0; i < BATCH; i++) {
        fresh.add(registry.inject(new EnergyInjection(seller.publicKey(), sellerMsg, ENERGY, now - 60)));
      }
    }
    return fresh.poll();
  }

  private long sequence(IssuedSecrets s) {
    return registry.entry(s.entryId()).orElseThrow().nextSequence();
  }

  private RegistryRequest.Lock lockRequest(IssuedSecrets s) {
    EscrowKeys escrow = EscrowKeys.of(dsoKey.publicKey(), seller.publicKey(), buyer.publicKey());
    return RegistryRequest.Lock.create(s.lock(), s.entryId(), sequence(s), now, escrow, PRICE, FEE, random);
  }

  private RegistryRequest.Transfer fundedTransfer(IssuedSecrets s) throws EnergyException {
    RegistryRequest.Lock lock = lockRequest(s);
    RegistryReply.LockGranted granted = expect(handle(lock), RegistryReply.LockGranted.class);
    EscrowTerms terms = new EscrowTerms(s.entryId(), granted.lock(), lock.escrow(), PRICE, FEE);
    // The buyer's payment: the price to the escrow, the commitment to this lock beside it. Its
    // input is a made-up coin: the stand-in ledger does not validate, only the registry's checks run.
    byte[] coin = new byte[32];
    random.nextBytes(coin);
    Transaction funding = Transaction.builder().addInput(OutPoint.of(TxId.fromBytes(coin), fundingCounter++))
        .addOutput(PRICE, terms.scriptPubKey()).addOutput(Amount.ZERO, terms.commitment().script()).build();
    ledger.confirm(funding);
    Payment paid = ledger.output(OutPoint.of(funding.txId(), 0)).orElseThrow();
    byte[] release = EscrowTransactions.signature(EscrowTransactions.release(terms, paid), terms, buyer);
    return RegistryRequest.Transfer.create(s.ownership(), buyer, granted.lock(), paid.outPoint(), buyerMsg, release,
        now, random);
  }

  /** {@code reply} as {@code type}, or an exception naming the refusal. */
  static <T extends RegistryReply> T expect(RegistryReply reply, Class<T> type) {
    if (!type.isInstance(reply)) {
      throw new IllegalStateException("the registry answered " + reply + " where " + type.getSimpleName()
          + " was expected: the benchmark no longer measures what it says");
    }
    return type.cast(reply);
  }

  @Override
  public void close() throws Exception {
    registry.close();
    deleteTree(dir);
  }

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
