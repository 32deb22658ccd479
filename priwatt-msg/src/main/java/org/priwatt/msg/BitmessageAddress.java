package org.priwatt.msg;

import java.math.BigInteger;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;
import org.priwatt.crypto.Hashes;
import org.priwatt.crypto.codec.ByteReader;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.DecodeException;
import org.priwatt.msg.internal.IntegerBase58;

/**
 * A Bitmessage address ({@code BM-...}): address version, stream number and the 20-byte RIPE hash
 * of the owner's signing and encryption public keys.
 *
 * <p>Encoding (PyBitmessage {@code addresses.py}): {@code varint(version) ‖ varint(stream) ‖ ripe'}
 * followed by the first 4 bytes of SHA-512(SHA-512(that)), read as one big-endian integer and
 * written in Base58 with Bitcoin's alphabet but without Bitcoin's leading-zero rule, then prefixed
 * with {@code BM-}. {@code ripe'} is the RIPE hash with its leading zero bytes removed: all of them
 * for version 4 (a v4 address that keeps a leading zero is rejected, so each RIPE has exactly one
 * address), at most two for versions 2 and 3. Versions 2 to 4 decode; new identities are version 4.
 *
 * <p>Immutable and thread-safe; {@link #toString()} returns the {@code BM-} string.
 */
public final class BitmessageAddress {
  /** The address version new identities use. */
  public static final int VERSION_4 = 4;
  /** The stream every PriWatt node serves unless configured otherwise. */
  public static final long DEFAULT_STREAM = 1;
  /** Longest address text accepted by {@link #parse(String)} (real ones have 30 to 40 characters). */
  public static final int MAX_TEXT_LENGTH = 64;
  private static final String PREFIX = "BM-";
  private static final int RIPE_LENGTH = 20;

  private final int version;
  private final long stream;
  private final byte[] ripe;
  private final String text;

  private BitmessageAddress(int version, long stream, byte[] ripe) {
    this.version = version;
    this.stream = stream;
    this.ripe = ripe;
    this.text = encode(version, stream, ripe);
  }

  /**
   * Returns the address for {@code version}, {@code stream} and the full 20-byte {@code ripe}.
   *
   * @throws IllegalArgumentException if version is not 2, 3 or 4, stream is not positive, ripe is
   *     not 20 bytes, or (versions 2 and 3) ripe has more than two leading zero bytes
   */
  public static BitmessageAddress of(int version, long stream, byte[] ripe) {
    Objects.requireNonNull(ripe, "ripe");
    if (version < 2 || version > 4) {
      throw new IllegalArgumentException("address version must be 2..4: " + version);
    }
    if (stream < 1) {
      throw new IllegalArgumentException("stream must be positive: " + stream);
    }
    if (ripe.length != RIPE_LENGTH) {
      throw new IllegalArgumentException("ripe must be 20 bytes");
    }
    if (version < 4 && ripe[0] == 0 && ripe[1] == 0 && ripe[2] == 0) {
      throw new IllegalArgumentException("v2/v3 ripe may have at most two leading zero bytes");
    }
    if (version == 4 && leadingZeros(ripe) > RIPE_LENGTH - 4) {
      throw new IllegalArgumentException("v4 ripe must keep at least 4 significant bytes");
    }
    return new BitmessageAddress(version, stream, ripe.clone());
  }

  /**
   * Returns RIPEMD-160(SHA-512(signPub ‖ encPub)) of two 65-byte uncompressed public keys, the
   * hash an address commits to.
   *
   * @throws IllegalArgumentException if a key is not 65 bytes starting with 0x04
   */
  public static byte[] ripeOf(byte[] signingPublicKey65, byte[] encryptionPublicKey65) {
    checkUncompressed(signingPublicKey65);
    checkUncompressed(encryptionPublicKey65);
    return Hashes.ripemd160(Hashes.sha512(signingPublicKey65, encryptionPublicKey65));
  }

  private static void checkUncompressed(byte[] key) {
    if (key.length != 65 || key[0] != 0x04) {
      throw new IllegalArgumentException("public key must be 65-byte uncompressed (04 ‖ X ‖ Y)");
    }
  }

