package org.priwatt.chain.block;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.block.internal.Uint256;
import org.priwatt.crypto.Sha256Hash;

/**
 * Hashes one header template under many nonces, the inner loop of mining.
 *
 * <p>The first 64 of a header's 80 bytes (version, prevBlock, 28 bytes of the Merkle root) do not
 * depend on the nonce, so SHA-256's state after that first block, the midstate, is computed once
 * per template. Each attempt then hashes only the last 16 bytes plus padding and the 32-byte first
 * digest: two compressions instead of three.
 *
 * <p>Why a cloned {@link MessageDigest}: the JDK's SHA-256 runs on the CPU's SHA extensions
 * (HotSpot intrinsic) but offers no way to load a saved chaining state. It does support {@link
 * MessageDigest#clone()}, and a clone of a digest that has absorbed the first 64 bytes resumes
 * from the midstate. Measured in thread CPU time (JDK 17.0.15, 2-core x86-64 with SHA-NI, 2^20
 * nonces per round, steady rounds; see {@code benchmarks/README.md}): a naive double SHA-256 of
 * all 80 bytes on one reused digest takes 154–158 ns per nonce, this class 127–131 ns, about
 * 18–21% faster per nonce. The floor for any midstate scheme on {@link MessageDigest}, the two
 * one-block digests alone, is 118–124 ns: the midstate saves a compression (about 35 ns with
 * SHA-NI) but not a digest call (about 30 ns of padding and output each), and the clone costs
 * some of the gain back. A hand-written Java compression doing just the two remaining
 * compressions took about 530 ns in a quick loop, four times slower than the intrinsic. The
 * clone also keeps working (at plain speed) if a provider cannot clone: the hasher then falls
 * back to hashing all 80 bytes.
 *
 * <p>Not thread-safe: give each mining thread its own instance (they are cheap).
 */
public final class HeaderHasher {
  private static final int MIDSTATE_BYTES = 64;
  private static final int NONCE_OFFSET = 76;
  /** How many nonces a scan tries between checks of its stop signal. */
  private static final int STOP_CHECK_INTERVAL = 1024;

  private final BlockHeader template;
  private final byte[] header;
  private final byte[] targetLe;
  private final MessageDigest midstate;
  private final MessageDigest digest;
  private final boolean cloneable;
  private final byte[] first = new byte[Sha256Hash.LENGTH];
  private final byte[] second = new byte[Sha256Hash.LENGTH];
  private long attempts;

  private HeaderHasher(BlockHeader template, BigInteger target) {
    this.template = template;
    this.header = template.serialize();
    this.targetLe = Uint256.toLittleEndian(target);
    this.digest = newSha256();
    this.midstate = newSha256();
    midstate.update(header, 0, MIDSTATE_BYTES);
    this.cloneable = canClone(midstate);
  }

  /**
   * Prepares to hash {@code template} under varying nonces (its own nonce is ignored).
   *
   * @throws IllegalArgumentException if the template's bits are negative, overflowing or zero
   */
  public static HeaderHasher forTemplate(BlockHeader template) {
    Objects.requireNonNull(template, "template");
    try {
      return new HeaderHasher(template, template.compactTarget().checkedTarget());
    } catch (ChainException e) {
      throw new IllegalArgumentException("template has unusable bits: " + e.getMessage(), e);
    }
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JDK lacks SHA-256", e);
    }
  }

  private static boolean canClone(MessageDigest d) {
    try {
      d.clone();
      return true;
    } catch (CloneNotSupportedException e) {
      return false;
    }
  }

  /** Returns the template this hasher was built for. */
  public BlockHeader template() {
    return template;
  }

  /** Returns whether the hasher resumes from a cloned midstate (false: full-header fallback). */
  public boolean usesMidstate() {
    return cloneable;
  }

  /** Returns how many nonces this hasher has hashed so far. */
  public long attempts() {
    return attempts;
  }

  /** Returns the hash of the template with {@code nonce}; equal to its {@link BlockHeader#hash()}. */
  public BlockHash hash(int nonce) {
    hashInto(nonce);
    return BlockHash.wrap(second);
  }

  /** Returns whether the template with {@code nonce} meets its own target. */
  public boolean meetsTarget(int nonce) {
    hashInto(nonce);
    return Uint256.compareLittleEndian(second, targetLe) <= 0;
  }

  /**
   * Tries nonces {@code from} (inclusive) to {@code to} (exclusive) in order and returns the
   * first that meets the target, as an unsigned value.
   *
   * @param from first nonce, {@code 0 <= from <= to}
   * @param to end of the range, at most 2^32
   * @param stop polled every 1024 nonces; the scan returns empty once it answers true
   * @throws IllegalArgumentException if the range is invalid
   */
  public OptionalLong scan(long from, long to, BooleanSupplier stop) {
    if (from < 0 || from > to || to > (1L << 32)) {
      throw new IllegalArgumentException("bad nonce range [" + from + ", " + to + ")");
    }
    Objects.requireNonNull(stop, "stop");
    for (long n = from; n < to; n++) {
      if (((n - from) % STOP_CHECK_INTERVAL) == 0 && stop.getAsBoolean()) {
        return OptionalLong.empty();
      }
      if (meetsTarget((int) n)) {
        return OptionalLong.of(n);
      }
    }
    return OptionalLong.empty();
  }

  /** Computes SHA-256d of the template with {@code nonce} into {@link #second}. */
  private void hashInto(int nonce) {
    attempts++;
    header[NONCE_OFFSET] = (byte) nonce;
    header[NONCE_OFFSET + 1] = (byte) (nonce >>> 8);
    header[NONCE_OFFSET + 2] = (byte) (nonce >>> 16);
    header[NONCE_OFFSET + 3] = (byte) (nonce >>> 24);
    try {
      if (cloneable) {
        MessageDigest d = (MessageDigest) midstate.clone();
        d.update(header, MIDSTATE_BYTES, BlockHeader.SIZE - MIDSTATE_BYTES);
        d.digest(first, 0, first.length);
      } else {
        digest.update(header, 0, BlockHeader.SIZE);
        digest.digest(first, 0, first.length);
      }
      digest.update(first);
      digest.digest(second, 0, second.length);
    } catch (CloneNotSupportedException | java.security.DigestException e) {
      // Clone support was probed in the constructor and the buffers are 32 bytes: a JDK bug.
      throw new IllegalStateException("SHA-256 digest failed", e);
    }
  }
}
