package org.priwatt.energy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.priwatt.crypto.CryptoException;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.energy.internal.BytesIn;
import org.priwatt.energy.internal.BytesOut;
import org.priwatt.msg.Identity;
import org.priwatt.msg.InventoryHash;
import org.priwatt.msg.PowParameters;
import org.priwatt.msg.PublicIdentity;

/**
 * The pieces of the trade sessions' snapshot format, version 1 (big-endian, variable fields with
 * a 2-byte length as in {@link BytesOut}):
 *
 * <pre>
 * magic "PWSS" ‖ version 0x01 ‖ role (1 seller, 2 buyer) ‖ role fields ‖ handled ‖ outbox
 * identity   = signing priv(32) ‖ encryption priv(32) ‖ stream(8) ‖ pow trials(8) ‖ pow extra(8)
 * public id  = stream(8) ‖ signing pub(65) ‖ encryption pub(65) ‖ pow trials(8) ‖ pow extra(8) ‖ behaviour(4)
 * key        = priv(32) ‖ compressed(1)
 * secrets    = λ(32) ‖ z(32) ‖ energy mWh(8)
 * optional x = present(1) ‖ x
 * handled    = count(1, ≤ {@value #MAX_HANDLED}) ‖ inventory hash(32) each
 * outbox     = count(1, ≤ {@value #MAX_ACTIONS}) ‖ action each (see {@link SessionAction})
 * </pre>
 *
 * Decoding reads from a bounded snapshot and never allocates more than a field's checked length;
 * every failure is a typed {@link RegistryException}. Snapshots hold private keys and secrets:
 * callers zero the byte arrays when done.
 */
final class SessionCodec {
  /** Role byte of a seller snapshot. */
  static final int SELLER = 1;
  /** Role byte of a buyer snapshot. */
  static final int BUYER = 2;
  /** Most recently handled messages remembered, so a resumed session does not act on one twice. */
  static final int MAX_HANDLED = 16;
  /** Most actions one transition leaves to perform. */
  static final int MAX_ACTIONS = 4;
  private static final byte[] MAGIC = {'P', 'W', 'S', 'S'};
  private static final int VERSION = 1;

  private SessionCodec() {}

  static BytesOut header(int role) {
    return new BytesOut().raw(MAGIC).u8(VERSION).u8(role);
  }

  /** Checks magic, version and role; returns a reader positioned after them. */
  /**
   * Loads the saved snapshot of a session ({@code who} names it in the error).
   *
   * @throws RegistryException SNAPSHOT_UNREADABLE if none is saved
   */
  static byte[] load(SessionStore store, String who) throws RegistryException {
    return store.load().orElseThrow(
        () -> new RegistryException(RegistryError.SNAPSHOT_UNREADABLE, "no " + who + " snapshot saved"));
  }

  static BytesIn open(byte[] snapshot, int role) throws RegistryException {
    BytesIn in = new BytesIn(snapshot);
    if (!Arrays.equals(in.raw(MAGIC.length), MAGIC)) {
      throw new RegistryException(RegistryError.UNSUPPORTED_VERSION, "not a PriWatt session snapshot");
    }
    int version = in.u8();
    if (version != VERSION) {
      throw new RegistryException(RegistryError.UNSUPPORTED_VERSION, "snapshot version " + version);
    }
    int r = in.u8();
    if (r != role) {
      throw new RegistryException(RegistryError.MALFORMED, "snapshot of role " + r + ", expected " + role);
    }
    return in;
  }

  static void writeIdentity(BytesOut out, Identity id) {
    byte[] s = id.signingKey().privateKeyBytes();
    byte[] e = id.encryptionKey().privateKeyBytes();
    try {
      out.raw(s).raw(e);
    } finally {
      Arrays.fill(s, (byte) 0);
      Arrays.fill(e, (byte) 0);
    }
    PowParameters pow = id.publicIdentity().pow();
    out.i64(id.address().stream()).i64(pow.nonceTrialsPerByte()).i64(pow.payloadLengthExtraBytes());
  }

  static Identity readIdentity(BytesIn in) throws RegistryException {
    EcKey sign = readPrivate(in, false);
    EcKey enc = readPrivate(in, false);
    long stream = in.i64();
    PowParameters pow = readPow(in);
    try {
      return Identity.of(sign, enc, stream, pow);
    } catch (IllegalArgumentException e) {
      throw new RegistryException(RegistryError.MALFORMED, "identity: " + e.getMessage());
    }
  }

  static void writePublicIdentity(BytesOut out, PublicIdentity id) {
    out.i64(id.address().stream()).raw(id.signingKey().uncompressedEncoding()).raw(id.encryptionKey().uncompressedEncoding())
        .i64(id.pow().nonceTrialsPerByte()).i64(id.pow().payloadLengthExtraBytes()).i32(id.behaviour());
  }

