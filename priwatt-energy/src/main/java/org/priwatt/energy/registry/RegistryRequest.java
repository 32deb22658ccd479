package org.priwatt.energy.registry;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;
import org.priwatt.chain.Amount;
import org.priwatt.chain.OutPoint;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.crypto.codec.ByteReader;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.Codec;
import org.priwatt.crypto.codec.DecodeError;
import org.priwatt.crypto.codec.DecodeException;
import org.priwatt.crypto.codec.LengthPrefix;
import org.priwatt.energy.ByteString;
import org.priwatt.energy.ChannelId;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.EnergySecret;
import org.priwatt.energy.EntryId;
import org.priwatt.energy.LockId;
import org.priwatt.energy.RequestId;
import org.priwatt.energy.codec.Fields;
import org.priwatt.energy.internal.Signing;
import org.priwatt.msg.BitmessageAddress;
import org.priwatt.script.ChannelScript;
import org.priwatt.script.EscrowKeys;

/**
 * A request to the DSO registry, travelling in a private message: a sealed family, one record per
 * operation. Every request carries a fresh random {@link RequestId} (replays are refused) and a
 * timestamp (requests too far from the DSO's clock are refused). Requests that change an entry are
 * authenticated over {@code "PriWatt DSO request v2" ‖ body}, where body is the encoding up to the
 * authentication fields:
 * <ul>
 *   <li>{@link Lock}, {@link Unlock}, {@link Renew} and {@link Split} prove knowledge of the lock
 *       secret z with {@code HMAC-SHA256(z, ...)} and carry the entry's next sequence number;</li>
 *   <li>{@link Transfer} proves knowledge of the ownership secret λ by the same HMAC and is signed
 *       by the escrow's buyer key (over the same bytes as the MAC);</li>
 *   <li>{@link Dispute} is signed by the seller's or the buyer's escrow key;</li>
 *   <li>{@link ChannelLock} proves z and carries the sequence number like a split;</li>
 *   <li>{@link ChannelTransfer} proves the part's λ by HMAC and is signed by the channel's
 *       client key.</li>
 * </ul>
 *
 * <p>Encoding (big-endian): {@code version(1)=2 ‖ kind(1) ‖ requestId(16) ‖ entryId(32) ‖
 * timestamp(8) ‖ fields of the kind ‖ mac(32)? ‖ signature(64)?}; see each record. Keys are 33-byte
 * compressed points, escrows the 105-byte redeem script, amounts 8-byte satoshis within the money
 * supply. Immutable.
 */
public sealed interface RegistryRequest {
  /** Its codec; at most {@value #MAX_ENCODED} bytes. */
  Codec<RegistryRequest> CODEC = new RequestCodec();
  /** Longest accepted encoding. */
  int MAX_ENCODED = 2048;
  /** Longest dispute evidence, in UTF-8 bytes. */
  int MAX_EVIDENCE = 1024;

  /** The request id. */
  RequestId id();

  /** The entry the request is about. */
  EntryId entry();

  /** The requester's Unix-seconds timestamp. */
  long timestamp();

  /** The wire encoding. */
  default byte[] encode() {
    return CODEC.encode(this);
  }

  /**
   * Decodes untrusted bytes.
   *
   * @throws EnergyException with the {@link org.priwatt.energy.EnergyError} of the decoding failure
   */
  static RegistryRequest decode(byte[] bytes) throws EnergyException {
    try {
      return CODEC.decodeFully(bytes);
    } catch (DecodeException e) {
      throw EnergyException.decoding("registry request", e);
    }
  }

