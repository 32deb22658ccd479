package org.priwatt.chain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.Hashes;
import org.priwatt.script.MultisigScript;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptBuilder;
import org.priwatt.script.ScriptChunk;
import org.priwatt.script.ScriptTemplates;

/**
 * Signs inputs spending P2PKH outputs and P2SH outputs locked by a bare m-of-n multisig redeem
 * script (PriWatt's 2-of-3 escrow between buyer, seller and the DSO as arbiter).
 *
 * <p>Multisig inputs may be signed by one party at a time: each call adds the caller's signature
 * to whatever the input's scriptSig already holds and returns a new transaction, which can
 * travel to the next signer as plain bytes. The scriptSig always has the form {@code OP_0
 * <sig>... <redeemScript>} with the signatures sorted into the order of their keys in the redeem
 * script, as OP_CHECKMULTISIG requires, so the DSO can sign first in a dispute and either
 * trading party complete it. Every existing signature is verified before it is kept, and a
 * complete input is verified against the spent scriptPubKey before the transaction is returned.
 *
 * <p>Signatures are RFC 6979 deterministic, low S, strict DER. Stateless and thread-safe; keys
 * are only used, never stored.
 */
public final class TransactionSigner {
  private TransactionSigner() {}

  /**
   * Signs input {@code inputIndex}, which spends the P2PKH output {@code prevScriptPubKey},
   * with SIGHASH_ALL.
   *
   * @throws ChainException {@link ChainError#UNSUPPORTED_SCRIPT} if {@code prevScriptPubKey} is
   *     not P2PKH, {@link ChainError#KEY_NOT_IN_SCRIPT} if {@code key} does not hash to it,
   *     {@link ChainError#VERIFICATION_FAILED} if the result does not verify
   * @throws IndexOutOfBoundsException if the input does not exist
   */
  public static Transaction signP2pkh(Transaction tx, int inputIndex, Script prevScriptPubKey,
      EcKey key) throws ChainException {
    return signP2pkh(tx, inputIndex, prevScriptPubKey, key, SignatureHasher.SIGHASH_ALL);
  }

  /**
   * As {@link #signP2pkh(Transaction, int, Script, EcKey)} with an explicit hash type (one byte,
   * e.g. {@code SIGHASH_SINGLE | SIGHASH_ANYONECANPAY}).
   *
   * @throws IllegalArgumentException if {@code hashType} is not in {@code [0, 255]}
   */
  public static Transaction signP2pkh(Transaction tx, int inputIndex, Script prevScriptPubKey,
      EcKey key, int hashType) throws ChainException {
    checkHashType(hashType);
    Objects.checkIndex(inputIndex, tx.inputs().size());
    byte[] hash = ScriptTemplates.p2pkhHash(prevScriptPubKey).orElseThrow(
        () -> new ChainException(ChainError.UNSUPPORTED_SCRIPT, "not a P2PKH scriptPubKey"));
    byte[] pubKey = key.publicKey().encoded();
    if (!Arrays.equals(Hashes.hash160(pubKey), hash)) {
      throw new ChainException(ChainError.KEY_NOT_IN_SCRIPT, "key does not match the P2PKH hash");
    }
    byte[] sig = sign(SignatureHasher.of(tx), inputIndex, prevScriptPubKey, key, hashType);
    Transaction signed = tx.toBuilder()
        .setScriptSig(inputIndex, ScriptBuilder.create().data(sig).data(pubKey).build()).build();
    InputVerification.requireValid(signed, inputIndex, prevScriptPubKey);
    return signed;
  }

  /**
   * Adds {@code key}'s SIGHASH_ALL signature to input {@code inputIndex}, which spends the P2SH
   * output of {@code redeemScript}, keeping the signatures already there.
   *
   * @return the transaction with the merged scriptSig; complete once it holds m signatures
   * @throws ChainException {@link ChainError#UNSUPPORTED_SCRIPT} if {@code redeemScript} is not
   *     bare multisig, {@link ChainError#KEY_NOT_IN_SCRIPT} if {@code key} is not one of its
   *     keys, {@link ChainError#MALFORMED_SCRIPT_SIG} if the existing scriptSig is not {@code
   *     OP_0 <sig>... <redeemScript>}, {@link ChainError#INVALID_EXISTING_SIGNATURE} if a
   *     signature there verifies for none of the keys, {@link ChainError#VERIFICATION_FAILED} if
   *     the completed input does not verify
   */
  public static Transaction signMultisig(Transaction tx, int inputIndex, Script redeemScript,
      EcKey key) throws ChainException {
    return signMultisig(tx, inputIndex, redeemScript, key, SignatureHasher.SIGHASH_ALL);
  }

