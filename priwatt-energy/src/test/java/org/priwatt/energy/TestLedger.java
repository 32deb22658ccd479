package org.priwatt.energy;

import org.priwatt.chain.Amount;
import org.priwatt.script.Script;

/**
 * Test fixture: a {@link PaymentLedger} together with the two test-only powers a scenario needs
 * over it, minting coins and confirming the pending payments. Lets one trade scenario run both on
 * {@link InMemoryPaymentLedger} and on a real REGTEST chain ({@link RegtestChain}).
 */
interface TestLedger extends AutoCloseable {
  /** The ledger the sessions and the registry use. */
  PaymentLedger ledger();

  /** Pays {@code amount} to {@code to} and confirms it; returns the confirmed output. */
  Payment fund(Script to, Amount amount) throws Exception;

  /** Confirms the pending payments in one block; returns how many it confirmed. */
  int mineBlock() throws Exception;

  @Override
  void close();

  /** The in-memory ledger with real script validation: coins are minted, blocks are instant. */
  static TestLedger inMemory() {
    InMemoryPaymentLedger ledger = new InMemoryPaymentLedger();
    return new TestLedger() {
      @Override
      public PaymentLedger ledger() {
        return ledger;
      }

      @Override
      public Payment fund(Script to, Amount amount) {
        return ledger.fund(to, amount);
      }

      @Override
      public int mineBlock() {
        return ledger.mineBlock();
      }

      @Override
      public void close() {}
    };
  }
}
