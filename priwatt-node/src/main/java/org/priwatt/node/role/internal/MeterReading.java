package org.priwatt.node.role.internal;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import org.priwatt.crypto.CryptoException;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.crypto.EcdsaSignature;
import org.priwatt.crypto.Hashes;
import org.priwatt.crypto.Hex;
import org.priwatt.crypto.codec.ByteReader;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.DecodeException;
import org.priwatt.crypto.codec.LengthPrefix;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.EnergyError;
import org.priwatt.energy.EnergyException;
import org.priwatt.msg.BitmessageAddress;
import org.priwatt.msg.MessageContent;

/**
 * One meter reading from a prosumer's node to the DSO (paper §3.1, "Energy injecting"), signed by
 * the prosumer's meter key (the reference node's stand-in for the DSO's smart meter at the
 * connection point): the meter key, a sequence number, the metered interval, the compressed key
 * behind the generation session's transaction address, the energy, and an ECDSA signature. It
 * travels in a private msg from the session's fresh messaging identity, whose address becomes the
 * injection's message address, so the DSO's notice with the secrets goes to that session only.
 *
 * <p>Body: hex of {@code meterKey(33) ‖ sequence(8) ‖ intervalStart(8) ‖ intervalEnd(8) ‖
 * ownerKey(33) ‖ milliwattHours(8) ‖ sigLength(1) ‖ sig(DER)}, big-endian. The signature covers
 * SHA-256d of a domain-separated encoding of every field plus what the body leaves implicit (the
 * {@link Context}: network, DSO address and the sending session's address), so a reading cannot be
 * replayed to another network or DSO, nor re-sent from another identity to divert the notice
 * with the entry's secrets. Immutable.
 */
