package org.priwatt.energy.trade;

import java.util.Optional;
import org.priwatt.chain.Transaction;
import org.priwatt.crypto.EcKey;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.ledger.EscrowTerms;
import org.priwatt.energy.ledger.EscrowTransactions;
import org.priwatt.energy.ledger.Payment;
import org.priwatt.energy.registry.RegistryReply;

/**
 * How a party accepts the DSO's decision of its own dispute: it rebuilds the settlement from the
 * agreed terms, the funding output on its ledger and the DSO's share, checks the DSO's signature
 * against that rebuild, and only then adds its own. The DSO picks a share; the destinations, the
 * input and the fee are the terms', so a "decision" paying anyone else cannot verify. Stateless.
 */
final class Settlements {
  private Settlements() {}

  /** The completed settlement, or empty if the decision does not check. */
  static Optional<Transaction> complete(TradeContext ctx, EscrowTerms terms, RegistryReply.Decision d, EcKey key) {
    Optional<Payment> funding = ctx.ledger().output(d.funding())
        .filter(p -> p.output().scriptPubKey().equals(terms.scriptPubKey()));
    if (funding.isEmpty()) {
      return Optional.empty();
    }
    try {
      Transaction settlement = EscrowTransactions.settlement(terms, funding.get(), d.buyerShareBasisPoints());
      byte[] sig = d.dsoSignature().toByteArray();
      if (!EscrowTransactions.verifies(settlement, terms, ctx.dsoKey(), sig)) {
        return Optional.empty();
      }
      return Optional.of(EscrowTransactions.complete(settlement, terms, sig, key));
    } catch (EnergyException e) {
      return Optional.empty();
    }
  }
}
