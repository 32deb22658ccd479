package org.priwatt.script.internal;

import java.util.Arrays;
import org.priwatt.crypto.Hashes;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptError;
import org.priwatt.script.VerifyFlag;

/**
 * Handlers for the hash opcodes and the legacy signature opcodes (CHECKSIG, CHECKMULTISIG and
 * their VERIFY forms), including Core's encoding checks, FindAndDelete of the signatures from
 * the scriptCode, NULLDUMMY and NULLFAIL.
 */
final class CryptoOps {
  private static final int OP_CHECKSIGVERIFY = 0xad;
  private static final int OP_CHECKMULTISIGVERIFY = 0xaf;

  private CryptoOps() {}

  /** OP_RIPEMD160, OP_SHA1, OP_SHA256, OP_HASH160, OP_HASH256. */
  static ScriptError hash(Machine m, int op) {
    if (m.stack.size() < 1) {
      return ScriptError.INVALID_STACK_OPERATION;
    }
    byte[] in = m.stack.pop();
    byte[] out;
    switch (op) {
      case 0xa6: out = Hashes.ripemd160(in); break;
      case 0xa7: out = Hashes.sha1(in); break;
      case 0xa8: out = Hashes.sha256(in); break;
      case 0xa9: out = Hashes.hash160(in); break;
      default: out = Hashes.sha256d(in); break;
    }
    m.stack.push(out);
    return ScriptError.OK;
  }

  /** OP_CHECKSIG and OP_CHECKSIGVERIFY. */
  static ScriptError checkSig(Machine m, int op) {
    ScriptStack s = m.stack;
    if (s.size() < 2) {
      return ScriptError.INVALID_STACK_OPERATION;
    }
    byte[] sig = s.peek(2);
    byte[] key = s.peek(1);
    byte[] code = Arrays.copyOfRange(m.program, m.codeStart, m.program.length);
    byte[] cleaned = ScriptEdits.findAndDelete(code, ScriptEdits.pushOf(sig));
    if (cleaned != code && m.has(VerifyFlag.CONST_SCRIPTCODE)) {
      return ScriptError.SIG_FINDANDDELETE;
    }
    ScriptError err = checkSignatureEncoding(m, sig);
    if (err == ScriptError.OK) {
      err = checkPubKeyEncoding(m, key);
    }
    if (err != ScriptError.OK) {
      return err;
    }
    boolean ok = sig.length > 0 && m.checker.checkEcdsaSignature(sig, key, Script.fromBytes(cleaned));
    if (!ok && sig.length > 0 && m.has(VerifyFlag.NULLFAIL)) {
      return ScriptError.SIG_NULLFAIL;
    }
    s.drop(2);
    s.push(StackOps.bool(ok));
    if (op == OP_CHECKSIGVERIFY) {
      if (!ok) {
        return ScriptError.CHECKSIGVERIFY;
      }
      s.pop();
    }
    return ScriptError.OK;
  }

