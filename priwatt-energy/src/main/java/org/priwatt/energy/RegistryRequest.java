package org.priwatt.energy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;
import org.priwatt.chain.Amount;
import org.priwatt.crypto.CryptoException;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.crypto.EcdsaSignature;
import org.priwatt.crypto.Hashes;
import org.priwatt.energy.internal.BytesIn;
import org.priwatt.energy.internal.BytesOut;
import org.priwatt.msg.BitmessageAddress;
import org.priwatt.script.Script;

/**
 * A request to the DSO registry, travelling in a private message. Immutable.
 *
 * <p>Every request carries a fresh random {@link RequestId} (replays are refused) and a timestamp
 * (requests too far from the DSO's clock are refused). Requests that change an entry are
 * authenticated:
 * <ul>
 *   <li>lock, unlock, renew and split prove knowledge of the lock secret z with {@code
 *       HMAC-SHA256(z, signedBytes)} and carry the entry's next sequence number, so reordered
 *       requests are refused;</li>
 *   <li>transfer proves knowledge of the ownership secret λ by the same HMAC and is signed
 *       (ECDSA over {@code SHA256(signedBytes ‖ mac)}) by the buyer's key named in the escrow;</li>
 *   <li>dispute is signed by the seller's or buyer's escrow key.</li>
 * </ul>
 * {@code signedBytes = "PriWatt DSO request v1" ‖ encoding without mac and signature}.
 *
 * <p>Encoding (big-endian, variable fields with a 2-byte length): {@code version(1)=1 ‖ kind(1) ‖
 * requestId(16) ‖ entryId(32) ‖ sequence(8) ‖ timestamp(8) ‖ energy mWh(8) ‖ key(var, 0 or 33)
 * ‖ redeemScript(var) ‖ price sat(8) ‖ text(var, UTF-8) ‖ parts(4) ‖ mac(var, 0 or 32) ‖
 * signature(var, DER)}. Fields a kind does not use are zero or empty.
 */
public final class RegistryRequest {
  /** Longest accepted encoding. */
  public static final int MAX_ENCODED = 4096;
  private static final int VERSION = 1;
  private static final byte[] DOMAIN = "PriWatt DSO request v1".getBytes(StandardCharsets.US_ASCII);

  /** Request kinds with their wire codes. */
  public enum Kind {
    /** VALIDATE: does the owner of an entry hold at least E (and is it locked to a given escrow)? */
    TESTIFY,
    /** Lock an entry to an escrow (needs z). */
    LOCK,
    /** Release an unfunded lock (needs z). */
    UNLOCK,
    /** Replace z (needs z). */
    RENEW,
    /** CHANGESECRETOWNER: move ownership to the escrow's buyer (needs λ and the buyer's signature). */
    TRANSFER,
    /** Split an entry into parts (eq. 10, needs z). */
    SPLIT,
    /** Ask the DSO to arbitrate a funded escrow (signed by the seller or the buyer). */
    DISPUTE
  }

  private final Kind kind;
  private final RequestId id;
  private final EntryId entry;
  private final long sequence;
  private final long timestamp;
  private final EnergyAmount energy;
  private final EcPublicKey key;
  private final Script redeemScript;
  private final Amount price;
  private final String text;
  private final int parts;
  private final byte[] mac;
  private final byte[] signature;

  private RegistryRequest(Kind kind, RequestId id, EntryId entry, long sequence, long timestamp, EnergyAmount energy,
      EcPublicKey key, Script redeemScript, Amount price, String text, int parts, byte[] mac, byte[] signature) {
    this.kind = kind;
    this.id = id;
    this.entry = entry;
    this.sequence = sequence;
    this.timestamp = timestamp;
    this.energy = energy;
    this.key = key;
    this.redeemScript = redeemScript;
    this.price = price;
    this.text = text;
    this.parts = parts;
    this.mac = mac;
    this.signature = signature;
  }

  private static RegistryRequest unsigned(Kind kind, EntryId entry, long sequence, long timestamp, SecureRandom random) {
    return new RegistryRequest(kind, RequestId.random(random), entry, sequence, timestamp, EnergyAmount.ZERO, null,
        Script.EMPTY, Amount.ZERO, "", 0, new byte[0], new byte[0]);
  }