  /**
   * Parses a Bitmessage address, with or without the {@code BM-} prefix (surrounding whitespace
   * is ignored, as PyBitmessage does).
   *
   * @throws MessageException with {@link MessageError#ADDRESS_INVALID_CHARACTER} (bad character,
   *     empty, or longer than {@link #MAX_TEXT_LENGTH}), {@link MessageError#ADDRESS_BAD_CHECKSUM},
   *     {@link MessageError#ADDRESS_UNSUPPORTED_VERSION}, {@link MessageError#NON_MINIMAL_VARINT},
   *     {@link MessageError#INVALID_FIELD} (stream 0) or {@link MessageError#ADDRESS_BAD_RIPE}
   * @throws NullPointerException if {@code text} is null
   */
  public static BitmessageAddress parse(String text) throws MessageException {
    String s = text.strip();
    if (s.startsWith(PREFIX)) {
      s = s.substring(PREFIX.length());
    }
    if (s.length() > MAX_TEXT_LENGTH) {
      throw new MessageException(MessageError.ADDRESS_INVALID_CHARACTER, "address too long");
    }
    BigInteger n = IntegerBase58.decodeOrNull(s);
    if (n == null || n.signum() == 0) {
      throw new MessageException(MessageError.ADDRESS_INVALID_CHARACTER, "not Base58: " + s);
    }
    byte[] data = unsignedBytes(n);
    if (data.length < 4 + 3) {
      throw new MessageException(MessageError.ADDRESS_BAD_RIPE, "address too short");
    }
    int body = data.length - 4;
    byte[] check = Hashes.sha512d(Arrays.copyOf(data, body));
    if (!java.security.MessageDigest.isEqual(Arrays.copyOf(check, 4), Arrays.copyOfRange(data, body, data.length))) {
      throw new MessageException(MessageError.ADDRESS_BAD_CHECKSUM, s);
    }
    ByteReader r = ByteReader.of(data, 0, body, ByteOrder.BIG_ENDIAN);
    long version;
    long stream;
    try {
      version = r.compactSize(Long.MAX_VALUE);
      if (version < 2 || version > 4) {
        throw new MessageException(MessageError.ADDRESS_UNSUPPORTED_VERSION, "version " + version);
      }
      stream = r.compactSize(Long.MAX_VALUE);
    } catch (DecodeException e) {
      throw MessageException.of(e);
    }
    if (stream < 1) {
      throw new MessageException(MessageError.INVALID_FIELD, "stream 0");
    }
    byte[] embedded = r.rest();
    return new BitmessageAddress((int) version, stream, padRipe((int) version, embedded));
  }

  private static byte[] padRipe(int version, byte[] embedded) throws MessageException {
    int min = version == 4 ? 4 : 18;
    if (embedded.length > RIPE_LENGTH || embedded.length < min) {
      throw new MessageException(MessageError.ADDRESS_BAD_RIPE, "embedded ripe of " + embedded.length + " bytes");
    }
    if (version == 4 && embedded[0] == 0) {
      throw new MessageException(MessageError.ADDRESS_BAD_RIPE, "v4 ripe keeps a leading zero byte");
    }
    byte[] ripe = new byte[RIPE_LENGTH];
    System.arraycopy(embedded, 0, ripe, RIPE_LENGTH - embedded.length, embedded.length);
    return ripe;
  }

  private static byte[] unsignedBytes(BigInteger n) {
    byte[] b = n.toByteArray();
    return b[0] == 0 && b.length > 1 ? Arrays.copyOfRange(b, 1, b.length) : b;
  }

  private static int leadingZeros(byte[] b) {
    int i = 0;
    while (i < b.length && b[i] == 0) {
      i++;
    }
    return i;
  }

  private static String encode(int version, long stream, byte[] ripe) {
    int strip = version == 4 ? leadingZeros(ripe) : Math.min(2, leadingZeros(ripe));
    ByteWriter w = ByteWriter.of(ByteOrder.BIG_ENDIAN, 32).compactSize(version).compactSize(stream)
        .bytes(ripe, strip, RIPE_LENGTH - strip);
    byte[] body = w.toByteArray();
    byte[] check = Hashes.sha512d(body);
    byte[] all = w.bytes(check, 0, 4).toByteArray();
    return PREFIX + IntegerBase58.encode(new BigInteger(1, all));
  }

  /** Returns the address version (2, 3 or 4). */
  public int version() {
    return version;
  }

  /** Returns the stream number (at least 1). */
  public long stream() {
    return stream;
  }

  /** Returns a copy of the full 20-byte RIPE hash (leading zeros restored). */
  public byte[] ripe() {
    return ripe.clone();
  }

  /**
   * Returns SHA-512(SHA-512(varint(version) ‖ varint(stream) ‖ ripe)): for version 4 its first 32
   * bytes are the private key that v4 pubkeys and v5 broadcasts of this address are encrypted to,
   * its last 32 bytes the public {@linkplain #tag() tag}. Anyone who knows the address can compute
   * both: this hides content from nodes that do not know the address, nothing more.
   */
  public byte[] addressDataHash() {
    return Hashes.sha512d(ByteWriter.of(ByteOrder.BIG_ENDIAN, 40).compactSize(version)
        .compactSize(stream).bytes(ripe).toByteArray());
  }

  /** Returns the 32-byte tag that v4 getpubkey/pubkey objects and v5 broadcasts carry. */
  public byte[] tag() {
    return Arrays.copyOfRange(addressDataHash(), 32, 64);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BitmessageAddress a && a.version == version && a.stream == stream && Arrays.equals(a.ripe, ripe);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  /** Returns the {@code BM-} text of this address. */
  @Override
  public String toString() {
    return text;
  }
}
