package org.priwatt.energy.registry;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.energy.ByteString;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.EnergySecret;
import org.priwatt.energy.ledger.EscrowFunding;
import org.priwatt.energy.ledger.EscrowTerms;
import org.priwatt.energy.ledger.EscrowTransactions;
import org.priwatt.energy.ledger.LedgerRejection;
import org.priwatt.energy.ledger.Payment;
import org.priwatt.energy.ledger.PaymentLedger;
import org.priwatt.energy.registry.RegistryState.Held;

/**
 * The part of the DSO registry that touches escrow money: the transfer, which completes and
 * broadcasts the release paying the seller before it moves ownership, and the arbitration of
 * disputes over any escrow an entry's locks ever named. Every funding output is checked against
 * the lock's terms on the ledger ({@link EscrowFunding}); every transaction is rebuilt from the
 * terms, never taken from a request. Runs under the registry's monitor, on its state.
 */
final class EscrowDesk {
  /** Appends an event to the log and applies it. */
  @FunctionalInterface
  interface Committer {
    void commit(RegistryEvent e) throws EnergyException;
  }

  private final RegistryState state;
  private final PaymentLedger ledger;
  private final EcKey dsoKey;
  private final int confirmations;
  private final LongSupplier clock;
  private final SecureRandom random;
  private final Committer log;
  private final Function<Held, IssuedSecrets> issued;

  EscrowDesk(RegistryState state, PaymentLedger ledger, EcKey dsoKey, int confirmations, LongSupplier clock,
      SecureRandom random, Committer log, Function<Held, IssuedSecrets> issued) {
    this.state = state;
    this.ledger = ledger;
    this.dsoKey = dsoKey;
    this.confirmations = confirmations;
    this.clock = clock;
    this.random = random;
    this.log = log;
    this.issued = issued;
  }

  /** Whether a confirmed funding output committed to {@code lock} pays its escrow and is unspent. */
  boolean isFunded(EscrowLock lock) {
    for (Payment p : ledger.paymentsTo(lock.terms().scriptPubKey())) {
      if (p.confirmations() >= 1 && !p.spent() && ledger.transaction(p.outPoint().txId())
          .filter(tx -> EscrowFunding.isFunding(tx, (int) p.outPoint().index(), lock.terms())).isPresent()) {
        return true;
      }
    }
    return false;
  }

  /** CHANGESECRETOWNER with the release, for an admitted request on entry {@code h}. */
  RegistryReply transfer(Held h, RegistryRequest.Transfer r) throws Refusal, EnergyException {
    if (!RequestCodec.verifyMac(r, r.mac(), h.lambda)) {
      throw new Refusal(RegistryError.BAD_PROOF, "ownership secret proof does not verify");
    }
    EscrowLock lock = h.entry.lock().orElseThrow(() -> new Refusal(
        h.entry.status() == EntryStatus.ACTIVE ? RegistryError.NOT_LOCKED : RegistryError.NOT_ACTIVE,
        "entry is " + h.entry.status()));
    if (!lock.id().equals(r.lock())) {
      throw new Refusal(RegistryError.UNKNOWN_LOCK, "lock " + r.lock() + " is not the entry's current lock");
    }
    EscrowTerms terms = lock.terms();
    if (!RequestCodec.verifySignature(r, r.signature(), terms.escrow().buyer())) {
      throw new Refusal(RegistryError.BAD_SIGNATURE, "not signed by the escrow's buyer");
    }
    if (state.isSold(r.funding()) || state.decision(r.funding()).isPresent()) {
      throw new Refusal(RegistryError.PAYMENT_USED, "funding " + r.funding() + " was already used");
    }
    EscrowFunding.Check check = EscrowFunding.check(ledger, terms, r.funding(), confirmations);
    Optional<EscrowFunding.Problem> problem = check.problem();
    if (problem.isPresent() && problem.get() != EscrowFunding.Problem.SPENT) {
      throw new Refusal(problem.get() == EscrowFunding.Problem.UNCONFIRMED ? RegistryError.PAYMENT_NOT_CONFIRMED
          : RegistryError.PAYMENT_INVALID, "funding " + r.funding() + ": " + problem.get());
    }
    Transaction release = EscrowTransactions.release(terms, check.payment().orElseThrow());
    byte[] buyerSig = r.releaseSignature().toByteArray();
    if (!EscrowTransactions.verifies(release, terms, terms.escrow().buyer(), buyerSig)) {
      throw new Refusal(RegistryError.BAD_RELEASE, "the buyer's release signature does not verify");
    }
    // Spent already is fine only if the spender is this very release: a transfer whose log write
    // failed after the broadcast is then completed by the buyer's retry. The release recorded and
    // reported is the one that spent the escrow (buyer and seller may have signed it themselves).
    Transaction complete;
    if (problem.isPresent()) {
      complete = releaseSpending(r.funding(), release)
          .orElseThrow(() -> new Refusal(RegistryError.PAYMENT_USED, "funding " + r.funding() + " is spent"));
    } else {
      complete = EscrowTransactions.complete(release, terms, buyerSig, dsoKey);
      Optional<LedgerRejection> rej = ledger.broadcast(complete);
      if (rej.isPresent() && rej.get() != LedgerRejection.DUPLICATE) {
        throw new Refusal(RegistryError.LEDGER_REFUSED, "release refused: " + rej.get());
      }
    }
    long now = clock.getAsLong();
    EnergyInjection next = new EnergyInjection(terms.escrow().buyer(), r.buyerMsg(), h.entry.energy(), now);
    EnergySecret lambda = SecretDerivation.ownership(next, random);
    log.commit(new RegistryEvent.Transferred(now, r.id(), r.entry(), lock.id(), r.funding(),
        ByteString.of(complete.serialize()), next, lambda, SecretDerivation.lock(lambda, random)));
    return new RegistryReply.Transferred(r.id(), issued.apply(state.held(lambda.entryId()).orElseThrow()), complete.txId());
  }