  /**
   * OP_CHECKMULTISIG and OP_CHECKMULTISIGVERIFY: stack is
   * {@code dummy sig1..sigM m key1..keyN n}. Signatures must appear in key order; each key is
   * tried once. The extra dummy element is consumed (the historic off-by-one), empty under
   * NULLDUMMY.
   */
  static ScriptError checkMultiSig(Machine m, int op) {
    ScriptStack s = m.stack;
    int i = 1;
    if (s.size() < i) {
      return ScriptError.INVALID_STACK_OPERATION;
    }
    long rawKeys = Num.decode(s.peek(i), m.requireMinimal, Num.DEFAULT_MAX_SIZE);
    if (rawKeys == Num.INVALID) {
      return ScriptError.SCRIPTNUM;
    }
    int keys = Num.toInt(rawKeys);
    if (keys < 0 || keys > Machine.MAX_PUBKEYS_PER_MULTISIG) {
      return ScriptError.PUBKEY_COUNT;
    }
    m.opCount += keys;
    if (m.opCount > Machine.MAX_OPS) {
      return ScriptError.OP_COUNT;
    }
    int keyDepth = ++i;
    // Elements to check for NULLFAIL: the keys and the key count are exempt.
    int nullFailExempt = keys + 2;
    i += keys;
    if (s.size() < i) {
      return ScriptError.INVALID_STACK_OPERATION;
    }
    long rawSigs = Num.decode(s.peek(i), m.requireMinimal, Num.DEFAULT_MAX_SIZE);
    if (rawSigs == Num.INVALID) {
      return ScriptError.SCRIPTNUM;
    }
    int sigs = Num.toInt(rawSigs);
    if (sigs < 0 || sigs > keys) {
      return ScriptError.SIG_COUNT;
    }
    int sigDepth = ++i;
    i += sigs;
    if (s.size() < i) {
      return ScriptError.INVALID_STACK_OPERATION;
    }
    byte[] code = Arrays.copyOfRange(m.program, m.codeStart, m.program.length);
    byte[] cleaned = code;
    for (int k = 0; k < sigs; k++) {
      byte[] next = ScriptEdits.findAndDelete(cleaned, ScriptEdits.pushOf(s.peek(sigDepth + k)));
      if (next != cleaned && m.has(VerifyFlag.CONST_SCRIPTCODE)) {
        return ScriptError.SIG_FINDANDDELETE;
      }
      cleaned = next;
    }
    Script scriptCode = null;
    boolean success = true;
    while (success && sigs > 0) {
      byte[] sig = s.peek(sigDepth);
      byte[] key = s.peek(keyDepth);
      ScriptError err = checkSignatureEncoding(m, sig);
      if (err == ScriptError.OK) {
        err = checkPubKeyEncoding(m, key);
      }
      if (err != ScriptError.OK) {
        return err;
      }
      boolean ok = false;
      if (sig.length > 0) {
        if (scriptCode == null) {
          scriptCode = Script.fromBytes(cleaned);
        }
        ok = m.checker.checkEcdsaSignature(sig, key, scriptCode);
      }
      if (ok) {
        sigDepth++;
        sigs--;
      }
      keyDepth++;
      keys--;
      // More signatures left than keys: cannot succeed any more.
      if (sigs > keys) {
        success = false;
      }
    }
    // Pop everything but the dummy, enforcing NULLFAIL on the signatures.
    while (i-- > 1) {
      if (!success && m.has(VerifyFlag.NULLFAIL) && nullFailExempt == 0 && s.peek(1).length > 0) {
        return ScriptError.SIG_NULLFAIL;
      }
      if (nullFailExempt > 0) {
        nullFailExempt--;
      }
      s.pop();
    }
    if (s.size() < 1) {
      return ScriptError.INVALID_STACK_OPERATION;
    }
    if (m.has(VerifyFlag.NULLDUMMY) && s.peek(1).length > 0) {
      return ScriptError.SIG_NULLDUMMY;
    }
    s.pop();
    s.push(StackOps.bool(success));
    if (op == OP_CHECKMULTISIGVERIFY) {
      if (!success) {
        return ScriptError.CHECKMULTISIGVERIFY;
      }
      s.pop();
    }
    return ScriptError.OK;
  }

  /** Core's CheckSignatureEncoding; an empty signature always passes (it just fails to verify). */
  static ScriptError checkSignatureEncoding(Machine m, byte[] sig) {
    if (sig.length == 0) {
      return ScriptError.OK;
    }
    boolean strict = m.has(VerifyFlag.STRICTENC);
    boolean lowS = m.has(VerifyFlag.LOW_S);
    if ((strict || lowS || m.has(VerifyFlag.DERSIG))
        && !SignatureEncoding.isValidSignatureEncoding(sig)) {
      return ScriptError.SIG_DER;
    }
    if (lowS && !SignatureEncoding.hasLowS(sig)) {
      return ScriptError.SIG_HIGH_S;
    }
    if (strict && !SignatureEncoding.isDefinedHashType(sig)) {
      return ScriptError.SIG_HASHTYPE;
    }
    return ScriptError.OK;
  }

  /** Core's CheckPubKeyEncoding for legacy scripts. */
  static ScriptError checkPubKeyEncoding(Machine m, byte[] key) {
    if (m.has(VerifyFlag.STRICTENC) && !SignatureEncoding.isCompressedOrUncompressedPubKey(key)) {
      return ScriptError.PUBKEYTYPE;
    }
    return ScriptError.OK;
  }
}
