package org.priwatt.chain.mempool;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.priwatt.script.Opcode;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptChunk;

/**
 * The output script templates Bitcoin Core's {@code Solver} recognises on a legacy chain.
 * Segregated-witness programs are not part of PriWatt and classify as {@link #NONSTANDARD}.
 */
public enum ScriptType {
  /** {@code <pubkey> OP_CHECKSIG}. */
  PUBKEY,
  /** {@code OP_DUP OP_HASH160 <20 bytes> OP_EQUALVERIFY OP_CHECKSIG}. */
  PUBKEYHASH,
  /** {@code OP_HASH160 <20 bytes> OP_EQUAL} (BIP 16). */
  SCRIPTHASH,
  /** {@code OP_m <pubkey>... OP_n OP_CHECKMULTISIG}, {@code 1 <= m <= n <= 16}. */
  MULTISIG,
  /** {@code OP_RETURN} followed by pushes only: provably unspendable data carrier. */
  NULL_DATA,
  /** Anything else. */
  NONSTANDARD;

  /** Classifies {@code scriptPubKey}. */
  public static ScriptType classify(Script scriptPubKey) {
    Objects.requireNonNull(scriptPubKey, "scriptPubKey");
    byte[] b = scriptPubKey.program();
    if (scriptPubKey.isPayToScriptHash()) {
      return SCRIPTHASH;
    }
    if (b.length == 25 && (b[0] & 0xff) == 0x76 && (b[1] & 0xff) == 0xa9 && b[2] == 20
        && (b[23] & 0xff) == 0x88 && (b[24] & 0xff) == 0xac) {
      return PUBKEYHASH;
    }
    if (b.length > 0 && (b[0] & 0xff) == Opcode.OP_RETURN.value()
        && scriptPubKey.subscript(1).isPushOnly()) {
      return NULL_DATA;
    }
    List<ScriptChunk> chunks = chunks(scriptPubKey);
    if (chunks == null) {
      return NONSTANDARD;
    }
    if (chunks.size() == 2 && chunks.get(0).isPushData()
        && isValidKeySize(chunks.get(0).data())
        && chunks.get(1).opcode().value() == 0xac) {
      return PUBKEY;
    }
    return multisigKeyCount(chunks) > 0 ? MULTISIG : NONSTANDARD;
  }

  /**
   * For a {@link #MULTISIG} script, {@code {m, n}}; otherwise null.
   */
  static int[] multisigShape(Script scriptPubKey) {
    List<ScriptChunk> chunks = chunks(scriptPubKey);
    int n = chunks == null ? 0 : multisigKeyCount(chunks);
    return n == 0 ? null : new int[] {smallInt(chunks.get(0)), n};
  }

  private static List<ScriptChunk> chunks(Script s) {
    List<ScriptChunk> out = new ArrayList<>();
    for (ScriptChunk c : s.chunks()) {
      if (c.isMalformed()) {
        return null;
      }
      out.add(c);
    }
    return out;
  }

  /** n if the chunks form a valid m-of-n multisig template, else 0. */
  private static int multisigKeyCount(List<ScriptChunk> chunks) {
    int size = chunks.size();
    if (size < 4 || chunks.get(size - 1).opcode().value() != 0xae) {
      return 0;
    }
    int m = smallInt(chunks.get(0));
    int n = smallInt(chunks.get(size - 2));
    if (m < 1 || n < m || n != size - 3) {
      return 0;
    }
    for (ScriptChunk key : chunks.subList(1, size - 2)) {
      if (!key.isPushData() || !isValidKeySize(key.data())) {
        return 0;
      }
    }
    return n;
  }

  /** The value of OP_1..OP_16, or 0 for any other opcode. */
  private static int smallInt(ScriptChunk c) {
    int op = c.opcode().value();
    return op >= 0x51 && op <= 0x60 ? op - 0x50 : 0;
  }

  /** Core's {@code CPubKey::ValidSize}: the header byte agrees with the length. */
  private static boolean isValidKeySize(byte[] key) {
    if (key.length == 33) {
      return key[0] == 0x02 || key[0] == 0x03;
    }
    if (key.length == 65) {
      return key[0] == 0x04 || key[0] == 0x06 || key[0] == 0x07;
    }
    return false;
  }
}
