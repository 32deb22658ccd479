package org.priwatt.energy;

import java.util.Objects;
import org.priwatt.crypto.Address;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.crypto.NetworkParameters;
import org.priwatt.msg.BitmessageAddress;

/**
 * One metered injection of energy into the grid (paper §3.1, "Energy injecting"): the key pair
 * behind the prosumer's session transaction address, the session's messaging address, the energy
 * the automated meter reading measured and the reading's time in Unix seconds. The DSO records it
 * and derives the ownership secret from it ({@link #ownershipSecret()}). Immutable.
 *
 * @param ownerKey the public key behind txAddr (hashed compressed into the P2PKH address)
 * @param msgAddress where the DSO sends the secrets
 * @param energy the injected energy, positive
 * @param timestamp Unix seconds, non-negative
 */
public record EnergyInjection(EcPublicKey ownerKey, BitmessageAddress msgAddress, EnergyAmount energy, long timestamp) {
  /**
   * Validates the fields.
   *
   * @throws NullPointerException if a field is null
   * @throws IllegalArgumentException if the energy is zero or the timestamp negative
   */
  public EnergyInjection {
    Objects.requireNonNull(ownerKey, "ownerKey");
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
    return Address.p2pkh(ownerKey.withCompression(true), network);
  }

  /** bλ of eq. 6 for this injection. */
  public EnergySecret ownershipSecret() {
    return SecretDerivation.ownership(ownerKey, energy, timestamp);
  }
}