  /** What spends {@code funding}, if it is {@code release} (same inputs and outputs; signatures may differ). */
  private Optional<Transaction> releaseSpending(OutPoint funding, Transaction release) {
    return ledger.spender(funding).flatMap(ledger::transaction).filter(spender -> spender.outputs()
        .equals(release.outputs()) && spender.inputs().size() == 1 && spender.input(0).outPoint().equals(funding));
  }

  /** Arbitrates the escrow an admitted dispute names, on entry {@code h}. */
  RegistryReply dispute(Held h, RegistryRequest.Dispute r, DisputePolicy policy) throws Refusal, EnergyException {
    EscrowLock lock = h.entry.lock(r.lock())
        .orElseThrow(() -> new Refusal(RegistryError.UNKNOWN_LOCK, "the entry never had lock " + r.lock()));
    EscrowTerms terms = lock.terms();
    EcPublicKey party = r.party() == DisputePolicy.Party.SELLER ? terms.escrow().seller() : terms.escrow().buyer();
    if (!RequestCodec.verifySignature(r, r.signature(), party)) {
      throw new Refusal(RegistryError.BAD_SIGNATURE, "not signed by the escrow's " + r.party());
    }
    if (r.funding().equals(h.soldFunding)) {
      // Sold under this lock: the release paying the seller was completed with the transfer.
      return new RegistryReply.Release(r.id(), lock.id(), h.release);
    }
    Optional<RegistryEvent.Decided> prior = state.decision(r.funding());
    if (prior.isPresent()) {
      RegistryEvent.Decided d = prior.get();
      if (!d.entry().equals(r.entry()) || !d.lock().equals(r.lock())) {
        throw new Refusal(RegistryError.PAYMENT_USED, "funding " + r.funding() + " was decided under another lock");
      }
      // The same decision again, for a party that lost the first reply.
      return decision(r, terms, fundingOf(r.funding(), terms, true), d.buyerShareBasisPoints());
    }
    if (state.isSold(r.funding())) {
      throw new Refusal(RegistryError.PAYMENT_USED, "funding " + r.funding() + " paid for another transfer");
    }
    Payment funding = fundingOf(r.funding(), terms, false);
    boolean current = h.entry.lock().filter(l -> l.id().equals(lock.id())).isPresent();
    boolean qualifies = EscrowFunding.check(ledger, terms, r.funding(), confirmations).ok();
    int share;
    boolean freezes;
    if (current && qualifies) {
      share = policy.buyerShareBasisPoints(h.entry, lock, funding, r.party(), r.evidence());
      if (share < 0 || share > EscrowTransactions.FULL_SHARE) {
        throw new IllegalStateException("dispute policy returned share " + share);
      }
      freezes = true;
    } else {
      // A payment below the price, without the lock's commitment, or to a lock that no longer
      // holds bought nothing: it goes back to the buyer in full.
      share = EscrowTransactions.FULL_SHARE;
      freezes = false;
    }
    // Built and signed before anything is recorded: a settlement that cannot exist changes nothing.
    RegistryReply reply = decision(r, terms, funding, share);
    log.commit(new RegistryEvent.Decided(clock.getAsLong(), r.id(), r.entry(), lock.id(), r.funding(), share, freezes));
    return reply;
  }

  private Payment fundingOf(OutPoint outPoint, EscrowTerms terms, boolean decided) throws Refusal {
    Payment p = ledger.output(outPoint).filter(x -> x.output().scriptPubKey().equals(terms.scriptPubKey()))
        .orElseThrow(() -> new Refusal(RegistryError.ESCROW_NOT_FUNDED, outPoint + " does not pay the escrow"));
    if (p.confirmations() < confirmations) {
      throw new Refusal(RegistryError.PAYMENT_NOT_CONFIRMED, outPoint + " has " + p.confirmations() + " confirmations");
    }
    if (p.spent() && !decided) {
      throw new Refusal(RegistryError.PAYMENT_USED, outPoint + " is spent");
    }
    return p;
  }

  private RegistryReply decision(RegistryRequest.Dispute r, EscrowTerms terms, Payment funding, int share)
      throws Refusal, EnergyException {
    Transaction settlement;
    try {
      settlement = EscrowTransactions.settlement(terms, funding, share);
    } catch (EnergyException e) {
      throw new Refusal(RegistryError.SETTLEMENT_IMPOSSIBLE, e.getMessage());
    }
    byte[] sig = EscrowTransactions.signature(settlement, terms, dsoKey);
    return new RegistryReply.Decision(r.id(), terms.lock(), r.funding(), share, ByteString.of(sig));
  }
}