  /**
   * VALIDATE: does {@code owner} own at least {@code minimum} in the entry, free to sell; or, with
   * an escrow, is the entry locked to exactly that escrow (the answer then carries the lock's
   * terms). Unauthenticated: it reveals nothing that the offer does not, except to someone who
   * already knows the escrow.
   *
   * @param id the request id
   * @param entry the entry asked about
   * @param timestamp the requester's clock
   * @param owner the key the offer names
   * @param minimum the energy the offer names
   * @param escrow the escrow the buyer was given, if asking about a lock
   */
  record Testify(RequestId id, EntryId entry, long timestamp, EcPublicKey owner, EnergyAmount minimum,
      Optional<EscrowKeys> escrow) implements RegistryRequest {
    /** Validates non-null fields. */
    public Testify {
      requireHeader(id, entry, timestamp);
      owner = Objects.requireNonNull(owner, "owner").withCompression(true);
      Objects.requireNonNull(minimum, "minimum");
      Objects.requireNonNull(escrow, "escrow");
    }

    /** A new testify request. */
    public static Testify create(EntryId entry, EcPublicKey owner, EnergyAmount minimum, Optional<EscrowKeys> escrow,
        long timestamp, SecureRandom random) {
      return new Testify(RequestId.random(random), entry, timestamp, owner, minimum, escrow);
    }
  }

  /**
   * Locks the entry to an escrow at a price and fee; proves z.
   *
   * @param id the request id
   * @param entry the entry
   * @param timestamp the requester's clock
   * @param sequence the entry's next sequence number
   * @param escrow the escrow keys: the DSO's, the owner's, the buyer's
   * @param price the total price the buyer pays into the escrow
   * @param fee the fee of the transaction that will spend the escrow
   * @param mac HMAC-SHA256 by z
   */
  record Lock(RequestId id, EntryId entry, long timestamp, long sequence, EscrowKeys escrow, Amount price, Amount fee,
      ByteString mac) implements RegistryRequest {
    /** Validates non-null fields. */
    public Lock {
      requireHeader(id, entry, timestamp);
      requireSequence(sequence);
      Objects.requireNonNull(escrow, "escrow");
      Objects.requireNonNull(price, "price");
      Objects.requireNonNull(fee, "fee");
      Objects.requireNonNull(mac, "mac");
    }

    /** A lock request authenticated by {@code z}. */
    public static Lock create(EnergySecret z, EntryId entry, long sequence, long timestamp, EscrowKeys escrow,
        Amount price, Amount fee, SecureRandom random) {
      Lock unsigned = new Lock(RequestId.random(random), entry, timestamp, sequence, escrow, price, fee,
          ByteString.EMPTY);
      return new Lock(unsigned.id, entry, timestamp, sequence, escrow, price, fee, authenticate(z, unsigned));
    }
  }

  /**
   * Releases an expired, unpaid lock; proves z.
   *
   * @param id the request id
   * @param entry the entry
   * @param timestamp the requester's clock
   * @param sequence the entry's next sequence number
   * @param mac HMAC-SHA256 by z
   */
  record Unlock(RequestId id, EntryId entry, long timestamp, long sequence, ByteString mac) implements RegistryRequest {
    /** Validates non-null fields. */
    public Unlock {
      requireHeader(id, entry, timestamp);
      requireSequence(sequence);
      Objects.requireNonNull(mac, "mac");
    }

    /** An unlock request authenticated by {@code z}. */
    public static Unlock create(EnergySecret z, EntryId entry, long sequence, long timestamp, SecureRandom random) {
      Unlock unsigned = new Unlock(RequestId.random(random), entry, timestamp, sequence, ByteString.EMPTY);
      return new Unlock(unsigned.id, entry, timestamp, sequence, authenticate(z, unsigned));
    }
  }

  /**
   * Asks for a new lock secret; proves z.
   *
   * @param id the request id
   * @param entry the entry
   * @param timestamp the requester's clock
   * @param sequence the entry's next sequence number
   * @param mac HMAC-SHA256 by z
   */
  record Renew(RequestId id, EntryId entry, long timestamp, long sequence, ByteString mac) implements RegistryRequest {
    /** Validates non-null fields. */
    public Renew {
      requireHeader(id, entry, timestamp);
      requireSequence(sequence);
      Objects.requireNonNull(mac, "mac");
    }

    /** A renew request authenticated by {@code z}. */
    public static Renew create(EnergySecret z, EntryId entry, long sequence, long timestamp, SecureRandom random) {
      Renew unsigned = new Renew(RequestId.random(random), entry, timestamp, sequence, ByteString.EMPTY);
      return new Renew(unsigned.id, entry, timestamp, sequence, authenticate(z, unsigned));
    }
  }

