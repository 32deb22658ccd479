package org.priwatt.energy.registry;

import java.util.Objects;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.EnergySecret;
import org.priwatt.energy.EntryId;

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

  /** Shows the entry and energy only. */
  @Override
  public String toString() {
    return "IssuedSecrets{entry=" + entryId() + ", " + energy() + "}";
  }
}
