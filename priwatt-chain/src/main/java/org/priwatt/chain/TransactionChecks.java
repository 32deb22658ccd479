package org.priwatt.chain;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Context-free transaction validity: Bitcoin Core's {@code CheckTransaction}, in Core's order,
 * so the first failing rule decides the reason reported. Needs no chain state; inputs'
 * existence, scripts, fees and lock-times are checked elsewhere.
 */
final class TransactionChecks {
  /** Core's MAX_BLOCK_WEIGHT. */
  static final int MAX_BLOCK_WEIGHT = 4_000_000;
  /** Core's WITNESS_SCALE_FACTOR: a legacy byte weighs 4 units. */
  static final int WITNESS_SCALE_FACTOR = 4;
  /** Smallest coinbase scriptSig, bytes. */
  static final int MIN_COINBASE_SCRIPT_SIZE = 2;
  /** Largest coinbase scriptSig, bytes. */
  static final int MAX_COINBASE_SCRIPT_SIZE = 100;

  private TransactionChecks() {}

  /**
   * Runs the context-free checks.
   *
   * @return empty if {@code tx} passes, else the first rule it breaks
   */
  static Optional<TxRejectReason> check(Transaction tx) {
    if (tx.inputs().isEmpty()) {
      return Optional.of(TxRejectReason.VIN_EMPTY);
    }
    if (tx.outputs().isEmpty()) {
      return Optional.of(TxRejectReason.VOUT_EMPTY);
    }
    if ((long) tx.size() * WITNESS_SCALE_FACTOR > MAX_BLOCK_WEIGHT) {
      return Optional.of(TxRejectReason.OVERSIZE);
    }
    Optional<TxRejectReason> outputs = checkOutputValues(tx);
    if (outputs.isPresent()) {
      return outputs;
    }
    Set<OutPoint> seen = new HashSet<>(tx.inputs().size() * 2);
    for (TxInput in : tx.inputs()) {
      if (!seen.add(in.outPoint())) {
        return Optional.of(TxRejectReason.INPUTS_DUPLICATE);
      }
    }
    if (tx.isCoinbase()) {
      int len = tx.input(0).scriptSig().length();
      if (len < MIN_COINBASE_SCRIPT_SIZE || len > MAX_COINBASE_SCRIPT_SIZE) {
        return Optional.of(TxRejectReason.COINBASE_LENGTH);
      }
    } else {
      for (TxInput in : tx.inputs()) {
        if (in.outPoint().isNull()) {
          return Optional.of(TxRejectReason.PREVOUT_NULL);
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<TxRejectReason> checkOutputValues(Transaction tx) {
    long total = 0;
    for (TxOutput out : tx.outputs()) {
      if (out.value() < 0) {
        return Optional.of(TxRejectReason.VOUT_NEGATIVE);
      }
      if (out.value() > Amount.MAX_MONEY) {
        return Optional.of(TxRejectReason.VOUT_TOO_LARGE);
      }
      total += out.value(); // both terms <= MAX_MONEY: cannot overflow a long
      if (!Amount.isValid(total)) {
        return Optional.of(TxRejectReason.TXOUT_TOTAL_TOO_LARGE);
      }
    }
    return Optional.empty();
  }
}
