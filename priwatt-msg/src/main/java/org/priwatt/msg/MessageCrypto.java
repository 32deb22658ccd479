package org.priwatt.msg;

import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.priwatt.crypto.CryptoException;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.Ecies;
import org.priwatt.crypto.codec.ByteReader;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.DecodeException;
import org.priwatt.crypto.codec.LengthPrefix;
import org.priwatt.msg.internal.SenderBlock;
import org.priwatt.msg.internal.Signatures;

/**
 * Builds and opens the content-bearing objects of Bitmessage protocol v3 (msg version 1,
 * broadcast version 5, pubkey and getpubkey version 4). Builders return objects with nonce 0;
 * solve their proof of work with {@link ProofOfWork#solve}. Openers are trial decryptions: they
 * return empty, never throw, for objects not meant for the given key, so a node can try every
 * object against every identity cheaply.
 *
 * <p>Signatures (DER ECDSA over SHA-256) always cover the object header from expiresTime to stream
 * plus the plaintext before the signature, so a relay cannot move content to another object.
 */
public final class MessageCrypto {
  private static final int MAX_FIELD = MessageObject.MAX_SIZE;

  private MessageCrypto() {}

  // ---------------------------------------------------------------- msg

  /**
   * Builds an unsolved msg object from {@code from} to {@code to}, encrypted to the recipient's
   * encryption key. Plaintext: sender block, the recipient's RIPE (so the recipient can tell the
   * message was not re-encrypted to it by someone else), encoding, content, acknowledgement packet,
   * signature.
   *
   * @param ackPacket a complete {@code object} packet the recipient will publish, or empty
   */
  public static MessageObject buildMsg(Identity from, PublicIdentity to, MessageContent content, byte[] ackPacket, long expiresTime) {
    Objects.requireNonNull(ackPacket, "ackPacket");
    long stream = to.address().stream();
    ByteWriter w = writer(512);
    senderBlock(from).write(w);
    w.bytes(to.address().ripe()).compactSize(content.encoding())
        .varBytes(LengthPrefix.COMPACT_SIZE, content.encode())
        .varBytes(LengthPrefix.COMPACT_SIZE, ackPacket);
    byte[] header = header(expiresTime, ObjectType.MSG, 1, stream);
    byte[] plaintext = signedPlaintext(from, header, new byte[0], w);
    return MessageObject.unsolved(expiresTime, ObjectType.MSG.code(), 1, stream, Ecies.encrypt(to.encryptionKey(), plaintext));
  }

  /**
   * Trial-decrypts a msg object with {@code me}'s encryption key. Returns the message only if it
   * decrypts, parses, names {@code me} as recipient and carries a valid signature of the sender;
   * otherwise empty.
   */
  public static Optional<ReceivedMessage> openMsg(MessageObject object, Identity me) {
    if (object.objectType() != ObjectType.MSG || object.version() != 1) {
      return Optional.empty();
    }
    Optional<byte[]> plain = Ecies.decrypt(me.encryptionKey(), object.payload());
    if (plain.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(parseMsg(object, me, plain.get()));
    } catch (MessageException | DecodeException e) {
      return Optional.empty();
    }
  }

  private static ReceivedMessage parseMsg(MessageObject object, Identity me, byte[] plain)
      throws MessageException, DecodeException {
    ByteReader r = ByteReader.bigEndian(plain);
    SenderBlock sb = SenderBlock.read(r);
    byte[] destRipe = r.bytes(20);
    long encoding = r.compactSize(Long.MAX_VALUE);
    byte[] message = r.varBytes(LengthPrefix.COMPACT_SIZE, MAX_FIELD);
    byte[] ack = r.varBytes(LengthPrefix.COMPACT_SIZE, MAX_FIELD);
    int signedEnd = r.position();
    byte[] sig = r.varBytes(LengthPrefix.COMPACT_SIZE, Signatures.MAX_LENGTH);
    r.expectEnd();
    if (!MessageDigest.isEqual(destRipe, me.address().ripe())) {
      throw new MessageException(MessageError.WRONG_RECIPIENT, "ripe mismatch");
    }
    PublicIdentity sender = sender(sb);
    if (!verifySigned(sender, object, new byte[0], plain, signedEnd, sig)) {
      throw new MessageException(MessageError.BAD_SIGNATURE, "msg signature");
    }
    return new ReceivedMessage(sender, me.address(), MessageContent.decode(encoding, message), ack, object.inventoryHash());
  }

  // ---------------------------------------------------------------- broadcast (v5)

  /**
   * Builds an unsolved v5 broadcast from {@code from}: {@code tag ‖ ECIES(plaintext)} encrypted to
   * the public key of the first half of {@link BitmessageAddress#addressDataHash()}, so anyone who
   * knows the sender's address (a subscriber) can read it and nobody else can.
   */
  public static MessageObject buildBroadcast(Identity from, MessageContent content, long expiresTime) {
    ByteWriter w = writer(512);
    senderBlock(from).write(w);
    w.compactSize(content.encoding()).varBytes(LengthPrefix.COMPACT_SIZE, content.encode());
    return buildTagged(from, ObjectType.BROADCAST, 5, w, expiresTime);
  }

