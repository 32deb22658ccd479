package org.priwatt.script;

import java.io.ByteArrayOutputStream;
import org.priwatt.crypto.Hashes;

/**
 * Test-only signature checker for the fixed transaction pair that script_tests.json assumes
 * (vectors README): a crediting transaction paying 0 to the scriptPubKey and a spending
 * transaction (version 1, one input with sequence 0xffffffff, one empty output, lock time 0).
 * It computes Bitcoin's legacy signature hash for that one shape only; the general transaction
 * code lives in priwatt-chain, which this module cannot depend on.
 */
final class VectorTransactionChecker implements SignatureChecker {
  private static final int SIGHASH_NONE = 2;
  private static final int SIGHASH_ANYONECANPAY = 0x80;

  private final byte[] creditTxId;

  VectorTransactionChecker(Script scriptPubKey) {
    ByteArrayOutputStream tx = new ByteArrayOutputStream();
    int32(tx, 1);
    tx.write(1);
    tx.writeBytes(new byte[32]);
    int32(tx, -1);
    tx.write(2);
    tx.write(0); // scriptSig OP_0 OP_0
    tx.write(0);
    int32(tx, -1);
    tx.write(1);
    tx.writeBytes(new byte[8]); // value 0
    script(tx, scriptPubKey.program(), scriptPubKey.length());
    int32(tx, 0);
    creditTxId = Hashes.sha256d(tx.toByteArray());
  }

  byte[] signatureHash(Script scriptCode, int hashType) {
    ByteArrayOutputStream tx = new ByteArrayOutputStream();
    int32(tx, 1);
    tx.write(1); // one input, with or without ANYONECANPAY
    tx.writeBytes(creditTxId);
    int32(tx, 0);
    // Core prefixes the length minus the separators, even if the script ends in a bad push.
    int separators = 0;
    for (ScriptChunk c : scriptCode.chunks()) {
      if (!c.isMalformed() && c.opcode() == Opcode.OP_CODESEPARATOR) {
        separators++;
      }
    }
    byte[] code = scriptCode.withoutCodeSeparators().program();
    script(tx, code, scriptCode.length() - separators);
    int32(tx, -1);
    int base = hashType & ~SIGHASH_ANYONECANPAY;
    if (base == SIGHASH_NONE) {
      tx.write(0);
    } else {
      tx.write(1); // SINGLE for input 0 keeps output 0, as ALL does
      tx.writeBytes(new byte[8]);
      tx.write(0);
    }
    int32(tx, 0);
    int32(tx, hashType);
    return Hashes.sha256d(tx.toByteArray());
  }

  @Override
  public boolean checkEcdsaSignature(byte[] signature, byte[] publicKey, Script scriptCode) {
    return ToySignatures.verifyLax(signature, publicKey,
        hashType -> signatureHash(scriptCode, hashType));
  }

  @Override
  public boolean checkLockTime(long lockTime) {
    return false; // the input's sequence is final
  }

  @Override
  public boolean checkSequence(long sequence) {
    return false; // version 1 transactions have no relative lock times
  }

  private static void int32(ByteArrayOutputStream out, int v) {
    for (int i = 0; i < 4; i++) {
      out.write(v >>> (8 * i));
    }
  }

  private static void script(ByteArrayOutputStream out, byte[] bytes, int declaredLength) {
    if (declaredLength < 0xfd) {
      out.write(declaredLength);
    } else {
      out.write(0xfd);
      out.write(declaredLength);
      out.write(declaredLength >>> 8);
    }
    out.writeBytes(bytes);
  }
}