  /**
   * As {@link #signMultisig(Transaction, int, Script, EcKey)} with an explicit one-byte hash type.
   *
   * @throws IllegalArgumentException if {@code hashType} is not in {@code [0, 255]}
   */
  public static Transaction signMultisig(Transaction tx, int inputIndex, Script redeemScript,
      EcKey key, int hashType) throws ChainException {
    checkHashType(hashType);
    Objects.checkIndex(inputIndex, tx.inputs().size());
    MultisigScript ms = multisig(redeemScript);
    int keyIndex = ms.indexOf(key.publicKey().encoded());
    if (keyIndex < 0) {
      throw new ChainException(ChainError.KEY_NOT_IN_SCRIPT, "key is not in the redeem script");
    }
    SignatureHasher hasher = SignatureHasher.of(tx);
    byte[][] byKey = existingSignatures(hasher, inputIndex, redeemScript, ms);
    byKey[keyIndex] = sign(hasher, inputIndex, redeemScript, key, hashType);
    List<byte[]> sigs = new ArrayList<>();
    for (byte[] sig : byKey) {
      if (sig != null && sigs.size() < ms.required()) {
        sigs.add(sig);
      }
    }
    Transaction signed = tx.toBuilder().setScriptSig(inputIndex,
        ScriptTemplates.p2shMultisigScriptSig(sigs, redeemScript)).build();
    if (sigs.size() >= ms.required()) {
      InputVerification.requireValid(signed, inputIndex, ScriptTemplates.p2shOf(redeemScript));
    }
    return signed;
  }

  /**
   * {@code key}'s SIGHASH_ALL signature (strict DER, low S, hash-type byte appended) for input
   * {@code inputIndex} spending the P2SH output of {@code redeemScript}, without placing it in the
   * transaction: what one party of a multisig sends another, who checks it with {@link
   * #verifiesMultisigSignature} and completes the input with {@link #signMultisig} after {@link
   * #withMultisigSignature}.
   *
   * @throws ChainException {@link ChainError#UNSUPPORTED_SCRIPT} if {@code redeemScript} is not
   *     bare multisig, {@link ChainError#KEY_NOT_IN_SCRIPT} if {@code key} is not one of its keys
   */
  public static byte[] multisigSignature(Transaction tx, int inputIndex, Script redeemScript, EcKey key)
      throws ChainException {
    Objects.checkIndex(inputIndex, tx.inputs().size());
    if (multisig(redeemScript).indexOf(key.publicKey().encoded()) < 0) {
      throw new ChainException(ChainError.KEY_NOT_IN_SCRIPT, "key is not in the redeem script");
    }
    return sign(SignatureHasher.of(tx), inputIndex, redeemScript, key, SignatureHasher.SIGHASH_ALL);
  }

  /**
   * Whether {@code signature} is a valid SIGHASH_ALL signature by {@code publicKey} (as encoded in
   * {@code redeemScript}) for input {@code inputIndex}: the check a party makes before it
   * completes a transaction with a counterpart's signature. Other hash types are refused, so the
   * signature commits to every input and output. Never throws on hostile bytes.
   */
  public static boolean verifiesMultisigSignature(Transaction tx, int inputIndex, Script redeemScript,
      byte[] publicKey, byte[] signature) {
    Objects.checkIndex(inputIndex, tx.inputs().size());
    if (signature.length < 2 || signature[signature.length - 1] != SignatureHasher.SIGHASH_ALL) {
      return false;
    }
    Optional<MultisigScript> ms = ScriptTemplates.parseMultisig(redeemScript);
    if (ms.isEmpty() || ms.get().indexOf(publicKey) < 0) {
      return false;
    }
    return TransactionSignatureChecker.of(tx, inputIndex).checkEcdsaSignature(signature, publicKey, redeemScript);
  }

  /**
   * {@code tx} with input {@code inputIndex}'s scriptSig set to {@code OP_0 <signature>
   * <redeemScript>}: one party's signature, ready for {@link #signMultisig} to verify it and add
   * the second.
   */
  public static Transaction withMultisigSignature(Transaction tx, int inputIndex, Script redeemScript,
      byte[] signature) {
    Objects.checkIndex(inputIndex, tx.inputs().size());
    return tx.toBuilder().setScriptSig(inputIndex,
        ScriptTemplates.p2shMultisigScriptSig(List.of(signature.clone()), redeemScript)).build();
  }