  /** Returns the tag of a v5 broadcast or v4 getpubkey/pubkey object, or empty for other objects. */
  public static Optional<byte[]> tagOf(MessageObject object) {
    ObjectType t = object.objectType();
    boolean tagged = (t == ObjectType.BROADCAST && object.version() == 5)
        || ((t == ObjectType.PUBKEY || t == ObjectType.GETPUBKEY) && object.version() == 4);
    byte[] p = object.payload();
    return tagged && p.length >= 32 ? Optional.of(Arrays.copyOf(p, 32)) : Optional.empty();
  }

  /**
   * Opens a v5 broadcast from {@code subscribed}: the tag must match, the content must decrypt
   * and verify, and the embedded keys must hash to {@code subscribed}. Otherwise empty.
   */
  public static Optional<ReceivedBroadcast> openBroadcast(MessageObject object, BitmessageAddress subscribed) {
    return openTagged(object, ObjectType.BROADCAST, 5, subscribed, plain -> {
      ByteReader r = ByteReader.bigEndian(plain);
      SenderBlock sb = SenderBlock.read(r);
      long encoding = r.compactSize(Long.MAX_VALUE);
      byte[] message = r.varBytes(LengthPrefix.COMPACT_SIZE, MAX_FIELD);
      int signedEnd = r.position();
      byte[] sig = r.varBytes(LengthPrefix.COMPACT_SIZE, Signatures.MAX_LENGTH);
      r.expectEnd();
      PublicIdentity sender = sender(sb);
      if (!sender.address().equals(subscribed)
          || !verifySigned(sender, object, subscribed.tag(), plain, signedEnd, sig)) {
        return Optional.empty();
      }
      return Optional.of(new ReceivedBroadcast(sender, MessageContent.decode(encoding, message), object.inventoryHash()));
    });
  }

  /** Parses the decrypted plaintext of a tagged object; a parse failure means "not for us". */
  @FunctionalInterface
  private interface TaggedParser<T> {
    Optional<T> parse(byte[] plain) throws MessageException, DecodeException;
  }

  /**
   * Opening a tagged object (v5 broadcast, v4 pubkey): type and version match, the leading
   * 32-byte tag is {@code address}'s, the rest decrypts under the key derived from the address,
   * and {@code parser} accepts the plaintext. Empty otherwise; never throws.
   */
  private static <T> Optional<T> openTagged(MessageObject object, ObjectType type, int version,
      BitmessageAddress address, TaggedParser<T> parser) {
    if (object.objectType() != type || object.version() != version) {
      return Optional.empty();
    }
    byte[] p = object.payload();
    if (p.length < 32 || !MessageDigest.isEqual(Arrays.copyOf(p, 32), address.tag())) {
      return Optional.empty();
    }
    EcKey key = addressKey(address);
    Optional<byte[]> plain;
    try {
      plain = Ecies.decrypt(key, Arrays.copyOfRange(p, 32, p.length));
    } finally {
      key.destroy();
    }
    if (plain.isEmpty()) {
      return Optional.empty();
    }
    try {
      return parser.parse(plain.get());
    } catch (MessageException | DecodeException e) {
      return Optional.empty();
    }
  }

  // ---------------------------------------------------------------- pubkey / getpubkey (v4)

  /** Builds an unsolved v4 getpubkey object asking for the keys of {@code wanted} (carries only its tag). */
  public static MessageObject buildGetPubkey(BitmessageAddress wanted, long expiresTime) {
    return MessageObject.unsolved(expiresTime, ObjectType.GETPUBKEY.code(), 4, wanted.stream(), wanted.tag());
  }

  /**
   * Builds an unsolved v4 pubkey object for {@code me}: {@code tag ‖ ECIES(behaviour ‖ keys ‖
   * difficulty ‖ signature)}, encrypted like a broadcast so only those who know the address can
   * read the keys.
   */
  public static MessageObject buildPubkey(Identity me, long expiresTime) {
    SenderBlock sb = senderBlock(me);
    ByteWriter w = writer(256).u32(sb.behaviour() & 0xffffffffL).bytes(sb.signKey64()).bytes(sb.encKey64())
        .compactSize(sb.trialsPerByte()).compactSize(sb.extraBytes());
    return buildTagged(me, ObjectType.PUBKEY, 4, w, expiresTime);
  }