  /**
   * Splits the entry into {@code parts} entries (eq. 10); proves z.
   *
   * @param id the request id
   * @param entry the entry
   * @param timestamp the requester's clock
   * @param sequence the entry's next sequence number
   * @param parts the number of parts, 2..{@link DsoRegistry#MAX_SPLIT}
   * @param mac HMAC-SHA256 by z
   */
  record Split(RequestId id, EntryId entry, long timestamp, long sequence, int parts, ByteString mac)
      implements RegistryRequest {
    /** Validates non-null fields and the part count's range. */
    public Split {
      requireHeader(id, entry, timestamp);
      requireSequence(sequence);
      if (parts < 2 || parts > DsoRegistry.MAX_SPLIT) {
        throw new IllegalArgumentException("parts outside 2.." + DsoRegistry.MAX_SPLIT + ": " + parts);
      }
      Objects.requireNonNull(mac, "mac");
    }

    /** A split request authenticated by {@code z}. */
    public static Split create(EnergySecret z, EntryId entry, long sequence, long timestamp, int parts,
        SecureRandom random) {
      Split unsigned = new Split(RequestId.random(random), entry, timestamp, sequence, parts, ByteString.EMPTY);
      return new Split(unsigned.id, entry, timestamp, sequence, parts, authenticate(z, unsigned));
    }
  }

  /**
   * CHANGESECRETOWNER with the release: the buyer presents λ (as an HMAC), names the funding
   * output of the lock, and signs the release of the escrow to the seller, which the DSO completes
   * and broadcasts before it moves ownership, so the seller is paid exactly when the buyer becomes
   * owner. Signed by the escrow's buyer key.
   *
   * @param id the request id
   * @param entry the entry bought
   * @param timestamp the requester's clock
   * @param lock the lock the funding committed to
   * @param funding the funding output
   * @param buyerMsg where the DSO sends the buyer's new secrets
   * @param releaseSignature the buyer's SIGHASH_ALL signature of {@code EscrowTransactions.release}
   * @param mac HMAC-SHA256 by λ
   * @param signature the buyer's compact signature over the same bytes as the MAC
   */
  record Transfer(RequestId id, EntryId entry, long timestamp, LockId lock, OutPoint funding,
      BitmessageAddress buyerMsg, ByteString releaseSignature, ByteString mac, ByteString signature)
      implements RegistryRequest {
    /** Longest release signature (strict DER plus the hash-type byte). */
    public static final int MAX_RELEASE_SIGNATURE = 73;

    /** Validates non-null fields. */
    public Transfer {
      requireHeader(id, entry, timestamp);
      Objects.requireNonNull(lock, "lock");
      Objects.requireNonNull(funding, "funding");
      Objects.requireNonNull(buyerMsg, "buyerMsg");
      Objects.requireNonNull(releaseSignature, "releaseSignature");
      Objects.requireNonNull(mac, "mac");
      Objects.requireNonNull(signature, "signature");
    }

    /** A transfer request proving {@code lambda} and signed by the escrow buyer key {@code buyer}. */
    public static Transfer create(EnergySecret lambda, EcKey buyer, LockId lock, OutPoint funding,
        BitmessageAddress buyerMsg, byte[] releaseSignature, long timestamp, SecureRandom random) {
      Transfer unsigned = new Transfer(RequestId.random(random), lambda.entryId(), timestamp, lock, funding, buyerMsg,
          ByteString.of(releaseSignature), ByteString.EMPTY, ByteString.EMPTY);
      ByteString mac = authenticate(lambda, unsigned);
      Transfer maced = new Transfer(unsigned.id, unsigned.entry, timestamp, lock, funding, buyerMsg,
          unsigned.releaseSignature, mac, ByteString.EMPTY);
      return new Transfer(unsigned.id, unsigned.entry, timestamp, lock, funding, buyerMsg, unsigned.releaseSignature,
          mac, signed(buyer, maced));
    }
  }

