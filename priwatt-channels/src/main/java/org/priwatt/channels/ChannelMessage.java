package org.priwatt.channels;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.priwatt.chain.Amount;
import org.priwatt.chain.OutPoint;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.crypto.Hex;
import org.priwatt.crypto.codec.Codec;
import org.priwatt.crypto.codec.DecodeException;
import org.priwatt.energy.ChannelId;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.EnergySecret;
import org.priwatt.energy.EntryId;
import org.priwatt.msg.MessageContent;

/**
 * One message between a channel's client and server (Case 2), carried in a Bitmessage msg between
 * their per-channel identities: a sealed family, one record per kind (messages to and from the
 * DSO are the registry's, {@link org.priwatt.energy.registry.RegistryMessages}). The subject names
 * the kind ({@code priwatt/ch1/<kind>}), the body is the hex of {@code kind(1) ‖ channelId(16) ‖
 * fields} (big-endian, see each record; the kind byte must agree with the subject). Every decoder
 * is bounded by {@link #MAX_BODY}. Immutable, with value equality; {@code toString} never shows a
 * secret.
 */
public sealed interface ChannelMessage {
  /** Largest body accepted, in bytes (an ACCEPT of {@link ChannelTerms#MAX_INCREMENTS} parts fits). */
  int MAX_BODY = 8 * 1024;
  /** Longest payment signature: strict DER plus the hash-type byte. */
  int MAX_SIGNATURE = 73;
  /** The codec of the bodies. */
  Codec<ChannelMessage> CODEC = new ChannelMessageCodec();

  /** The channel the message belongs to. */
  ChannelId channel();

  /**
   * Client to server: open a channel buying {@code entry} in {@code increments} increments of
   * {@code incrementPrice} each. Body: {@code entry(32) ‖ clientKey(33) ‖ increments(2) ‖
   * incrementPrice(8) ‖ capacity(8) ‖ fee(8) ‖ refundHeight(8)}.
   *
   * @param channel a fresh random channel id
   * @param entry the offered entry
   * @param clientKey the client's fresh channel key (pubKeyA)
   * @param increments i
   * @param incrementPrice p
   * @param capacity C, which must be i × p
   * @param fee f, the fee of every payment, from the server's amount
   * @param refundHeight D
   */
  record Open(ChannelId channel, EntryId entry, EcPublicKey clientKey, int increments, Amount incrementPrice,
      Amount capacity, Amount fee, long refundHeight) implements ChannelMessage {
    /** Validates non-null fields and ranges the wire can carry. */
    public Open {
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(entry, "entry");
      clientKey = Objects.requireNonNull(clientKey, "clientKey").withCompression(true);
      Objects.requireNonNull(incrementPrice, "incrementPrice");
      Objects.requireNonNull(capacity, "capacity");
      Objects.requireNonNull(fee, "fee");
      if (increments < 0 || increments > 0xffff || refundHeight < 1
          || refundHeight >= org.priwatt.script.ChannelScript.LOCKTIME_THRESHOLD) {
        throw new IllegalArgumentException("increments or refund height out of range");
      }
    }
  }

  /**
   * One part of the entry as the server states it in ACCEPT.
   *
   * @param entry the part's entry id
   * @param energy the part's energy
   */
  record Part(EntryId entry, EnergyAmount energy) {
    /** Validates non-null fields. */
    public Part {
      Objects.requireNonNull(entry, "entry");
      Objects.requireNonNull(energy, "energy");
    }
  }

  /**
   * Server to client: the DSO locked the entry's parts to the channel; here is my channel key.
   * Body: {@code serverKey(33) ‖ lockExpiry(8) ‖ count(1) ‖ count × (entryId(32) ‖ mWh(8))}.
   *
   * @param channel the channel
   * @param serverKey the server's fresh channel key (pubKeyB)
   * @param lockExpiry the last block height at which the parts stay locked to the client
   * @param parts the parts in increment order, 1..{@link ChannelTerms#MAX_INCREMENTS}
   */
  record Accept(ChannelId channel, EcPublicKey serverKey, long lockExpiry, List<Part> parts)
      implements ChannelMessage {
    /** Validates and copies. */
    public Accept {
      Objects.requireNonNull(channel, "channel");
      serverKey = Objects.requireNonNull(serverKey, "serverKey").withCompression(true);
      parts = List.copyOf(parts);
      if (parts.isEmpty() || parts.size() > ChannelTerms.MAX_INCREMENTS) {
        throw new IllegalArgumentException("1.." + ChannelTerms.MAX_INCREMENTS + " parts");
      }
    }
  }

  /**
   * Client to server: the channel is funded. Body: {@code outPoint(36)}. Only a hint where to
   * look: the server checks the output on his own ledger.
   *
   * @param channel the channel
   * @param funding the funding output
   */
  record Funded(ChannelId channel, OutPoint funding) implements ChannelMessage {
    /** Validates non-null fields. */
    public Funded {
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(funding, "funding");
    }
  }