  private RegistryRequest with(EnergyAmount e, EcPublicKey k, Script r, Amount p, String t, int n) {
    return new RegistryRequest(kind, id, entry, sequence, timestamp, e, k, r, p, t, n, mac, signature);
  }

  private RegistryRequest authenticated(EnergySecret secret, EcKey signer) {
    byte[] m = secret == null ? new byte[0] : secret.mac(signedBytes());
    byte[] s = new byte[0];
    if (signer != null) {
      s = signer.sign(Hashes.sha256(signedBytes(), m)).encodeDer();
    }
    return new RegistryRequest(kind, id, entry, sequence, timestamp, energy, key, redeemScript, price, text, parts, m, s);
  }

  /** VALIDATE: does {@code owner} own at least {@code minimum} in {@code entry}; if {@code escrow} is non-empty, is the entry locked to exactly it? */
  public static RegistryRequest testify(EntryId entry, EcPublicKey owner, EnergyAmount minimum, Script escrow,
      long timestamp, SecureRandom random) {
    return unsigned(Kind.TESTIFY, entry, 0, timestamp, random).with(minimum, owner, escrow, Amount.ZERO, "", 0);
  }

  /** Locks {@code entry} to {@code lock}, proving knowledge of {@code z}. */
  public static RegistryRequest lock(EnergySecret z, EntryId entry, long sequence, long timestamp, EscrowLock lock,
      SecureRandom random) {
    return unsigned(Kind.LOCK, entry, sequence, timestamp, random)
        .with(EnergyAmount.ZERO, null, lock.redeemScript(), lock.price(), "", 0).authenticated(z, null);
  }

  /** Releases the lock on {@code entry}. */
  public static RegistryRequest unlock(EnergySecret z, EntryId entry, long sequence, long timestamp, SecureRandom random) {
    return unsigned(Kind.UNLOCK, entry, sequence, timestamp, random).authenticated(z, null);
  }

  /** Asks for a new lock secret for {@code entry}. */
  public static RegistryRequest renew(EnergySecret z, EntryId entry, long sequence, long timestamp, SecureRandom random) {
    return unsigned(Kind.RENEW, entry, sequence, timestamp, random).authenticated(z, null);
  }

  /**
   * Splits {@code entry} into {@code parts} entries.
   *
   * @throws IllegalArgumentException if {@code parts < 2}
   */
  public static RegistryRequest split(EnergySecret z, EntryId entry, long sequence, long timestamp, int parts,
      SecureRandom random) {
    if (parts < 2) {
      throw new IllegalArgumentException("parts < 2");
    }
    return unsigned(Kind.SPLIT, entry, sequence, timestamp, random)
        .with(EnergyAmount.ZERO, null, Script.EMPTY, Amount.ZERO, "", parts).authenticated(z, null);
  }

  /** CHANGESECRETOWNER: the buyer presents λ (as an HMAC) and signs with her escrow key. */
  public static RegistryRequest transfer(EnergySecret lambda, EcKey buyer, BitmessageAddress buyerMsg, long timestamp,
      SecureRandom random) {
    return unsigned(Kind.TRANSFER, lambda.entryId(), 0, timestamp, random)
        .with(EnergyAmount.ZERO, buyer.publicKey(), Script.EMPTY, Amount.ZERO, buyerMsg.toString(), 0)
        .authenticated(lambda, buyer);
  }

  /** A dispute over the escrow of {@code entry}, with the party's evidence, signed by her escrow key. */
  public static RegistryRequest dispute(EcKey party, EntryId entry, Script redeem, String evidence, long timestamp,
      SecureRandom random) {
    return unsigned(Kind.DISPUTE, entry, 0, timestamp, random)
        .with(EnergyAmount.ZERO, party.publicKey(), redeem, Amount.ZERO, evidence, 0).authenticated(null, party);
  }

  // ------------------------------------------------------------------ accessors

  /** The kind. */
  public Kind kind() {
    return kind;
  }

  /** The request id. */
  public RequestId id() {
    return id;
  }

  /** The entry the request is about. */
  public EntryId entry() {
    return entry;
  }

  /** The sequence number (lock-secret requests). */
  public long sequence() {
    return sequence;
  }

  /** The requester's Unix-seconds timestamp. */
  public long timestamp() {
    return timestamp;
  }

  /** The energy asked about (testify). */
  public EnergyAmount energy() {
    return energy;
  }

