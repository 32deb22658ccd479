package org.priwatt.channels.internal;

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
import org.priwatt.energy.ChannelId;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.EnergyLimits;
import org.priwatt.energy.EnergySecret;
import org.priwatt.energy.EntryId;
import org.priwatt.energy.RequestId;
import org.priwatt.energy.registry.EntryCertificate;
import org.priwatt.energy.registry.IssuedSecrets;
import org.priwatt.msg.Identity;
import org.priwatt.msg.PowParameters;
import org.priwatt.msg.PublicIdentity;
import org.priwatt.script.ChannelScript;

/**
 * The field encodings the channel formats share (big-endian), read with the bounds the SDK
 * accepts: keys are 33-byte compressed points on the curve, amounts within the money supply,
 * energy within {@link EnergyLimits#MAX_ENTRY_MWH}, heights block heights. Each format's codec is
 * a list of these fields, so the checks are written once.
 */
public final class Wire {
  private Wire() {}

  public static ChannelId channelId(ByteReader in) throws DecodeException {
    return ChannelId.fromBytes(in.bytes(ChannelId.LENGTH));
  }

  public static EntryId entry(ByteReader in) throws DecodeException {
    return EntryId.fromBytes(in.bytes(EntryId.LENGTH));
  }

  public static RequestId requestId(ByteReader in) throws DecodeException {
    return RequestId.fromBytes(in.bytes(RequestId.LENGTH));
  }

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

  /** An amount of at least {@code min} satoshis within the money supply. */
  public static Amount money(ByteReader in, long min, String what) throws DecodeException {
    return Amount.ofSat(in.i64InRange(min, EnergyLimits.MAX_MONEY_SAT, what));
  }

  /** A positive entry energy within the SDK's bound. */
  public static EnergyAmount energy(ByteReader in, String what) throws DecodeException {
    return EnergyAmount.ofMilliwattHours(in.i64InRange(1, EnergyLimits.MAX_ENTRY_MWH, what));
  }

  /** A block height usable as a lock time: 1 up to (not including) 500,000,000. */
  public static long height(ByteReader in, String what) throws DecodeException {
    return in.i64InRange(1, ChannelScript.LOCKTIME_THRESHOLD - 1, what);
  }

  /** A non-negative time or counter. */
  public static long nonNegative(ByteReader in, String what) throws DecodeException {
    return in.i64InRange(0, Long.MAX_VALUE, what);
  }

  public static void outPoint(ByteWriter out, OutPoint p) {
    out.bytes(p.txId().toBytes()).u32(p.index());
  }

  public static OutPoint outPoint(ByteReader in) throws DecodeException {
    TxId id = TxId.fromBytes(in.bytes(32));
    return OutPoint.of(id, in.u32());
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

  public static EnergySecret secret(ByteReader in) throws DecodeException {
    return EnergySecret.adopt(in.bytes(EnergySecret.LENGTH));
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

  /** A messaging identity with its private keys: {@code signing(32) ‖ encryption(32) ‖ stream(8) ‖ trials(8) ‖ extra(8)}. */
  public static void identity(ByteWriter out, Identity id) {
    privateKey(out, id.signingKey());
    privateKey(out, id.encryptionKey());
    PowParameters pow = id.publicIdentity().pow();
    out.i64(id.address().stream()).i64(pow.nonceTrialsPerByte()).i64(pow.payloadLengthExtraBytes());
  }

  public static Identity identity(ByteReader in) throws DecodeException {
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
    T read(ByteReader in) throws DecodeException;
  }

  /** {@code present(1) ‖ value?}. */
  public static <T> void optional(ByteWriter out, Optional<T> value, BiConsumer<ByteWriter, T> writer) {
    out.bool(value.isPresent());
    value.ifPresent(v -> writer.accept(out, v));
  }

  public static <T> Optional<T> optional(ByteReader in, Reader<T> reader) throws DecodeException {
    return in.bool() ? Optional.of(reader.read(in)) : Optional.empty();
  }

  /** A messaging identity's public part: {@code stream(8) ‖ signingKey(65) ‖ encryptionKey(65) ‖ trials(8) ‖ extra(8) ‖ behaviour(4)}. */
  public static void publicIdentity(ByteWriter out, PublicIdentity id) {
    out.i64(id.address().stream()).bytes(id.signingKey().uncompressedEncoding())
        .bytes(id.encryptionKey().uncompressedEncoding()).i64(id.pow().nonceTrialsPerByte())
        .i64(id.pow().payloadLengthExtraBytes()).i32(id.behaviour());
  }

  public static PublicIdentity publicIdentity(ByteReader in) throws DecodeException {
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

  /** An entry's secrets and certificate: {@code λ(32) ‖ z(32) ‖ certificate(145)}. */
  public static void issued(ByteWriter out, IssuedSecrets s) {
    secret(out, s.ownership());
    secret(out, s.lock());
    EntryCertificate.CODEC.encode(s.certificate(), out);
  }

  /** Reads what {@link #issued(ByteWriter, IssuedSecrets)} writes; the certificate must name the secret's entry and verify for {@code dsoKey}. */
  public static IssuedSecrets issued(ByteReader in, EcPublicKey dsoKey) throws DecodeException {
    int at = in.position();
    EnergySecret lambda = secret(in);
    EnergySecret z = secret(in);
    EntryCertificate c = EntryCertificate.CODEC.decode(in);
    if (!c.entry().equals(lambda.entryId()) || !c.verify(dsoKey)) {
      throw new DecodeException(DecodeError.MALFORMED, at, "certificate does not match the secret or the DSO");
    }
    return new IssuedSecrets(lambda, z, c);
  }
}
