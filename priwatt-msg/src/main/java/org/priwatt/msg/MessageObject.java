package org.priwatt.msg;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;
import org.priwatt.crypto.Hashes;
import org.priwatt.crypto.Hex;
import org.priwatt.crypto.codec.ByteReader;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.Codec;
import org.priwatt.crypto.codec.DecodeError;
import org.priwatt.crypto.codec.DecodeException;

/**
 * One Bitmessage protocol v3 object: {@code nonce (8) ‖ expiresTime (8) ‖ objectType (4) ‖
 * varint version ‖ varint stream ‖ payload}, all integers big-endian. The nonce is the proof of
 * work over everything after it; the {@link InventoryHash} covers the whole encoding.
 *
 * <p>Immutable: the encoding is kept as received and the inventory hash computed once, so relayed
 * bytes are exactly the bytes that were checked. Decoding is bounded by {@link #MAX_SIZE}; {@link
 * #CODEC} is the format on the shared byte codec.
 */
public final class MessageObject {
  /** Largest object accepted or created, in bytes (PyBitmessage's 2^18 object payload limit). */
  public static final int MAX_SIZE = 1 << 18;
  /** Size of the smallest possible object: nonce, expiry, type and one-byte version and stream. */
  public static final int MIN_SIZE = 8 + 8 + 4 + 1 + 1;
  /**
   * The object format: big-endian, at most {@link #MAX_SIZE} bytes. An object has no length of
   * its own (its payload runs to the end of the input), so {@link Codec#decode(ByteReader)}
   * takes everything the reader has left; {@link Codec#decodeFully} is {@link #decode} with the
   * codec's {@link DecodeException} in place of a {@link MessageException}.
   */
  public static final Codec<MessageObject> CODEC = new ObjectCodec();

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
    try {
      return CODEC.decodeFully(data);
    } catch (DecodeException e) {
      throw MessageException.of(e);
    }
  }

  /** {@link #CODEC}: the header fields checked, the encoding kept as one copy of the input. */
  private static final class ObjectCodec implements Codec<MessageObject> {
    @Override
    public ByteOrder order() {
      return ByteOrder.BIG_ENDIAN;
    }

    @Override
    public int maxSize() {
      return MAX_SIZE;
    }

    @Override
    public void encode(MessageObject value, ByteWriter out) {
      out.bytes(value.encoded);
    }

    @Override
    public MessageObject decode(ByteReader in) throws DecodeException {
      int start = in.position();
      if (in.remaining() > MAX_SIZE) {
        throw in.failure(DecodeError.OVERSIZED, in.remaining() + " bytes exceed " + MAX_SIZE);
      }
      long nonce = in.i64();
      long expires = in.i64InRange(0, Long.MAX_VALUE, "expiresTime");
      long type = in.u32();
      long version = in.compactSize(Long.MAX_VALUE);
      int streamAt = in.position();
      long stream = in.compactSize(Long.MAX_VALUE);
      if (stream < 1) {
        throw new DecodeException(DecodeError.OUT_OF_RANGE, streamAt, "stream 0");
      }
      int payloadOffset = in.position() - start;
      in.skip(in.remaining());
      return new MessageObject(in.copyFrom(start), nonce, expires, type, version, stream,
          payloadOffset);
    }
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
    ByteWriter w = ByteWriter.of(ByteOrder.BIG_ENDIAN, payload.length + 40)
        .i64(0).i64(expiresTime).u32(type).compactSize(version).compactSize(stream);
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
