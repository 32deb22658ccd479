package org.priwatt.crypto;

import java.math.BigInteger;
import java.util.Objects;
import org.priwatt.crypto.internal.Backends;

/**
 * Curve constants and the choice of secp256k1 implementation.
 *
 * <p>The implementation is fixed once per process and never changes afterwards: by {@link
 * #select} if it is called before the curve is first used, otherwise on first use from the system
 * property {@code -Dpriwatt.secp256k1=native|bouncycastle} (default {@code native}, falling back
 * to Bouncy Castle with a warning if the native library cannot load). Both give byte-identical
 * keys and signatures; only speed differs. The choice is logged and reported by {@link
 * #describe()}. To run something on each implementation, run it in one JVM per implementation
 * (the build runs the crypto and chain suites twice this way; JMH forks a JVM per parameter).
 *
 * <p>Any other value of the property ({@code bc}, a misspelling) is a configuration error: the
 * first operation that needs the curve (this class's {@link #active()} and {@link #describe()},
 * key generation, parsing, signing, verification) throws {@link IllegalStateException} naming
 * the value and the accepted ones ({@code native}, {@code bouncycastle}, {@code java}, {@code
 * pure-java}), and keeps throwing until the property is fixed or {@link #select} is called.
 */
public final class Secp256k1 {
  /**
   * The order n of the generator G: the SDK's one definition of it (both backends, the
   * constant-time scalar checks and the signature rules of every module refer to it).
   */
  public static final BigInteger ORDER = new BigInteger(
      "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16);
  /** n / 2: signatures with S above this are "high S" (BIP 62 / BIP 146). */
  public static final BigInteger HALF_ORDER = ORDER.shiftRight(1);

  private Secp256k1() {}

  /**
   * Returns the implementation in use, fixing the choice if this is the first use of the curve.
   *
   * @throws IllegalStateException if {@code -Dpriwatt.secp256k1} names no implementation
   */
  public static Secp256k1Implementation active() {
    return Backends.kindOf(Backends.active());
  }

  /**
   * Fixes the process's implementation to {@code implementation}; call it at start-up, before
   * anything generates, parses, signs or verifies a key. Calling it again with the implementation
   * already fixed does nothing.
   *
   * @throws IllegalStateException if another implementation is already fixed (the curve was used,
   *     or {@code select} was called, before), or NATIVE is asked for but the library cannot load
   *     here
   * @throws NullPointerException if {@code implementation} is null
   */
  public static void select(Secp256k1Implementation implementation) {
    Backends.select(Objects.requireNonNull(implementation, "implementation"));
  }

  /** Returns true if the native libsecp256k1 binding works on this platform. */
  public static boolean isNativeAvailable() {
    return Backends.nativeAvailable();
  }

  /**
   * A one-line description of the active implementation, for version and info output.
   *
   * @throws IllegalStateException if {@code -Dpriwatt.secp256k1} names no implementation
   */
  public static String describe() {
    return Backends.active().name();
  }
}
