package org.priwatt.energy.registry;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.priwatt.chain.Amount;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.TxId;
import org.priwatt.crypto.codec.Codec;
import org.priwatt.crypto.codec.DecodeException;
import org.priwatt.energy.ByteString;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.EntryId;
import org.priwatt.energy.LockId;
import org.priwatt.energy.RequestId;

/**
 * The DSO's answer to a {@link RegistryRequest}, or its unsolicited notice of the secrets issued
 * for an injection, sent by private message to the requester: a sealed family, one record per
 * outcome. {@code toString} never shows secrets. Encoding: {@code version(1)=2 ‖ kind(1) ‖
 * requestId(16) ‖ fields of the kind} (see {@link ReplyCodec}). Immutable.
 */
public sealed interface RegistryReply {
  /** Its codec; at most {@value #MAX_ENCODED} bytes. */
  Codec<RegistryReply> CODEC = new ReplyCodec();
  /** Longest accepted encoding. */
  int MAX_ENCODED = 32 * 1024;
  /** Most secrets one reply may carry. */
  int MAX_SECRETS = DsoRegistry.MAX_SPLIT;
  /** The request id of an unsolicited notice (all zero). */
  RequestId NOTICE = RequestId.fromBytes(new byte[RequestId.LENGTH]);

  /** The request answered ({@link #NOTICE} for a notice). */
  RequestId request();

  /** The wire encoding. */
  default byte[] encode() {
    return CODEC.encode(this);
  }

  /**
   * Decodes untrusted bytes.
   *
   * @throws EnergyException with the {@link org.priwatt.energy.EnergyError} of the decoding failure
   */
  static RegistryReply decode(byte[] bytes) throws EnergyException {
    try {
      return CODEC.decodeFully(bytes);
    } catch (DecodeException e) {
      throw EnergyException.decoding("registry reply", e);
    }
  }

  /**
   * The request was refused.
   *
   * @param request the request
   * @param error why
   * @param detail a human-readable reason, never secret, at most 512 bytes of UTF-8
   */
  record Refused(RequestId request, RegistryError error, String detail) implements RegistryReply {
    /** Longest detail kept, in characters. */
    public static final int MAX_DETAIL = 256;

    /** Validates non-null fields and shortens the detail. */
    public Refused {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(error, "error");
      detail = shortened(Objects.requireNonNull(detail, "detail"));
    }

    /** At most {@link #MAX_DETAIL} characters, never cutting a surrogate pair (half of one has no UTF-8 form). */
    private static String shortened(String detail) {
      if (detail.length() <= MAX_DETAIL) {
        return detail;
      }
      int end = Character.isHighSurrogate(detail.charAt(MAX_DETAIL - 1)) ? MAX_DETAIL - 1 : MAX_DETAIL;
      return detail.substring(0, end);
    }
  }

  /**
   * Secrets issued: for an injection (a {@link #NOTICE}), a renewal or a split.
   *
   * @param request the request, or {@link #NOTICE}
   * @param secrets the secrets, one per entry, at most {@link #MAX_SECRETS}
   */
  record Issued(RequestId request, List<IssuedSecrets> secrets) implements RegistryReply {
    /** Validates and copies. */
    public Issued {
      Objects.requireNonNull(request, "request");
      secrets = List.copyOf(secrets);
      if (secrets.isEmpty() || secrets.size() > MAX_SECRETS) {
        throw new IllegalArgumentException("1.." + MAX_SECRETS + " secrets");
      }
    }

    @Override
    public String toString() {
      return "Issued[request=" + request + ", " + secrets.size() + " entries]";
    }
  }

  /**
   * A lock was granted.
   *
   * @param request the lock request
   * @param lock the lock's id, which the funding must commit to
   * @param lockedAt the DSO's clock when granted
   * @param expiry the DSO's clock after which the seller may release the lock
   */
  record LockGranted(RequestId request, LockId lock, long lockedAt, long expiry) implements RegistryReply {
    /** Validates non-null fields. */
    public LockGranted {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(lock, "lock");
    }
  }

  /**
   * An expired, unpaid lock was released.
   *
   * @param request the unlock request
   */
  record Unlocked(RequestId request) implements RegistryReply {
    /** Validates non-null fields. */
    public Unlocked {
      Objects.requireNonNull(request, "request");
    }
  }

