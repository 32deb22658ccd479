package org.priwatt.energy.codec;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.priwatt.chain.Amount;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.TxId;
import org.priwatt.crypto.CryptoException;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.crypto.codec.ByteReader;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.DecodeError;
import org.priwatt.crypto.codec.DecodeException;
import org.priwatt.crypto.codec.LengthPrefix;
import org.priwatt.energy.ByteString;
import org.priwatt.energy.ChannelId;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.EnergyLimits;
import org.priwatt.energy.EnergySecret;
import org.priwatt.energy.EntryId;
import org.priwatt.energy.LockId;
import org.priwatt.energy.RequestId;
import org.priwatt.energy.internal.Signing;
import org.priwatt.msg.BitmessageAddress;
import org.priwatt.msg.Identity;
import org.priwatt.msg.MessageException;
import org.priwatt.msg.PowParameters;
import org.priwatt.msg.PublicIdentity;
import org.priwatt.script.ChannelScript;
import org.priwatt.script.EscrowKeys;
import org.priwatt.script.Script;

/**
 * The field encodings every energy format shares (big-endian), read with the bounds the SDK
 * accepts, so each format's codec is a list of fields and the checks are written once: keys are
 * 33-byte compressed points on the curve, amounts positive and within the money supply, energy
 * within {@link EnergyLimits#MAX_ENTRY_MWH}, escrows valid under the one escrow policy. Public
 * because the channel module's messages and snapshots are made of the same fields and must check
 * them the same way; every reader fails with a typed {@link DecodeException}, never an unchecked
 * exception, and a writer of secret material clears its temporary copy.
 */
public final class Fields {
  /** Longest Bitmessage address text. */
  public static final int MAX_ADDRESS_TEXT = BitmessageAddress.MAX_TEXT_LENGTH;

  private Fields() {}

  /** An entry id (32 bytes). */
  public static EntryId entry(ByteReader in) throws DecodeException {
    return EntryId.fromBytes(in.bytes(EntryId.LENGTH));
  }

  /** A request id (16 bytes). */
  public static RequestId requestId(ByteReader in) throws DecodeException {
    return RequestId.fromBytes(in.bytes(RequestId.LENGTH));
  }

  /** A lock id. */
  public static LockId lockId(ByteReader in) throws DecodeException {
    return LockId.fromBytes(in.bytes(LockId.LENGTH));
  }

  /** A channel id. */
  public static ChannelId channelId(ByteReader in) throws DecodeException {
    return ChannelId.fromBytes(in.bytes(ChannelId.LENGTH));
  }

  /** A block height usable as a lock time: 1 up to (not including) 500,000,000. */
  public static long height(ByteReader in, String what) throws DecodeException {
    return in.i64InRange(1, ChannelScript.LOCKTIME_THRESHOLD - 1, what);
  }

  /** An outpoint: {@code txid(32) ‖ index(4)}. */
  public static void outPoint(ByteWriter out, OutPoint p) {
    out.bytes(p.txId().toBytes()).u32(p.index());
  }

  /** Reads what {@link #outPoint(ByteWriter, OutPoint)} writes. */
  public static OutPoint outPoint(ByteReader in) throws DecodeException {
    TxId id = TxId.fromBytes(in.bytes(32));
    return OutPoint.of(id, in.u32());
  }

  /** A public key in its 33-byte compressed encoding. */
  public static void key(ByteWriter out, EcPublicKey key) {
    out.bytes(key.compressedEncoding());
  }

  /** A 33-byte compressed public key on the curve. */
  public static EcPublicKey key(ByteReader in) throws DecodeException {
    int at = in.position();
    byte[] b = in.bytes(33);
    if (b[0] != 2 && b[0] != 3) {
      throw new DecodeException(DecodeError.MALFORMED, at, "not a compressed public key");
    }
    try {
      return EcPublicKey.decode(b);
    } catch (CryptoException e) {
      throw new DecodeException(DecodeError.MALFORMED, at, "public key not on the curve");
    }
  }

  /** An escrow as its redeem script. */
  public static void escrow(ByteWriter out, EscrowKeys keys) {
    out.bytes(keys.redeemScript().program());
  }

