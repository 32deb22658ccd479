package org.priwatt.chain;

import java.util.Arrays;
import java.util.Objects;
import org.priwatt.crypto.CryptoException;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.crypto.EcdsaSignature;
import org.priwatt.script.Script;
import org.priwatt.script.SignatureChecker;

/**
 * Answers the interpreter's signature and lock-time questions for one input of a real
 * transaction, as Bitcoin Core's {@code GenericTransactionSignatureChecker} does for legacy
 * scripts.
 *
 * <p>Signatures are parsed with the lax pre-BIP 66 DER parser and verified accepting high S
 * (stricter encodings are the interpreter's flags' business); public keys with the lax parser
 * (hybrid keys included). Any malformed input yields {@code false}, never an exception.
 * Immutable and thread-safe.
 */
public final class TransactionSignatureChecker implements SignatureChecker {
  /** nLockTime values below this are block heights, others UNIX times (BIP 65). */
  public static final long LOCKTIME_THRESHOLD = 500_000_000L;

  private final SignatureHasher hasher;
  private final Transaction tx;
  private final int inputIndex;

  private TransactionSignatureChecker(SignatureHasher hasher, int inputIndex) {
    this.hasher = hasher;
    this.tx = hasher.transaction();
    this.inputIndex = Objects.checkIndex(inputIndex, tx.inputs().size());
  }

  /**
   * Returns a checker for input {@code inputIndex} of {@code tx}.
   *
   * @throws IndexOutOfBoundsException if the input does not exist
   */
  public static TransactionSignatureChecker of(Transaction tx, int inputIndex) {
    return new TransactionSignatureChecker(SignatureHasher.of(tx), inputIndex);
  }

  /**
   * Returns a checker sharing {@code hasher}'s precomputed layout: use one hasher for all the
   * inputs of a transaction.
   *
   * @throws IndexOutOfBoundsException if the input does not exist
   */
  public static TransactionSignatureChecker of(SignatureHasher hasher, int inputIndex) {
    return new TransactionSignatureChecker(Objects.requireNonNull(hasher, "hasher"), inputIndex);
  }

  /** The index of the input this checker answers for. */
  public int inputIndex() {
    return inputIndex;
  }

  @Override
  public boolean checkEcdsaSignature(byte[] signature, byte[] publicKey, Script scriptCode) {
    EcPublicKey key;
    EcdsaSignature sig;
    if (signature == null || publicKey == null || signature.length == 0) {
      return false;
    }
    try {
      key = EcPublicKey.decodeLax(publicKey);
      sig = EcdsaSignature.decodeDerLax(Arrays.copyOf(signature, signature.length - 1));
    } catch (CryptoException e) {
      return false;
    }
    int hashType = signature[signature.length - 1] & 0xff;
    return key.verify(hasher.legacyHash(inputIndex, scriptCode, hashType), sig);
  }

  /** BIP 65 as in Core's {@code CheckLockTime}. */
  @Override
  public boolean checkLockTime(long lockTime) {
    long txLockTime = tx.lockTime();
    boolean sameKind = (txLockTime < LOCKTIME_THRESHOLD && lockTime < LOCKTIME_THRESHOLD)
        || (txLockTime >= LOCKTIME_THRESHOLD && lockTime >= LOCKTIME_THRESHOLD);
    if (!sameKind || lockTime > txLockTime) {
      return false;
    }
    // A final input would let the transaction bypass nLockTime altogether.
    return tx.input(inputIndex).sequence() != TxInput.SEQUENCE_FINAL;
  }

  /** BIP 112 as in Core's {@code CheckSequence}. */
  @Override
  public boolean checkSequence(long sequence) {
    long txSequence = tx.input(inputIndex).sequence();
    // Core compares the version as unsigned: negative versions count as >= 2.
    if (Integer.toUnsignedLong(tx.version()) < 2) {
      return false;
    }
    if ((txSequence & TxInput.SEQUENCE_LOCKTIME_DISABLE_FLAG) != 0) {
      return false;
    }
    long mask = TxInput.SEQUENCE_LOCKTIME_TYPE_FLAG | TxInput.SEQUENCE_LOCKTIME_MASK;
    long txMasked = txSequence & mask;
    long masked = sequence & mask;
    long type = TxInput.SEQUENCE_LOCKTIME_TYPE_FLAG;
    boolean sameKind = (txMasked < type && masked < type) || (txMasked >= type && masked >= type);
    return sameKind && masked <= txMasked;
  }
}
