package org.priwatt.channels.child;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.priwatt.chain.Amount;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxId;
import org.priwatt.chain.TxOutput;
import org.priwatt.energy.codec.Fields;
import org.priwatt.crypto.codec.ByteReader;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.DecodeException;
import org.priwatt.crypto.codec.LengthPrefix;
import org.priwatt.energy.EntryId;
import org.priwatt.energy.EnergyError;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.ledger.FundingSource;
import org.priwatt.energy.ledger.LedgerRejection;
import org.priwatt.energy.ledger.Payment;
import org.priwatt.energy.ledger.PaymentLedger;
import org.priwatt.msg.WirePacket;
import org.priwatt.script.Script;

/**
 * The child's side of the request/response channel to the parent: the ledger calls a channel
 * party makes ({@link PaymentLedger}), the client's {@link FundingSource} (the parent's wallet),
 * the world clock, and the save notices the parent may answer with SIGKILL. One request at a
 * time; encodings with the crypto module's codec. Loopback and tests only.
 */
final class Rpc implements PaymentLedger, FundingSource {
  private final DataInputStream in;
  private final DataOutputStream out;

  Rpc(Socket socket) throws IOException {
    this.in = new DataInputStream(new java.io.BufferedInputStream(socket.getInputStream()));
    this.out = new DataOutputStream(new java.io.BufferedOutputStream(socket.getOutputStream()));
  }

  /** Sends {@code command} and returns the reply's payload. */
  synchronized ByteReader call(String command, byte[] payload) {
    try {
      Frames.write(out, command, payload);
      WirePacket reply = Frames.read(in);
      if (!reply.command().equals("ok")) {
        throw new IllegalStateException("parent refused " + command + ": " + new String(reply.payload(),
            java.nio.charset.StandardCharsets.UTF_8));
      }
      return ByteReader.bigEndian(reply.payload());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("the parent is gone", e);
    }
  }

  ByteReader call(String command) {
    return call(command, new byte[0]);
  }

  private static ByteWriter w() {
    return ByteWriter.bigEndian();
  }

  long now() {
    return get(() -> call("now").i64());
  }

  /** Tells the parent save {@code n} is durable; it answers, or kills this process. */
  void saved(int n) {
    call("saved", w().i32(n).toByteArray());
  }

  @Override
  public int height() {
    return get(() -> call("height").i32());
  }

  @Override
  public Optional<LedgerRejection> broadcast(Transaction tx) {
    int r = get(() -> call("broadcast", tx.serialize()).u8());
    return r == 0 ? Optional.empty() : Optional.of(LedgerRejection.values()[r - 1]);
  }

  @Override
  public int confirmations(TxId txId) {
    return get(() -> call("conf", txId.toBytes()).i32());
  }

  @Override
  public Optional<Transaction> transaction(TxId txId) {
    return get(() -> {
      ByteReader r = call("tx", txId.toBytes());
      return r.bool() ? Optional.of(parse(r.varBytes(LengthPrefix.U32, 1 << 20))) : Optional.empty();
    });
  }

  @Override
  public Optional<Payment> output(OutPoint outPoint) {
    return get(() -> {
      ByteWriter req = w();
      Fields.outPoint(req, outPoint);
      ByteReader r = call("output", req.toByteArray());
      return r.bool() ? Optional.of(payment(r)) : Optional.empty();
    });
  }

  @Override
  public Optional<TxId> spender(OutPoint outPoint) {
    return get(() -> {
      ByteWriter req = w();
      Fields.outPoint(req, outPoint);
      ByteReader r = call("spender", req.toByteArray());
      return r.bool() ? Optional.of(TxId.fromBytes(r.bytes(32))) : Optional.empty();
    });
  }

  @Override
  public List<Payment> paymentsTo(Script scriptPubKey) {
    return get(() -> {
      ByteReader r = call("payments", scriptPubKey.program());
      int n = r.u16();
      List<Payment> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(payment(r));
      }
      return out;
    });
  }

  @Override
  public boolean isCommitmentPaid(EntryId entry, int minConfirmations, Amount minimum) {
    throw new UnsupportedOperationException("a channel party does not match offers");
  }

  @Override
  public Transaction fund(List<TxOutput> outputs) throws EnergyException {
    ByteWriter req = w().u16(outputs.size());
    outputs.forEach(o -> req.i64(o.value()).varBytes(LengthPrefix.U16, o.scriptPubKey().program()));
    ByteReader r = call("fund", req.toByteArray());
    try {
      if (!r.bool()) {
        throw new EnergyException(EnergyError.CHAIN, r.utf8(LengthPrefix.U16, 1024));
      }
      return parse(r.varBytes(LengthPrefix.U32, 1 << 20));
    } catch (DecodeException e) {
      throw new IllegalStateException(e);
    }
  }

  // ------------------------------------------------------------------ encodings shared with the parent

  static void payment(ByteWriter out, Payment p) {
    Fields.outPoint(out, p.outPoint());
    out.i64(p.output().value()).varBytes(LengthPrefix.U16, p.output().scriptPubKey().program())
        .i32(p.confirmations()).bool(p.spent());
  }

  static Payment payment(ByteReader in) throws DecodeException {
    OutPoint o = Fields.outPoint(in);
    long value = in.i64();
    Script s = Script.fromBytes(in.varBytes(LengthPrefix.U16, 10_000));
    return new Payment(o, TxOutput.ofRawValue(value, s), in.i32(), in.bool());
  }

  static Transaction parse(byte[] tx) {
    try {
      return Transaction.parse(tx);
    } catch (ChainException e) {
      throw new IllegalStateException("the parent sent a transaction that does not parse", e);
    }
  }

  @FunctionalInterface
  interface Read<T> {
    T read() throws DecodeException;
  }

  static <T> T get(Read<T> r) {
    try {
      return r.read();
    } catch (DecodeException e) {
      throw new IllegalStateException("the parent's reply does not decode", e);
    }
  }
}
