package org.priwatt.energy.market;

import java.math.BigInteger;
import java.nio.ByteOrder;
import java.util.Objects;
import org.priwatt.chain.Amount;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.crypto.codec.ByteReader;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.Codec;
import org.priwatt.crypto.codec.DecodeError;
import org.priwatt.crypto.codec.DecodeException;
import org.priwatt.crypto.codec.LengthPrefix;
import org.priwatt.energy.ByteString;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.EnergyError;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.EnergyLimits;
import org.priwatt.energy.EntryId;
import org.priwatt.energy.codec.Fields;
import org.priwatt.energy.internal.Signing;
import org.priwatt.energy.registry.EntryCertificate;
import org.priwatt.msg.PublicIdentity;

/**
 * An auction-board offering (Algorithm 1 line 11): the DSO's certificate of the entry sold (its
 * id, energy E and owner key, whose HASH160 is txAddrB), the price P per kWh, the seller's
 * messaging identity (msgAddrB), when it was posted and when it expires, signed by the owner key.
 * Broadcast anonymously on the board; carries no secret. Immutable.
 *
 * <p>Authentic by construction: {@link #decode} accepts an offer only if the owner key named by
 * the DSO's certificate signed it and the DSO signed the certificate, so a copy with another
 * price, seller or key is refused on sight, and values outside {@link EnergyLimits} never reach
 * matching.
 *
 * <p>Encoding (big-endian): {@code version(1)=2 ‖ certificate(145) ‖ price sat per kWh(8) ‖
 * identity(158) ‖ postedAt(8) ‖ expiry(8) ‖ signature(64)}; the signature covers everything before
 * it under the domain {@code "PriWatt offer v2"}.
 *
 * @param certificate the DSO's certificate of the entry
 * @param pricePerKwh P, satoshis per kWh
 * @param seller the seller's messaging identity
 * @param postedAt the seller's clock when posted (a newer offer for the entry replaces an older one)
 * @param expiry Unix seconds after which the offer is void
 * @param signature the owner key's compact signature
 */
