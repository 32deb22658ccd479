package org.priwatt.msg;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import org.priwatt.crypto.CryptoException;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.Hashes;
import org.priwatt.crypto.codec.ByteWriter;

/**
 * A local messaging identity: a signing key pair, a separate encryption key pair, and the
 * version 4 {@link BitmessageAddress} derived from both public keys.
 *
 * <p>Two ways to make one, both from PyBitmessage {@code class_addressGenerator}:
 * <ul>
 *   <li>random ({@link #newIdentity()}): a random signing key is fixed, then random encryption
 *       keys are drawn until the RIPE hash starts with the requested number of zero bytes, which
 *       the address omits (one byte by default, so addresses are one byte shorter);</li>
 *   <li>deterministic ({@link #deterministic}): candidate keys are the first 32 bytes of
 *       SHA-512(passphrase ‖ varint(nonce)), signing nonces 0, 2, 4, ... and encryption nonces
 *       1, 3, 5, ..., advancing both until the RIPE prefix is found. The same passphrase always
 *       gives the same address, so it can be recreated anywhere (PriWatt's shared trade
 *       addresses use this).</li>
 * </ul>
 *
 * <p>Security: the private keys never appear in {@link #toString()}; {@link #destroy()} zeroes
 * them. Instances are otherwise immutable and thread-safe.
 */
public final class Identity {
  /** Default number of leading zero bytes searched for in the RIPE hash. */
  public static final int DEFAULT_LEADING_ZEROS = 1;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final EcKey signingKey;
  private final EcKey encryptionKey;
  private final PublicIdentity publicIdentity;

  private Identity(EcKey signingKey, EcKey encryptionKey, PublicIdentity publicIdentity) {
    this.signingKey = signingKey;
    this.encryptionKey = encryptionKey;
    this.publicIdentity = publicIdentity;
  }

  /** Creates a random identity on stream 1 with the network default difficulty: one call. */
  public static Identity newIdentity() {
    return random(RANDOM, BitmessageAddress.DEFAULT_STREAM, DEFAULT_LEADING_ZEROS);
  }

  /**
   * Creates a random identity whose RIPE hash starts with {@code leadingZeros} zero bytes.
   *
   * @throws IllegalArgumentException if stream is not positive or leadingZeros is not 0..2
   */
  public static Identity random(SecureRandom random, long stream, int leadingZeros) {
    checkSearch(stream, leadingZeros);
    EcKey sign = uncompressed(EcKey.generate(random));
    long bound = maxAttempts(leadingZeros);
    for (long i = 0; i < bound; i++) {
      EcKey enc = uncompressed(EcKey.generate(random));
      if (hasPrefix(sign, enc, leadingZeros)) {
        return of(sign, enc, stream, PowParameters.NETWORK_DEFAULT);
      }
      enc.destroy();
    }
    throw new IllegalStateException("no key pair with " + leadingZeros + " zero bytes in " + bound + " attempts");
  }

  /**
   * Recreates the deterministic identity of {@code passphrase} (UTF-8) exactly as PyBitmessage
   * does; a candidate scalar outside [1, n) (probability about 2^-128) is skipped.
   *
   * @throws IllegalArgumentException if stream is not positive or leadingZeros is not 0..2
   */
  public static Identity deterministic(String passphrase, long stream, int leadingZeros) {
    return deterministic(passphrase.getBytes(StandardCharsets.UTF_8), stream, leadingZeros);
  }

  /** As {@link #deterministic(String, long, int)} for raw passphrase bytes. */
  public static Identity deterministic(byte[] passphrase, long stream, int leadingZeros) {
    Objects.requireNonNull(passphrase, "passphrase");
    checkSearch(stream, leadingZeros);
    long bound = maxAttempts(leadingZeros);
    long signNonce = 0;
    long encNonce = 1;
    for (long i = 0; i < bound; i++, signNonce += 2, encNonce += 2) {
      EcKey sign = candidate(passphrase, signNonce);
      EcKey enc = candidate(passphrase, encNonce);
      if (sign != null && enc != null && hasPrefix(sign, enc, leadingZeros)) {
        return of(sign, enc, stream, PowParameters.NETWORK_DEFAULT);
      }
    }
    throw new IllegalStateException("no deterministic key pair in " + bound + " attempts");
  }

  private static EcKey candidate(byte[] passphrase, long nonce) {
    byte[] material = Hashes.sha512(passphrase, ByteWriter.bigEndian().compactSize(nonce).toByteArray());
    try {
      return EcKey.fromPrivate(Arrays.copyOf(material, 32), false);
    } catch (CryptoException e) {
      return null;
    } finally {
      Arrays.fill(material, (byte) 0);
    }
  }

  /**
   * Wraps existing private keys as an identity of {@code stream} demanding {@code pow}.
   *
   * @throws IllegalArgumentException if stream is not positive
   */
  public static Identity of(EcKey signingKey, EcKey encryptionKey, long stream, PowParameters pow) {
    EcKey s = uncompressed(signingKey);
    EcKey e = uncompressed(encryptionKey);
    return new Identity(s, e, PublicIdentity.of(stream, s.publicKey(), e.publicKey(), pow, PublicIdentity.BEHAVIOUR_DOES_ACK));
  }

  /** Returns this identity demanding {@code pow} from senders instead (a per-identity override). */
  public Identity withPow(PowParameters pow) {
    return new Identity(signingKey, encryptionKey,
        PublicIdentity.of(address().stream(), signingKey.publicKey(), encryptionKey.publicKey(), pow, publicIdentity.behaviour()));
  }

  /** Returns {@code key} with an uncompressed public key (Bitmessage hashes 65-byte keys). */
  private static EcKey uncompressed(EcKey key) {
    if (!key.isCompressed()) {
      return key;
    }
    byte[] priv = key.privateKeyBytes();
    try {
      return EcKey.fromPrivate(priv, false);
    } catch (CryptoException e) {
      throw new IllegalStateException("a valid private key was rejected", e);
    } finally {
      Arrays.fill(priv, (byte) 0);
    }
  }

  private static void checkSearch(long stream, int leadingZeros) {
    if (stream < 1 || leadingZeros < 0 || leadingZeros > 2) {
      throw new IllegalArgumentException("stream must be positive and leadingZeros 0..2");
    }
  }

  private static long maxAttempts(int leadingZeros) {
    // 64 times the expected number of attempts: failure probability about e^-64.
    return 64L << (8 * leadingZeros);
  }

  private static boolean hasPrefix(EcKey sign, EcKey enc, int zeros) {
    byte[] ripe = BitmessageAddress.ripeOf(sign.publicKey().uncompressedEncoding(), enc.publicKey().uncompressedEncoding());
    for (int i = 0; i < zeros; i++) {
      if (ripe[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /** Returns the address. */
  public BitmessageAddress address() {
    return publicIdentity.address();
  }

  /** Returns the public part others use to send to this identity. */
  public PublicIdentity publicIdentity() {
    return publicIdentity;
  }

  /** Returns the signing key pair. Security: the caller must not leak it. */
  public EcKey signingKey() {
    return signingKey;
  }

  /** Returns the encryption key pair. Security: the caller must not leak it. */
  public EcKey encryptionKey() {
    return encryptionKey;
  }

  /** Zeroes both private keys; the identity is unusable afterwards. */
  public void destroy() {
    signingKey.destroy();
    encryptionKey.destroy();
  }

  /** Shows the address only. */
  @Override
  public String toString() {
    return "Identity{" + address() + "}";
  }
}
