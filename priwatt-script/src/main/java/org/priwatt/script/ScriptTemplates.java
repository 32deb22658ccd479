package org.priwatt.script;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.crypto.Hashes;
import org.priwatt.script.internal.ScriptTokenizer;
import org.priwatt.script.internal.SignatureEncoding;

/**
 * Builders and recognisers for the standard script shapes PriWatt uses: P2PKH and P2SH (paper
 * section 2.4), bare multisig (section 2.5), OP_RETURN data carriers and the PriWatt 2-of-3
 * escrow redeem script with the DSO as mediator (paper equation 7). Recognisers never throw on
 * arbitrary input.
 */
public final class ScriptTemplates {
  /** Length of HASH160 digests (public-key and script hashes). */
  public static final int HASH160_LENGTH = 20;
  /** Most keys a CHECKMULTISIG accepts. */
  public static final int MAX_MULTISIG_KEYS = 20;

  private ScriptTemplates() {}

  // ---- P2PK / P2PKH --------------------------------------------------------------------------

  /**
   * {@code OP_DUP OP_HASH160 <pubKeyHash> OP_EQUALVERIFY OP_CHECKSIG}.
   *
   * @throws IllegalArgumentException if {@code pubKeyHash} is not 20 bytes
   */
  public static Script p2pkh(byte[] pubKeyHash) {
    checkHash(pubKeyHash);
    return ScriptBuilder.create().op(Opcode.OP_DUP).op(Opcode.OP_HASH160).data(pubKeyHash)
        .op(Opcode.OP_EQUALVERIFY).op(Opcode.OP_CHECKSIG).build();
  }

  /** True for the exact 25-byte P2PKH pattern. */
  public static boolean isP2pkh(Script s) {
    byte[] p = s.bytes();
    return p.length == 25 && (p[0] & 0xff) == 0x76 && (p[1] & 0xff) == 0xa9 && p[2] == 0x14
        && (p[23] & 0xff) == 0x88 && (p[24] & 0xff) == 0xac;
  }

  /** The public-key hash of a P2PKH script. */
  public static Optional<byte[]> p2pkhHash(Script s) {
    return isP2pkh(s) ? Optional.of(Arrays.copyOfRange(s.bytes(), 3, 23)) : Optional.empty();
  }

  /**
   * {@code <pubKey> OP_CHECKSIG}.
   *
   * @throws IllegalArgumentException if {@code pubKey} is not a 33/65-byte SEC encoding
   */
  public static Script p2pk(byte[] pubKey) {
    return ScriptBuilder.create().data(checkPubKey(pubKey)).op(Opcode.OP_CHECKSIG).build();
  }

  /**
   * True for a direct push of a 33- or 65-byte key followed by OP_CHECKSIG, the key's prefix
   * agreeing with its size as Core's Solver requires ({@code CPubKey::ValidSize}, which admits the
   * hybrid prefixes 06/07).
   */
  public static boolean isP2pk(Script s) {
    byte[] p = s.bytes();
    int n = p.length - 2;
    return (n == 33 || n == 65) && (p[0] & 0xff) == n && (p[p.length - 1] & 0xff) == 0xac
        && hasValidKeySize(p, 1, n);
  }

  // ---- P2SH -------------------------------------------------------------------------------

  /**
   * {@code OP_HASH160 <scriptHash> OP_EQUAL} (BIP 16).
   *
   * @throws IllegalArgumentException if {@code scriptHash} is not 20 bytes
   */
  public static Script p2sh(byte[] scriptHash) {
    checkHash(scriptHash);
    return ScriptBuilder.create().op(Opcode.OP_HASH160).data(scriptHash).op(Opcode.OP_EQUAL)
        .build();
  }

  /** The P2SH output paying to {@code redeemScript}: HASH160 of its bytes. */
  public static Script p2shOf(Script redeemScript) {
    return p2sh(Hashes.hash160(redeemScript.bytes()));
  }

  /** True for the exact 23-byte P2SH pattern. */
  public static boolean isP2sh(Script s) {
    return s.isPayToScriptHash();
  }

  /** The script hash of a P2SH script. */
  public static Optional<byte[]> p2shHash(Script s) {
    return isP2sh(s) ? Optional.of(Arrays.copyOfRange(s.bytes(), 2, 22)) : Optional.empty();
  }

  // ---- Multisig ---------------------------------------------------------------------------

  /**
   * {@code OP_m <key1> ... <keyN> OP_n OP_CHECKMULTISIG}, keys in the given order (signatures
   * must follow the same order). m and n above 16 are pushed as script numbers.
   *
   * @throws IllegalArgumentException unless {@code 1 <= required <= keys.size() <= 20} and every
   *     key is a 33/65-byte SEC encoding
   */
  public static Script multisig(int required, List<byte[]> keys) {
    MultisigScript.requireKeys(keys);
    if (keys.size() > MAX_MULTISIG_KEYS || required < 1 || required > keys.size()) {
      throw new IllegalArgumentException(
          "need 1 <= m <= n <= 20, got m=" + required + " n=" + keys.size());
    }
    ScriptBuilder b = ScriptBuilder.create().number(required);
    for (byte[] k : keys) {
      b.data(checkPubKey(k));
    }
    return b.number(keys.size()).op(Opcode.OP_CHECKMULTISIG).build();
  }