record MeterReading(EcPublicKey meterKey, long sequence, long intervalStart, long intervalEnd, EcPublicKey ownerKey,
    EnergyAmount energy, EcdsaSignature signature) {
  /** Subject of a meter reading msg. */
  static final String SUBJECT = "priwatt/v2/meter_reading";
  /** Domain separation of the signed encoding. */
  static final String TAG = "priwatt/meter/v1";
  /** Most energy one reading may carry: 1 MWh (an hour of a large rooftop is far below). */
  static final EnergyAmount MAX_READING = EnergyAmount.ofKilowattHours(1_000);
  /** The fields before the signature. */
  static final int FIXED_LENGTH = 33 + 8 + 8 + 8 + 33 + 8;
  private static final int MAX_DER = 72;
  /** The longest body in bytes. */
  static final int MAX_LENGTH = FIXED_LENGTH + 1 + MAX_DER;

  /**
   * What the signature covers beside the body: the chain's id and magic, the DSO's address, and
   * the address of the session identity the reading is sent from.
   */
  record Context(String network, int magic, BitmessageAddress dso, BitmessageAddress session) {
    Context {
      Objects.requireNonNull(network, "network");
      Objects.requireNonNull(dso, "dso");
      Objects.requireNonNull(session, "session");
    }
  }

  /** @throws IllegalArgumentException for a value out of range (a caller's bug: parse checks first) */
  MeterReading {
    meterKey = meterKey.withCompression(true);
    ownerKey = ownerKey.withCompression(true);
    Objects.requireNonNull(signature, "signature");
    if (!inRange(sequence, intervalStart, intervalEnd, energy.milliwattHours())) {
      throw new IllegalArgumentException("reading out of range");
    }
  }

  private static boolean inRange(long sequence, long start, long end, long mwh) {
    return sequence > 0 && start >= 0 && end > start && mwh > 0 && mwh <= MAX_READING.milliwattHours();
  }

  /** A reading signed by {@code meter} for {@code context}. */
  static MeterReading sign(EcKey meter, Context context, long sequence, long intervalStart, long intervalEnd,
      EcPublicKey ownerKey, EnergyAmount energy) {
    EcPublicKey mk = meter.publicKey().withCompression(true);
    byte[] hash = signingHash(context, mk, sequence, intervalStart, intervalEnd, ownerKey.withCompression(true), energy);
    return new MeterReading(mk, sequence, intervalStart, intervalEnd, ownerKey, energy, meter.sign(hash));
  }

  /** SHA-256d of the domain-separated encoding the meter signs. */
  static byte[] signingHash(Context c, EcPublicKey meterKey, long sequence, long start, long end, EcPublicKey ownerKey,
      EnergyAmount energy) {
    ByteWriter w = ByteWriter.bigEndian().utf8(LengthPrefix.U8, TAG).utf8(LengthPrefix.U8, c.network()).i32(c.magic())
        .utf8(LengthPrefix.U8, c.dso().toString()).bytes(meterKey.encoded()).i64(sequence).i64(start).i64(end)
        .bytes(ownerKey.encoded()).i64(energy.milliwattHours()).utf8(LengthPrefix.U8, c.session().toString());
    return Hashes.sha256d(w.toByteArray());
  }

  /** Whether the signature is the meter key's over this reading in {@code context} (low S required). */
  boolean verifies(Context context) {
    byte[] hash = signingHash(context, meterKey, sequence, intervalStart, intervalEnd, ownerKey, energy);
    return meterKey.verifyLowS(hash, signature);
  }

  MessageContent content() {
    byte[] der = signature.encodeDer();
    ByteWriter w = ByteWriter.bigEndian().bytes(meterKey.encoded()).i64(sequence).i64(intervalStart).i64(intervalEnd)
        .bytes(ownerKey.encoded()).i64(energy.milliwattHours()).varBytes(LengthPrefix.U8, der);
    return MessageContent.simple(SUBJECT, Hex.encode(w.toByteArray()));
  }

  /**
   * The reading in {@code content}, not yet verified ({@link #verifies}); empty if it is not a
   * meter reading.
   *
   * @throws EnergyException {@link EnergyError#OVERSIZED} for a body longer than any reading,
   *     {@link EnergyError#TRUNCATED} if it ends inside a field, {@link EnergyError#MALFORMED} for
   *     bad hex, a bad key, a signature that is not strict DER or bytes left over, {@link
   *     EnergyError#OUT_OF_RANGE} for zero or too much energy, a sequence below 1, a negative or
   *     empty interval
   */
  static Optional<MeterReading> parse(MessageContent content) throws EnergyException {
    if (!SUBJECT.equals(content.subject())) {
      return Optional.empty();
    }
    String body = content.body();
    if (body.length() > 2 * MAX_LENGTH) {
      throw new EnergyException(EnergyError.OVERSIZED, "meter reading of " + body.length() + " characters");
    }
    byte[] bytes;
    try {
      bytes = Hex.decode(body);
    } catch (IllegalArgumentException e) {
      throw new EnergyException(EnergyError.MALFORMED, "meter reading: " + e.getMessage());
    }
    try {
      ByteReader r = ByteReader.bigEndian(bytes);
      EcPublicKey meter = key(r.bytes(33), "meter key");
      long sequence = r.i64();
      long start = r.i64();
      long end = r.i64();
      EcPublicKey owner = key(r.bytes(33), "owner key");
      long mwh = r.i64();
      int derLength = r.u8();
      if (derLength > MAX_DER) {
        throw new EnergyException(EnergyError.MALFORMED, "meter reading signature of " + derLength + " bytes");
      }
      // Read as announced, so a body cut inside the signature is TRUNCATED like one cut anywhere else.
      byte[] der = r.bytes(derLength);
      r.expectEnd();
      EcdsaSignature sig;
      try {
        sig = EcdsaSignature.decodeDer(der);
      } catch (CryptoException e) {
        throw new EnergyException(EnergyError.MALFORMED, "meter reading signature: " + e.getMessage());
      }
      if (!inRange(sequence, start, end, mwh)) {
        throw new EnergyException(EnergyError.OUT_OF_RANGE, "meter reading #" + sequence + " of " + mwh + " mWh over ["
            + start + ", " + end + ")");
      }
      return Optional.of(new MeterReading(meter, sequence, start, end, owner, EnergyAmount.ofMilliwattHours(mwh), sig));
    } catch (DecodeException e) {
      throw new EnergyException(EnergyError.of(e.error()), "meter reading: " + e.getMessage());
    }
  }

  private static EcPublicKey key(byte[] encoded, String what) throws EnergyException {
    if (encoded[0] != 2 && encoded[0] != 3) {
      throw new EnergyException(EnergyError.MALFORMED, what + " not compressed");
    }
    try {
      return EcPublicKey.decode(encoded);
    } catch (CryptoException e) {
      throw new EnergyException(EnergyError.MALFORMED, what + ": " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "MeterReading{#" + sequence + " " + energy + " [" + intervalStart + ", " + intervalEnd + ") meter "
        + Hex.encode(meterKey.encoded()) + "}";
  }
}
