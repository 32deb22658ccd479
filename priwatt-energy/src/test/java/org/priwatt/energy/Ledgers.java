package org.priwatt.energy;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.priwatt.chain.Amount;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxId;
import org.priwatt.energy.ledger.LedgerRejection;
import org.priwatt.energy.ledger.Payment;
import org.priwatt.energy.ledger.PaymentLedger;
import org.priwatt.script.Script;

/**
 * Ledgers for tests that need no chain: the board asks only whether an entry was paid for, and a
 * resumed session may re-broadcast a transaction, which this ledger accepts and forgets.
 */
public final class Ledgers {
  private Ledgers() {}

  /** A ledger where exactly the entries in {@code paid} were paid for (the set may change). */
  public static PaymentLedger paid(Set<EntryId> paid) {
    return new PaymentLedger() {
      @Override
      public Optional<LedgerRejection> broadcast(Transaction tx) {
        return Optional.empty();
      }

      @Override
      public int height() {
        return 0;
      }

      @Override
      public int confirmations(TxId txId) {
        return -1;
      }

      @Override
      public Optional<Transaction> transaction(TxId txId) {
        return Optional.empty();
      }

      @Override
      public Optional<Payment> output(OutPoint outPoint) {
        return Optional.empty();
      }

      @Override
      public Optional<TxId> spender(OutPoint outPoint) {
        return Optional.empty();
      }

      @Override
      public List<Payment> paymentsTo(Script scriptPubKey) {
        return List.of();
      }

      @Override
      public boolean isCommitmentPaid(EntryId entry, int minConfirmations, Amount minimum) {
        return paid.contains(entry);
      }
    };
  }

  /** A ledger where nothing was paid. */
  public static PaymentLedger nothingPaid() {
    return paid(ConcurrentHashMap.newKeySet());
  }
}
