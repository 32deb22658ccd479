package org.priwatt.energy.ledger;

import java.nio.ByteOrder;
import java.util.Objects;
import org.priwatt.chain.Amount;
import org.priwatt.crypto.codec.ByteReader;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.Codec;
import org.priwatt.crypto.codec.DecodeError;
import org.priwatt.crypto.codec.DecodeException;
import org.priwatt.energy.EntryId;
import org.priwatt.energy.LockId;
import org.priwatt.energy.codec.Fields;
import org.priwatt.script.EscrowKeys;
import org.priwatt.script.Script;

/**
 * What buyer, seller and DSO agree on for one Case 1 escrow: the entry and the DSO's lock id,
 * the 2-of-3 escrow keys (DSO, seller, buyer), the price the buyer pays into it and the fee every
 * transaction spending it pays. Every transaction of the trade is built from these terms alone
 * ({@link EscrowTransactions}), so each party can rebuild and check what it is asked to sign.
 * Immutable.
 *
 * @param entry the entry sold
 * @param lock the lock the DSO granted for this escrow
 * @param escrow the escrow keys
 * @param price the total price T the buyer pays into the escrow
 * @param fee the fee of the release or settlement spending the escrow
 */
public record EscrowTerms(EntryId entry, LockId lock, EscrowKeys escrow, Amount price, Amount fee) {
  /**
   * Its codec (big-endian): {@code entry(32) ‖ lockId(16) ‖ escrow redeem script(105) ‖ price(8)
   * ‖ fee(8)}, with the escrow under the one escrow policy and the fee leaving {@link #MIN_PAYOUT}.
   */
  public static final Codec<EscrowTerms> CODEC = new TermsCodec();

  /** Smallest amount an escrow spend may leave for its recipient (Bitcoin Core's P2PKH dust limit at the default relay fee). */
  public static final Amount MIN_PAYOUT = Amount.ofSat(546);

  /**
   * Validates the fields.
   *
   * @throws IllegalArgumentException if the fee is negative or leaves less than {@link #MIN_PAYOUT} of the price
   */
  public EscrowTerms {
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(lock, "lock");
    Objects.requireNonNull(escrow, "escrow");
    Objects.requireNonNull(price, "price");
    Objects.requireNonNull(fee, "fee");
    if (!isPayable(price, fee)) {
      throw new IllegalArgumentException("fee " + fee + " leaves less than " + MIN_PAYOUT + " of " + price);
    }
  }

  /** Whether an escrow of {@code price} can pay {@code fee} and still leave {@link #MIN_PAYOUT}. */
  public static boolean isPayable(Amount price, Amount fee) {
    return fee.sat() >= 0 && price.sat() - fee.sat() >= MIN_PAYOUT.sat();
  }

  /** The escrow's P2SH output script. */
  public Script scriptPubKey() {
    return escrow.scriptPubKey();
  }

  /** The escrow's redeem script. */
  public Script redeemScript() {
    return escrow.redeemScript();
  }

  /** The commitment the funding transaction carries. */
  public PaymentCommitment commitment() {
    return new PaymentCommitment(entry, lock);
  }

  private static final class TermsCodec implements Codec<EscrowTerms> {
    @Override
    public ByteOrder order() {
      return ByteOrder.BIG_ENDIAN;
    }

    @Override
    public int maxSize() {
      return EntryId.LENGTH + LockId.LENGTH + EscrowKeys.REDEEM_SCRIPT_LENGTH + 16;
    }

    @Override
    public void encode(EscrowTerms t, ByteWriter out) {
      out.bytes(t.entry.toBytes()).bytes(t.lock.toBytes());
      Fields.escrow(out, t.escrow);
      out.i64(t.price.sat()).i64(t.fee.sat());
    }

    @Override
    public EscrowTerms decode(ByteReader in) throws DecodeException {
      EntryId entry = Fields.entry(in);
      LockId lock = Fields.lockId(in);
      EscrowKeys escrow = Fields.escrow(in);
      int at = in.position();
      Amount price = Fields.money(in, "price");
      Amount fee = Fields.moneyOrZero(in, "fee");
      if (!isPayable(price, fee)) {
        throw new DecodeException(DecodeError.OUT_OF_RANGE, at, "fee " + fee + " leaves too little of " + price);
      }
      return new EscrowTerms(entry, lock, escrow, price, fee);
    }
  }
}
