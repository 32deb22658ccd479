package org.priwatt.channels;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.priwatt.energy.codec.Fields;
import org.priwatt.chain.TxId;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.crypto.codec.ByteReader;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.DecodeError;
import org.priwatt.crypto.codec.DecodeException;
import org.priwatt.crypto.codec.LengthPrefix;
import org.priwatt.energy.ByteString;
import org.priwatt.energy.EnergySecret;
import org.priwatt.energy.RequestId;
import org.priwatt.energy.market.Offer;
import org.priwatt.energy.registry.IssuedSecrets;
import org.priwatt.energy.registry.RegistryError;

/**
 * The client's durable state, one immutable value per transition (see {@link ChannelClient}),
 * with its snapshot encoding; {@link #read} checks that a snapshot holds what its phase needs.
 *
 * @param phase where the channel is
 * @param offer the offer the channel buys
 * @param channelKey the client's channel key (private)
 * @param increments the increments she asks for
 * @param open the OPEN she sent, once started
 * @param terms the agreed terms, once the server accepted
 * @param lockExpiry the last height at which the parts stay locked to her
 * @param parts the parts as the server and the DSO stated them
 * @param pending the testify request awaiting its reply
 * @param waitUntil when she stops waiting for the server or the DSO (Unix seconds)
 * @param fundingTx the funding transaction, saved before it is broadcast
 * @param funding the funding output
 * @param sent the number of the last payment sent (saved before it is sent)
 * @param claims one per part: its secret once released, the claim at the DSO, the energy once claimed
 * @param refundTx the refund, once broadcast
 * @param spentBy the transaction that spent the funding (the close or the refund)
 * @param lastRefusal the last thing she refused, and why
 * @param failure why the session failed
 */
