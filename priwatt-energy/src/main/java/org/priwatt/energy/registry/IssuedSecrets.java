package org.priwatt.energy.registry;

import java.util.Objects;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.crypto.codec.ByteReader;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.DecodeError;
import org.priwatt.crypto.codec.DecodeException;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.EnergySecret;
import org.priwatt.energy.EntryId;
import org.priwatt.energy.codec.Fields;

/**
 * What the DSO hands an entry's owner: the ownership secret λ, the lock secret z and the
 * certificate that lets the owner offer the entry. {@code toString} never shows the secrets.
 * Immutable.
 *
 * @param ownership λ (bλ, aλ or a split part)
 * @param lock z
 * @param certificate the DSO's certificate of the entry λ controls
 */
public record IssuedSecrets(EnergySecret ownership, EnergySecret lock, EntryCertificate certificate) {
  /**
   * Validates the fields.
   *
   * @throws IllegalArgumentException if the certificate is not for the entry λ controls
   */
  public IssuedSecrets {
    Objects.requireNonNull(ownership, "ownership");
    Objects.requireNonNull(lock, "lock");
    Objects.requireNonNull(certificate, "certificate");
    if (!certificate.entry().equals(ownership.entryId())) {
      throw new IllegalArgumentException("certificate names another entry");
    }
  }

  /** The entry these secrets control. */
  public EntryId entryId() {
    return certificate.entry();
  }

  /** The energy the entry holds. */
  public EnergyAmount energy() {
    return certificate.energy();
  }

  /**
   * Writes {@code λ(32) ‖ z(32) ‖ certificate(145)}, the form the trade and channel snapshots keep
   * (secret material: the caller clears {@code out} when done).
   */
  public void write(ByteWriter out) {
    Fields.secret(out, ownership);
    Fields.secret(out, lock);
    EntryCertificate.CODEC.encode(certificate, out);
  }

  /**
   * Reads what {@link #write} writes.
   *
   * @param dsoKey the key the certificate must verify under
   * @throws DecodeException if the input is short, or the certificate does not name the secret's
   *     entry or does not verify under {@code dsoKey}
   */
  public static IssuedSecrets read(ByteReader in, EcPublicKey dsoKey) throws DecodeException {
    int at = in.position();
    EnergySecret lambda = Fields.secret(in);
    EnergySecret z = Fields.secret(in);
    EntryCertificate c = EntryCertificate.CODEC.decode(in);
    if (!c.entry().equals(lambda.entryId()) || !c.verify(dsoKey)) {
      throw new DecodeException(DecodeError.MALFORMED, at, "certificate does not match the secret or the DSO");
    }
    return new IssuedSecrets(lambda, z, c);
  }

  /** Shows the entry and energy only. */
  @Override
  public String toString() {
    return "IssuedSecrets{entry=" + entryId() + ", " + energy() + "}";
  }
}
