package org.priwatt.crypto.internal;

import fr.acinq.secp256k1.Secp256k1;
import fr.acinq.secp256k1.Secp256k1Exception;
import java.util.Arrays;

/**
 * libsecp256k1 through ACINQ's JNI binding. The binding throws on invalid input ({@code
 * Secp256k1Exception} from the library's return codes, {@link IllegalArgumentException} from its
 * size checks), so every call whose input may be invalid catches those two and maps them to
 * {@code null}/{@code false}; anything else is a bug and propagates. Its {@code verify}
 * rejects high S, which the callers have normalised beforehand.
 */
public final class NativeBackend implements CurveBackend {
  private final Secp256k1 lib;

  private NativeBackend(Secp256k1 lib) {
    this.lib = lib;
  }

  /**
   * Loads the native library and runs a known-answer self-test.
   *
   * @throws LinkageError or RuntimeException if the library cannot be loaded on this platform
   */
  public static NativeBackend load() {
    NativeBackend backend = new NativeBackend(Secp256k1.get());
    SelfTest.run(backend);
    return backend;
  }

  @Override
  public String name() {
    return "native libsecp256k1 (fr.acinq.secp256k1 JNI)";
  }

  @Override
  public byte[] createPublicKey(byte[] priv) {
    return lib.pubkeyCreate(priv);
  }

  @Override
  public byte[] parsePublicKey(byte[] encoded) {
    try {
      return lib.pubkeyParse(encoded);
    } catch (Secp256k1Exception | IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  public Object preparePublicKey(byte[] uncompressed) {
    // The binding re-parses on every call; the uncompressed form spares it the square root.
    return uncompressed;
  }

  @Override
  public byte[] sign(byte[] hash, byte[] priv) {
    return lib.sign(hash, priv);
  }

  @Override
  public boolean verify(byte[] hash, byte[] compactLowS, Object prepared) {
    try {
      return lib.verify(compactLowS, hash, (byte[]) prepared);
    } catch (Secp256k1Exception | IllegalArgumentException e) {
      return false;
    }
  }

  @Override
  public byte[] privateKeyTweakAdd(byte[] priv, byte[] tweak) {
    try {
      // The binding writes the result into its first argument: never hand it the caller's key.
      return lib.privKeyTweakAdd(priv.clone(), tweak);
    } catch (Secp256k1Exception | IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  public byte[] publicKeyTweakAdd(byte[] uncompressed, byte[] tweak) {
    try {
      return lib.pubKeyTweakAdd(uncompressed, tweak);
    } catch (Secp256k1Exception | IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  public byte[] publicKeyMultiply(Object prepared, byte[] scalar) {
    try {
      return lib.pubKeyTweakMul((byte[]) prepared, scalar);
    } catch (Secp256k1Exception | IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  public byte[] ecdhXUntrusted(byte[] uncompressed, byte[] priv) {
    if (uncompressed.length != 65 || uncompressed[0] != 4) {
      return null;
    }
    try {
      // The binding parses (and so validates) the point with secp256k1_ec_pubkey_parse first.
      return Arrays.copyOfRange(lib.pubKeyTweakMul(uncompressed, priv), 1, 33);
    } catch (Secp256k1Exception | IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  public byte[] recoverPublicKey(byte[] compact, byte[] hash, int recId) {
    try {
      return lib.ecdsaRecover(compact, hash, recId);
    } catch (Secp256k1Exception | IllegalArgumentException e) {
      return null;
    }
  }
}