public record Offer(EntryCertificate certificate, Amount pricePerKwh, PublicIdentity seller, long postedAt, long expiry,
    ByteString signature) {
  private static final String DOMAIN = "PriWatt offer v2";
  private static final int VERSION = 2;
  /** Largest encoding. */
  public static final int MAX_ENCODED = 1 + 145 + 8 + 158 + 8 + 8 + Signing.LENGTH;
  private static final Codec<Offer> CODEC = new OfferCodec();
  private static final BigInteger MWH_PER_KWH = BigInteger.valueOf(1_000_000);

  /**
   * Validates the fields and the bounds.
   *
   * @throws IllegalArgumentException if the energy is outside 1..{@link EnergyLimits#MAX_ENTRY_MWH}
   *     mWh, the price is not positive, the total price exceeds the money supply, or the expiry is
   *     not after the posting time within {@link EnergyLimits#MAX_OFFER_TTL_SECONDS}
   */
  public Offer {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(pricePerKwh, "pricePerKwh");
    Objects.requireNonNull(seller, "seller");
    Objects.requireNonNull(signature, "signature");
    String bad = boundsProblem(certificate.energy(), pricePerKwh.sat(), postedAt, expiry);
    if (bad != null) {
      throw new IllegalArgumentException(bad);
    }
  }

  /** What is out of bounds, or null. */
  private static String boundsProblem(EnergyAmount energy, long pricePerKwh, long postedAt, long expiry) {
    if (!EnergyLimits.isEntryEnergy(energy.milliwattHours())) {
      return "energy " + energy + " outside 1.." + EnergyLimits.MAX_ENTRY_MWH + " mWh";
    }
    if (!EnergyLimits.isPositiveMoney(pricePerKwh)) {
      return "price per kWh " + pricePerKwh + " outside 1.." + EnergyLimits.MAX_MONEY_SAT;
    }
    if (total(energy, pricePerKwh) > EnergyLimits.MAX_MONEY_SAT) {
      return "total price of " + energy + " at " + pricePerKwh + " sat/kWh exceeds the money supply";
    }
    if (postedAt < 0 || expiry <= postedAt || expiry - postedAt > EnergyLimits.MAX_OFFER_TTL_SECONDS) {
      return "expiry must follow the posting time within " + EnergyLimits.MAX_OFFER_TTL_SECONDS + " s";
    }
    return null;
  }

  /**
   * ceil(P × E / 1 kWh), or {@code Long.MAX_VALUE} if it does not fit. The product is exact: it
   * may leave a {@code long} although the total, a million times smaller, is a valid amount.
   */
  private static long total(EnergyAmount energy, long pricePerKwh) {
    BigInteger[] qr = BigInteger.valueOf(pricePerKwh).multiply(BigInteger.valueOf(energy.milliwattHours()))
        .divideAndRemainder(MWH_PER_KWH);
    BigInteger total = qr[1].signum() > 0 ? qr[0].add(BigInteger.ONE) : qr[0];
    return total.bitLength() < Long.SIZE ? total.longValue() : Long.MAX_VALUE;
  }

  /**
   * An offer of the certified entry at {@code pricePerKwh}, signed by {@code owner}.
   *
   * @throws IllegalArgumentException if {@code owner} is not the certificate's owner or a bound is violated
   */
  public static Offer create(EntryCertificate certificate, EcKey owner, Amount pricePerKwh, PublicIdentity seller,
      long postedAt, long expiry) {
    if (!owner.publicKey().withCompression(true).equals(certificate.owner())) {
      throw new IllegalArgumentException("the owner key does not match the certificate");
    }
    Offer unsigned = new Offer(certificate, pricePerKwh, seller, postedAt, expiry, ByteString.EMPTY);
    return new Offer(certificate, pricePerKwh, seller, postedAt, expiry,
        ByteString.of(Signing.sign(owner, DOMAIN, unsigned.body())));
  }

  /** The entry sold. */
  public EntryId entry() {
    return certificate.entry();
  }

  /** E. */
  public EnergyAmount energy() {
    return certificate.energy();
  }

  /** The seller's key (the entry's owner, txAddrB is its HASH160). */
  public EcPublicKey sellerKey() {
    return certificate.owner();
  }

  /** The total price T = ceil(P × E / 1 kWh) in satoshis; within the money supply by construction. */
  public Amount totalPrice() {
    return Amount.ofSat(total(certificate.energy(), pricePerKwh.sat()));
  }

  /** Whether the owner signed this offer and {@code dsoKey} certified its entry. */
  public boolean isAuthentic(EcPublicKey dsoKey) {
    return certificate.verify(dsoKey) && Signing.verify(certificate.owner(), DOMAIN, body(), signature.toByteArray());
  }

  private byte[] body() {
    ByteWriter w = ByteWriter.bigEndian();
    OfferCodec.body(this, w);
    return w.toByteArray();
  }

  /** The wire encoding. */
  public byte[] encode() {
    return CODEC.encode(this);
  }

  /**
   * Decodes untrusted bytes and checks the offer is authentic under {@code dsoKey}.
   *
   * @throws EnergyException {@link EnergyError#OUT_OF_RANGE} for values outside the SDK's bounds,
   *     {@link EnergyError#BAD_SIGNATURE} if the owner's signature or the DSO's certificate does not
   *     verify, or the codec's error
   */
  public static Offer decode(byte[] bytes, EcPublicKey dsoKey) throws EnergyException {
    Offer o;
    try {
      o = CODEC.decodeFully(bytes);
    } catch (DecodeException e) {
      throw EnergyException.decoding("offer", e);
    }
    if (!o.isAuthentic(dsoKey)) {
      throw new EnergyException(EnergyError.BAD_SIGNATURE, "offer for " + o.entry() + " is not signed by its certified owner");
    }
    return o;
  }
  /**
   * Reads {@code length(u16) ‖ offer}, the form the trade and channel snapshots keep an offer in,
   * checked like {@link #decode}.
   *
   * @param dsoKey the DSO's key the offer's certificate must verify under
   * @throws DecodeException {@link org.priwatt.crypto.codec.DecodeError#MALFORMED} if the offer
   *     does not decode or is not authentic, or a shorter input's error
   */
  public static Offer read(ByteReader in, EcPublicKey dsoKey) throws DecodeException {
    int at = in.position();
    return read(in.varBytes(LengthPrefix.U16, MAX_ENCODED), at, dsoKey);
  }

  /**
   * {@link #decode} for a snapshot's reader: a bad offer is a {@link DecodeException} at {@code
   * at}, the offset the snapshot reports.
   *
   * @throws DecodeException {@link org.priwatt.crypto.codec.DecodeError#MALFORMED} if the offer
   *     does not decode or is not authentic
   */
  public static Offer read(byte[] bytes, int at, EcPublicKey dsoKey) throws DecodeException {
    try {
      return decode(bytes, dsoKey);
    } catch (EnergyException e) {
      throw new DecodeException(DecodeError.MALFORMED, at, "offer: " + e.getMessage());
    }
  }


  @Override
  public String toString() {
    return "Offer{" + energy() + " at " + pricePerKwh + "/kWh, entry=" + entry() + ", seller=" + seller.address()
        + ", expiry=" + expiry + "}";
  }

  private static final class OfferCodec implements Codec<Offer> {
    @Override
    public ByteOrder order() {
      return ByteOrder.BIG_ENDIAN;
    }

    @Override
    public int maxSize() {
      return MAX_ENCODED;
    }

    static void body(Offer o, ByteWriter out) {
      out.u8(VERSION);
      EntryCertificate.CODEC.encode(o.certificate, out);
      out.i64(o.pricePerKwh.sat());
      Fields.identity(out, o.seller);
      out.i64(o.postedAt).i64(o.expiry);
    }

    @Override
    public void encode(Offer o, ByteWriter out) {
      body(o, out);
      out.bytes(o.signature.toByteArray());
    }

    @Override
    public Offer decode(ByteReader in) throws DecodeException {
      if (in.u8() != VERSION) {
        throw new DecodeException(DecodeError.UNSUPPORTED_VERSION, 0, "offer version");
      }
      EntryCertificate c = EntryCertificate.CODEC.decode(in);
      int at = in.position();
      long price = in.i64();
      PublicIdentity seller = Fields.identity(in);
      long postedAt = in.i64();
      long expiry = in.i64();
      String bad = boundsProblem(c.energy(), price, postedAt, expiry);
      if (bad != null) {
        throw new DecodeException(DecodeError.OUT_OF_RANGE, at, bad);
      }
      return new Offer(c, Amount.ofSat(price), seller, postedAt, expiry, Fields.signature(in));
    }
  }
}
