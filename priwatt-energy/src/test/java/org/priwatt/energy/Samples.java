package org.priwatt.energy;

import java.security.SecureRandom;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.TxId;
import org.priwatt.crypto.EcKey;
import org.priwatt.msg.Identity;
import org.priwatt.msg.PowParameters;
import org.priwatt.script.EscrowKeys;

/** Random values of the energy formats' field types, for the codec and registry tests. */
public final class Samples {
  /** The tests' randomness. */
  public static final SecureRandom RANDOM = new SecureRandom();
  /** A Unix time well inside the range every format accepts. */
  public static final long T0 = 1_700_000_000L;

  private Samples() {}

  /** A fresh 32-byte energy secret. */
  public static EnergySecret secret() {
    byte[] b = new byte[EnergySecret.LENGTH];
    RANDOM.nextBytes(b);
    return EnergySecret.adopt(b);
  }

  /** A fresh key pair. */
  public static EcKey key() {
    return EcKey.generate(RANDOM);
  }

  /** An escrow of {@code dso}, {@code seller} and a fresh buyer key. */
  public static EscrowKeys escrow(EcKey dso, EcKey seller) {
    return EscrowKeys.of(dso.publicKey(), seller.publicKey(), key().publicKey());
  }

  /** An escrow of three fresh keys. */
  public static EscrowKeys escrow() {
    return escrow(key(), key());
  }

  /** A messaging identity that is cheap to make (no leading-zero search) and cheap to send to. */
  public static Identity identity() {
    return Identity.random(RANDOM, 1, 0).withPow(new PowParameters(1, 0));
  }

  /** An output of a random transaction. */
  public static OutPoint outPoint() {
    byte[] id = new byte[32];
    RANDOM.nextBytes(id);
    return OutPoint.of(TxId.fromBytes(id), RANDOM.nextInt(5));
  }

  /** A fresh lock id. */
  public static LockId lockId() {
    return LockId.random(RANDOM);
  }

  /** A fresh entry id. */
  public static EntryId entryId() {
    return secret().entryId();
  }

  /** {@code n} random bytes. */
  public static byte[] bytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }
}
