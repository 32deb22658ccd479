package org.priwatt.script;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.priwatt.crypto.CryptoException;
import org.priwatt.crypto.EcPublicKey;

/**
 * The three keys of a PriWatt 2-of-3 escrow (paper, equation 7) and the one definition of its
 * script: {@code OP_2 <pubKeyD> <pubKeyB> <pubKeyA> OP_3 OP_CHECKMULTISIG}, where D is the DSO
 * acting as mediator, B the seller (Bob) and A the buyer (Alice). Any two of them can spend.
 *
 * <p>One acceptance policy, used by everyone who builds or reads an escrow (the seller building
 * it, the buyer checking it, the DSO locking an entry to it): three valid, distinct, compressed
 * keys in that order. Distinctness matters: with a repeated key one party would hold two of the
 * three signatures. The script is always 105 bytes, and its P2SH output is {@link
 * #scriptPubKey()}. Immutable; keys are stored in compressed form.
 *
 * @param dso the DSO's key, first in the script
 * @param seller the seller's key (pubKeyB), second
 * @param buyer the buyer's key (pubKeyA), third
 */
public record EscrowKeys(EcPublicKey dso, EcPublicKey seller, EcPublicKey buyer) {
  /** Byte length of every escrow redeem script: OP_2, three 34-byte key pushes, OP_3, OP_CHECKMULTISIG. */
  public static final int REDEEM_SCRIPT_LENGTH = 1 + 3 * 34 + 2;

  /**
   * Validates and normalises the keys to their compressed form.
   *
   * @throws NullPointerException if a key is null
   * @throws IllegalArgumentException if two keys are the same point
   */
  public EscrowKeys {
    dso = Objects.requireNonNull(dso, "dso").withCompression(true);
    seller = Objects.requireNonNull(seller, "seller").withCompression(true);
    buyer = Objects.requireNonNull(buyer, "buyer").withCompression(true);
    if (dso.equals(seller) || dso.equals(buyer) || seller.equals(buyer)) {
      throw new IllegalArgumentException("escrow keys must be three distinct points");
    }
  }

  /** The escrow of {@code dso}, {@code seller} and {@code buyer}; see the constructor. */
  public static EscrowKeys of(EcPublicKey dso, EcPublicKey seller, EcPublicKey buyer) {
    return new EscrowKeys(dso, seller, buyer);
  }

  /**
   * The keys of {@code redeem} if it is exactly an escrow script under this class's policy
   * (three valid, distinct, compressed keys); empty otherwise. Never throws on hostile input.
   */
  public static Optional<EscrowKeys> parse(Script redeem) {
    byte[] p = redeem.bytes();
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
    try {
      return Optional.of(new EscrowKeys(keys[0], keys[1], keys[2]));
    } catch (IllegalArgumentException repeated) {
      return Optional.empty();
    }
  }

  /** The redeem script of equation 7. */
  public Script redeemScript() {
    return ScriptBuilder.create().op(Opcode.OP_2).data(dso.compressedEncoding()).data(seller.compressedEncoding())
        .data(buyer.compressedEncoding()).op(Opcode.OP_3).op(Opcode.OP_CHECKMULTISIG).build();
  }

  /** The P2SH output script the buyer pays into (BIP 16). */
  public Script scriptPubKey() {
    return ScriptTemplates.p2shOf(redeemScript());
  }

  /** Whether {@code key} is one of the three (in any encoding). */
  public boolean names(EcPublicKey key) {
    EcPublicKey k = key.withCompression(true);
    return k.equals(dso) || k.equals(seller) || k.equals(buyer);
  }
}