  /**
   * Client to server: payment {@code n}. Body: {@code n(2) ‖ outPoint(36) ‖ serverAmount(8) ‖
   * signature(u8)}. The outpoint and amount say what the client signed; the server verifies the
   * signature against his own rebuild of payment n and refuses a payment that claims anything else.
   *
   * @param channel the channel
   * @param increment n, the number of increments paid
   * @param funding the output the payment spends
   * @param serverAmount what the payment gives the server
   * @param signature the client's SIGHASH_ALL signature of payment n
   */
  record Pay(ChannelId channel, int increment, OutPoint funding, Amount serverAmount, byte[] signature)
      implements ChannelMessage {
    /** Validates non-null fields and ranges; copies the signature. */
    public Pay {
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(funding, "funding");
      Objects.requireNonNull(serverAmount, "serverAmount");
      signature = Objects.requireNonNull(signature, "signature").clone();
      if (increment < 0 || increment > 0xffff || signature.length > MAX_SIGNATURE) {
        throw new IllegalArgumentException("increment or signature out of range");
      }
    }

    /** A copy of the signature. */
    @Override
    public byte[] signature() {
      return signature.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Pay p && channel.equals(p.channel) && increment == p.increment && funding.equals(p.funding)
          && serverAmount.equals(p.serverAmount) && Arrays.equals(signature, p.signature);
    }

    @Override
    public int hashCode() {
      return Objects.hash(channel, increment, funding, serverAmount, Arrays.hashCode(signature));
    }

    @Override
    public String toString() {
      return "Pay[channel=" + channel + ", increment=" + increment + ", funding=" + funding + ", serverAmount="
          + serverAmount + "]";
    }
  }

  /**
   * Server to client: the ownership secret of part {@code n}, released for payment n. Body:
   * {@code n(2) ‖ λ(32)}.
   *
   * @param channel the channel
   * @param increment n
   * @param lambda the part's ownership secret bλ+n
   */
  record Secret(ChannelId channel, int increment, EnergySecret lambda) implements ChannelMessage {
    /** Validates non-null fields and the range. */
    public Secret {
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(lambda, "lambda");
      if (increment < 0 || increment > 0xffff) {
        throw new IllegalArgumentException("increment out of range");
      }
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
      return "Secret[channel=" + channel + ", increment=" + increment + "]";
    }
  }

  /**
   * Client to server: close the channel with the latest payment. Body: nothing beyond the id.
   *
   * @param channel the channel
   */
  record Close(ChannelId channel) implements ChannelMessage {
    /** Validates non-null fields. */
    public Close {
      Objects.requireNonNull(channel, "channel");
    }
  }

  /** The subject naming this message's kind. */
  default String subject() {
    return ChannelMessageCodec.SUBJECT_PREFIX + ChannelMessageCodec.kindOf(this).name().toLowerCase(Locale.ROOT);
  }

  /** As msg content. */
  default MessageContent toContent() {
    byte[] body = CODEC.encode(this);
    try {
      return MessageContent.simple(subject(), Hex.encode(body));
    } finally {
      Arrays.fill(body, (byte) 0);
    }
  }

  /**
   * Decodes untrusted body bytes.
   *
   * @throws ChannelException with the {@link ChannelError} of the decoding failure
   */
  static ChannelMessage decode(byte[] body) throws ChannelException {
    try {
      return CODEC.decodeFully(body);
    } catch (DecodeException e) {
      throw ChannelException.decoding("channel message", e);
    }
  }

  /**
   * Parses msg content: empty if it is not a channel message at all (another application's or
   * protocol's message), else the message.
   *
   * @throws ChannelException if it claims to be one but does not decode, or its kind byte
   *     disagrees with its subject
   */
  static Optional<ChannelMessage> fromContent(MessageContent content) throws ChannelException {
    Optional<ChannelMessageCodec.Kind> kind = ChannelMessageCodec.kindOfSubject(content.subject());
    if (kind.isEmpty()) {
      return Optional.empty();
    }
    if (content.body().length() > 2L * MAX_BODY) {
      throw new ChannelException(ChannelError.OVERSIZED, content.subject() + " body of " + content.body().length()
          + " characters");
    }
    byte[] body;
    try {
      body = Hex.decode(content.body());
    } catch (IllegalArgumentException e) {
      throw new ChannelException(ChannelError.MALFORMED, content.subject() + " body is not hex");
    }
    try {
      ChannelMessage m = decode(body);
      if (ChannelMessageCodec.kindOf(m) != kind.get()) {
        throw new ChannelException(ChannelError.UNKNOWN_KIND, content.subject() + " carries a "
            + ChannelMessageCodec.kindOf(m));
      }
      return Optional.of(m);
    } finally {
      Arrays.fill(body, (byte) 0);
    }
  }
}