  /** A 105-byte escrow redeem script under the one escrow policy. */
  public static EscrowKeys escrow(ByteReader in) throws DecodeException {
    int at = in.position();
    return EscrowKeys.parse(Script.fromBytes(in.bytes(EscrowKeys.REDEEM_SCRIPT_LENGTH)))
        .orElseThrow(() -> new DecodeException(DecodeError.MALFORMED, at, "not an escrow redeem script"));
  }

  /** A positive amount within the money supply. */
  public static Amount money(ByteReader in, String what) throws DecodeException {
    return Amount.ofSat(in.i64InRange(1, EnergyLimits.MAX_MONEY_SAT, what));
  }

  /** A non-negative amount within the money supply. */
  public static Amount moneyOrZero(ByteReader in, String what) throws DecodeException {
    return Amount.ofSat(in.i64InRange(0, EnergyLimits.MAX_MONEY_SAT, what));
  }

  /** A private key (32 bytes); the temporary copy is cleared. */
  public static void privateKey(ByteWriter out, EcKey key) {
    byte[] k = key.privateKeyBytes();
    try {
      out.bytes(k);
    } finally {
      Arrays.fill(k, (byte) 0);
    }
  }

  /** A private key (32 bytes) in the curve's range; the temporary copy is cleared. */
  public static EcKey privateKey(ByteReader in) throws DecodeException {
    int at = in.position();
    byte[] k = in.bytes(32);
    try {
      return EcKey.fromPrivate(k, true);
    } catch (CryptoException e) {
      throw new DecodeException(DecodeError.MALFORMED, at, "private key out of range");
    } finally {
      Arrays.fill(k, (byte) 0);
    }
  }

  /**
   * A messaging identity with its private keys, as a session snapshot keeps it: {@code signing(32)
   * ‖ encryption(32) ‖ stream(8) ‖ trials(8) ‖ extra(8)}.
   */
  public static void privateIdentity(ByteWriter out, Identity id) {
    privateKey(out, id.signingKey());
    privateKey(out, id.encryptionKey());
    PowParameters pow = id.publicIdentity().pow();
    out.i64(id.address().stream()).i64(pow.nonceTrialsPerByte()).i64(pow.payloadLengthExtraBytes());
  }

  /** Reads what {@link #privateIdentity(ByteWriter, Identity)} writes, checking keys and proof-of-work bounds. */
  public static Identity privateIdentity(ByteReader in) throws DecodeException {
    int at = in.position();
    EcKey sign = privateKey(in);
    EcKey enc = privateKey(in);
    long stream = in.i64InRange(1, Integer.MAX_VALUE, "stream");
    long trials = in.i64InRange(1, PowParameters.MAX_VALUE, "nonce trials per byte");
    long extra = in.i64InRange(0, PowParameters.MAX_VALUE, "extra bytes");
    try {
      return Identity.of(sign, enc, stream, new PowParameters(trials, extra));
    } catch (IllegalArgumentException e) {
      throw new DecodeException(DecodeError.MALFORMED, at, "identity: " + e.getMessage());
    }
  }

  /** A positive entry energy within the SDK's bound. */
  public static EnergyAmount energy(ByteReader in, String what) throws DecodeException {
    return EnergyAmount.ofMilliwattHours(in.i64InRange(1, EnergyLimits.MAX_ENTRY_MWH, what));
  }

  /**
   * A non-negative time or counter.
   *
   * @param what the field's name for the error message
   * @return the value, at least 0
   * @throws DecodeException if it is negative or the input is too short
   */
  public static long nonNegative(ByteReader in, String what) throws DecodeException {
    return in.i64InRange(0, Long.MAX_VALUE, what);
  }

  /** A messaging address as text: {@code length(1) ‖ UTF-8}. */
  public static void address(ByteWriter out, BitmessageAddress a) {
    out.utf8(LengthPrefix.U8, a.toString());
  }

