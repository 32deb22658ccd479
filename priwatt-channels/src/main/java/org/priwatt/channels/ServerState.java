package org.priwatt.channels;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.priwatt.energy.codec.Fields;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.crypto.codec.ByteReader;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.DecodeError;
import org.priwatt.crypto.codec.DecodeException;
import org.priwatt.crypto.codec.LengthPrefix;
import org.priwatt.energy.ByteString;
import org.priwatt.energy.RequestId;
import org.priwatt.energy.market.Offer;
import org.priwatt.energy.registry.IssuedSecrets;
import org.priwatt.msg.Identity;
import org.priwatt.msg.PublicIdentity;

/**
 * The server's durable state, one immutable value per transition (see {@link ChannelServer}),
 * with its snapshot encoding. Which fields are present depends on the phase; {@link #read}
 * checks that a snapshot holds what its phase needs.
 *
 * @param phase where the channel is
 * @param ownerKey the entry's owner key (signs the offer)
 * @param secrets the entry's λ, z and certificate
 * @param sequence the entry's next lock-secret sequence number
 * @param offer the offer, once posted
 * @param board the board identity the offer was posted with
 * @param client the client's messaging identity, once she opened
 * @param terms the channel's terms, once the server accepted an OPEN
 * @param serverKey the server's channel key (private), with the terms
 * @param lockExpiry the last height at which the parts stay locked to the client
 * @param pending the registry request awaiting its reply
 * @param parts the parts' secrets, once the DSO locked them
 * @param funding the funding output, once confirmed
 * @param last the increments paid (the latest payment's number)
 * @param lastSignature the client's signature of the latest payment
 * @param closeTx the complete close, once built
 * @param waitUntil when the server next asks whether an unfunded lock still holds (Unix seconds)
 * @param lastRefusal the last message the server refused, and why
 * @param failure why the session failed
 */
