package org.priwatt.msg;

import java.util.Arrays;
import java.util.Objects;
import org.priwatt.crypto.Hashes;
import org.priwatt.crypto.Hex;
import org.priwatt.msg.internal.ByteReader;
import org.priwatt.msg.internal.ByteWriter;

/**
 * One Bitmessage protocol v3 object: {@code nonce (8) ‖ expiresTime (8) ‖ objectType (4) ‖
 * varint version ‖ varint stream ‖ payload}, all integers big-endian. The nonce is the proof of
 * work over everything after it; the {@link InventoryHash} covers the whole encoding.
 *
 * <p>Immutable: the encoding is kept as received and the inventory hash computed once, so relayed
 * bytes are exactly the bytes that were checked. Decoding is bounded by {@link #MAX_SIZE}.
 */
public final class MessageObject {
  /** Largest object accepted or created, in bytes (PyBitmessage's 2^18 object payload limit). */
  public static final int MAX_SIZE = 1 << 18;
  /** Size of the smallest possible object: nonce, expiry, type and one-byte version and stream. */
  public static final int MIN_SIZE = 8 + 8 + 4 + 1 + 1;

  private final byte[] encoded;
  private final long nonce;
  private final long expiresTime;
  private final long type;
  private final long version;
  private final long stream;
  private final int payloadOffset;
  private final InventoryHash inventoryHash;

  private MessageObject(byte[] encoded, long nonce, long expiresTime, long type, long version, long stream, int payloadOffset) {
    this.encoded = encoded;
    this.nonce = nonce;
    this.expiresTime = expiresTime;
    this.type = type;
    this.version = version;
    this.stream = stream;
    this.payloadOffset = payloadOffset;
    this.inventoryHash = InventoryHash.of(encoded);
  }

  /**
   * Decodes an object from untrusted bytes (the whole array is the object).
   *
   * @throws MessageException {@link MessageError#TOO_LARGE} above {@link #MAX_SIZE},
   *     {@link MessageError#TRUNCATED}, {@link MessageError#NON_MINIMAL_VARINT}, or
   *     {@link MessageError#INVALID_FIELD} (expiry beyond 2^63 - 1, stream 0)
   */
  public static MessageObject decode(byte[] data) throws MessageException {
    Objects.requireNonNull(data, "data");
    if (data.length > MAX_SIZE) {
      throw new MessageException(MessageError.TOO_LARGE, "object of " + data.length + " bytes");
    }
    ByteReader r = new ByteReader(data);
    long nonce = r.u64("nonce");
    long expires = r.u64("expiresTime");
    if (expires < 0) {
      throw new MessageException(MessageError.INVALID_FIELD, "expiresTime beyond 2^63");
    }
    long type = r.u32("objectType");
    long version = r.varInt(Long.MAX_VALUE, "object version");
    long stream = r.varInt(Long.MAX_VALUE, "stream");
    if (stream < 1) {
      throw new MessageException(MessageError.INVALID_FIELD, "stream 0");
    }
    return new MessageObject(data.clone(), nonce, expires, type, version, stream, r.position());
  }

  /**
   * Builds an object with nonce 0, ready for a proof-of-work search (see {@link ProofOfWork}).
   *
   * @throws IllegalArgumentException if expiresTime is negative, type is not an unsigned 32-bit
   *     value, version is negative, stream is not positive, or the object would exceed
   *     {@link #MAX_SIZE}
   */
  public static MessageObject unsolved(long expiresTime, long type, long version, long stream, byte[] payload) {
    Objects.requireNonNull(payload, "payload");
    if (expiresTime < 0 || type < 0 || type > 0xffffffffL || version < 0 || stream < 1) {
      throw new IllegalArgumentException("invalid object header field");
    }
    ByteWriter w = new ByteWriter(payload.length + 40).u64(0).u64(expiresTime).u32(type).varInt(version).varInt(stream);
    int offset = w.size();
    byte[] enc = w.bytes(payload).toByteArray();
    if (enc.length > MAX_SIZE) {
      throw new IllegalArgumentException("object of " + enc.length + " bytes exceeds " + MAX_SIZE);
    }
    return new MessageObject(enc, 0, expiresTime, type, version, stream, offset);
  }

  /** Returns this object with its first 8 bytes replaced by {@code newNonce}. */
  public MessageObject withNonce(long newNonce) {
    byte[] enc = encoded.clone();
    for (int i = 0; i < 8; i++) {
      enc[i] = (byte) (newNonce >>> (56 - 8 * i));
    }
    return new MessageObject(enc, newNonce, expiresTime, type, version, stream, payloadOffset);
  }

  /** Returns the proof-of-work nonce (its 64 bits; compare unsigned). */
  public long nonce() {
    return nonce;
  }

  /** Returns the expiry as Unix seconds. */
  public long expiresTime() {
    return expiresTime;
  }

  /** Returns the raw 32-bit object type. */
  public long type() {
    return type;
  }

  /** Returns the known type, or null for a type PriWatt does not interpret (still relayed). */
  public ObjectType objectType() {
    return ObjectType.fromCode(type);
  }

  /** Returns the object version. */
  public long version() {
    return version;
  }

  /** Returns the stream number. */
  public long stream() {
    return stream;
  }

  /** Returns a copy of the type-specific payload after the stream number. */
  public byte[] payload() {
    return Arrays.copyOfRange(encoded, payloadOffset, encoded.length);
  }

  /** Returns a copy of the header from expiresTime through stream (what object signatures cover first). */
  public byte[] headerWithoutNonce() {
    return Arrays.copyOfRange(encoded, 8, payloadOffset);
  }

  /** Returns the encoded length in bytes, nonce included. */
  public int size() {
    return encoded.length;
  }

  /** Returns a copy of the complete encoding. */
  public byte[] encoded() {
    return encoded.clone();
  }

  /** Returns SHA-512 of everything after the nonce: the "initial hash" of the proof of work. */
  public byte[] initialHash() {
    return Hashes.sha512(encoded, 8, encoded.length - 8);
  }

  /** Returns the inventory vector of this object. */
  public InventoryHash inventoryHash() {
    return inventoryHash;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MessageObject m && Arrays.equals(m.encoded, encoded);
  }

  @Override
  public int hashCode() {
    return inventoryHash.hashCode();
  }

  @Override
  public String toString() {
    ObjectType t = objectType();
    return "MessageObject{" + (t == null ? "type " + type : t) + " v" + version + " stream " + stream
        + " expires " + expiresTime + " nonce " + Long.toUnsignedString(nonce) + " size " + encoded.length
        + " inv " + inventoryHash + " payload " + Hex.encode(Arrays.copyOfRange(encoded, payloadOffset, Math.min(encoded.length, payloadOffset + 16))) + "...}";
  }
}
