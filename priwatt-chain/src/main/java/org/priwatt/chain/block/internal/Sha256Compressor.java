package org.priwatt.chain.block.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDK's own SHA-256 compression function with a chaining state the caller can set, so a
 * mining loop can resume from a header's midstate at the cost of one compression.
 *
 * <p>Why reach into the JDK: {@link java.security.MessageDigest} runs SHA-256 on the CPU's SHA
 * extensions (a HotSpot intrinsic on {@code sun.security.provider.SHA2.implCompress0}) but cannot
 * load a saved state, and every {@code digest()} adds ~30 ns of padding and conversion to a ~35 ns
 * compression. Calling the intrinsic compression directly keeps the hardware SHA-256 and drops
 * that overhead: about 90–100 ns for the two compressions of a nonce, against ~155–180 ns for a
 * naive double SHA-256 of 80 bytes.
 *
 * <p>The JDK grants this only when the application opts in with
 * {@code --add-opens java.base/sun.security.provider=ALL-UNNAMED}. Without it, or on a JDK whose
 * internals differ, {@link #isAvailable()} is false and callers use {@code MessageDigest}. The
 * system property {@code priwatt.sha256.intrinsic=false} disables it explicitly. Every use is
 * checked at class initialisation against a known answer, so a changed internal never yields a
 * wrong hash: it yields the fallback.
 *
 * <p>An instance is not thread-safe; each holds its own state and message schedule.
 */
public final class Sha256Compressor {
  /** SHA-256 initial hash values (FIPS 180-4 §5.3.3); private, as an array is always writable. */
  private static final int[] IV = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
    0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  };

  private static final Logger LOG = LoggerFactory.getLogger(Sha256Compressor.class);
  private static final MethodHandle NEW;
  private static final MethodHandle STATE;
  private static final MethodHandle COMPRESS;
  private static final boolean AVAILABLE;

  static {
    MethodHandle create = null;
    MethodHandle state = null;
    MethodHandle compress = null;
    boolean ok = false;
    if (!"false".equals(System.getProperty("priwatt.sha256.intrinsic"))) {
      try {
        Class<?> sha256 = Class.forName("sun.security.provider.SHA2$SHA256");
        Class<?> sha2 = Class.forName("sun.security.provider.SHA2");
        Constructor<?> ctor = sha256.getDeclaredConstructor();
        ctor.setAccessible(true);
        Field stateField = sha2.getDeclaredField("state");
        stateField.setAccessible(true);
        Method compressMethod = sha2.getDeclaredMethod("implCompress0", byte[].class, int.class);
        compressMethod.setAccessible(true);
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        create = lookup.unreflectConstructor(ctor).asType(MethodType.methodType(Object.class));
        state = lookup.unreflectGetter(stateField)
            .asType(MethodType.methodType(int[].class, Object.class));
        compress = lookup.unreflect(compressMethod)
            .asType(MethodType.methodType(void.class, Object.class, byte[].class, int.class));
        ok = knownAnswer(create, state, compress);
      } catch (ReflectiveOperationException | RuntimeException e) {
        LOG.debug("JDK SHA-256 compression not accessible ({}); mining uses MessageDigest", e.toString());
      } catch (Throwable t) { // invoking the probes through MethodHandle.invokeExact
        LOG.debug("JDK SHA-256 compression probe failed; mining uses MessageDigest", t);
      }
    }
    NEW = create;
    STATE = state;
    COMPRESS = compress;
    AVAILABLE = ok;
  }

  private final Object spi;
  private final int[] state;

  private Sha256Compressor(Object spi, int[] state) {
    this.spi = spi;
    this.state = state;
  }

  /** Writes SHA-256's initial hash values into {@code state[0..8)}, to start a new digest. */
  public static void copyIv(int[] state) {
    System.arraycopy(IV, 0, state, 0, 8);
  }

  /** Returns true if the direct compression is usable in this JVM. */
  public static boolean isAvailable() {
    return AVAILABLE;
  }

  /**
   * Creates a compressor.
   *
   * @throws IllegalStateException if {@link #isAvailable()} is false
   */
  public static Sha256Compressor create() {
    if (!AVAILABLE) {
      throw new IllegalStateException("JDK SHA-256 compression is not accessible");
    }
    try {
      Object spi = (Object) NEW.invokeExact();
      return new Sha256Compressor(spi, (int[]) STATE.invokeExact(spi));
    } catch (Throwable t) {
      throw new IllegalStateException("JDK SHA-256 compression failed", t);
    }
  }

  /** The live chaining state (8 words): set it, {@link #compress}, read it. */
  public int[] state() {
    return state;
  }

  /** Compresses the 64-byte block at {@code block[offset]} into {@link #state()}. */
  public void compress(byte[] block, int offset) {
    try {
      COMPRESS.invokeExact(spi, block, offset);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("JDK SHA-256 compression failed", t);
    }
  }

  // SHA-256("abc") as one padded block, FIPS 180-4 example.
  private static boolean knownAnswer(MethodHandle create, MethodHandle state, MethodHandle compress)
      throws Throwable {
    Object spi = (Object) create.invokeExact();
    int[] s = (int[]) state.invokeExact(spi);
    if (s == null || s.length != 8) {
      return false;
    }
    byte[] block = new byte[64];
    block[0] = 'a';
    block[1] = 'b';
    block[2] = 'c';
    block[3] = (byte) 0x80;
    block[63] = 24;
    System.arraycopy(IV, 0, s, 0, 8);
    compress.invokeExact(spi, block, 0);
    int[] expected = {
      0xba7816bf, 0x8f01cfea, 0x414140de, 0x5dae2223,
      0xb00361a3, 0x96177a9c, 0xb410ff61, 0xf20015ad,
    };
    return java.util.Arrays.equals(s, expected);
  }
}