  static PublicIdentity readPublicIdentity(BytesIn in) throws RegistryException {
    long stream = in.i64();
    EcPublicKey sign = readPublic(in.raw(65));
    EcPublicKey enc = readPublic(in.raw(65));
    PowParameters pow = readPow(in);
    int behaviour = in.i32();
    try {
      return PublicIdentity.of(stream, sign, enc, pow, behaviour);
    } catch (IllegalArgumentException e) {
      throw new RegistryException(RegistryError.MALFORMED, "public identity: " + e.getMessage());
    }
  }

  static void writeKey(BytesOut out, EcKey key) {
    byte[] k = key.privateKeyBytes();
    try {
      out.raw(k).bool(key.isCompressed());
    } finally {
      Arrays.fill(k, (byte) 0);
    }
  }

  static EcKey readKey(BytesIn in) throws RegistryException {
    byte[] k = in.raw(32);
    try {
      return EcKey.fromPrivate(k, in.bool());
    } catch (CryptoException e) {
      throw new RegistryException(RegistryError.MALFORMED, "private key out of range");
    } finally {
      Arrays.fill(k, (byte) 0);
    }
  }

  private static EcKey readPrivate(BytesIn in, boolean compressed) throws RegistryException {
    byte[] k = in.raw(32);
    try {
      return EcKey.fromPrivate(k, compressed);
    } catch (CryptoException e) {
      throw new RegistryException(RegistryError.MALFORMED, "private key out of range");
    } finally {
      Arrays.fill(k, (byte) 0);
    }
  }

  private static EcPublicKey readPublic(byte[] sec) throws RegistryException {
    try {
      return EcPublicKey.decode(sec);
    } catch (CryptoException e) {
      throw new RegistryException(RegistryError.MALFORMED, "public key not on the curve");
    }
  }

  private static PowParameters readPow(BytesIn in) throws RegistryException {
    long trials = in.i64();
    long extra = in.i64();
    try {
      return new PowParameters(trials, extra);
    } catch (IllegalArgumentException e) {
      throw new RegistryException(RegistryError.MALFORMED, "proof-of-work parameters: " + e.getMessage());
    }
  }

  static void writeSecrets(BytesOut out, IssuedSecrets s) {
    byte[] l = s.ownership().copyBytes();
    byte[] z = s.lock().copyBytes();
    try {
      out.raw(l).raw(z).i64(s.energy().milliwattHours());
    } finally {
      Arrays.fill(l, (byte) 0);
      Arrays.fill(z, (byte) 0);
    }
  }

  static IssuedSecrets readSecrets(BytesIn in) throws RegistryException {
    byte[] l = in.raw(EnergySecret.LENGTH);
    byte[] z = in.raw(EnergySecret.LENGTH);
    try {
      return new IssuedSecrets(EnergySecret.of(l), EnergySecret.of(z), readEnergy(in));
    } finally {
      Arrays.fill(l, (byte) 0);
      Arrays.fill(z, (byte) 0);
    }
  }

  static EnergyAmount readEnergy(BytesIn in) throws RegistryException {
    long mwh = in.i64();
    try {
      return EnergyAmount.ofMilliwattHours(mwh);
    } catch (IllegalArgumentException e) {
      throw new RegistryException(RegistryError.MALFORMED, "energy " + mwh);
    }
  }

  /** Writes {@code present ‖ var(bytes)}, absent when {@code bytes} is null. */
  static void writeOptional(BytesOut out, byte[] bytes) {
    out.bool(bytes != null);
    if (bytes != null) {
      out.var(bytes);
    }
  }

  static Optional<byte[]> readOptional(BytesIn in, int max) throws RegistryException {
    return in.bool() ? Optional.of(in.var(max)) : Optional.empty();
  }

  static void writeHandled(BytesOut out, List<InventoryHash> handled) {
    out.u8(handled.size());
    handled.forEach(h -> out.raw(h.toBytes()));
  }

  static List<InventoryHash> readHandled(BytesIn in) throws RegistryException {
    int n = in.u8();
    if (n > MAX_HANDLED) {
      throw new RegistryException(RegistryError.MALFORMED, n + " handled messages");
    }
    List<InventoryHash> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(InventoryHash.fromBytes(in.raw(InventoryHash.LENGTH)));
    }
    return out;
  }

  /** {@code handled} plus {@code latest}, keeping the newest {@link #MAX_HANDLED}. */
  static List<InventoryHash> remember(List<InventoryHash> handled, InventoryHash latest) {
    List<InventoryHash> out = new ArrayList<>(handled);
    out.add(latest);
    while (out.size() > MAX_HANDLED) {
      out.remove(0);
    }
    return List.copyOf(out);
  }
}