  /**
   * Asks the DSO to arbitrate the escrow a funding output pays, under one of the entry's locks;
   * signed by the party's escrow key.
   *
   * @param id the request id
   * @param entry the entry
   * @param timestamp the requester's clock
   * @param lock the lock the escrow belongs to
   * @param funding the output paying the escrow
   * @param party who asks
   * @param evidence free text for the DSO's policy, at most {@value #MAX_EVIDENCE} UTF-8 bytes
   * @param signature the party's compact signature over the signed bytes
   */
  record Dispute(RequestId id, EntryId entry, long timestamp, LockId lock, OutPoint funding, DisputePolicy.Party party,
      String evidence, ByteString signature) implements RegistryRequest {
    /** Validates non-null fields. */
    public Dispute {
      requireHeader(id, entry, timestamp);
      Objects.requireNonNull(lock, "lock");
      Objects.requireNonNull(funding, "funding");
      Objects.requireNonNull(party, "party");
      Objects.requireNonNull(evidence, "evidence");
      Objects.requireNonNull(signature, "signature");
    }

    /**
     * A dispute signed by {@code key}, the party's escrow key.
     *
     * @throws IllegalArgumentException if the evidence is longer than {@value #MAX_EVIDENCE} UTF-8 bytes
     */
    public static Dispute create(EcKey key, DisputePolicy.Party party, EntryId entry, LockId lock, OutPoint funding,
        String evidence, long timestamp, SecureRandom random) {
      if (evidence.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_EVIDENCE) {
        throw new IllegalArgumentException("evidence longer than " + MAX_EVIDENCE + " bytes");
      }
      Dispute unsigned = new Dispute(RequestId.random(random), entry, timestamp, lock, funding, party, evidence,
          ByteString.EMPTY);
      return new Dispute(unsigned.id, entry, timestamp, lock, funding, party, evidence, signed(key, unsigned));
    }
  }

  /**
   * Splits the entry into {@code parts} (eq. 10) for a payment channel (Case 2) and locks every
   * part to the channel's client until the lock expires (see {@link PartLock}); proves z. The DSO
   * answers with the parts' secrets ({@link RegistryReply.Issued}, in increment order) to the
   * requester only. Repeated for a channel the entry is already split for, it answers the same
   * parts again, so a seller who lost the reply loses nothing.
   *
   * @param id the request id
   * @param entry the entry
   * @param timestamp the requester's clock
   * @param sequence the entry's next sequence number
   * @param channel the channel's id
   * @param script the channel's output: the seller's channel key, the client's key, the refund height
   * @param capacity the least the client must fund the channel with
   * @param parts the number of parts (increments), 1..{@link DsoRegistry#MAX_SPLIT}
   * @param expiryHeight the last block height at which the parts stay locked to the client
   * @param mac HMAC-SHA256 by z
   */
  record ChannelLock(RequestId id, EntryId entry, long timestamp, long sequence, ChannelId channel,
      ChannelScript script, Amount capacity, int parts, long expiryHeight, ByteString mac) implements RegistryRequest {
    /** Validates non-null fields and the part count's range. */
    public ChannelLock {
      requireHeader(id, entry, timestamp);
      requireSequence(sequence);
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(script, "script");
      Objects.requireNonNull(capacity, "capacity");
      if (parts < 1 || parts > DsoRegistry.MAX_SPLIT) {
        throw new IllegalArgumentException("parts outside 1.." + DsoRegistry.MAX_SPLIT + ": " + parts);
      }
      if (expiryHeight < 1 || expiryHeight >= ChannelScript.LOCKTIME_THRESHOLD) {
        throw new IllegalArgumentException("expiry height is not a block height: " + expiryHeight);
      }
      Objects.requireNonNull(mac, "mac");
    }

    /** A channel lock request authenticated by {@code z}. */
    public static ChannelLock create(EnergySecret z, EntryId entry, long sequence, long timestamp, ChannelId channel,
        ChannelScript script, Amount capacity, int parts, long expiryHeight, SecureRandom random) {
      ChannelLock unsigned = new ChannelLock(RequestId.random(random), entry, timestamp, sequence, channel, script,
          capacity, parts, expiryHeight, ByteString.EMPTY);
      return new ChannelLock(unsigned.id, entry, timestamp, sequence, channel, script, capacity, parts, expiryHeight,
          authenticate(z, unsigned));
    }
  }

