package org.priwatt.crypto.internal;

import java.util.List;
import java.util.Locale;
import org.priwatt.crypto.Secp256k1Implementation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the process-wide active backend. Like a JCA provider choice, this is set once at start-up
 * (system property {@code priwatt.secp256k1=native|bouncycastle}, default native with fallback;
 * any other value is a configuration error, raised on first use) and may be switched through
 * {@code Secp256k1.select}; both backends compute identical results, so switching never changes
 * behaviour, only speed.
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

  /** Returns the active backend, choosing it on first use. */
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

  /** Returns the backend for {@code impl}, loading it if needed. */
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

  /** Makes {@code impl} the active backend. */
  public static void select(Secp256k1Implementation impl) {
    CurveBackend b = get(impl);
    synchronized (Backends.class) {
      active = b;
    }
    LOG.info("secp256k1 backend: {}", b.name());
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
