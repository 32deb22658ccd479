package org.priwatt.script;

import java.util.Arrays;
import java.util.Objects;
import org.priwatt.crypto.Hex;

/**
 * The three public keys of a PriWatt 2-of-3 escrow redeem script (paper, equation 7):
 * {@code OP_2 <pubKeyD> <pubKeyB> <pubKeyA> OP_3 OP_CHECKMULTISIG}, where D is the DSO acting as
 * mediator, B the seller (Bob) and A the buyer (Alice). Keys are SEC-encoded and copied.
 *
 * @param dso the DSO's key, first in the script
 * @param seller the seller's key (pubKeyB)
 * @param buyer the buyer's key (pubKeyA)
 */
public record EscrowKeys(byte[] dso, byte[] seller, byte[] buyer) {
  /**
   * Validates and copies the keys.
   *
   * @throws IllegalArgumentException if a key is not a 33-byte compressed or 65-byte
   *     uncompressed SEC encoding
   */
  public EscrowKeys {
    dso = ScriptTemplates.checkPubKey(dso).clone();
    seller = ScriptTemplates.checkPubKey(seller).clone();
    buyer = ScriptTemplates.checkPubKey(buyer).clone();
  }

  @Override
  public byte[] dso() {
    return dso.clone();
  }

  @Override
  public byte[] seller() {
    return seller.clone();
  }

  @Override
  public byte[] buyer() {
    return buyer.clone();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof EscrowKeys)) {
      return false;
    }
    EscrowKeys k = (EscrowKeys) o;
    return Arrays.equals(dso, k.dso) && Arrays.equals(seller, k.seller)
        && Arrays.equals(buyer, k.buyer);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(dso), Arrays.hashCode(seller), Arrays.hashCode(buyer));
  }

  @Override
  public String toString() {
    return "EscrowKeys[dso=" + Hex.encode(dso) + ", seller=" + Hex.encode(seller) + ", buyer="
        + Hex.encode(buyer) + "]";
  }
}
