package org.priwatt.energy.ledger;

import java.util.Objects;
import java.util.Optional;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;

/**
 * The one check of a funding output against the terms of an escrow, run by the seller before he
 * hands over the ownership secret and by the DSO before it transfers the entry: the output exists,
 * pays the escrow's P2SH at least the price, sits in a transaction whose single payment commitment
 * names this entry and this lock, has the confirmations required and is unspent. Binding the
 * payment to the lock (not to "any payment ever made to the escrow address") is what makes one
 * payment buy one entry. Stateless.
 */
public final class EscrowFunding {
  /** What is wrong with a funding output. */
  public enum Problem {
    /** The ledger knows no such output. */
    UNKNOWN_OUTPUT,
    /** The output does not pay the escrow's P2SH. */
    WRONG_SCRIPT,
    /** The output pays less than the price. */
    BELOW_PRICE,
    /** Its transaction carries no single payment commitment. */
    NO_COMMITMENT,
    /** Its transaction commits to another entry or another lock. */
    OTHER_LOCK,
    /** It has fewer confirmations than required. */
    UNCONFIRMED,
    /** Something already spends it. */
    SPENT
  }

  /**
   * The outcome: the payment when it qualifies, else the first problem found.
   *
   * @param payment the funding output as the ledger knows it (empty if unknown)
   * @param problem empty if the output funds the escrow
   */
  public record Check(Optional<Payment> payment, Optional<Problem> problem) {
    /** Validates non-null fields. */
    public Check {
      Objects.requireNonNull(payment, "payment");
      Objects.requireNonNull(problem, "problem");
    }

    /** Whether the output funds the escrow. */
    public boolean ok() {
      return problem.isEmpty();
    }
  }

  private EscrowFunding() {}

  /**
   * Checks that {@code funding} funds the escrow of {@code terms} with at least {@code
   * minConfirmations} and is unspent.
   */
  public static Check check(PaymentLedger ledger, EscrowTerms terms, OutPoint funding, int minConfirmations) {
    Optional<Payment> p = ledger.output(funding);
    if (p.isEmpty()) {
      return new Check(p, Optional.of(Problem.UNKNOWN_OUTPUT));
    }
    Optional<Problem> problem = Optional.empty();
    Payment pay = p.get();
    if (!pay.output().scriptPubKey().equals(terms.scriptPubKey())) {
      problem = Optional.of(Problem.WRONG_SCRIPT);
    } else if (pay.output().value() < terms.price().sat()) {
      problem = Optional.of(Problem.BELOW_PRICE);
    } else {
      Optional<PaymentCommitment> c = ledger.transaction(funding.txId()).flatMap(PaymentCommitment::of);
      if (c.isEmpty()) {
        problem = Optional.of(Problem.NO_COMMITMENT);
      } else if (!c.get().equals(terms.commitment())) {
        problem = Optional.of(Problem.OTHER_LOCK);
      } else if (pay.confirmations() < minConfirmations) {
        problem = Optional.of(Problem.UNCONFIRMED);
      } else if (pay.spent()) {
        problem = Optional.of(Problem.SPENT);
      }
    }
    return new Check(p, problem);
  }

  /** Whether {@code tx} pays the escrow of {@code terms} at least its price in output {@code index} and commits to its lock. */
  public static boolean isFunding(Transaction tx, int index, EscrowTerms terms) {
    return index >= 0 && index < tx.outputs().size() && tx.output(index).scriptPubKey().equals(terms.scriptPubKey())
        && tx.output(index).value() >= terms.price().sat()
        && PaymentCommitment.of(tx).filter(terms.commitment()::equals).isPresent();
  }
}
