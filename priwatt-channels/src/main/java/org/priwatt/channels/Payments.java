package org.priwatt.channels;

import java.util.Optional;
import org.priwatt.chain.Transaction;
import org.priwatt.crypto.EcKey;

/**
 * One increment, without the transport: the client signs payment n ({@link #sign}), the server
 * checks it ({@link #check}). One signature and one verification, no chain transaction: the
 * payment stays with the server until he closes the channel. The sessions call these; a
 * benchmark or another transport can call them directly. Stateless and thread-safe.
 */
public final class Payments {
  private Payments() {}

  /**
   * The client's payment {@code n}: her SIGHASH_ALL signature of {@link
   * ChannelTransactions#payment} with what it spends and pays the server.
   *
   * @throws IllegalArgumentException if {@code n} is outside 1..i, the funding holds less than
   *     the capacity, or {@code client} is not the channel's client key
   */
  public static ChannelMessage.Pay sign(ChannelTerms terms, ChannelFunding funding, int n, EcKey client) {
    if (!client.publicKey().withCompression(true).equals(terms.script().client())) {
      throw new IllegalArgumentException("not the channel's client key");
    }
    Transaction tx = ChannelTransactions.payment(terms, funding, n);
    return new ChannelMessage.Pay(terms.id(), n, funding.outPoint(), terms.serverAmount(n),
        ChannelTransactions.signature(tx, terms, client));
  }

  /**
   * Why the server refuses {@code pay} after {@code last} accepted increments with the chain's
   * tip at {@code tip}, or empty if it is the next payment of the channel: in order, the tip
   * within {@code safetyMargin} blocks of the refund height ({@link
   * ChannelError#TOO_CLOSE_TO_DEADLINE}), another output spent ({@link
   * ChannelError#WRONG_OUTPOINT}), an increment already paid ({@link
   * ChannelError#PAYMENT_REPEATED}), beyond the channel ({@link ChannelError#BEYOND_CAPACITY}),
   * skipping one ({@link ChannelError#PAYMENT_SKIPPED}), an amount for the server not above the
   * last ({@link ChannelError#AMOUNT_DECREASED}) or not the increment's ({@link
   * ChannelError#WRONG_AMOUNT}), and the client's signature over the server's own rebuild of
   * payment n ({@link ChannelError#BAD_SIGNATURE}). The channel id is the caller's to match.
   *
   * @throws IllegalArgumentException if {@code last} is outside 0..i or the funding holds less than the capacity
   */
  public static Optional<ChannelError> check(ChannelTerms terms, ChannelFunding funding, int last,
      ChannelMessage.Pay pay, long tip, long safetyMargin) {
    long lastAmount = last == 0 ? 0 : terms.serverAmount(last).sat();
    int n = pay.increment();
    ChannelError refused = null;
    if (tip >= terms.refundHeight() - safetyMargin) {
      refused = ChannelError.TOO_CLOSE_TO_DEADLINE;
    } else if (!pay.funding().equals(funding.outPoint())) {
      refused = ChannelError.WRONG_OUTPOINT;
    } else if (n <= last) {
      refused = ChannelError.PAYMENT_REPEATED;
    } else if (n > terms.increments()) {
      refused = ChannelError.BEYOND_CAPACITY;
    } else if (n > last + 1) {
      refused = ChannelError.PAYMENT_SKIPPED;
    } else if (pay.serverAmount().sat() <= lastAmount) {
      refused = ChannelError.AMOUNT_DECREASED;
    } else if (!pay.serverAmount().equals(terms.serverAmount(n))) {
      refused = ChannelError.WRONG_AMOUNT;
    } else if (!ChannelTransactions.verifies(ChannelTransactions.payment(terms, funding, n), terms,
        terms.script().client(), pay.signature())) {
      refused = ChannelError.BAD_SIGNATURE;
    }
    return Optional.ofNullable(refused);
  }
}
