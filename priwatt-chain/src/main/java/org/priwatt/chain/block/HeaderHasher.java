package org.priwatt.chain.block;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import org.priwatt.chain.block.internal.Sha256Compressor;
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
 * <p>Faster still, when the JVM is started with {@code --add-opens
 * java.base/sun.security.provider=ALL-UNNAMED} (the {@code priwatt} launcher and the benchmarks
 * do): the hasher then calls the JDK's intrinsic SHA-256 compression directly with the midstate
 * loaded ({@code Sha256Compressor}), two compressions and no digest overhead per nonce, still on
 * the CPU's SHA instructions: JMH on the same machine, 10.6 M nonces/s against 6.4 M/s for the
 * naive double hash (1.65×), about 94 ns per nonce; the target comparison works on the state
 * words directly. Without the flag it uses the cloned digest described above. Both paths give
 * identical hashes (the build tests both).
 *
 * <p>Not thread-safe: give each mining thread its own instance (they are cheap).
 */
public final class HeaderHasher {
  private static final int MIDSTATE_BYTES = 64;
  private static final VarHandle BE_INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LE_INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
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
  /** Direct compression path, or null where the JDK does not grant it. */
  private final Sha256Compressor compressor;
  private final int[] mid = new int[8];
  private final int[] targetLimbs = new int[8];
  private final byte[] tailBlock = new byte[64];
  private final byte[] secondBlock = new byte[64];
  private long attempts;

  private HeaderHasher(BlockHeader template, BigInteger target) {
    this.template = template;
    this.header = template.serialize();
    this.targetLe = Uint256.toLittleEndian(target);
    this.digest = newSha256();
    this.midstate = newSha256();
    midstate.update(header, 0, MIDSTATE_BYTES);
    this.cloneable = canClone(midstate);
    this.compressor = Sha256Compressor.isAvailable() ? Sha256Compressor.create() : null;
    if (compressor != null) {
      prepareBlocks();
    }
  }

  // Pads the 16-byte header tail and the 32-byte first digest into one block each (FIPS 180-4
  // §5.1.1: 0x80, zeros, 64-bit big-endian bit length) and computes the midstate.
  private void prepareBlocks() {
    int[] s = compressor.state();
    Sha256Compressor.copyIv(s);
    compressor.compress(header, 0);
    System.arraycopy(s, 0, mid, 0, 8);
    System.arraycopy(header, MIDSTATE_BYTES, tailBlock, 0, BlockHeader.SIZE - MIDSTATE_BYTES);
    tailBlock[16] = (byte) 0x80;
    tailBlock[62] = (byte) ((BlockHeader.SIZE * 8) >>> 8);
    tailBlock[63] = (byte) (BlockHeader.SIZE * 8);
    secondBlock[32] = (byte) 0x80;
    secondBlock[62] = (byte) ((Sha256Hash.LENGTH * 8) >>> 8);
    secondBlock[63] = (byte) (Sha256Hash.LENGTH * 8);
    for (int i = 0; i < 8; i++) {
      targetLimbs[i] = (int) LE_INT.get(targetLe, 4 * i);
    }
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

  /** Returns whether the hasher resumes from a midstate (false: full-header fallback). */
  public boolean usesMidstate() {
    return compressor != null || cloneable;
  }

  /** Returns whether the hasher calls the JDK's SHA-256 compression directly (see class doc). */
  public boolean usesDirectCompression() {
    return compressor != null;
  }

  /** Returns how many nonces this hasher has hashed so far. */
  public long attempts() {
    return attempts;
  }

  /** Returns the hash of the template with {@code nonce}; equal to its {@link BlockHeader#hash()}. */
  public BlockHash hash(int nonce) {
    hashInto(nonce);
    return BlockHash.fromBytes(second);
  }

  /** Returns whether the template with {@code nonce} meets its own target. */
  public boolean meetsTarget(int nonce) {
    if (compressor != null) {
      attempts++;
      hashDirect(nonce);
      return meetsTargetWords(compressor.state());
    }
    hashInto(nonce);
    return Uint256.compareLittleEndian(second, targetLe) <= 0;
  }

  // The digest's bytes read as a little-endian 256-bit number have limb i (least significant
  // first) equal to the byte-reversed state word i; compare limbs from the most significant.
  private boolean meetsTargetWords(int[] s) {
    for (int i = 7; i >= 0; i--) {
      int c = Integer.compareUnsigned(Integer.reverseBytes(s[i]), targetLimbs[i]);
      if (c != 0) {
        return c < 0;
      }
    }
    return true;
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
    if (compressor != null) {
      hashDirect(nonce);
      putWordsBigEndian(compressor.state(), second);
      return;
    }
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

  // Two compressions: the tail block from the midstate, then the padded first digest from the IV.
  private void hashDirect(int nonce) {
    LE_INT.set(tailBlock, NONCE_OFFSET - MIDSTATE_BYTES, nonce);
    int[] s = compressor.state();
    System.arraycopy(mid, 0, s, 0, 8);
    compressor.compress(tailBlock, 0);
    putWordsBigEndian(s, secondBlock);
    Sha256Compressor.copyIv(s);
    compressor.compress(secondBlock, 0);
  }

  private static void putWordsBigEndian(int[] words, byte[] out) {
    for (int i = 0; i < 8; i++) {
      BE_INT.set(out, 4 * i, words[i]);
    }
  }
}