record ServerState(ChannelServer.State phase, EcKey ownerKey, IssuedSecrets secrets, long sequence,
    Optional<Offer> offer, Optional<Identity> board, Optional<PublicIdentity> client, Optional<ChannelTerms> terms,
    Optional<EcKey> serverKey, long lockExpiry, Optional<RequestId> pending, List<IssuedSecrets> parts,
    Optional<ChannelFunding> funding, int last, ByteString lastSignature, Optional<ByteString> closeTx,
    long waitUntil, Optional<ChannelError> lastRefusal, Optional<ChannelError> failure) {

  ServerState {
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(ownerKey, "ownerKey");
    Objects.requireNonNull(secrets, "secrets");
    parts = List.copyOf(parts);
    Objects.requireNonNull(lastSignature, "lastSignature");
    List.of(offer, board, client, terms, serverKey, pending, funding, closeTx, lastRefusal, failure)
        .forEach(o -> Objects.requireNonNull(o, "optional field"));
  }

  static ServerState initial(EcKey ownerKey, IssuedSecrets secrets, long sequence) {
    return new ServerState(ChannelServer.State.READY, ownerKey, secrets, sequence, Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), 0, Optional.empty(), List.of(), Optional.empty(), 0,
        ByteString.EMPTY, Optional.empty(), 0, Optional.empty(), Optional.empty());
  }

  Edit edit() {
    return new Edit(this);
  }

  /** A copy being changed; {@link #done()} makes the next state. */
  static final class Edit {
    ChannelServer.State phase;
    long sequence;
    Optional<Offer> offer;
    Optional<Identity> board;
    Optional<PublicIdentity> client;
    Optional<ChannelTerms> terms;
    Optional<EcKey> serverKey;
    long lockExpiry;
    Optional<RequestId> pending;
    List<IssuedSecrets> parts;
    Optional<ChannelFunding> funding;
    int last;
    ByteString lastSignature;
    Optional<ByteString> closeTx;
    long waitUntil;
    Optional<ChannelError> lastRefusal;
    Optional<ChannelError> failure;
    private final ServerState from;

    private Edit(ServerState s) {
      from = s;
      phase = s.phase;
      sequence = s.sequence;
      offer = s.offer;
      board = s.board;
      client = s.client;
      terms = s.terms;
      serverKey = s.serverKey;
      lockExpiry = s.lockExpiry;
      pending = s.pending;
      parts = s.parts;
      funding = s.funding;
      last = s.last;
      lastSignature = s.lastSignature;
      closeTx = s.closeTx;
      waitUntil = s.waitUntil;
      lastRefusal = s.lastRefusal;
      failure = s.failure;
    }

    Edit phase(ChannelServer.State p) {
      phase = p;
      return this;
    }

    Edit pending(RequestId id) {
      pending = Optional.ofNullable(id);
      return this;
    }

    ServerState done() {
      return new ServerState(phase, from.ownerKey, from.secrets, sequence, offer, board, client, terms, serverKey,
          lockExpiry, pending, parts, funding, last, lastSignature, closeTx, waitUntil, lastRefusal, failure);
    }
  }

  void write(ByteWriter out) {
    out.u8(phase.ordinal());
    Fields.privateKey(out, ownerKey);
    secrets.write(out);
    out.i64(sequence);
    Fields.optional(out, offer, (w, o) -> w.varBytes(LengthPrefix.U16, o.encode()));
    Fields.optional(out, board, Fields::privateIdentity);
    Fields.optional(out, client, Fields::identity);
    Fields.optional(out, terms, (w, t) -> ChannelTerms.CODEC.encode(t, w));
    Fields.optional(out, serverKey, Fields::privateKey);
    out.i64(lockExpiry);
    Fields.optional(out, pending, (w, p) -> w.bytes(p.toBytes()));
    out.u8(parts.size());
    parts.forEach(p -> p.write(out));
    Fields.optional(out, funding, (w, f) -> {
      Fields.outPoint(w, f.outPoint());
      w.i64(f.value().sat());
    });
    out.u16(last).varBytes(LengthPrefix.U8, lastSignature.toByteArray());
    Fields.optional(out, closeTx, (w, t) -> w.varBytes(LengthPrefix.U16, t.toByteArray()));
    out.i64(waitUntil);
    Fields.optional(out, lastRefusal, (w, e) -> w.u8(e.ordinal()));
    Fields.optional(out, failure, (w, e) -> w.u8(e.ordinal()));
  }

  static ServerState read(ByteReader in, EcPublicKey dsoKey) throws DecodeException {
    int at = in.position();
    ChannelServer.State phase = Fields.constant(in, ChannelServer.State.values(), "server phase");
    EcKey ownerKey = Fields.privateKey(in);
    IssuedSecrets secrets = IssuedSecrets.read(in, dsoKey);
    long sequence = Fields.nonNegative(in, "sequence");
    Optional<Offer> offer = Fields.optional(in, r -> Offer.read(r, dsoKey));
    Optional<Identity> board = Fields.optional(in, Fields::privateIdentity);
    Optional<PublicIdentity> client = Fields.optional(in, Fields::identity);
    Optional<ChannelTerms> terms = Fields.optional(in, ChannelTerms.CODEC::decode);
    Optional<EcKey> serverKey = Fields.optional(in, Fields::privateKey);
    long lockExpiry = Fields.nonNegative(in, "lock expiry");
    Optional<RequestId> pending = Fields.optional(in, Fields::requestId);
    int n = in.count(LengthPrefix.U8, ChannelTerms.MAX_INCREMENTS, 209);
    List<IssuedSecrets> parts = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      parts.add(IssuedSecrets.read(in, dsoKey));
    }
    Optional<ChannelFunding> funding = Fields.optional(in, r -> {
      var p = Fields.outPoint(r);
      return new ChannelFunding(p, Fields.money(r, "funding value"));
    });
    int last = in.u16();
    ByteString sig = ByteString.of(in.varBytes(LengthPrefix.U8, ChannelMessage.MAX_SIGNATURE));
    Optional<ByteString> closeTx = Fields.optional(in, r -> ByteString.of(r.varBytes(LengthPrefix.U16, 16 * 1024)));
    long waitUntil = Fields.nonNegative(in, "wait");
    Optional<ChannelError> lastRefusal = Fields.optional(in, r -> Fields.constant(r, ChannelError.values(), "refusal"));
    Optional<ChannelError> failure = Fields.optional(in, r -> Fields.constant(r, ChannelError.values(), "failure"));
    ServerState s = new ServerState(phase, ownerKey, secrets, sequence, offer, board, client, terms, serverKey,
        lockExpiry, pending, parts, funding, last, sig, closeTx, waitUntil, lastRefusal, failure);
    String missing = s.missingFields();
    if (missing != null) {
      throw new DecodeException(DecodeError.MALFORMED, at, "server snapshot in " + phase + " lacks " + missing);
    }
    return s;
  }

  /** The field this phase needs but lacks (or holds inconsistently), or null. */
  private String missingFields() {
    ChannelServer.State p = phase;
    if (p == ChannelServer.State.FAILED) {
      return failure.isEmpty() ? "the failure" : null;
    }
    if (p.compareTo(ChannelServer.State.OFFERED) >= 0 && (offer.isEmpty() || board.isEmpty())) {
      return "the offer";
    }
    if (p.compareTo(ChannelServer.State.LOCKING) >= 0 && (client.isEmpty() || terms.isEmpty() || serverKey.isEmpty()
        || !serverKey.get().publicKey().withCompression(true).equals(terms.get().script().server()))) {
      return "the client and the terms";
    }
    if (p.compareTo(ChannelServer.State.ACCEPTED) >= 0 && parts.size() != terms.get().increments()) {
      return "the parts";
    }
    if (p.compareTo(ChannelServer.State.OPEN) >= 0 && p != ChannelServer.State.ABANDONED && funding.isEmpty()) {
      return "the funding";
    }
    if (terms.isPresent() && (last > terms.get().increments() || (last == 0) != lastSignature.isEmpty())) {
      return "a payment within the channel";
    }
    return null;
  }
}
