package org.priwatt.channels;

import java.math.BigInteger;
import java.nio.ByteOrder;
import java.math.RoundingMode;
import java.util.Objects;
import org.priwatt.chain.Amount;
import org.priwatt.energy.codec.Fields;
import org.priwatt.crypto.codec.ByteReader;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.Codec;
import org.priwatt.crypto.codec.DecodeError;
import org.priwatt.crypto.codec.DecodeException;
import org.priwatt.energy.ChannelId;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.EntryId;
import org.priwatt.script.ChannelScript;
import org.priwatt.script.Script;

/**
 * What client and server agreed when a channel opened: the channel's id, the entry whose energy
 * it buys, its output script (the server's and the client's keys and the refund height D), the
 * number of increments i, the price p of one increment and the fee f of the payment transaction.
 * The capacity is {@code i × p}. Payment n pays the server {@code n × p − f} and the client the
 * rest of the funding output; every payment is a pure function of these terms and the funding
 * output ({@link ChannelTransactions}), so neither side ever signs a transaction the other built.
 * Immutable.
 *
 * @param id the channel's id
 * @param entry the entry the channel buys, split by the DSO into one part per increment
 * @param script the channel's output: server key, client key, refund height
 * @param increments i, 1..{@link #MAX_INCREMENTS}
 * @param incrementPrice p, the price of one increment
 * @param fee f, the fee of a payment, taken from the server's amount
 */
public record ChannelTerms(ChannelId id, EntryId entry, ChannelScript script, int increments, Amount incrementPrice,
    Amount fee) {
  /**
   * Its codec (big-endian): {@code id(16) ‖ entry(32) ‖ server(33) ‖ client(33) ‖ refundHeight(8) ‖
   * increments(2) ‖ incrementPrice(8) ‖ fee(8)}, decoded under the constructor's rules.
   */
  public static final Codec<ChannelTerms> CODEC = new TermsCodec();
  /** Most increments a channel may have: the most parts a DSO split produces. */
  public static final int MAX_INCREMENTS = org.priwatt.energy.registry.DsoRegistry.MAX_SPLIT;
  private static final BigInteger MWH_PER_KWH = BigInteger.valueOf(1_000_000);

  /**
   * Validates the fields.
   *
   * @throws IllegalArgumentException if the increments are outside 1..{@link #MAX_INCREMENTS},
   *     the price is not positive, the capacity exceeds the money supply, or the fee is not below
   *     the increment price
   */
  public ChannelTerms {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(script, "script");
    Objects.requireNonNull(incrementPrice, "incrementPrice");
    Objects.requireNonNull(fee, "fee");
    if (increments < 1 || increments > MAX_INCREMENTS) {
      throw new IllegalArgumentException("increments outside 1.." + MAX_INCREMENTS + ": " + increments);
    }
    if (incrementPrice.sat() < 1 || incrementPrice.sat() > Amount.MAX_MONEY / increments) {
      throw new IllegalArgumentException("increment price " + incrementPrice + " for " + increments + " increments");
    }
    if (fee.sat() < 0 || fee.sat() >= incrementPrice.sat()) {
      throw new IllegalArgumentException("fee " + fee + " must be below the increment price " + incrementPrice);
    }
  }

  /** The capacity C = i × p. */
  public Amount capacity() {
    return incrementPrice.times(increments);
  }

  /** What payment {@code n} gives the server: {@code n × p − f}. */
  public Amount serverAmount(int n) {
    checkIncrement(n);
    return incrementPrice.times(n).minus(fee);
  }

  /** What the client has paid after {@code n} increments: {@code n × p}. */
  public Amount spent(int n) {
    if (n < 0 || n > increments) {
      throw new IllegalArgumentException("increment " + n + " outside 0.." + increments);
    }
    return incrementPrice.times(n);
  }

  /** The P2SH output the client funds. */
  public Script scriptPubKey() {
    return script.scriptPubKey();
  }

  /** The refund height D. */
  public long refundHeight() {
    return script.refundHeight();
  }

  private void checkIncrement(int n) {
    if (n < 1 || n > increments) {
      throw new IllegalArgumentException("increment " + n + " outside 1.." + increments);
    }
  }

  /**
   * The price of one of {@code increments} equal increments of {@code energy} at {@code
   * pricePerKwh}: {@code ceil(pricePerKwh × E / increments / 1 kWh)}, in exact arithmetic (the
   * server rounds up so the channel never pays less than the offer).
   *
   * @throws IllegalArgumentException if {@code increments} is not positive
   */
  public static Amount incrementPrice(Amount pricePerKwh, EnergyAmount energy, int increments) {
    if (increments < 1) {
      throw new IllegalArgumentException("increments must be positive");
    }
    BigInteger total = BigInteger.valueOf(pricePerKwh.sat()).multiply(BigInteger.valueOf(energy.milliwattHours()));
    BigInteger per = new java.math.BigDecimal(total).divide(new java.math.BigDecimal(
        MWH_PER_KWH.multiply(BigInteger.valueOf(increments))), 0, RoundingMode.CEILING).toBigIntegerExact();
    if (per.bitLength() > 62 || per.longValueExact() > Amount.MAX_MONEY) {
      throw new IllegalArgumentException("increment price above the money supply");
    }
    return Amount.ofSat(per.longValueExact());
  }

  /**
   * The default number of increments for {@code energy}: one per kWh, rounded, at least 1 and at
   * most {@link #MAX_INCREMENTS} and the energy's milliwatt-hours (each part needs one).
   */
  public static int defaultIncrements(EnergyAmount energy) {
    long kwh = Math.round(energy.milliwattHours() / 1_000_000.0);
    return (int) Math.max(1, Math.min(Math.min(kwh, MAX_INCREMENTS), energy.milliwattHours()));
  }

  /** The codec of {@link ChannelTerms}. */
  private static final class TermsCodec implements Codec<ChannelTerms> {
    @Override
    public ByteOrder order() {
      return ByteOrder.BIG_ENDIAN;
    }

    @Override
    public int maxSize() {
      return 16 + 32 + 33 + 33 + 8 + 2 + 8 + 8;
    }

    @Override
    public void encode(ChannelTerms t, ByteWriter out) {
      out.bytes(t.id().toBytes()).bytes(t.entry().toBytes());
      Fields.key(out, t.script().server());
      Fields.key(out, t.script().client());
      out.i64(t.refundHeight()).u16(t.increments()).i64(t.incrementPrice().sat()).i64(t.fee().sat());
    }

    @Override
    public ChannelTerms decode(ByteReader in) throws DecodeException {
      int at = in.position();
      ChannelId id = Fields.channelId(in);
      EntryId entry = Fields.entry(in);
      var server = Fields.key(in);
      var client = Fields.key(in);
      long refund = Fields.height(in, "refund height");
      int increments = in.u16();
      Amount price = Fields.money(in, "increment price");
      Amount fee = Fields.moneyOrZero(in, "fee");
      try {
        return new ChannelTerms(id, entry, ChannelScript.of(server, client, refund), increments, price, fee);
      } catch (IllegalArgumentException e) {
        throw new DecodeException(DecodeError.MALFORMED, at, "channel terms: " + e.getMessage());
      }
    }
  }
}
