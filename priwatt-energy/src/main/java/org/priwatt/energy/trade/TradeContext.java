package org.priwatt.energy.trade;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.priwatt.chain.Amount;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.energy.ledger.PaymentLedger;
import org.priwatt.msg.MessageNode;
import org.priwatt.msg.PublicIdentity;

/**
 * What every trading party shares: its messaging node, the ledger, the DSO's messaging identity
 * and key, the confirmations a payment needs, the fee of the escrow spend (the seller offers it,
 * the buyer accepts at most it), the clock (Unix seconds), the timeout and randomness. Immutable.
 *
 * @param node the party's messaging node
 * @param ledger the chain seam
 * @param dso the DSO's messaging identity (msgAddrD)
 * @param dsoKey the DSO's key (pubKeyD: first in every escrow, signer of certificates)
 * @param confirmations confirmations the party requires of the escrow payment
 * @param fee the fee of the transaction that spends an escrow: what a seller asks, the most a buyer accepts
 * @param timeoutSeconds how long a party waits for its counterpart before it unlocks or disputes,
 *     and the least time a buyer wants left on a lock before she pays
 * @param clock Unix seconds
 * @param random randomness for request ids
 */
public record TradeContext(MessageNode node, PaymentLedger ledger, PublicIdentity dso, EcPublicKey dsoKey,
    int confirmations, Amount fee, long timeoutSeconds, LongSupplier clock, SecureRandom random) {
  /** Message TTL of trade messages. */
  public static final long MESSAGE_TTL = 3600;

  /** Validates non-null fields and positive counts. */
  public TradeContext {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(ledger, "ledger");
    Objects.requireNonNull(dso, "dso");
    dsoKey = Objects.requireNonNull(dsoKey, "dsoKey").withCompression(true);
    Objects.requireNonNull(fee, "fee");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(random, "random");
    if (confirmations < 1 || timeoutSeconds < 1) {
      throw new IllegalArgumentException("confirmations and timeout must be positive");
    }
  }

  /** The clock's current value. */
  public long now() {
    return clock.getAsLong();
  }
}