  /**
   * Counts the valid signatures input {@code inputIndex} already holds for {@code redeemScript}.
   *
   * @throws ChainException as {@link #signMultisig(Transaction, int, Script, EcKey)} for a bad
   *     redeem script or scriptSig
   */
  public static int multisigSignatureCount(Transaction tx, int inputIndex, Script redeemScript)
      throws ChainException {
    Objects.checkIndex(inputIndex, tx.inputs().size());
    MultisigScript ms = multisig(redeemScript);
    int n = 0;
    for (byte[] sig : existingSignatures(SignatureHasher.of(tx), inputIndex, redeemScript, ms)) {
      n += sig == null ? 0 : 1;
    }
    return n;
  }

  /**
   * Whether input {@code inputIndex} holds the m signatures {@code redeemScript} requires.
   *
   * @throws ChainException as {@link #multisigSignatureCount}
   */
  public static boolean isMultisigComplete(Transaction tx, int inputIndex, Script redeemScript)
      throws ChainException {
    return multisigSignatureCount(tx, inputIndex, redeemScript) >= multisig(redeemScript)
        .required();
  }

  private static MultisigScript multisig(Script redeemScript) throws ChainException {
    return ScriptTemplates.parseMultisig(redeemScript).orElseThrow(() -> new ChainException(
        ChainError.UNSUPPORTED_SCRIPT, "redeem script is not bare multisig"));
  }

  /** The verified signatures in the scriptSig, indexed by the key each verifies for. */
  private static byte[][] existingSignatures(SignatureHasher hasher, int inputIndex,
      Script redeemScript, MultisigScript ms) throws ChainException {
    byte[][] byKey = new byte[ms.keyCount()][];
    Script scriptSig = hasher.transaction().input(inputIndex).scriptSig();
    if (scriptSig.length() == 0) {
      return byKey;
    }
    Optional<List<byte[]>> parsed = pushedData(scriptSig);
    if (parsed.isEmpty() || parsed.get().size() < 2
        || parsed.get().get(0).length != 0
        || !Arrays.equals(parsed.get().get(parsed.get().size() - 1), redeemScript.program())) {
      throw new ChainException(ChainError.MALFORMED_SCRIPT_SIG,
          "expected OP_0 <sig>... <redeemScript> in input " + inputIndex);
    }
    List<byte[]> items = parsed.get();
    TransactionSignatureChecker checker = TransactionSignatureChecker.of(hasher, inputIndex);
    List<byte[]> keys = ms.keys();
    for (byte[] sig : items.subList(1, items.size() - 1)) {
      if (sig.length == 0) {
        continue; // a placeholder left by another wallet for a missing signature
      }
      int match = -1;
      for (int k = 0; k < keys.size() && match < 0; k++) {
        if (checker.checkEcdsaSignature(sig, keys.get(k), redeemScript)) {
          match = k;
        }
      }
      if (match < 0) {
        throw new ChainException(ChainError.INVALID_EXISTING_SIGNATURE,
            "a signature in input " + inputIndex + " verifies for no key of the redeem script");
      }
      byKey[match] = sig;
    }
    return byKey;
  }

  /** The data of each push in {@code s}, or empty if it holds any other opcode. */
  private static Optional<List<byte[]>> pushedData(Script s) {
    List<byte[]> out = new ArrayList<>();
    for (ScriptChunk chunk : s.chunks()) {
      if (!chunk.isPushData()) {
        return Optional.empty();
      }
      out.add(chunk.data());
    }
    return Optional.of(out);
  }

  private static byte[] sign(SignatureHasher hasher, int inputIndex, Script scriptCode,
      EcKey key, int hashType) {
    byte[] der = key.sign(hasher.legacyHash(inputIndex, scriptCode, hashType)).encodeDer();
    byte[] sig = Arrays.copyOf(der, der.length + 1);
    sig[der.length] = (byte) hashType;
    return sig;
  }

  private static void checkHashType(int hashType) {
    if (hashType < 0 || hashType > 0xff) {
      throw new IllegalArgumentException("hash type must be one byte, got " + hashType);
    }
  }
}
