package org.priwatt.energy.trade;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.priwatt.chain.Amount;
import org.priwatt.chain.OutPoint;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.crypto.codec.ByteReader;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.DecodeError;
import org.priwatt.crypto.codec.DecodeException;
import org.priwatt.energy.RequestId;
import org.priwatt.energy.codec.Fields;
import org.priwatt.energy.ledger.EscrowTerms;
import org.priwatt.energy.market.Offer;
import org.priwatt.energy.registry.IssuedSecrets;
import org.priwatt.energy.registry.RegistryError;
import org.priwatt.msg.Identity;
import org.priwatt.msg.PublicIdentity;

/**
 * The seller's durable state, one immutable value per transition (see {@link ProsumerSession}),
 * with its snapshot encoding. Which fields are present depends on the phase; {@link #read}
 * checks that a snapshot holds the fields its phase needs.
 *
 * @param phase where the trade is
 * @param secrets bλ, bz and the certificate, once issued
 * @param sequence the entry's next lock-secret sequence number
 * @param offer the offer, once posted
 * @param board the board identity the offer was posted with
 * @param buyer the buyer's messaging identity, once a buyer asked
 * @param buyerKey the buyer's escrow key
 * @param price the price the buyer offered
 * @param pending the registry request awaiting its reply
 * @param terms the escrow terms the DSO granted
 * @param lockExpiry the lock's expiry on the DSO's clock
 * @param funding the funding output checked before bλ was delivered
 * @param deadline when the seller stops waiting (Unix seconds)
 * @param lastRefusal the DSO's last refusal
 * @param failure why the session failed
 */