record ClientState(ChannelClient.State phase, Offer offer, EcKey channelKey, int increments,
    Optional<ChannelMessage.Open> open, Optional<ChannelTerms> terms, long lockExpiry, List<ChannelMessage.Part> parts,
    Optional<RequestId> pending, long waitUntil, Optional<ByteString> fundingTx, Optional<ChannelFunding> funding,
    int sent, List<Claim> claims, Optional<ByteString> refundTx, Optional<TxId> spentBy,
    Optional<ChannelError> lastRefusal, Optional<ChannelError> failure) {
  /** Largest funding transaction a snapshot holds. */
  static final int MAX_FUNDING_TX = 8 * 1024;

  /**
   * One part from the client's side.
   *
   * @param lambda the part's ownership secret, once the server released it
   * @param request the claim at the DSO awaiting its reply
   * @param sentAt when that claim was sent
   * @param refusal the DSO's refusal of the last claim
   * @param owned the client's own secrets of the part, once claimed
   */
  record Claim(Optional<EnergySecret> lambda, Optional<RequestId> request, long sentAt,
      Optional<RegistryError> refusal, Optional<IssuedSecrets> owned) {
    static final Claim NONE = new Claim(Optional.empty(), Optional.empty(), 0, Optional.empty(), Optional.empty());

    Claim {
      List.of(lambda, request, refusal, owned).forEach(o -> Objects.requireNonNull(o, "optional field"));
    }
  }

  ClientState {
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(offer, "offer");
    Objects.requireNonNull(channelKey, "channelKey");
    parts = List.copyOf(parts);
    claims = List.copyOf(claims);
    List.of(open, terms, pending, fundingTx, funding, refundTx, spentBy, lastRefusal, failure)
        .forEach(o -> Objects.requireNonNull(o, "optional field"));
  }

  static ClientState initial(Offer offer, EcKey channelKey, int increments) {
    return new ClientState(ChannelClient.State.NEW, offer, channelKey, increments, Optional.empty(), Optional.empty(),
        0, List.of(), Optional.empty(), 0, Optional.empty(), Optional.empty(), 0, List.of(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** How many secrets she has received. */
  int received() {
    return (int) claims.stream().filter(c -> c.lambda().isPresent()).count();
  }

  Edit edit() {
    return new Edit(this);
  }

  /** A copy being changed; {@link #done()} makes the next state. */
  static final class Edit {
    ChannelClient.State phase;
    Optional<ChannelMessage.Open> open;
    Optional<ChannelTerms> terms;
    long lockExpiry;
    List<ChannelMessage.Part> parts;
    Optional<RequestId> pending;
    long waitUntil;
    Optional<ByteString> fundingTx;
    Optional<ChannelFunding> funding;
    int sent;
    List<Claim> claims;
    Optional<ByteString> refundTx;
    Optional<TxId> spentBy;
    Optional<ChannelError> lastRefusal;
    Optional<ChannelError> failure;
    private final ClientState from;

    private Edit(ClientState s) {
      from = s;
      phase = s.phase;
      open = s.open;
      terms = s.terms;
      lockExpiry = s.lockExpiry;
      parts = s.parts;
      pending = s.pending;
      waitUntil = s.waitUntil;
      fundingTx = s.fundingTx;
      funding = s.funding;
      sent = s.sent;
      claims = s.claims;
      refundTx = s.refundTx;
      spentBy = s.spentBy;
      lastRefusal = s.lastRefusal;
      failure = s.failure;
    }

    Edit phase(ChannelClient.State p) {
      phase = p;
      return this;
    }

    Edit pending(RequestId id) {
      pending = Optional.ofNullable(id);
      return this;
    }

    /** Replaces the claim of part {@code index} (0-based). */
    Edit claim(int index, Claim c) {
      List<Claim> next = new ArrayList<>(claims);
      next.set(index, c);
      claims = next;
      return this;
    }

    ClientState done() {
      return new ClientState(phase, from.offer, from.channelKey, from.increments, open, terms, lockExpiry, parts,
          pending, waitUntil, fundingTx, funding, sent, claims, refundTx, spentBy, lastRefusal, failure);
    }
  }

  void write(ByteWriter out) {
    out.u8(phase.ordinal()).varBytes(LengthPrefix.U16, offer.encode());
    Fields.privateKey(out, channelKey);
    out.u16(increments);
    Fields.optional(out, open, (w, o) -> w.varBytes(LengthPrefix.U16, ChannelMessage.CODEC.encode(o)));
    Fields.optional(out, terms, (w, t) -> ChannelTerms.CODEC.encode(t, w));
    out.i64(lockExpiry).u8(parts.size());
    parts.forEach(p -> out.bytes(p.entry().toBytes()).i64(p.energy().milliwattHours()));
    Fields.optional(out, pending, (w, p) -> w.bytes(p.toBytes()));
    out.i64(waitUntil);
    Fields.optional(out, fundingTx, (w, t) -> w.varBytes(LengthPrefix.U16, t.toByteArray()));
    Fields.optional(out, funding, (w, f) -> {
      Fields.outPoint(w, f.outPoint());
      w.i64(f.value().sat());
    });
    out.u16(sent).u8(claims.size());
    for (Claim c : claims) {
      Fields.optional(out, c.lambda(), Fields::secret);
      Fields.optional(out, c.request(), (w, r) -> w.bytes(r.toBytes()));
      out.i64(c.sentAt());
      Fields.optional(out, c.refusal(), (w, e) -> w.u8(e.code()));
      Fields.optional(out, c.owned(), (w, s) -> s.write(w));
    }
    Fields.optional(out, refundTx, (w, t) -> w.varBytes(LengthPrefix.U16, t.toByteArray()));
    Fields.optional(out, spentBy, (w, t) -> w.bytes(t.toBytes()));
    Fields.optional(out, lastRefusal, (w, e) -> w.u8(e.ordinal()));
    Fields.optional(out, failure, (w, e) -> w.u8(e.ordinal()));
  }

  static ClientState read(ByteReader in, EcPublicKey dsoKey) throws DecodeException {
    int at = in.position();
    ChannelClient.State phase = Fields.constant(in, ChannelClient.State.values(), "client phase");
    Offer offer = Offer.read(in, dsoKey);
    EcKey key = Fields.privateKey(in);
    int increments = in.u16();
    Optional<ChannelMessage.Open> open = Fields.optional(in, r -> {
      int o = r.position();
      ChannelMessage m = ChannelMessage.CODEC.decodeFully(r.varBytes(LengthPrefix.U16, ChannelMessage.MAX_BODY));
      if (!(m instanceof ChannelMessage.Open x)) {
        throw new DecodeException(DecodeError.MALFORMED, o, "not an OPEN");
      }
      return x;
    });
    Optional<ChannelTerms> terms = Fields.optional(in, ChannelTerms.CODEC::decode);
    long lockExpiry = Fields.nonNegative(in, "lock expiry");
    int n = in.count(LengthPrefix.U8, ChannelTerms.MAX_INCREMENTS, 40);
    List<ChannelMessage.Part> parts = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      var entry = Fields.entry(in);
      parts.add(new ChannelMessage.Part(entry, Fields.energy(in, "part energy")));
    }
    Optional<RequestId> pending = Fields.optional(in, Fields::requestId);
    long waitUntil = Fields.nonNegative(in, "wait");
    Optional<ByteString> fundingTx = Fields.optional(in, r -> ByteString.of(r.varBytes(LengthPrefix.U16,
        MAX_FUNDING_TX)));
    Optional<ChannelFunding> funding = Fields.optional(in, r -> {
      var p = Fields.outPoint(r);
      return new ChannelFunding(p, Fields.money(r, "funding value"));
    });
    int sent = in.u16();
    int c = in.count(LengthPrefix.U8, ChannelTerms.MAX_INCREMENTS, 12);
    List<Claim> claims = new ArrayList<>(c);
    for (int i = 0; i < c; i++) {
      var lambda = Fields.optional(in, Fields::secret);
      var request = Fields.optional(in, Fields::requestId);
      long sentAt = Fields.nonNegative(in, "claim time");
      var refusal = Fields.optional(in, r -> {
        int e = r.position();
        int code = r.u8();
        return RegistryError.fromCode(code)
            .orElseThrow(() -> new DecodeException(DecodeError.UNKNOWN_TYPE, e, "refusal code " + code));
      });
      claims.add(new Claim(lambda, request, sentAt, refusal, Fields.optional(in, r -> IssuedSecrets.read(r, dsoKey))));
    }
    Optional<ByteString> refundTx = Fields.optional(in, r -> ByteString.of(r.varBytes(LengthPrefix.U16, 16 * 1024)));
    Optional<TxId> spentBy = Fields.optional(in, r -> TxId.fromBytes(r.bytes(32)));
    Optional<ChannelError> lastRefusal = Fields.optional(in, r -> Fields.constant(r, ChannelError.values(), "refusal"));
    Optional<ChannelError> failure = Fields.optional(in, r -> Fields.constant(r, ChannelError.values(), "failure"));
    ClientState s = new ClientState(phase, offer, key, increments, open, terms, lockExpiry, parts, pending, waitUntil,
        fundingTx, funding, sent, claims, refundTx, spentBy, lastRefusal, failure);
    String missing = s.missingFields();
    if (missing != null) {
      throw new DecodeException(DecodeError.MALFORMED, at, "client snapshot in " + phase + " lacks " + missing);
    }
    return s;
  }

  /** The field this phase needs but lacks (or holds inconsistently), or null. */
  private String missingFields() {
    ChannelClient.State p = phase;
    if (p == ChannelClient.State.FAILED) {
      return failure.isEmpty() ? "the failure" : null;
    }
    if (increments < 1 || increments > ChannelTerms.MAX_INCREMENTS) {
      return "increments within 1.." + ChannelTerms.MAX_INCREMENTS;
    }
    if (p.compareTo(ChannelClient.State.OPENING) >= 0 && open.isEmpty()) {
      return "the OPEN";
    }
    if (p.compareTo(ChannelClient.State.VALIDATING) >= 0
        && (terms.isEmpty() || parts.size() != terms.get().increments() || claims.size() != parts.size())) {
      return "the terms and parts";
    }
    if (p.compareTo(ChannelClient.State.FUNDING) >= 0 && (fundingTx.isEmpty() || funding.isEmpty())) {
      return "the funding";
    }
    if (terms.isPresent() && sent > terms.get().increments()) {
      return "a payment within the channel";
    }
    if (p.compareTo(ChannelClient.State.REFUNDING) >= 0 && p != ChannelClient.State.CLOSED && refundTx.isEmpty()) {
      return "the refund";
    }
    return null;
  }
}
