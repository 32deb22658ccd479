package org.priwatt.crypto.internal;

import java.util.Arrays;
import org.priwatt.crypto.Hex;

/**
 * A known-answer test run when a backend is loaded, so a broken native library is caught at
 * start-up and the pure-Java backend used instead, rather than failing on the first signature.
 */
final class SelfTest {
  // Private key 1: the public key is G itself; signature of SHA-256("") under RFC 6979.
  private static final byte[] KEY = Hex.decode(
      "0000000000000000000000000000000000000000000000000000000000000001");
  private static final byte[] G = Hex.decode(
      "0479be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"
          + "483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8");

  private SelfTest() {}

  static void run(CurveBackend backend) {
    byte[] pub = backend.createPublicKey(KEY);
    if (!Arrays.equals(pub, G)) {
      throw new IllegalStateException(backend.name() + " failed the public-key self-test");
    }
    byte[] hash = new byte[32];
    byte[] sig = backend.sign(hash, KEY);
    if (!backend.verify(hash, sig, backend.preparePublicKey(pub))) {
      throw new IllegalStateException(backend.name() + " failed the signature self-test");
    }
  }
}