record SellerState(ProsumerSession.State phase, Optional<IssuedSecrets> secrets, long sequence, Optional<Offer> offer,
    Optional<Identity> board, Optional<PublicIdentity> buyer, Optional<EcPublicKey> buyerKey, Optional<Amount> price,
    Optional<RequestId> pending, Optional<EscrowTerms> terms, long lockExpiry, Optional<OutPoint> funding,
    long deadline, Optional<RegistryError> lastRefusal, Optional<TradeFailure> failure) {

  SellerState {
    Objects.requireNonNull(phase, "phase");
    List.of(secrets, offer, board, buyer, buyerKey, price, pending, terms, funding, lastRefusal, failure)
        .forEach(o -> Objects.requireNonNull(o, "optional field"));
  }

  static SellerState initial() {
    return new SellerState(ProsumerSession.State.AWAITING_SECRETS, Optional.empty(), 0, Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0,
        Optional.empty(), 0, Optional.empty(), Optional.empty());
  }

  Edit edit() {
    return new Edit(this);
  }

  /** A copy being changed; {@link #done()} makes the next state. */
  static final class Edit {
    ProsumerSession.State phase;
    Optional<IssuedSecrets> secrets;
    long sequence;
    Optional<Offer> offer;
    Optional<Identity> board;
    Optional<PublicIdentity> buyer;
    Optional<EcPublicKey> buyerKey;
    Optional<Amount> price;
    Optional<RequestId> pending;
    Optional<EscrowTerms> terms;
    long lockExpiry;
    Optional<OutPoint> funding;
    long deadline;
    Optional<RegistryError> lastRefusal;
    Optional<TradeFailure> failure;

    private Edit(SellerState s) {
      phase = s.phase;
      secrets = s.secrets;
      sequence = s.sequence;
      offer = s.offer;
      board = s.board;
      buyer = s.buyer;
      buyerKey = s.buyerKey;
      price = s.price;
      pending = s.pending;
      terms = s.terms;
      lockExpiry = s.lockExpiry;
      funding = s.funding;
      deadline = s.deadline;
      lastRefusal = s.lastRefusal;
      failure = s.failure;
    }

    Edit phase(ProsumerSession.State p) {
      phase = p;
      return this;
    }

    Edit pending(RequestId id) {
      pending = Optional.ofNullable(id);
      return this;
    }

    Edit deadline(long d) {
      deadline = d;
      return this;
    }

    SellerState done() {
      return new SellerState(phase, secrets, sequence, offer, board, buyer, buyerKey, price, pending, terms, lockExpiry,
          funding, deadline, lastRefusal, failure);
    }
  }

  void write(ByteWriter out) {
    out.u8(phase.ordinal()).bool(secrets.isPresent());
    secrets.ifPresent(s -> s.write(out));
    out.i64(sequence).bool(offer.isPresent());
    offer.ifPresent(o -> Snapshots.offer(out, o));
    out.bool(board.isPresent());
    board.ifPresent(b -> Fields.privateIdentity(out, b));
    out.bool(buyer.isPresent());
    buyer.ifPresent(b -> Fields.identity(out, b));
    out.bool(buyerKey.isPresent());
    buyerKey.ifPresent(k -> Fields.key(out, k));
    out.i64(price.map(Amount::sat).orElse(0L));
    out.bool(pending.isPresent());
    pending.ifPresent(p -> out.bytes(p.toBytes()));
    out.bool(terms.isPresent());
    terms.ifPresent(t -> EscrowTerms.CODEC.encode(t, out));
    out.i64(lockExpiry).bool(funding.isPresent());
    funding.ifPresent(f -> Fields.outPoint(out, f));
    out.i64(deadline).u8(lastRefusal.map(RegistryError::code).orElse(0));
    Snapshots.failure(out, failure);
  }

  static SellerState read(ByteReader in, EcPublicKey dsoKey) throws DecodeException {
    int at = in.position();
    ProsumerSession.State phase = Fields.constant(in, ProsumerSession.State.values(), "seller phase");
    Optional<IssuedSecrets> secrets = in.bool() ? Optional.of(IssuedSecrets.read(in, dsoKey)) : Optional.empty();
    long sequence = in.i64InRange(0, Long.MAX_VALUE, "sequence");
    Optional<Offer> offer = in.bool() ? Optional.of(Snapshots.offer(in, dsoKey)) : Optional.empty();
    Optional<Identity> board = in.bool() ? Optional.of(Fields.privateIdentity(in)) : Optional.empty();
    Optional<PublicIdentity> buyer = in.bool() ? Optional.of(Fields.identity(in)) : Optional.empty();
    Optional<EcPublicKey> buyerKey = in.bool() ? Optional.of(Fields.key(in)) : Optional.empty();
    long p = in.i64InRange(0, org.priwatt.energy.EnergyLimits.MAX_MONEY_SAT, "price");
    Optional<Amount> price = p == 0 ? Optional.empty() : Optional.of(Amount.ofSat(p));
    Optional<RequestId> pending = in.bool() ? Optional.of(Fields.requestId(in)) : Optional.empty();
    Optional<EscrowTerms> terms = in.bool() ? Optional.of(EscrowTerms.CODEC.decode(in)) : Optional.empty();
    long lockExpiry = Fields.nonNegative(in, "lock expiry");
    Optional<OutPoint> funding = in.bool() ? Optional.of(Fields.outPoint(in)) : Optional.empty();
    long deadline = Fields.nonNegative(in, "deadline");
    int refusalAt = in.position();
    int refusal = in.u8();
    Optional<RegistryError> lastRefusal = refusal == 0 ? Optional.empty() : Optional.of(RegistryError.fromCode(refusal)
        .orElseThrow(() -> new DecodeException(DecodeError.UNKNOWN_TYPE, refusalAt, "refusal code " + refusal)));
    Optional<TradeFailure> failure = Snapshots.failure(in);
    SellerState s = new SellerState(phase, secrets, sequence, offer, board, buyer, buyerKey, price, pending, terms,
        lockExpiry, funding, deadline, lastRefusal, failure);
    String missing = s.missingFields();
    if (missing != null) {
      throw new DecodeException(DecodeError.MALFORMED, at, "seller snapshot in " + phase + " lacks " + missing);
    }
    return s;
  }

  /** The field this phase needs but lacks, or null. */
  private String missingFields() {
    boolean failed = phase == ProsumerSession.State.FAILED;
    if (phase.compareTo(ProsumerSession.State.READY) >= 0 && !failed && secrets.isEmpty()) {
      return "the secrets";
    }
    if (phase.compareTo(ProsumerSession.State.OFFERED) >= 0 && !failed && (offer.isEmpty() || board.isEmpty())) {
      return "the offer";
    }
    if (phase.compareTo(ProsumerSession.State.LOCKING) >= 0 && !failed
        && (buyer.isEmpty() || buyerKey.isEmpty() || price.isEmpty())) {
      return "the buyer";
    }
    if (phase.compareTo(ProsumerSession.State.ESCROW_SENT) >= 0 && !failed && terms.isEmpty()) {
      return "the escrow terms";
    }
    if (phase.compareTo(ProsumerSession.State.SECRET_DELIVERED) >= 0 && !failed && funding.isEmpty()) {
      return "the funding";
    }
    if (failed && failure.isEmpty()) {
      return "the failure";
    }
    return null;
  }
}
