package org.priwatt.script;

import java.util.Arrays;
import java.util.function.IntFunction;
import org.priwatt.crypto.CryptoException;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.crypto.EcdsaSignature;
import org.priwatt.crypto.Hashes;

/**
 * Real ECDSA over a toy message (SHA-256 of the scriptCode and hash type) instead of a
 * transaction's signature hash: enough to exercise the interpreter's signature paths, including
 * FindAndDelete and OP_CODESEPARATOR, which both change the scriptCode and so the message.
 */
final class ToySignatures implements SignatureChecker {
  static final int SIGHASH_ALL = 1;

  static EcKey key(int seed) {
    byte[] priv = new byte[32];
    priv[31] = (byte) seed;
    priv[0] = 1;
    try {
      return EcKey.fromPrivate(priv);
    } catch (CryptoException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] message(Script scriptCode, int hashType) {
    byte[] code = scriptCode.withoutCodeSeparators().program();
    byte[] msg = Arrays.copyOf(code, code.length + 1);
    msg[code.length] = (byte) hashType;
    return Hashes.sha256(msg);
  }

  /** DER signature plus hash-type byte over {@code scriptCode}. */
  static byte[] sign(EcKey key, Script scriptCode) {
    byte[] der = key.sign(message(scriptCode, SIGHASH_ALL)).encodeDer();
    byte[] out = Arrays.copyOf(der, der.length + 1);
    out[der.length] = SIGHASH_ALL;
    return out;
  }

  @Override
  public boolean checkEcdsaSignature(byte[] signature, byte[] publicKey, Script scriptCode) {
    return verifyLax(signature, publicKey, hashType -> message(scriptCode, hashType));
  }

  /**
   * The legacy-consensus check both test checkers make: the last byte of {@code signature} is
   * the hash type (unsigned, as in Core's vectors), the rest lax DER, the key parsed laxly, and
   * {@code sighash} gives the hash signed for a hash type. False for anything that does not parse.
   */
  static boolean verifyLax(byte[] signature, byte[] publicKey, IntFunction<byte[]> sighash) {
    if (signature.length == 0) {
      return false;
    }
    try {
      EcdsaSignature sig = EcdsaSignature.decodeDerLax(
          Arrays.copyOf(signature, signature.length - 1));
      EcPublicKey key = EcPublicKey.decodeLax(publicKey);
      return key.verify(sighash.apply(signature[signature.length - 1] & 0xff), sig);
    } catch (CryptoException e) {
      return false;
    }
  }

  @Override
  public boolean checkLockTime(long lockTime) {
    return lockTime <= 500;
  }

  @Override
  public boolean checkSequence(long sequence) {
    return sequence <= 10;
  }
}