  /** Reads what {@link #address(ByteWriter, BitmessageAddress)} writes, checking the address. */
  public static BitmessageAddress address(ByteReader in) throws DecodeException {
    int at = in.position();
    String text = in.utf8(LengthPrefix.U8, MAX_ADDRESS_TEXT);
    try {
      return BitmessageAddress.parse(text);
    } catch (MessageException e) {
      throw new DecodeException(DecodeError.MALFORMED, at, "bad messaging address");
    }
  }

  /** A messaging identity: {@code stream(8) ‖ signingKey(65) ‖ encryptionKey(65) ‖ trials(8) ‖ extra(8) ‖ behaviour(4)}. */
  public static void identity(ByteWriter out, PublicIdentity id) {
    out.i64(id.address().stream()).bytes(id.signingKey().uncompressedEncoding())
        .bytes(id.encryptionKey().uncompressedEncoding()).i64(id.pow().nonceTrialsPerByte())
        .i64(id.pow().payloadLengthExtraBytes()).i32(id.behaviour());
  }

  /** Reads what {@link #identity(ByteWriter, PublicIdentity)} writes, checking keys and proof-of-work bounds. */
  public static PublicIdentity identity(ByteReader in) throws DecodeException {
    int at = in.position();
    long stream = in.i64InRange(1, Integer.MAX_VALUE, "stream");
    byte[] sign = in.bytes(65);
    byte[] enc = in.bytes(65);
    long trials = in.i64InRange(1, PowParameters.MAX_VALUE, "nonce trials per byte");
    long extra = in.i64InRange(0, PowParameters.MAX_VALUE, "extra bytes");
    int behaviour = in.i32();
    try {
      return PublicIdentity.of(stream, EcPublicKey.decode(sign), EcPublicKey.decode(enc), new PowParameters(trials, extra),
          behaviour);
    } catch (CryptoException | IllegalArgumentException e) {
      throw new DecodeException(DecodeError.MALFORMED, at, "messaging identity: " + e.getMessage());
    }
  }

  /** Writes a secret; the temporary copy is cleared. */
  public static void secret(ByteWriter out, EnergySecret s) {
    byte[] b = s.copyBytes();
    try {
      out.bytes(b);
    } finally {
      Arrays.fill(b, (byte) 0);
    }
  }

  /** A secret (32 bytes), adopted without a copy. */
  public static EnergySecret secret(ByteReader in) throws DecodeException {
    return EnergySecret.adopt(in.bytes(EnergySecret.LENGTH));
  }

  /** Bytes with a length prefix. */
  public static void bytes(ByteWriter out, LengthPrefix prefix, ByteString b) {
    out.varBytes(prefix, b.toByteArray());
  }

  /** Bytes with a length prefix, at most {@code max} of them. */
  public static ByteString bytes(ByteReader in, LengthPrefix prefix, int max) throws DecodeException {
    return ByteString.of(in.varBytes(prefix, max));
  }

  /** A 64-byte compact signature. */
  public static ByteString signature(ByteReader in) throws DecodeException {
    return ByteString.of(in.bytes(Signing.LENGTH));
  }

  /** An enum constant by ordinal. */
  public static <E extends Enum<E>> E constant(ByteReader in, E[] values, String what) throws DecodeException {
    int at = in.position();
    int v = in.u8();
    if (v >= values.length) {
      throw new DecodeException(DecodeError.UNKNOWN_TYPE, at, what + " " + v);
    }
    return values[v];
  }

  /** Reads one field. */
  @FunctionalInterface
  public interface Reader<T> {
    /**
     * Reads the field.
     *
     * @throws DecodeException if the input does not hold a valid field
     */
    T read(ByteReader in) throws DecodeException;
  }

  /** {@code present(1) ‖ value?}. */
  public static <T> void optional(ByteWriter out, Optional<T> value, BiConsumer<ByteWriter, T> writer) {
    out.bool(value.isPresent());
    value.ifPresent(v -> writer.accept(out, v));
  }

  /** Reads what {@link #optional(ByteWriter, Optional, BiConsumer)} writes. */
  public static <T> Optional<T> optional(ByteReader in, Reader<T> reader) throws DecodeException {
    return in.bool() ? Optional.of(reader.read(in)) : Optional.empty();
  }
}