  /**
   * Parses a bare multisig script as Core's Solver does: m, then SEC keys of plausible size, then
   * n equal to the key count with {@code 1 <= m <= n <= 20}, then OP_CHECKMULTISIG at the end.
   */
  public static Optional<MultisigScript> parseMultisig(Script s) {
    byte[] p = s.bytes();
    if (p.length < 3 || (p[p.length - 1] & 0xff) != 0xae) {
      return Optional.empty();
    }
    ScriptTokenizer tok = new ScriptTokenizer(p);
    if (!tok.next()) {
      return Optional.empty();
    }
    int required = smallNumber(tok);
    List<byte[]> keys = new ArrayList<>();
    int count = -1;
    while (tok.next()) {
      if (tok.opcode() <= ScriptTokenizer.OP_PUSHDATA4
          && hasValidKeySize(p, tok.dataOffset(), tok.dataLength())) {
        keys.add(tok.data());
        continue;
      }
      count = smallNumber(tok);
      break;
    }
    if (required < 1 || count < required || count != keys.size() || count > MAX_MULTISIG_KEYS
        || tok.position() != p.length - 1) {
      return Optional.empty();
    }
    return Optional.of(MultisigScript.of(required, keys));
  }

  /** Decodes OP_1..OP_16 or a minimal number push of 17..20; -1 for anything else. */
  private static int smallNumber(ScriptTokenizer tok) {
    int op = tok.opcode();
    if (op >= 0x51 && op <= 0x60) {
      return op - 0x50;
    }
    if (op == 1 && tok.dataLength() == 1) {
      int v = tok.data()[0];
      return v > 16 && v <= MAX_MULTISIG_KEYS ? v : -1;
    }
    return -1;
  }

  /**
   * Core's CPubKey::ValidSize for the {@code len} bytes at {@code offset}: 33 bytes for prefix
   * 02/03, 65 for 04/06/07.
   */
  private static boolean hasValidKeySize(byte[] p, int offset, int len) {
    if (len == 0) {
      return false;
    }
    int prefix = p[offset] & 0xff;
    if (prefix == 2 || prefix == 3) {
      return len == 33;
    }
    return (prefix == 4 || prefix == 6 || prefix == 7) && len == 65;
  }

  /**
   * The P2SH scriptSig spending a multisig redeem script: {@code OP_0 <sig>... <redeemScript>}.
   * The leading OP_0 is CHECKMULTISIG's dummy (empty, as NULLDUMMY requires); signatures must be
   * in key order.
   */
  public static Script p2shMultisigScriptSig(List<byte[]> signatures, Script redeemScript) {
    Objects.requireNonNull(signatures, "signatures");
    ScriptBuilder b = ScriptBuilder.create().op(Opcode.OP_0);
    for (byte[] sig : signatures) {
      b.data(Objects.requireNonNull(sig, "signature"));
    }
    return b.data(redeemScript.bytes()).build();
  }

  // ---- PriWatt escrow ---------------------------------------------------------------------

  /**
   * The PriWatt 2-of-3 escrow redeem script (paper equation 7); the same as {@link
   * EscrowKeys#redeemScript()}.
   */
  public static Script escrowRedeemScript(EscrowKeys keys) {
    return keys.redeemScript();
  }

  /** Recognises an escrow redeem script under {@link EscrowKeys}' one policy; the same as {@link EscrowKeys#parse}. */
  public static Optional<EscrowKeys> parseEscrow(Script s) {
    return EscrowKeys.parse(s);
  }

  /** {@code OP_DUP OP_HASH160 <HASH160(compressed key)> OP_EQUALVERIFY OP_CHECKSIG}. */
  public static Script p2pkhOf(EcPublicKey key) {
    return p2pkh(key.withCompression(true).hash160());
  }

  // ---- OP_RETURN --------------------------------------------------------------------------

  /** {@code OP_RETURN <data>} (Core's {@code << vector} push; empty data gives OP_RETURN OP_0). */
  public static Script opReturn(byte[] data) {
    return ScriptBuilder.create().op(Opcode.OP_RETURN).data(data).build();
  }

  /** Core's NULL_DATA: OP_RETURN followed by a push-only, well-formed remainder. */
  public static boolean isOpReturn(Script s) {
    byte[] p = s.bytes();
    return p.length >= 1 && (p[0] & 0xff) == 0x6a
        && Script.wrap(Arrays.copyOfRange(p, 1, p.length)).isPushOnly();
  }

  // ---- Classification ---------------------------------------------------------------------

  /** Classifies an output script; never throws. */
  public static ScriptType classify(Script s) {
    if (isP2sh(s)) {
      return ScriptType.P2SH;
    }
    if (isP2pkh(s)) {
      return ScriptType.P2PKH;
    }
    if (isP2pk(s)) {
      return ScriptType.P2PK;
    }
    if (isOpReturn(s)) {
      return ScriptType.NULL_DATA;
    }
    if (parseMultisig(s).isPresent()) {
      return ScriptType.MULTISIG;
    }
    return ScriptType.NONSTANDARD;
  }

  static byte[] checkPubKey(byte[] key) {
    Objects.requireNonNull(key, "key");
    if (!SignatureEncoding.isCompressedOrUncompressedPubKey(key)) {
      throw new IllegalArgumentException("not a 33/65-byte SEC public key (" + key.length
          + " bytes)");
    }
    return key;
  }

  private static void checkHash(byte[] hash) {
    Objects.requireNonNull(hash, "hash");
    if (hash.length != HASH160_LENGTH) {
      throw new IllegalArgumentException("hash must be 20 bytes, got " + hash.length);
    }
  }
}