  /** Opens a v4 pubkey object of {@code wanted}; empty unless tag, decryption, keys and signature all check out. */
  public static Optional<PublicIdentity> openPubkey(MessageObject object, BitmessageAddress wanted) {
    return openTagged(object, ObjectType.PUBKEY, 4, wanted, plain -> {
      ByteReader r = ByteReader.bigEndian(plain);
      int behaviour = r.i32();
      byte[] sign = r.bytes(64);
      byte[] enc = r.bytes(64);
      long trials = r.compactSize(PowParameters.MAX_VALUE);
      long extra = r.compactSize(PowParameters.MAX_VALUE);
      int signedEnd = r.position();
      byte[] sig = r.varBytes(LengthPrefix.COMPACT_SIZE, Signatures.MAX_LENGTH);
      r.expectEnd();
      PublicIdentity id = PublicIdentity.fromRawKeys(4, wanted.stream(), sign, enc, powOf(trials, extra), behaviour);
      if (!id.address().equals(wanted)
          || !verifySigned(id, object, wanted.tag(), plain, signedEnd, sig)) {
        return Optional.empty();
      }
      return Optional.of(id);
    });
  }

  // ---------------------------------------------------------------- helpers

  /** The header (expiresTime to stream) an object's signature covers. */
  private static byte[] header(long expiresTime, ObjectType type, int version, long stream) {
    return MessageObject.unsolved(expiresTime, type.code(), version, stream, new byte[0])
        .headerWithoutNonce();
  }

  /**
   * Appends to {@code body} the signer's signature over {@code header ‖ tag ‖ body} and returns
   * the whole plaintext ({@code tag} is empty for msg objects).
   */
  private static byte[] signedPlaintext(Identity signer, byte[] header, byte[] tag,
      ByteWriter body) {
    byte[] sig = Signatures.sign(signer.signingKey(), concat(header, tag, body.toByteArray()));
    return body.varBytes(LengthPrefix.COMPACT_SIZE, sig).toByteArray();
  }

  /**
   * Whether {@code sig} is the signer's over the object's header, {@code tag} and the first
   * {@code signedEnd} bytes of {@code plain}.
   */
  private static boolean verifySigned(PublicIdentity signer, MessageObject object, byte[] tag,
      byte[] plain, int signedEnd, byte[] sig) {
    byte[] signed = concat(object.headerWithoutNonce(), tag, Arrays.copyOf(plain, signedEnd));
    return Signatures.verify(signer.signingKey(), signed, sig);
  }

  /**
   * An unsolved tagged object of {@code from} (v5 broadcast, v4 pubkey): {@code tag ‖
   * ECIES(body ‖ signature)} encrypted to the key derived from the address.
   */
  private static MessageObject buildTagged(Identity from, ObjectType type, int version,
      ByteWriter body, long expiresTime) {
    BitmessageAddress addr = from.address();
    byte[] tag = addr.tag();
    byte[] header = header(expiresTime, type, version, addr.stream());
    byte[] plaintext = signedPlaintext(from, header, tag, body);
    EcKey key = addressKey(addr);
    try {
      return MessageObject.unsolved(expiresTime, type.code(), version, addr.stream(),
          concat(tag, Ecies.encrypt(key.publicKey(), plaintext)));
    } finally {
      key.destroy();
    }
  }

  private static SenderBlock senderBlock(Identity id) {
    PublicIdentity p = id.publicIdentity();
    byte[] s = p.signingKey().uncompressedEncoding();
    byte[] e = p.encryptionKey().uncompressedEncoding();
    return new SenderBlock(p.address().version(), p.address().stream(), p.behaviour(),
        Arrays.copyOfRange(s, 1, 65), Arrays.copyOfRange(e, 1, 65), p.pow().nonceTrialsPerByte(), p.pow().payloadLengthExtraBytes());
  }

  private static PublicIdentity sender(SenderBlock sb) throws MessageException {
    return PublicIdentity.fromRawKeys(sb.version(), sb.stream(), sb.signKey64(), sb.encKey64(), powOf(sb.trialsPerByte(), sb.extraBytes()), sb.behaviour());
  }

  private static PowParameters powOf(long trials, long extra) throws MessageException {
    if (trials < 1) {
      throw new MessageException(MessageError.MALFORMED_CONTENT, "zero nonce trials per byte");
    }
    return new PowParameters(trials, extra);
  }

  /** The key v4 pubkeys and v5 broadcasts of {@code addr} are encrypted to; anyone knowing addr can derive it. */
  private static EcKey addressKey(BitmessageAddress addr) {
    byte[] h = addr.addressDataHash();
    try {
      return EcKey.fromPrivate(Arrays.copyOf(h, 32), false);
    } catch (CryptoException e) {
      // Probability about 2^-128: SHA-512 output not a valid scalar.
      throw new IllegalStateException("address hash is not a valid private key", e);
    } finally {
      Arrays.fill(h, (byte) 0);
    }
  }

  /** A big-endian writer for Bitmessage plaintexts. */
  private static ByteWriter writer(int capacity) {
    return ByteWriter.of(ByteOrder.BIG_ENDIAN, capacity);
  }

  private static byte[] concat(byte[]... parts) {
    ByteWriter w = writer(256);
    for (byte[] p : parts) {
      w.bytes(p);
    }
    return w.toByteArray();
  }
}
