package org.priwatt.energy.registry;

import java.nio.ByteOrder;
import java.util.Objects;
import org.priwatt.crypto.CryptoException;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.crypto.codec.ByteReader;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.Codec;
import org.priwatt.crypto.codec.DecodeError;
import org.priwatt.crypto.codec.DecodeException;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.EnergyLimits;
import org.priwatt.energy.EntryId;
import org.priwatt.energy.internal.Signing;

/**
 * The DSO's signed statement that entry {@code entry} holds {@code energy} owned by {@code owner},
 * issued with the entry's secrets. A seller puts it in his offer, so anyone reading the auction
 * board can check, without asking the DSO, that the offer names a real entry and that its key is
 * the owner's: a forged or copied offer for someone else's entry is refused on sight. (Whether the
 * entry is still unsold is the DSO's testimony, asked before paying.) Immutable.
 *
 * <p>Signed: {@code SHA256("PriWatt entry certificate v1" ‖ entry(32) ‖ owner(33) ‖ energy mWh(8) ‖
 * issuedAt(8))}, big-endian, compact signature by the DSO's key.
 *
 * @param entry the entry
 * @param owner the owner's key (compressed)
 * @param energy the entry's energy
 * @param issuedAt Unix seconds when the DSO issued the entry
 * @param signature the DSO's 64-byte compact signature
 */
public record EntryCertificate(EntryId entry, EcPublicKey owner, EnergyAmount energy, long issuedAt, byte[] signature) {
  private static final String DOMAIN = "PriWatt entry certificate v1";
  /** Its codec (big-endian, fixed 145 bytes). */
  public static final Codec<EntryCertificate> CODEC = new CertificateCodec();

  /** Validates and copies. */
  public EntryCertificate {
    Objects.requireNonNull(entry, "entry");
    owner = Objects.requireNonNull(owner, "owner").withCompression(true);
    Objects.requireNonNull(energy, "energy");
    if (Objects.requireNonNull(signature, "signature").length != Signing.LENGTH) {
      throw new IllegalArgumentException("signature must be 64 bytes");
    }
    signature = signature.clone();
  }

  /** Issues a certificate signed by {@code dso}. */
  public static EntryCertificate issue(EcKey dso, EntryId entry, EcPublicKey owner, EnergyAmount energy, long issuedAt) {
    byte[] body = body(entry, owner.withCompression(true), energy, issuedAt);
    return new EntryCertificate(entry, owner, energy, issuedAt, Signing.sign(dso, DOMAIN, body));
  }

  private static byte[] body(EntryId entry, EcPublicKey owner, EnergyAmount energy, long issuedAt) {
    return ByteWriter.bigEndian().bytes(entry.toBytes()).bytes(owner.compressedEncoding())
        .i64(energy.milliwattHours()).i64(issuedAt).toByteArray();
  }

  /** Whether {@code dsoKey} signed it. */
  public boolean verify(EcPublicKey dsoKey) {
    return Signing.verify(dsoKey, DOMAIN, body(entry, owner, energy, issuedAt), signature);
  }

  /** A copy of the signature. */
  @Override
  public byte[] signature() {
    return signature.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EntryCertificate c && java.util.Arrays.equals(CODEC.encode(this), CODEC.encode(c));
  }

  @Override
  public int hashCode() {
    return entry.hashCode();
  }

  @Override
  public String toString() {
    return "EntryCertificate{" + entry + ", " + energy + ", owner " + owner + "}";
  }

  private static final class CertificateCodec implements Codec<EntryCertificate> {
    @Override
    public ByteOrder order() {
      return ByteOrder.BIG_ENDIAN;
    }

    @Override
    public int maxSize() {
      return EntryId.LENGTH + 33 + 8 + 8 + Signing.LENGTH;
    }

    @Override
    public void encode(EntryCertificate c, ByteWriter out) {
      out.bytes(c.entry.toBytes()).bytes(c.owner.compressedEncoding()).i64(c.energy.milliwattHours()).i64(c.issuedAt)
          .bytes(c.signature);
    }

    @Override
    public EntryCertificate decode(ByteReader in) throws DecodeException {
      EntryId entry = EntryId.fromBytes(in.bytes(EntryId.LENGTH));
      int at = in.position();
      EcPublicKey owner;
      try {
        owner = EcPublicKey.decode(in.bytes(33));
      } catch (CryptoException e) {
        throw new DecodeException(DecodeError.MALFORMED, at, "certificate owner key");
      }
      long mwh = in.i64InRange(1, EnergyLimits.MAX_ENTRY_MWH, "certificate energy");
      long issuedAt = in.i64InRange(0, Long.MAX_VALUE, "certificate time");
      return new EntryCertificate(entry, owner, EnergyAmount.ofMilliwattHours(mwh), issuedAt, in.bytes(Signing.LENGTH));
    }
  }
}
