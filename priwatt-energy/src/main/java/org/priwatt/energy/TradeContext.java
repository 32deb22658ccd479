package org.priwatt.energy;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.priwatt.chain.Amount;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.msg.MessageNode;
import org.priwatt.msg.PublicIdentity;

/**
 * What every trading role shares: its messaging node, the ledger, the DSO's messaging identity
 * and escrow key, the confirmations a payment needs, the fee paid by transactions it builds, the
 * clock (Unix seconds), timeouts and randomness. Immutable.
 *
 * @param node the party's messaging node
 * @param ledger the chain seam
 * @param dso the DSO's messaging identity (msgAddrD)
 * @param dsoKey the DSO's escrow key (pubKeyD)
 * @param confirmations confirmations required of the escrow payment
 * @param fee the fee of each transaction the party builds
 * @param timeoutSeconds how long a party waits for its counterpart before unlocking or disputing
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
    Objects.requireNonNull(dsoKey, "dsoKey");
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
