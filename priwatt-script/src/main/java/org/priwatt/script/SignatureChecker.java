package org.priwatt.script;

/**
 * What the interpreter needs from the transaction being verified, and nothing more: the
 * interpreter knows nothing of transactions. {@code priwatt-chain} implements it for a real
 * spending transaction; tests and tools may implement it for anything else.
 *
 * <p>Encoding rules (DER, low S, hash type, public-key format) are the interpreter's business and
 * are checked before these methods are called; an implementation only answers the questions.
 */
public interface SignatureChecker {
  /**
   * Checks an ECDSA signature (DER with the hash-type byte appended, possibly laxly encoded)
   * by {@code publicKey} over the signature hash of the input under {@code scriptCode}, which
   * the interpreter has already cut at the last OP_CODESEPARATOR and cleaned with FindAndDelete.
   *
   * @return true only if the signature is valid; malformed input gives false, never an exception
   */
  boolean checkEcdsaSignature(byte[] signature, byte[] publicKey, Script scriptCode);

  /**
   * Checks OP_CHECKLOCKTIMEVERIFY (BIP 65) for a non-negative {@code lockTime} taken from the
   * stack: same kind (height or time) as the transaction's nLockTime, not greater than it, and
   * the input not final.
   */
  boolean checkLockTime(long lockTime);

  /**
   * Checks OP_CHECKSEQUENCEVERIFY (BIP 112) for a non-negative {@code sequence} taken from the
   * stack against the input's nSequence and the transaction version.
   */
  boolean checkSequence(long sequence);

  /** A checker for scripts evaluated outside any transaction: every check fails. */
  SignatureChecker NONE = new SignatureChecker() {
    @Override
    public boolean checkEcdsaSignature(byte[] signature, byte[] publicKey, Script scriptCode) {
      return false;
    }

    @Override
    public boolean checkLockTime(long lockTime) {
      return false;
    }

    @Override
    public boolean checkSequence(long sequence) {
      return false;
    }
  };
}
