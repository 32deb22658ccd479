package org.priwatt.energy.registry;

import java.util.Objects;
import org.priwatt.crypto.Address;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.crypto.NetworkParameters;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.msg.BitmessageAddress;

/**
 * One metered injection of energy into the grid (paper §3.1, "Energy injecting"), or the
 * injection-like record a transfer or split creates for a new owner: the key pair behind the
 * owner's transaction address, the owner's messaging address, the energy and the time in Unix
 * seconds. The DSO records it and issues the ownership secret for it. Immutable.
 *
 * @param ownerKey the public key behind txAddr (hashed compressed into the P2PKH address)
 * @param msgAddress where the DSO sends the secrets
 * @param energy the injected energy, positive
 * @param timestamp Unix seconds, non-negative
 */
public record EnergyInjection(EcPublicKey ownerKey, BitmessageAddress msgAddress, EnergyAmount energy, long timestamp) {
  /**
   * Validates the fields and keeps the key in compressed form.
   *
   * @throws NullPointerException if a field is null
   * @throws IllegalArgumentException if the energy is zero or the timestamp negative
   */
  public EnergyInjection {
    ownerKey = Objects.requireNonNull(ownerKey, "ownerKey").withCompression(true);
    Objects.requireNonNull(msgAddress, "msgAddress");
    Objects.requireNonNull(energy, "energy");
    if (energy.isZero()) {
      throw new IllegalArgumentException("zero energy");
    }
    if (timestamp < 0) {
      throw new IllegalArgumentException("negative timestamp");
    }
  }

  /** The owner's transaction address (P2PKH of the compressed key) on {@code network}. */
  public Address.P2pkh txAddress(NetworkParameters network) {
    return Address.p2pkh(ownerKey, network);
  }
}
