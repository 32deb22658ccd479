package org.priwatt.energy.registry;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.crypto.Hashes;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.EnergySecret;

/**
 * The DSO's secret derivations, paper eq. 6, 9 and 10, with exact byte encodings:
 *
 * <ul>
 *   <li>ownership secret (eq. 6 for the prosumer, eq. 9 for a buyer): {@code λ = SHA256(pubKey ‖
 *       E ‖ timestamp ‖ r)} with pubKey the 33-byte compressed SEC 1 encoding, E the energy in
 *       milliwatt-hours as 8 bytes big-endian, timestamp Unix seconds as 8 bytes big-endian and r
 *       32 bytes from the DSO's {@link SecureRandom} (81 bytes hashed). <b>Deviation from the
 *       paper</b>: eq. 6 and 9 hash public values only (the key is in the escrow script, E in the
 *       offer, the time guessable to the second), so anyone could compute bλ from an offer and an
 *       escrow script, and an observer of the chain could derive a buyer's aλ and entry id and
 *       link her resale to her purchase. The DSO-held r makes λ unguessable;</li>
 *   <li>lock secret: {@code z = SHA256(λ ‖ r)} with r 32 bytes from {@link SecureRandom};</li>
 *   <li>split (eq. 10): {@code λ(k+1) = SHA256(λ(k) ‖ timestamp ‖ r(k))}, timestamp 8 bytes
 *       big-endian and r(k) 32 fresh random bytes: the paper's "timestamp/random number" taken
 *       as both, so the chain is unpredictable even to someone who knows λ and the time.</li>
 * </ul>
 *
 * <p>λ works as a bearer token the seller hands over, and even so the registry never lets it act
 * alone: locking needs z, and a transfer also needs the escrow buyer's signature and a confirmed
 * funding output committed to the lock. Stateless and thread-safe.
 */
public final class SecretDerivation {
  /** Length of the random input of lock secrets and split steps. */
  public static final int RANDOM_LENGTH = 32;

  private SecretDerivation() {}

  /**
   * The ownership secret of eq. 6 / eq. 9 with the DSO's randomness {@code random32}.
   *
   * @throws IllegalArgumentException if {@code timestamp} is negative or {@code random32} is not 32 bytes
   */
  public static EnergySecret ownership(EcPublicKey owner, EnergyAmount energy, long timestamp, byte[] random32) {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(energy, "energy");
    checkRandom(random32);
    if (timestamp < 0) {
      throw new IllegalArgumentException("negative timestamp");
    }
    byte[] input = ByteBuffer.allocate(33 + 16 + RANDOM_LENGTH).put(owner.compressedEncoding())
        .putLong(energy.milliwattHours()).putLong(timestamp).put(random32).array();
    try {
      return EnergySecret.adopt(Hashes.sha256(input));
    } finally {
      Arrays.fill(input, (byte) 0);
    }
  }

  /** A fresh ownership secret for {@code injection}, with randomness from {@code random}. */
  public static EnergySecret ownership(EnergyInjection injection, SecureRandom random) {
    byte[] r = new byte[RANDOM_LENGTH];
    random.nextBytes(r);
    try {
      return ownership(injection.ownerKey(), injection.energy(), injection.timestamp(), r);
    } finally {
      Arrays.fill(r, (byte) 0);
    }
  }

  /**
   * The lock secret {@code SHA256(λ ‖ random32)}.
   *
   * @throws IllegalArgumentException if {@code random32} is not 32 bytes
   */
  public static EnergySecret lock(EnergySecret lambda, byte[] random32) {
    checkRandom(random32);
    byte[] l = lambda.copyBytes();
    try {
      return EnergySecret.adopt(Hashes.sha256(l, random32));
    } finally {
      Arrays.fill(l, (byte) 0);
    }
  }

  /** A fresh lock secret for {@code lambda} from {@code random}. */
  public static EnergySecret lock(EnergySecret lambda, SecureRandom random) {
    byte[] r = new byte[RANDOM_LENGTH];
    random.nextBytes(r);
    try {
      return lock(lambda, r);
    } finally {
      Arrays.fill(r, (byte) 0);
    }
  }

  /**
   * One split step of eq. 10: {@code SHA256(previous ‖ timestamp ‖ random32)}.
   *
   * @throws IllegalArgumentException if {@code random32} is not 32 bytes
   */
  public static EnergySecret nextSplit(EnergySecret previous, long timestamp, byte[] random32) {
    checkRandom(random32);
    byte[] p = previous.copyBytes();
    try {
      return EnergySecret.adopt(Hashes.sha256(p, ByteBuffer.allocate(8).putLong(timestamp).array(), random32));
    } finally {
      Arrays.fill(p, (byte) 0);
    }
  }

  /**
   * The {@code parts} sub-secrets {@code λ+1 .. λ+parts} of eq. 10 for {@code lambda}.
   *
   * @throws IllegalArgumentException if {@code parts < 1}
   */
  public static List<EnergySecret> split(EnergySecret lambda, int parts, long timestamp, SecureRandom random) {
    if (parts < 1) {
      throw new IllegalArgumentException("parts < 1");
    }
    List<EnergySecret> out = new ArrayList<>(parts);
    EnergySecret prev = lambda;
    byte[] r = new byte[RANDOM_LENGTH];
    try {
      for (int i = 0; i < parts; i++) {
        random.nextBytes(r);
        prev = nextSplit(prev, timestamp, r);
        out.add(prev);
      }
    } finally {
      Arrays.fill(r, (byte) 0);
    }
    return List.copyOf(out);
  }

  /**
   * Divides {@code total} into {@code parts} shares that differ by at most one milliwatt-hour and
   * sum exactly to {@code total} (the first {@code total mod parts} shares get the extra one).
   *
   * @throws IllegalArgumentException if {@code parts < 1} or {@code total} has fewer mWh than parts
   */
  public static List<EnergyAmount> shares(EnergyAmount total, int parts) {
    long mwh = total.milliwattHours();
    if (parts < 1 || mwh < parts) {
      throw new IllegalArgumentException("cannot split " + total + " into " + parts + " parts");
    }
    List<EnergyAmount> out = new ArrayList<>(parts);
    for (int i = 0; i < parts; i++) {
      out.add(EnergyAmount.ofMilliwattHours(mwh / parts + (i < mwh % parts ? 1 : 0)));
    }
    return List.copyOf(out);
  }

  private static void checkRandom(byte[] random32) {
    if (Objects.requireNonNull(random32, "random32").length != RANDOM_LENGTH) {
      throw new IllegalArgumentException("random input must be 32 bytes");
    }
  }
}