  /**
   * A lock as the DSO states it to someone who named its escrow.
   *
   * @param lock the lock id the funding must commit to
   * @param price the price the buyer must pay into the escrow
   * @param fee the fee of the transaction spending the escrow
   * @param expiry the DSO's clock until which the lock holds whatever the seller asks
   * @param confirmations the confirmations the DSO requires of the funding before a transfer
   */
  record LockView(LockId lock, Amount price, Amount fee, long expiry, int confirmations) {
    /** Validates non-null fields. */
    public LockView {
      Objects.requireNonNull(lock, "lock");
      Objects.requireNonNull(price, "price");
      Objects.requireNonNull(fee, "fee");
    }
  }

  /**
   * The DSO's testimony (VALIDATE).
   *
   * @param request the testify request
   * @param holds whether the claim holds: the owner owns at least the energy, and the entry is free
   *     to sell (no escrow named) or locked to exactly the named escrow
   * @param status the entry's status, empty if the entry is unknown
   * @param lock the lock's terms, when an escrow was named and the entry is locked to it
   */
  record Testimony(RequestId request, boolean holds, Optional<EntryStatus> status, Optional<LockView> lock)
      implements RegistryReply {
    /** Validates non-null fields. */
    public Testimony {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(lock, "lock");
    }
  }

  /**
   * Ownership moved to the buyer, and the release paying the seller was broadcast.
   *
   * @param request the transfer request
   * @param secrets the buyer's new secrets and certificate
   * @param release the id of the release transaction
   */
  record Transferred(RequestId request, IssuedSecrets secrets, TxId release) implements RegistryReply {
    /** Validates non-null fields. */
    public Transferred {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(secrets, "secrets");
      Objects.requireNonNull(release, "release");
    }
  }

  /**
   * The DSO's decision of a dispute: the buyer's share and the DSO's signature of the settlement
   * that {@code EscrowTransactions.settlement(terms, funding, share)} builds. The party rebuilds
   * it, checks the signature and adds its own; destinations are never the DSO's to choose.
   *
   * @param request the dispute request
   * @param lock the lock of the disputed escrow
   * @param funding the output the settlement spends
   * @param buyerShareBasisPoints the buyer's share, 0..10000
   * @param dsoSignature the DSO's SIGHASH_ALL signature of the settlement
   */
  record Decision(RequestId request, LockId lock, OutPoint funding, int buyerShareBasisPoints, ByteString dsoSignature)
      implements RegistryReply {
    /** Validates non-null fields and the share's range. */
    public Decision {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(lock, "lock");
      Objects.requireNonNull(funding, "funding");
      Objects.requireNonNull(dsoSignature, "dsoSignature");
      if (buyerShareBasisPoints < 0 || buyerShareBasisPoints > 10_000) {
        throw new IllegalArgumentException("share outside 0..10000");
      }
    }
  }

  /**
   * The complete release of a sold entry's escrow, for a seller who asks after the transfer (it
   * pays only him; he broadcasts it if the network lost it).
   *
   * @param request the dispute request
   * @param lock the lock the entry was sold under
   * @param transaction the serialized release, signed by buyer and DSO
   */
  record Release(RequestId request, LockId lock, ByteString transaction) implements RegistryReply {
    /** Validates non-null fields. */
    public Release {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(lock, "lock");
      Objects.requireNonNull(transaction, "transaction");
    }
  }

  /**
   * One part of an entry split for a payment channel, as the DSO states it.
   *
   * @param entry the part's entry id (hash of its ownership secret)
   * @param energy the part's energy
   * @param status the part's status: {@link EntryStatus#CHANNEL_LOCKED} until claimed, then
   *     {@link EntryStatus#TRANSFERRED}
   */
  record PartView(EntryId entry, EnergyAmount energy, EntryStatus status) {
    /** Validates non-null fields. */
    public PartView {
      Objects.requireNonNull(entry, "entry");
      Objects.requireNonNull(energy, "energy");
      Objects.requireNonNull(status, "status");
    }
  }

  /**
   * The DSO's testimony about a payment channel's lock ({@link RegistryRequest.TestifyChannel}).
   *
   * @param request the request
   * @param holds whether the entry is split for the named channel with its parts locked to the
   *     named client key, the lock not expired, and every part still locked to her or claimed by her
   * @param lock the lock's terms, when the entry is split for the named channel and client
   * @param parts the parts in increment order (empty without a lock), at most {@link #MAX_SECRETS}
   */
  record ChannelTestimony(RequestId request, boolean holds, Optional<PartLock> lock, List<PartView> parts)
      implements RegistryReply {
    /** Validates and copies. */
    public ChannelTestimony {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(lock, "lock");
      parts = List.copyOf(parts);
      if (parts.size() > MAX_SECRETS || lock.isPresent() == parts.isEmpty()) {
        throw new IllegalArgumentException("a lock comes with 1.." + MAX_SECRETS + " parts, no lock with none");
      }
    }
  }
}
