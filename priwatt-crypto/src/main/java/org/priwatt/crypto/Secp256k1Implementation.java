package org.priwatt.crypto;

/** The two interchangeable secp256k1 implementations. */
public enum Secp256k1Implementation {
  /** libsecp256k1 (Bitcoin Core's library) through ACINQ's JNI binding: about 3× faster. */
  NATIVE,
  /** Bouncy Castle's pure-Java custom curve: runs anywhere a JVM runs. */
  BOUNCY_CASTLE
}
