package org.priwatt.energy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.priwatt.chain.Amount;
import org.priwatt.chain.Transaction;
import org.priwatt.crypto.EcKey;
import org.priwatt.msg.BitmessageAddress;
import org.priwatt.script.Script;

/** A DSO registry over an in-memory ledger with Bob (seller), Alice (buyer) and Eve, fixed clock. */
final class RegistryFixture implements AutoCloseable {
  static final long T0 = 1_700_000_000L;
  static final Amount PRICE = Amount.ofSat(50_000);
  static final SecureRandom RANDOM = new SecureRandom();

  final AtomicLong now = new AtomicLong(T0);
  final InMemoryPaymentLedger ledger = new InMemoryPaymentLedger();
  final EcKey dso = EcKey.generate();
  final EcKey bob = EcKey.generate();
  final EcKey alice = EcKey.generate();
  final EcKey eve = EcKey.generate();
  final BitmessageAddress bobMsg = BitmessageAddress.of(4, 1, RANDOM_RIPE());
  final BitmessageAddress aliceMsg = BitmessageAddress.of(4, 1, RANDOM_RIPE());
  final Path log;
  DsoRegistry registry;

  RegistryFixture(Path dir) throws RegistryException {
    this.log = dir.resolve("dso.wal");
    reopen();
  }

  static byte[] RANDOM_RIPE() {
    byte[] r = new byte[20];
    RANDOM.nextBytes(r);
    r[0] = 1;
    return r;
  }

  void reopen() throws RegistryException {
    if (registry != null) {
      registry.close();
    }
    registry = DsoRegistry.builder().log(log).dsoKey(dso.publicKey()).ledger(ledger).clock(now::get).random(RANDOM).open();
  }

  IssuedSecrets injectForBob(long wattHours) throws RegistryException {
    return registry.inject(new EnergyInjection(bob.publicKey(), bobMsg, EnergyAmount.ofWattHours(wattHours), now.get()));
  }

  Script escrow(EcKey buyer) {
    return EscrowScripts.redeemScript(dso.publicKey(), bob.publicKey(), buyer.publicKey());
  }

  RegistryReply lock(IssuedSecrets s, long seq, Script redeem) {
    return registry.handle(RegistryRequest.lock(s.lock(), s.entryId(), seq, now.get(), new EscrowLock(redeem, PRICE), RANDOM));
  }

  /** Alice funds the escrow from fresh coins and the ledger mines a block. */
  Transaction pay(EcKey buyer, Script redeem, EntryId entry, boolean mine) throws Exception {
    Payment coin = ledger.fund(EscrowScripts.p2pkh(buyer.publicKey()), Amount.ofSat(100_000));
    Transaction tx = EscrowTransactions.funding(java.util.List.of(coin), buyer, redeem, entry, PRICE, Amount.ofSat(1_000));
    if (ledger.broadcast(tx).isPresent()) {
      throw new IllegalStateException("funding rejected: " + ledger.broadcast(tx));
    }
    if (mine) {
      ledger.mineBlock();
    }
    return tx;
  }

  @Override
  public void close() throws RegistryException {
    registry.close();
  }
}
