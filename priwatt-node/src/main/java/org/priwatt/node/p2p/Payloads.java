package org.priwatt.node.p2p;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.block.BlockHash;
import org.priwatt.chain.block.BlockHeader;
import org.priwatt.crypto.Sha256Hash;
import org.priwatt.crypto.codec.ByteReader;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.DecodeError;
import org.priwatt.crypto.codec.DecodeException;
import org.priwatt.crypto.codec.LengthPrefix;
import org.priwatt.msg.MessageObject;

/**
 * The payload of every {@link P2pMessage}, on the SDK's one bounded codec: Bitcoin's layouts,
 * little-endian, with every count checked against its bound and the bytes left before a list is
 * allocated. {@link #frame} prepends the {@link FrameHeader}.
 */
public final class Payloads {
  private Payloads() {}

  /** The payload of {@code message}. */
  public static byte[] encode(P2pMessage message) {
    ByteWriter out = ByteWriter.of(ByteOrder.LITTLE_ENDIAN, 64);
    if (message instanceof Version v) {
      out.i32(v.protocolVersion()).i64(v.services()).i64(v.timestamp());
      NetAddress.CODEC.encode(v.receiver(), out);
      NetAddress.CODEC.encode(v.sender(), out);
      out.i64(v.nonce()).utf8(LengthPrefix.COMPACT_SIZE, v.userAgent()).i32(v.startHeight())
          .bool(v.relay());
    } else if (message instanceof Ping p) {
      out.i64(p.nonce());
    } else if (message instanceof Pong p) {
      out.i64(p.nonce());
    } else if (message instanceof Addr a) {
      out.compactSize(a.addresses().size());
      a.addresses().forEach(t -> TimedAddress.CODEC.encode(t, out));
    } else if (message instanceof InventoryMessage m) {
      out.compactSize(m.vectors().size());
      m.vectors().forEach(v -> InventoryVector.CODEC.encode(v, out));
    } else if (message instanceof GetHeaders g) {
      out.i32(g.protocolVersion()).compactSize(g.locator().size());
      g.locator().forEach(h -> out.bytes(h.toBytes()));
      out.bytes(g.stop().toBytes());
    } else if (message instanceof Headers h) {
      out.compactSize(h.headers().size());
      for (BlockHeader header : h.headers()) {
        BlockHeader.CODEC.encode(header, out);
        out.compactSize(0);
      }
    } else if (message instanceof BlockMessage b) {
      Block.CODEC.encode(b.block(), out);
    } else if (message instanceof TxMessage t) {
      Transaction.CODEC.encode(t.transaction(), out);
    } else if (message instanceof ObjectMessage o) {
      MessageObject.CODEC.encode(o.object(), out);
    }
    // Verack and GetAddr have no payload.
    return out.toByteArray();
  }

  /** The whole frame of {@code message} on the network of {@code magic}: header and payload. */
  public static byte[] frame(int magic, P2pMessage message) {
    byte[] payload = encode(message);
    FrameHeader header = FrameHeader.of(magic, message.command(), payload);
    ByteWriter out = ByteWriter.of(ByteOrder.LITTLE_ENDIAN, FrameHeader.SIZE + payload.length);
    FrameHeader.CODEC.encode(header, out);
    return out.bytes(payload).toByteArray();
  }

  /**
   * Decodes the payload of a {@code command} message that must fill {@code payload}.
   *
   * @throws DecodeException {@link DecodeError#OVERSIZED} above the command's bound (checked
   *     first), {@link DecodeError#TRUNCATED}, {@link DecodeError#LENGTH_OUT_OF_RANGE} for a
   *     count above its bound, {@link DecodeError#NON_CANONICAL}, {@link
   *     DecodeError#TRAILING_BYTES}, or {@link DecodeError#MALFORMED} (invalid UTF-8, a boolean
   *     byte above 1, a header followed by a non-zero transaction count)
   */
  public static P2pMessage decode(Command command, byte[] payload) throws DecodeException {
    if (payload.length > command.maxPayload()) {
      throw new DecodeException(DecodeError.OVERSIZED, 0, command.wireName() + " payload of "
          + payload.length + " bytes exceeds " + command.maxPayload());
    }
    if (command == Command.OBJECT) {
      // Big-endian, as Bitmessage: the codec reads it in its own order.
      return new ObjectMessage(MessageObject.CODEC.decodeFully(payload));
    }
    ByteReader in = ByteReader.of(payload, ByteOrder.LITTLE_ENDIAN);
    P2pMessage m = switch (command) {
      case VERSION -> version(in);
      case VERACK -> new Verack();
      case GETADDR -> new GetAddr();
      case PING -> new Ping(in.i64());
      case PONG -> new Pong(in.i64());
      case ADDR -> addr(in);
      case INV, GETDATA, NOTFOUND -> inventory(command, in);
      case GETHEADERS -> getHeaders(in);
      case HEADERS -> headers(in);
      case BLOCK -> new BlockMessage(Block.CODEC.decode(in));
      case TX -> new TxMessage(Transaction.CODEC.decode(in));
      case OBJECT -> throw new AssertionError("decoded above");
    };
    in.expectEnd();
    return m;
  }

  private static Version version(ByteReader in) throws DecodeException {
    int protocol = in.i32();
    long services = in.i64();
    long timestamp = in.i64();
    NetAddress receiver = NetAddress.CODEC.decode(in);
    NetAddress sender = NetAddress.CODEC.decode(in);
    long nonce = in.i64();
    String agent = in.utf8(LengthPrefix.COMPACT_SIZE, Version.MAX_USER_AGENT);
    int height = in.i32();
    boolean relay = in.bool();
    return new Version(protocol, services, timestamp, receiver, sender, nonce, agent, height, relay);
  }

  private static Addr addr(ByteReader in) throws DecodeException {
    int n = in.count(LengthPrefix.COMPACT_SIZE, Addr.MAX_ENTRIES, TimedAddress.SIZE);
    List<TimedAddress> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(TimedAddress.CODEC.decode(in));
    }
    return new Addr(list);
  }

  private static InventoryMessage inventory(Command command, ByteReader in) throws DecodeException {
    int n = in.count(LengthPrefix.COMPACT_SIZE, InventoryMessage.MAX_ENTRIES, InventoryVector.SIZE);
    List<InventoryVector> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(InventoryVector.CODEC.decode(in));
    }
    return new InventoryMessage(command, list);
  }

  private static GetHeaders getHeaders(ByteReader in) throws DecodeException {
    int version = in.i32();
    int n = in.count(LengthPrefix.COMPACT_SIZE, GetHeaders.MAX_LOCATOR, Sha256Hash.LENGTH);
    List<BlockHash> locator = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      locator.add(BlockHash.fromBytes(in.bytes(Sha256Hash.LENGTH)));
    }
    return new GetHeaders(version, locator, BlockHash.fromBytes(in.bytes(Sha256Hash.LENGTH)));
  }

  private static Headers headers(ByteReader in) throws DecodeException {
    int n = in.count(LengthPrefix.COMPACT_SIZE, Headers.MAX_HEADERS, BlockHeader.SIZE + 1);
    List<BlockHeader> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(BlockHeader.CODEC.decode(in));
      if (in.compactSize(Long.MAX_VALUE) != 0) {
        throw in.failure(DecodeError.MALFORMED, "header " + i + " followed by transactions");
      }
    }
    return new Headers(list);
  }
}
