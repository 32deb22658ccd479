package org.priwatt.energy.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.priwatt.chain.Amount;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TransactionSigner;
import org.priwatt.crypto.EcKey;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.EntryId;
import org.priwatt.energy.Samples;
import org.priwatt.energy.ledger.EscrowTerms;
import org.priwatt.energy.ledger.EscrowTransactions;
import org.priwatt.energy.ledger.Payment;
import org.priwatt.energy.ledger.PaymentCommitment;
import org.priwatt.energy.regtest.RegtestWorld;
import org.priwatt.msg.BitmessageAddress;
import org.priwatt.script.EscrowKeys;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptTemplates;

/**
 * The registry tests' world: one REGTEST chain and ledger per test class (a {@link RegtestWorld};
 * its own registry is not used), and per test a fresh {@link DsoRegistry} with its own log, the
 * world's DSO key and ledger, and a clock the test moves. Requests are built with the public
 * factories and handled directly, so each test drives the registry exactly as its service would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RegistryFixture {
  static final EnergyAmount ENERGY = EnergyAmount.ofWattHours(5_000);
  static final Amount PRICE = Amount.ofSat(50_000);
  static final Amount FEE = Amount.ofSat(1_000);
  static final long LOCK_SECONDS = 3_600;
  /** The policy of the tests: a quarter of the escrow to the buyer. */
  static final DisputePolicy QUARTER = (entry, lock, funding, requester, evidence) -> 2_500;
  private static final Amount PAYER_FEE = Amount.ofSat(10_000);

  RegtestWorld world;
  final AtomicLong now = new AtomicLong();
  Path log;
  DsoRegistry registry;

  @BeforeAll
  void startWorld() throws Exception {
    world = RegtestWorld.builder().build();
  }

  @AfterAll
  void stopWorld() throws Exception {
    world.close();
  }

  @BeforeEach
  void openRegistry(@TempDir Path dir) throws Exception {
    now.set(world.now());
    log = dir.resolve("dso.wal");
    registry = open(log);
  }

  @AfterEach
  void closeRegistry() throws Exception {
    registry.close();
  }

  DsoRegistry open(Path file) throws EnergyException {
    return DsoRegistry.builder().log(file).dsoKey(world.dsoKey()).ledger(world.ledger()).clock(now::get)
        .random(Samples.RANDOM).lockSeconds(LOCK_SECONDS).open();
  }

  /** Writes {@code content} to {@code file}, readable by its owner only (the registry refuses a log others may read). */
  static Path writePrivate(Path file, byte[] content) throws java.io.IOException {
    java.nio.file.Files.write(file, content);
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      java.nio.file.Files.setPosixFilePermissions(file,
          java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }
    return file;
  }

  /** Closes the registry and opens its log again, as after a restart. */
  void restart() throws EnergyException {
    registry.close();
    registry = open(log);
  }

  // ------------------------------------------------------------------ parties

  /** A seller's injected entry: his key, messaging address and the secrets the DSO issued. */
  record Seller(EcKey key, BitmessageAddress msg, IssuedSecrets secrets) {
    EntryId entry() {
      return secrets.entryId();
    }
  }

  Seller inject(EnergyAmount energy) throws EnergyException {
    EcKey key = Samples.key();
    BitmessageAddress msg = Samples.identity().address();
    IssuedSecrets s = registry.inject(new EnergyInjection(key.publicKey(), msg, energy, now.get() - 60));
    return new Seller(key, msg, s);
  }

  Seller inject() throws EnergyException {
    return inject(ENERGY);
  }

  /** A lock the DSO granted: the buyer's escrow key and the terms she pays against. */
  record Locked(EcKey buyer, EscrowTerms terms, long expiry) {}

  EnergyEntry entry(EntryId id) {
    return registry.entry(id).orElseThrow();
  }

  /** The lock request for {@code s} at the entry's next sequence number, with a fresh buyer key. */
  RegistryRequest.Lock lockRequest(Seller s, EscrowKeys escrow, Amount price, Amount fee) {
    return RegistryRequest.Lock.create(s.secrets().lock(), s.entry(), entry(s.entry()).nextSequence(), now.get(), escrow,
        price, fee, Samples.RANDOM);
  }

  EscrowKeys escrowFor(Seller s, EcKey buyer) {
    return EscrowKeys.of(world.dsoKey().publicKey(), s.key().publicKey(), buyer.publicKey());
  }

  Locked lock(Seller s) {
    return lock(s, s.secrets().lock());
  }

  /** Locks {@code s}'s entry to a fresh buyer at {@link #PRICE}, proving {@code z}. */
  Locked lock(Seller s, org.priwatt.energy.EnergySecret z) {
    EcKey buyer = Samples.key();
    EscrowKeys escrow = escrowFor(s, buyer);
    RegistryReply.LockGranted g = ok(RegistryRequest.Lock.create(z, s.entry(), entry(s.entry()).nextSequence(),
        now.get(), escrow, PRICE, FEE, Samples.RANDOM), RegistryReply.LockGranted.class);
    return new Locked(buyer, new EscrowTerms(s.entry(), g.lock(), escrow, PRICE, FEE), g.expiry());
  }

  // ------------------------------------------------------------------ requests

  RegistryReply handle(RegistryRequest r) {
    return registry.handle(r, QUARTER);
  }

  <T extends RegistryReply> T ok(RegistryRequest r, Class<T> type) {
    RegistryReply reply = handle(r);
    assertThat(reply).as("reply to %s", r.getClass().getSimpleName()).isInstanceOf(type);
    assertThat(reply.request()).isEqualTo(r.id());
    return type.cast(reply);
  }

  RegistryError refused(RegistryRequest r) {
    return refused(r, QUARTER);
  }

  RegistryError refused(RegistryRequest r, DisputePolicy policy) {
    RegistryReply reply = registry.handle(r, policy);
    assertThat(reply).as("reply to %s", r.getClass().getSimpleName()).isInstanceOf(RegistryReply.Refused.class);
    assertThat(reply.request()).isEqualTo(r.id());
    return ((RegistryReply.Refused) reply).error();
  }

  // ------------------------------------------------------------------ the chain

  /**
   * A transaction paying {@code value} to {@code to} in output 0, with {@code commitment} in
   * output 1 if present, from a faucet coin of a fresh payer; broadcast, and mined if {@code mine}.
   */
  Payment pay(Script to, Amount value, Optional<PaymentCommitment> commitment, boolean mine) throws Exception {
    EcKey payer = Samples.key();
    Script payerScript = ScriptTemplates.p2pkhOf(payer.publicKey());
    Payment coin = world.fund(payerScript, value.plus(PAYER_FEE));
    var b = Transaction.builder().addInput(coin.outPoint()).addOutput(value, to);
    commitment.ifPresent(c -> b.addOutput(Amount.ZERO, c.script()));
    Transaction tx = TransactionSigner.signP2pkh(b.build(), 0, payerScript, payer);
    assertThat(world.ledger().broadcast(tx)).as("funding broadcast").isEmpty();
    if (mine) {
      world.mine(1);
    }
    return world.ledger().output(OutPoint.of(tx.txId(), 0)).orElseThrow();
  }

  /** The honest, confirmed funding of {@code l}: the price to its escrow, committed to its lock. */
  Payment fund(Locked l) throws Exception {
    return pay(l.terms().scriptPubKey(), PRICE, Optional.of(l.terms().commitment()), true);
  }

  /** {@code key}'s signature of the release of {@code funding} under {@code l}. */
  static byte[] releaseSignature(Locked l, Payment funding, EcKey key) throws EnergyException {
    return EscrowTransactions.signature(EscrowTransactions.release(l.terms(), funding), l.terms(), key);
  }

  /** The buyer's transfer request for {@code s}'s entry under {@code l}, funded by {@code funding}. */
  RegistryRequest.Transfer transfer(Seller s, Locked l, Payment funding) throws EnergyException {
    return RegistryRequest.Transfer.create(s.secrets().ownership(), l.buyer(), l.terms().lock(), funding.outPoint(),
        Samples.identity().address(), releaseSignature(l, funding, l.buyer()), now.get(), Samples.RANDOM);
  }

  /** A dispute of the escrow {@code funding} pays under {@code l}, raised by the buyer. */
  RegistryRequest.Dispute buyerDispute(Locked l, OutPoint funding) {
    return RegistryRequest.Dispute.create(l.buyer(), DisputePolicy.Party.BUYER, l.terms().entry(), l.terms().lock(),
        funding, "no secret", now.get(), Samples.RANDOM);
  }

  /** A dispute raised by the seller {@code s}. */
  RegistryRequest.Dispute sellerDispute(Seller s, Locked l, OutPoint funding) {
    return RegistryRequest.Dispute.create(s.key(), DisputePolicy.Party.SELLER, l.terms().entry(), l.terms().lock(),
        funding, "no release", now.get(), Samples.RANDOM);
  }
}
