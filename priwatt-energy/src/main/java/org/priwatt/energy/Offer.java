package org.priwatt.energy;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;
import org.priwatt.chain.Amount;
import org.priwatt.crypto.CryptoException;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.crypto.Hex;
import org.priwatt.energy.internal.BytesIn;
import org.priwatt.energy.internal.BytesOut;
import org.priwatt.msg.PowParameters;
import org.priwatt.msg.PublicIdentity;

/**
 * An auction-board offering (Algorithm 1 line 11): energy E, price P per kWh, the seller's
 * transaction address (HASH160 of his session key) and messaging identity, the registry entry it
 * sells, and an expiry. Broadcast anonymously on the board; carries no secret. Immutable.
 *
 * <p>Encoding: {@code version(1)=1 ‖ entryId(32) ‖ energy mWh(8) ‖ price sat per kWh(8) ‖
 * txAddressHash160(20) ‖ stream(8) ‖ signingKey(65) ‖ encryptionKey(65) ‖ nonceTrialsPerByte(8) ‖
 * extraBytes(8) ‖ expiry(8)}.
 *
 * @param entry the registry entry sold
 * @param energy E
 * @param pricePerKwh P, satoshis per kWh
 * @param txAddressHash HASH160 of the seller's compressed session key (txAddrB)
 * @param seller the seller's messaging identity (msgAddrB and its keys)
 * @param expiry Unix seconds after which the offer is void
 */
public record Offer(EntryId entry, EnergyAmount energy, Amount pricePerKwh, byte[] txAddressHash, PublicIdentity seller,
    long expiry) {
  private static final int ENCODED_LENGTH = 1 + 32 + 8 + 8 + 20 + 8 + 65 + 65 + 16 + 8;

  /** Validates and copies. */
  public Offer {
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(energy, "energy");
    Objects.requireNonNull(pricePerKwh, "pricePerKwh");
    Objects.requireNonNull(seller, "seller");
    if (Objects.requireNonNull(txAddressHash, "txAddressHash").length != 20) {
      throw new IllegalArgumentException("tx address hash must be 20 bytes");
    }
    txAddressHash = txAddressHash.clone();
    if (energy.isZero() || pricePerKwh.sat() == 0 || expiry < 0) {
      throw new IllegalArgumentException("empty offer");
    }
  }

  /** A copy of the HASH160. */
  @Override
  public byte[] txAddressHash() {
    return txAddressHash.clone();
  }

  /** Whether {@code key} is the seller's session key named by the tx address. */
  public boolean isSellerKey(EcPublicKey key) {
    return Arrays.equals(key.withCompression(true).hash160(), txAddressHash);
  }

  /** The total price T = ceil(P × E / 1 kWh) in satoshis. */
  public Amount totalPrice() {
    BigInteger[] qr = BigInteger.valueOf(pricePerKwh.sat()).multiply(BigInteger.valueOf(energy.milliwattHours()))
        .divideAndRemainder(BigInteger.valueOf(1_000_000));
    return Amount.ofSat(qr[0].longValueExact() + (qr[1].signum() > 0 ? 1 : 0));
  }

  /** The wire encoding. */
  public byte[] encode() {
    return new BytesOut().u8(1).raw(entry.toBytes()).i64(energy.milliwattHours()).i64(pricePerKwh.sat())
        .raw(txAddressHash).i64(seller.address().stream()).raw(seller.signingKey().uncompressedEncoding())
        .raw(seller.encryptionKey().uncompressedEncoding()).i64(seller.pow().nonceTrialsPerByte())
        .i64(seller.pow().payloadLengthExtraBytes()).i64(expiry).toByteArray();
  }

  /**
   * Decodes untrusted bytes.
   *
   * @throws RegistryException {@link RegistryError#TRUNCATED} or {@link RegistryError#MALFORMED}
   */
  public static Offer decode(byte[] bytes) throws RegistryException {
    if (bytes.length > ENCODED_LENGTH) {
      throw new RegistryException(RegistryError.MALFORMED, "offer too long");
    }
    BytesIn in = new BytesIn(bytes);
    if (in.u8() != 1) {
      throw new RegistryException(RegistryError.MALFORMED, "unknown offer version");
    }
    EntryId entry = EntryId.fromBytes(in.raw(32));
    long mwh = in.i64();
    long sat = in.i64();
    byte[] hash = in.raw(20);
    long stream = in.i64();
    byte[] sign = in.raw(65);
    byte[] enc = in.raw(65);
    long trials = in.i64();
    long extra = in.i64();
    long expiry = in.i64();
    in.end();
    try {
      PublicIdentity seller = PublicIdentity.of(stream, EcPublicKey.decode(sign), EcPublicKey.decode(enc),
          new PowParameters(trials, extra), PublicIdentity.BEHAVIOUR_DOES_ACK);
      return new Offer(entry, EnergyAmount.ofMilliwattHours(mwh), Amount.ofSat(sat), hash, seller, expiry);
    } catch (CryptoException | RuntimeException e) {
      throw new RegistryException(RegistryError.MALFORMED, "bad offer field: " + e.getMessage());
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Offer other && Arrays.equals(encode(), other.encode());
  }

  @Override
  public int hashCode() {
    return entry.hashCode();
  }

  @Override
  public String toString() {
    return "Offer{" + energy + " at " + pricePerKwh + "/kWh, entry=" + entry + ", tx=" + Hex.encode(txAddressHash)
        + ", msg=" + seller.address() + ", expiry=" + expiry + "}";
  }
}
