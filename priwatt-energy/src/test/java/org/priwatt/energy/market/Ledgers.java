package org.priwatt.energy.market;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.priwatt.chain.Amount;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxId;
import org.priwatt.energy.EntryId;
import org.priwatt.energy.ledger.LedgerRejection;
import org.priwatt.energy.ledger.Payment;
import org.priwatt.energy.ledger.PaymentLedger;
import org.priwatt.script.Script;

/** Ledgers for board tests, which ask a ledger one question only: was this entry paid for. */
final class Ledgers {
  private Ledgers() {}

  /** A ledger where exactly the entries in {@code paid} were paid for (the set may change). */
  static PaymentLedger paid(Set<EntryId> paid) {
    return new PaymentLedger() {
      @Override
      public Optional<LedgerRejection> broadcast(Transaction tx) {
        throw new UnsupportedOperationException();
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
  static PaymentLedger nothingPaid() {
    return paid(ConcurrentHashMap.newKeySet());
  }
}