  /** The owner (testify), buyer (transfer) or party (dispute) key. */
  public Optional<EcPublicKey> key() {
    return Optional.ofNullable(key);
  }

  /** The escrow redeem script (lock, dispute, testify), possibly empty. */
  public Script redeemScript() {
    return redeemScript;
  }

  /** The price (lock). */
  public Amount price() {
    return price;
  }

  /** The buyer's messaging address (transfer) or the evidence (dispute). */
  public String text() {
    return text;
  }

  /** The number of parts (split). */
  public int parts() {
    return parts;
  }

  /** Whether the HMAC verifies for {@code secret}; constant time. */
  public boolean verifyMac(EnergySecret secret) {
    return mac.length == 32 && MessageDigest.isEqual(secret.mac(signedBytes()), mac);
  }

  /** Whether the signature verifies for the request's key (strict DER, low S). */
  public boolean verifySignature() {
    if (key == null || signature.length == 0) {
      return false;
    }
    try {
      return key.verifyLowS(Hashes.sha256(signedBytes(), mac), EcdsaSignature.decodeDer(signature));
    } catch (CryptoException e) {
      return false;
    }
  }

  // ------------------------------------------------------------------ codec

  private byte[] signedBytes() {
    return new BytesOut().raw(DOMAIN).raw(body()).toByteArray();
  }

  private byte[] body() {
    return new BytesOut().u8(VERSION).u8(kind.ordinal() + 1).raw(id.toBytes()).raw(entry.toBytes()).i64(sequence)
        .i64(timestamp).i64(energy.milliwattHours()).var(key == null ? new byte[0] : key.compressedEncoding())
        .var(redeemScript.program()).i64(price.sat()).text(text).i32(parts).toByteArray();
  }

  /** The wire encoding. */
  public byte[] encode() {
    return new BytesOut().raw(body()).var(mac).var(signature).toByteArray();
  }

  /**
   * Decodes untrusted bytes.
   *
   * @throws RegistryException {@link RegistryError#TRUNCATED}, {@link RegistryError#MALFORMED} or
   *     {@link RegistryError#UNKNOWN_KIND}
   */
  public static RegistryRequest decode(byte[] bytes) throws RegistryException {
    if (bytes.length > MAX_ENCODED) {
      throw new RegistryException(RegistryError.MALFORMED, "request of " + bytes.length + " bytes");
    }
    BytesIn in = new BytesIn(bytes);
    if (in.u8() != VERSION) {
      throw new RegistryException(RegistryError.MALFORMED, "unknown request version");
    }
    int k = in.u8();
    if (k < 1 || k > Kind.values().length) {
      throw new RegistryException(RegistryError.UNKNOWN_KIND, "request kind " + k);
    }
    RequestId id = RequestId.fromBytes(in.raw(RequestId.LENGTH));
    EntryId entry = EntryId.fromBytes(in.raw(EntryId.LENGTH));
    long seq = in.i64();
    long ts = in.i64();
    long mwh = in.i64();
    byte[] keyBytes = in.var(33);
    Script redeem = Script.fromBytes(in.var(EscrowScripts.REDEEM_SCRIPT_LENGTH));
    long sat = in.i64();
    String text = in.text(2048);
    int parts = in.i32();
    byte[] mac = in.var(32);
    byte[] sig = in.var(80);
    in.end();
    if (seq < 0 || ts < 0 || mwh < 0 || !Amount.isValid(sat) || parts < 0 || (mac.length != 0 && mac.length != 32)) {
      throw new RegistryException(RegistryError.MALFORMED, "field out of range");
    }
    EcPublicKey key = null;
    if (keyBytes.length != 0) {
      try {
        key = EcPublicKey.decode(keyBytes);
      } catch (CryptoException e) {
        throw new RegistryException(RegistryError.MALFORMED, "bad public key");
      }
    }
    return new RegistryRequest(Kind.values()[k - 1], id, entry, seq, ts, EnergyAmount.ofMilliwattHours(mwh), key,
        redeem, Amount.ofSat(sat), text, parts, mac, sig);
  }

  /** Kind, id and entry only (no secrets are ever in a request, but MACs are not shown either). */
  @Override
  public String toString() {
    return "RegistryRequest{" + kind + ", id=" + id + ", entry=" + entry + ", seq=" + sequence + "}";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RegistryRequest && java.util.Arrays.equals(encode(), ((RegistryRequest) o).encode());
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, kind);
  }
}
