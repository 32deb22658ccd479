package org.priwatt.energy.trade;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.priwatt.chain.OutPoint;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.crypto.codec.ByteReader;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.DecodeError;
import org.priwatt.crypto.codec.DecodeException;
import org.priwatt.crypto.codec.LengthPrefix;
import org.priwatt.energy.ByteString;
import org.priwatt.energy.EnergySecret;
import org.priwatt.energy.RequestId;
import org.priwatt.energy.codec.Fields;
import org.priwatt.energy.ledger.EscrowTerms;
import org.priwatt.energy.registry.IssuedSecrets;

/**
 * The buyer's durable state, one immutable value per transition (see {@link ConsumerSession}),
 * with its snapshot encoding; {@link #read} checks that a snapshot holds the fields its phase
 * needs.
 *
 * @param phase where the trade is
 * @param pending the registry request awaiting its reply
 * @param terms the escrow terms the seller sent (checked against the offer and the DSO)
 * @param lockExpiry the lock's expiry as the DSO testified it
 * @param confirmations the confirmations the funding needs (the larger of the party's and the DSO's)
 * @param fundingTx the signed funding transaction, kept so a resumed buyer re-broadcasts it and never pays twice
 * @param funding the funding output
 * @param lambda bλ, once the seller sent it
 * @param deadline when the buyer stops waiting (Unix seconds; {@link Long#MAX_VALUE} until it starts)
 * @param owned aλ, az and the certificate, once the energy is hers
 * @param failure why the session failed
 */
record BuyerState(ConsumerSession.State phase, Optional<RequestId> pending, Optional<EscrowTerms> terms, long lockExpiry,
    int confirmations, Optional<ByteString> fundingTx, Optional<OutPoint> funding, Optional<EnergySecret> lambda,
    long deadline, Optional<IssuedSecrets> owned, Optional<TradeFailure> failure) {
  /** Largest funding transaction a buyer accepts from her funding source: the snapshot holds it twice (state and outbox). */
  static final int MAX_FUNDING_TX = 24_000;

  BuyerState {
    Objects.requireNonNull(phase, "phase");
    List.of(pending, terms, fundingTx, funding, lambda, owned, failure)
        .forEach(o -> Objects.requireNonNull(o, "optional field"));
  }

  static BuyerState initial(int confirmations) {
    return new BuyerState(ConsumerSession.State.NEW, Optional.empty(), Optional.empty(), 0, confirmations,
        Optional.empty(), Optional.empty(), Optional.empty(), Long.MAX_VALUE, Optional.empty(), Optional.empty());
  }

  Edit edit() {
    return new Edit(this);
  }

  /** A copy being changed; {@link #done()} makes the next state. */
  static final class Edit {
    ConsumerSession.State phase;
    Optional<RequestId> pending;
    Optional<EscrowTerms> terms;
    long lockExpiry;
    int confirmations;
    Optional<ByteString> fundingTx;
    Optional<OutPoint> funding;
    Optional<EnergySecret> lambda;
    long deadline;
    Optional<IssuedSecrets> owned;
    Optional<TradeFailure> failure;

    private Edit(BuyerState s) {
      phase = s.phase;
      pending = s.pending;
      terms = s.terms;
      lockExpiry = s.lockExpiry;
      confirmations = s.confirmations;
      fundingTx = s.fundingTx;
      funding = s.funding;
      lambda = s.lambda;
      deadline = s.deadline;
      owned = s.owned;
      failure = s.failure;
    }

    Edit phase(ConsumerSession.State p) {
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

    BuyerState done() {
      return new BuyerState(phase, pending, terms, lockExpiry, confirmations, fundingTx, funding, lambda, deadline,
          owned, failure);
    }
  }

  void write(ByteWriter out) {
    out.u8(phase.ordinal()).bool(pending.isPresent());
    pending.ifPresent(p -> out.bytes(p.toBytes()));
    out.bool(terms.isPresent());
    terms.ifPresent(t -> EscrowTerms.CODEC.encode(t, out));
    out.i64(lockExpiry).u16(confirmations).bool(fundingTx.isPresent());
    fundingTx.ifPresent(t -> Fields.bytes(out, LengthPrefix.U32, t));
    out.bool(funding.isPresent());
    funding.ifPresent(f -> Fields.outPoint(out, f));
    out.bool(lambda.isPresent());
    lambda.ifPresent(l -> Fields.secret(out, l));
    out.i64(deadline).bool(owned.isPresent());
    owned.ifPresent(o -> o.write(out));
    Snapshots.failure(out, failure);
  }

  static BuyerState read(ByteReader in, EcPublicKey dsoKey) throws DecodeException {
    int at = in.position();
    ConsumerSession.State phase = Fields.constant(in, ConsumerSession.State.values(), "buyer phase");
    Optional<RequestId> pending = in.bool() ? Optional.of(Fields.requestId(in)) : Optional.empty();
    Optional<EscrowTerms> terms = in.bool() ? Optional.of(EscrowTerms.CODEC.decode(in)) : Optional.empty();
    long lockExpiry = Fields.nonNegative(in, "lock expiry");
    int confirmations = in.u16();
    Optional<ByteString> fundingTx = in.bool() ? Optional.of(Fields.bytes(in, LengthPrefix.U32, MAX_FUNDING_TX))
        : Optional.empty();
    Optional<OutPoint> funding = in.bool() ? Optional.of(Fields.outPoint(in)) : Optional.empty();
    Optional<EnergySecret> lambda = in.bool() ? Optional.of(Fields.secret(in)) : Optional.empty();
    long deadline = Fields.nonNegative(in, "deadline");
    Optional<IssuedSecrets> owned = in.bool() ? Optional.of(IssuedSecrets.read(in, dsoKey)) : Optional.empty();
    Optional<TradeFailure> failure = Snapshots.failure(in);
    BuyerState s = new BuyerState(phase, pending, terms, lockExpiry, confirmations, fundingTx, funding, lambda,
        deadline, owned, failure);
    String missing = s.missingFields();
    if (missing != null) {
      throw new DecodeException(DecodeError.MALFORMED, at, "buyer snapshot in " + phase + " lacks " + missing);
    }
    return s;
  }

  /** The field this phase needs but lacks, or null. */
  private String missingFields() {
    boolean failed = phase == ConsumerSession.State.FAILED;
    if (phase.compareTo(ConsumerSession.State.VALIDATING) >= 0 && !failed && terms.isEmpty()) {
      return "the escrow terms";
    }
    if (phase.compareTo(ConsumerSession.State.PAID) >= 0 && !failed && (fundingTx.isEmpty() || funding.isEmpty())) {
      return "the funding";
    }
    if (phase == ConsumerSession.State.CLAIMING && lambda.isEmpty()) {
      return "bλ";
    }
    if (phase == ConsumerSession.State.OWNER && owned.isEmpty()) {
      return "the owned secrets";
    }
    if (failed && failure.isEmpty()) {
      return "the failure";
    }
    if (confirmations < 1) {
      return "a confirmation count";
    }
    return null;
  }
}
