package org.priwatt.crypto.internal;

import java.util.List;
import java.util.Locale;
import org.priwatt.crypto.Secp256k1Implementation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the process-wide backend, fixed once: by {@code Secp256k1.select} before the curve is
 * first used, or else on first use from the system property {@code
 * priwatt.secp256k1=native|bouncycastle} (default native with fallback; any other value is a
 * configuration error, raised on first use and on every later one until a backend is chosen).
 * After that it never changes, so no operation can straddle two backends and nothing in a test
 * or a library can switch the curve under another's feet (bitcoinj's global {@code Context} is the
 * anti-pattern). Tests and benchmarks that need a particular backend take its instance from
 * {@link #get} and call it directly, or run in a JVM started with the property.
 */
public final class Backends {
  /** System property naming the preferred backend. */
  public static final String PROPERTY = "priwatt.secp256k1";
  /** The values {@link #PROPERTY} accepts (case-insensitive). */
  public static final List<String> ACCEPTED_VALUES =
      List.of("native", "bouncycastle", "java", "pure-java");

  private static final Logger LOG = LoggerFactory.getLogger(Backends.class);
  private static final CurveBackend PURE_JAVA = new BouncyCastleBackend();
  private static volatile CurveBackend active;
  private static volatile Throwable nativeFailure;

  private Backends() {}

  /** Lazily loaded native backend, or null with the failure remembered. */
  private static final class NativeHolder {
    static final CurveBackend INSTANCE = tryLoadNative();
  }

  private static CurveBackend tryLoadNative() {
    try {
      return NativeBackend.load();
    } catch (Throwable t) { // UnsatisfiedLinkError, NoClassDefFoundError, self-test failure
      nativeFailure = t;
      return null;
    }
  }

  /** Returns the process-wide backend, fixing the choice on first use. */
  public static CurveBackend active() {
    CurveBackend a = active;
    if (a == null) {
      synchronized (Backends.class) {
        if (active == null) {
          active = choose();
        }
        a = active;
      }
    }
    return a;
  }

  /**
   * Chooses the backend {@link #PROPERTY} asks for. A value that names no backend throws (from
   * this and every later first use, since nothing is cached) rather than falling back silently.
   */
  private static CurveBackend choose() {
    if (requested(System.getProperty(PROPERTY)) == Secp256k1Implementation.BOUNCY_CASTLE) {
      LOG.info("secp256k1 backend: {} (selected by -D{})", PURE_JAVA.name(), PROPERTY);
      return PURE_JAVA;
    }
    CurveBackend nat = NativeHolder.INSTANCE;
    if (nat != null) {
      LOG.info("secp256k1 backend: {}", nat.name());
      return nat;
    }
    LOG.warn("secp256k1 native library unavailable ({}); using {}", nativeFailure, PURE_JAVA.name());
    return PURE_JAVA;
  }

  /**
   * The implementation a value of {@link #PROPERTY} asks for: {@code native} (also when unset or
   * blank: native, falling back to pure Java where the library cannot load) or {@code
   * bouncycastle} (aliases {@code java}, {@code pure-java}); case and surrounding blanks ignored.
   *
   * @param value the property's value, may be null
   * @throws IllegalStateException if {@code value} is none of {@link #ACCEPTED_VALUES}; the
   *     message names the value and the accepted ones
   */
  static Secp256k1Implementation requested(String value) {
    String wanted = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    switch (wanted) {
      case "", "native":
        return Secp256k1Implementation.NATIVE;
      case "bouncycastle", "java", "pure-java":
        return Secp256k1Implementation.BOUNCY_CASTLE;
      default:
        throw new IllegalStateException("-D" + PROPERTY + "=" + value
            + " names no secp256k1 backend; accepted values: "
            + String.join(", ", ACCEPTED_VALUES));
    }
  }

  /**
   * Returns the backend instance for {@code impl}, loading it if needed, without touching the
   * process-wide choice: for tests that compare the backends and code that must name one.
   *
   * @throws IllegalStateException if NATIVE is asked for and the library cannot load here
   */
  public static CurveBackend get(Secp256k1Implementation impl) {
    if (impl == Secp256k1Implementation.BOUNCY_CASTLE) {
      return PURE_JAVA;
    }
    CurveBackend nat = NativeHolder.INSTANCE;
    if (nat == null) {
      throw new IllegalStateException("native libsecp256k1 unavailable: " + nativeFailure, nativeFailure);
    }
    return nat;
  }

  /**
   * Fixes {@code impl} as the process-wide backend. Allowed once, before the curve is first used;
   * asking again for the backend already fixed is a no-op.
   *
   * @throws IllegalStateException if another backend is already fixed (by an earlier {@code
   *     select} or by first use), or NATIVE is asked for and the library cannot load here
   */
  public static void select(Secp256k1Implementation impl) {
    synchronized (Backends.class) {
      CurveBackend fixed = active;
      if (fixed != null) {
        if (kindOf(fixed) == impl) {
          return;
        }
        throw new IllegalStateException("secp256k1 backend is already fixed to " + kindOf(fixed)
            + " (" + fixed.name() + "); select(" + impl + ") must come before the first use of"
            + " the curve, or use -D" + PROPERTY + " at start-up");
      }
      CurveBackend b = get(impl);
      active = b;
      LOG.info("secp256k1 backend: {} (selected before first use)", b.name());
    }
  }


  /** Returns which implementation a backend instance is. */
  public static Secp256k1Implementation kindOf(CurveBackend backend) {
    return backend instanceof NativeBackend
        ? Secp256k1Implementation.NATIVE
        : Secp256k1Implementation.BOUNCY_CASTLE;
  }

  /** Returns true if the native library loaded on this platform. */
  public static boolean nativeAvailable() {
    return NativeHolder.INSTANCE != null;
  }
}