  /**
   * Asks whether {@code entry} is split for {@code channel} with its parts locked to {@code
   * client}; the answer ({@link RegistryReply.ChannelTestimony}) states the lock's terms and every
   * part. Unauthenticated: it reveals the lock only to someone who knows the channel id and key.
   *
   * @param id the request id
   * @param entry the entry the channel buys (the parts' parent)
   * @param timestamp the requester's clock
   * @param channel the channel's id
   * @param client the channel's client key
   */
  record TestifyChannel(RequestId id, EntryId entry, long timestamp, ChannelId channel, EcPublicKey client)
      implements RegistryRequest {
    /** Validates non-null fields. */
    public TestifyChannel {
      requireHeader(id, entry, timestamp);
      Objects.requireNonNull(channel, "channel");
      client = Objects.requireNonNull(client, "client").withCompression(true);
    }

    /** A new channel testify request. */
    public static TestifyChannel create(EntryId entry, ChannelId channel, EcPublicKey client, long timestamp,
        SecureRandom random) {
      return new TestifyChannel(RequestId.random(random), entry, timestamp, channel, client);
    }
  }

  /**
   * A payment channel's client claims one part she paid for: proves the part's λ (released by the
   * seller for the increment) by HMAC and signs with the channel's client key. The DSO moves the
   * part to a new entry of hers and answers with its secrets ({@link RegistryReply.Issued}).
   * Repeated for a part already claimed by the same client, it answers the same secrets again.
   *
   * @param id the request id
   * @param entry the part claimed
   * @param timestamp the requester's clock
   * @param channel the channel the part is locked to
   * @param clientMsg the client's messaging address, recorded on her new entry
   * @param mac HMAC-SHA256 by the part's λ
   * @param signature the client's compact signature over the same bytes as the MAC
   */
  record ChannelTransfer(RequestId id, EntryId entry, long timestamp, ChannelId channel, BitmessageAddress clientMsg,
      ByteString mac, ByteString signature) implements RegistryRequest {
    /** Validates non-null fields. */
    public ChannelTransfer {
      requireHeader(id, entry, timestamp);
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(clientMsg, "clientMsg");
      Objects.requireNonNull(mac, "mac");
      Objects.requireNonNull(signature, "signature");
    }

    /** A claim of the part {@code lambda} names, proving it and signed by the channel's client key {@code client}. */
    public static ChannelTransfer create(EnergySecret lambda, EcKey client, ChannelId channel,
        BitmessageAddress clientMsg, long timestamp, SecureRandom random) {
      ChannelTransfer unsigned = new ChannelTransfer(RequestId.random(random), lambda.entryId(), timestamp, channel,
          clientMsg, ByteString.EMPTY, ByteString.EMPTY);
      ByteString mac = authenticate(lambda, unsigned);
      ChannelTransfer maced = new ChannelTransfer(unsigned.id, unsigned.entry, timestamp, channel, clientMsg, mac,
          ByteString.EMPTY);
      return new ChannelTransfer(unsigned.id, unsigned.entry, timestamp, channel, clientMsg, mac,
          signed(client, maced));
    }
  }

  // ------------------------------------------------------------------ construction helpers

  private static ByteString authenticate(EnergySecret secret, RegistryRequest unsigned) {
    return ByteString.of(secret.mac(RequestCodec.signedBytes(unsigned)));
  }

  private static ByteString signed(EcKey key, RegistryRequest unsigned) {
    return ByteString.of(Signing.sign(key, RequestCodec.SIGNATURE_DOMAIN, RequestCodec.signedBytes(unsigned)));
  }

  private static void requireHeader(RequestId id, EntryId entry, long timestamp) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(entry, "entry");
    if (timestamp < 0) {
      throw new IllegalArgumentException("negative timestamp");
    }
  }

  private static void requireSequence(long sequence) {
    if (sequence < 0) {
      throw new IllegalArgumentException("negative sequence");
    }
  }
}
