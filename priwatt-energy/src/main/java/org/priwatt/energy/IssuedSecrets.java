package org.priwatt.energy;

import java.util.Objects;

/**
 * The secrets the DSO hands to an entry's owner: ownership secret λ, lock secret z and the energy
 * they control. {@code toString} never shows the secrets. Immutable.
 *
 * @param ownership λ (bλ, aλ or a split part)
 * @param lock z
 * @param energy the energy the entry owns
 */
public record IssuedSecrets(EnergySecret ownership, EnergySecret lock, EnergyAmount energy) {
  /** Validates non-null fields. */
  public IssuedSecrets {
    Objects.requireNonNull(ownership, "ownership");
    Objects.requireNonNull(lock, "lock");
    Objects.requireNonNull(energy, "energy");
  }

  /** The entry these secrets control. */
  public EntryId entryId() {
    return ownership.entryId();
  }

  /** Shows the entry and energy only. */
  @Override
  public String toString() {
    return "IssuedSecrets{entry=" + entryId() + ", " + energy + "}";
  }
}
