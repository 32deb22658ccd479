package org.priwatt.energy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.priwatt.crypto.CryptoException;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.crypto.Hashes;
import org.priwatt.script.Opcode;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptBuilder;

/**
 * The scripts of a Case 1 trade (paper eq. 7): the 2-of-3 escrow redeem script {@code OP_2
 * <pubKeyD> <pubKeyB> <pubKeyA> OP_3 OP_CHECKMULTISIG} (DSO first, then seller, then buyer, all
 * 33-byte compressed), its P2SH scriptPubKey (BIP 16), P2PKH, and the payment commitment output
 * {@code OP_RETURN <"PWE1" ‖ entryId>} that lets anyone see that an offer was paid (Algorithm 1
 * MATCH) without learning the secret. Stateless.
 */
public final class EscrowScripts {
  /** Prefix of the 36-byte commitment push. */
  private static final byte[] COMMITMENT_TAG = "PWE1".getBytes(StandardCharsets.US_ASCII);
  /** Byte length of the escrow redeem script: OP_2, three 34-byte key pushes, OP_3, CHECKMULTISIG. */
  public static final int REDEEM_SCRIPT_LENGTH = 1 + 3 * 34 + 2;

  /** The three keys of an escrow redeem script, in script order. */
  public record EscrowKeys(EcPublicKey dso, EcPublicKey seller, EcPublicKey buyer) {
    /** Validates non-null keys. */
    public EscrowKeys {
      Objects.requireNonNull(dso, "dso");
      Objects.requireNonNull(seller, "seller");
      Objects.requireNonNull(buyer, "buyer");
    }
  }

  private EscrowScripts() {}

  /** The redeem script of eq. 7 with compressed keys. */
  public static Script redeemScript(EcPublicKey dso, EcPublicKey seller, EcPublicKey buyer) {
    return ScriptBuilder.create().op(Opcode.OP_2)
        .data(dso.compressedEncoding()).data(seller.compressedEncoding()).data(buyer.compressedEncoding())
        .op(Opcode.OP_3).op(Opcode.OP_CHECKMULTISIG).build();
  }

  /**
   * The keys of {@code redeem} if it is exactly an eq. 7 script with three valid, distinct,
   * compressed keys; empty otherwise (never throws on hostile input).
   */
  public static Optional<EscrowKeys> parse(Script redeem) {
    byte[] p = redeem.program();
    if (p.length != REDEEM_SCRIPT_LENGTH || p[0] != (byte) 0x52 || p[p.length - 2] != (byte) 0x53
        || p[p.length - 1] != (byte) 0xae) {
      return Optional.empty();
    }
    EcPublicKey[] keys = new EcPublicKey[3];
    for (int i = 0; i < 3; i++) {
      int at = 1 + 34 * i;
      if (p[at] != 33) {
        return Optional.empty();
      }
      try {
        keys[i] = EcPublicKey.decode(Arrays.copyOfRange(p, at + 1, at + 34));
      } catch (CryptoException e) {
        return Optional.empty();
      }
    }
    if (keys[0].equals(keys[1]) || keys[0].equals(keys[2]) || keys[1].equals(keys[2])) {
      return Optional.empty();
    }
    return Optional.of(new EscrowKeys(keys[0], keys[1], keys[2]));
  }

  /** {@code OP_HASH160 <HASH160(redeem)> OP_EQUAL} (BIP 16). */
  public static Script p2sh(Script redeem) {
    return ScriptBuilder.create().op(Opcode.OP_HASH160).data(Hashes.hash160(redeem.program()))
        .op(Opcode.OP_EQUAL).build();
  }

  /** {@code OP_DUP OP_HASH160 <HASH160(compressed key)> OP_EQUALVERIFY OP_CHECKSIG}. */
  public static Script p2pkh(EcPublicKey key) {
    return ScriptBuilder.create().op(Opcode.OP_DUP).op(Opcode.OP_HASH160)
        .data(Hashes.hash160(key.compressedEncoding())).op(Opcode.OP_EQUALVERIFY).op(Opcode.OP_CHECKSIG).build();
  }

  /** The zero-value payment commitment output script for {@code entry}. */
  public static Script commitment(EntryId entry) {
    byte[] push = new byte[COMMITMENT_TAG.length + EntryId.LENGTH];
    System.arraycopy(COMMITMENT_TAG, 0, push, 0, COMMITMENT_TAG.length);
    System.arraycopy(entry.toBytes(), 0, push, COMMITMENT_TAG.length, EntryId.LENGTH);
    return ScriptBuilder.create().op(Opcode.OP_RETURN).data(push).build();
  }

  /** The entry a commitment script names, if {@code script} is one. */
  public static Optional<EntryId> parseCommitment(Script script) {
    byte[] p = script.program();
    int pushLen = COMMITMENT_TAG.length + EntryId.LENGTH;
    if (p.length != 2 + pushLen || p[0] != (byte) 0x6a || p[1] != pushLen
        || !Arrays.equals(p, 2, 2 + COMMITMENT_TAG.length, COMMITMENT_TAG, 0, COMMITMENT_TAG.length)) {
      return Optional.empty();
    }
    return Optional.of(EntryId.fromBytes(Arrays.copyOfRange(p, 2 + COMMITMENT_TAG.length, p.length)));
  }
}
