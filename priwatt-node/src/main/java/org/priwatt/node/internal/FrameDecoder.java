package org.priwatt.node.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.Optional;
import org.priwatt.crypto.codec.DecodeError;
import org.priwatt.crypto.codec.DecodeException;
import org.priwatt.node.NodeError;
import org.priwatt.node.p2p.Command;
import org.priwatt.node.p2p.FrameHeader;
import org.priwatt.node.p2p.P2pMessage;
import org.priwatt.node.p2p.Payloads;

/**
 * Cuts the byte stream into frames and decodes each payload. The order of checks is the point:
 * the magic, then the command field, then the announced length against the command's bound —
 * all on the 24 header bytes, before a single payload byte is buffered — then the checksum, then
 * the payload's own bounded decoding. The first failure emits one {@link Fault} and everything
 * after it is discarded unread (the connection is closing). An unknown command within {@link
 * Command#MAX_UNKNOWN_PAYLOAD} is checked and passed on without a message, as Core ignores it.
 */
final class FrameDecoder extends ByteToMessageDecoder {
  /** A decoded frame: the command name, its size on the wire, and the message (null if unknown). */
  record Frame(String command, int wireSize, P2pMessage message) {}

  /** The stream broke the protocol; nothing more is decoded. */
  record Fault(NodeError error, String detail) {}

  private final int magic;
  private FrameHeader header;
  private Optional<Command> command = Optional.empty();
  private boolean failed;

  FrameDecoder(int magic) {
    this.magic = magic;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    if (header == null && !readHeader(in, out)) {
      return;
    }
    if (in.readableBytes() < header.length()) {
      return;
    }
    byte[] payload = new byte[header.length()];
    in.readBytes(payload);
    FrameHeader h = header;
    header = null;
    if (FrameHeader.checksum(payload) != h.checksum()) {
      fail(out, in, NodeError.BAD_CHECKSUM, h.command() + " payload of " + payload.length + " bytes");
      return;
    }
    if (command.isEmpty()) {
      out.add(new Frame(h.command(), FrameHeader.SIZE + payload.length, null));
      return;
    }
    try {
      out.add(new Frame(h.command(), FrameHeader.SIZE + payload.length, Payloads.decode(command.get(), payload)));
    } catch (DecodeException e) {
      fail(out, in, NodeError.MALFORMED_PAYLOAD, h.command() + ": " + e.getMessage());
    }
  }

  /** Reads and checks a header; false if more bytes are needed or the stream failed. */
  private boolean readHeader(ByteBuf in, List<Object> out) {
    if (in.readableBytes() < FrameHeader.SIZE) {
      return false;
    }
    if (in.getInt(in.readerIndex()) != magic) {
      fail(out, in, NodeError.BAD_MAGIC, String.format("frame starts with %08x", in.getInt(in.readerIndex())));
      return false;
    }
    byte[] raw = new byte[FrameHeader.SIZE];
    in.readBytes(raw);
    FrameHeader h;
    try {
      h = FrameHeader.CODEC.decodeFully(raw);
    } catch (DecodeException e) {
      fail(out, in, e.error() == DecodeError.LENGTH_OUT_OF_RANGE ? NodeError.OVERSIZED_FRAME
          : NodeError.MALFORMED_HEADER, e.getMessage());
      return false;
    }
    Optional<Command> c = Command.byWireName(h.command());
    int max = c.map(Command::maxPayload).orElse(Command.MAX_UNKNOWN_PAYLOAD);
    if (h.length() > max) {
      fail(out, in, NodeError.OVERSIZED_FRAME, h.command() + " announces " + h.length() + " bytes, at most " + max);
      return false;
    }
    header = h;
    command = c;
    return true;
  }

  private void fail(List<Object> out, ByteBuf in, NodeError error, String detail) {
    failed = true;
    in.skipBytes(in.readableBytes());
    out.add(new Fault(error, detail));
  }
}
