package org.priwatt.node.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.priwatt.chain.params.ChainParameters;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.node.NodeError;
import org.priwatt.node.p2p.FrameHeader;
import org.priwatt.node.p2p.Payloads;
import org.priwatt.node.p2p.Ping;
import org.priwatt.node.p2p.Verack;

/**
 * The frame decoder refuses garbage, another network's magic, an oversized announced length
 * (from the 24 header bytes alone, before any payload arrives), a bad checksum and an
 * undecodable payload with one typed fault and nothing after it; honest frames decode whatever
 * the TCP segmentation.
 */
class FrameDecoderTest {
  private static final int MAGIC = ChainParameters.REGTEST.magic();

  private static EmbeddedChannel channel() {
    return new EmbeddedChannel(new FrameDecoder(MAGIC));
  }

  private static Object feed(EmbeddedChannel ch, byte[] bytes) {
    ch.writeInbound(Unpooled.wrappedBuffer(bytes));
    return ch.readInbound();
  }

  @Test
  void honestFramesDecodeByteByByte() {
    EmbeddedChannel ch = channel();
    byte[] two = concat(Payloads.frame(MAGIC, new Ping(7)), Payloads.frame(MAGIC, new Verack()));
    for (byte b : two) {
      ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
    }
    FrameDecoder.Frame ping = ch.readInbound();
    FrameDecoder.Frame verack = ch.readInbound();
    assertThat(ping.message()).isEqualTo(new Ping(7));
    assertThat(ping.wireSize()).isEqualTo(32);
    assertThat(verack.message()).isEqualTo(new Verack());
  }

  @Test
  void garbageIsBadMagic() {
    byte[] garbage = new byte[100];
    Arrays.fill(garbage, (byte) 0x41);
    assertThat(fault(feed(channel(), garbage))).isEqualTo(NodeError.BAD_MAGIC);
    byte[] mainnet = Payloads.frame(ChainParameters.BITCOIN_MAINNET.magic(), new Verack());
    assertThat(fault(feed(channel(), mainnet))).isEqualTo(NodeError.BAD_MAGIC);
  }

  @Test
  void anOversizedLengthIsRefusedFromTheHeaderAlone() {
    byte[] header = FrameHeader.CODEC.encode(new FrameHeader(MAGIC, "block", 4_000_001, 0));
    EmbeddedChannel ch = channel();
    assertThat(fault(feed(ch, header))).isEqualTo(NodeError.OVERSIZED_FRAME);
    byte[] ping = FrameHeader.CODEC.encode(new FrameHeader(MAGIC, "ping", 9, 0));
    assertThat(fault(feed(channel(), ping))).isEqualTo(NodeError.OVERSIZED_FRAME);
    byte[] unknown = FrameHeader.CODEC.encode(new FrameHeader(MAGIC, "whatever", 64 * 1024 + 1, 0));
    assertThat(fault(feed(channel(), unknown))).isEqualTo(NodeError.OVERSIZED_FRAME);
    byte[] beyondInt = ByteWriter.of(ByteOrder.LITTLE_ENDIAN, 24).bytes(Arrays.copyOf(ping, 16)).u32(0xffff_ffffL)
        .i32(0).toByteArray();
    assertThat(fault(feed(channel(), beyondInt))).isEqualTo(NodeError.OVERSIZED_FRAME);
  }

  @Test
  void aBadChecksumIsRefused() {
    byte[] frame = Payloads.frame(MAGIC, new Ping(7));
    frame[frame.length - 1] ^= 1;
    assertThat(fault(feed(channel(), frame))).isEqualTo(NodeError.BAD_CHECKSUM);
  }

  @Test
  void anUndecodablePayloadIsMalformed() {
    byte[] payload = {1, 2, 3};
    byte[] frame = concat(FrameHeader.CODEC.encode(FrameHeader.of(MAGIC, org.priwatt.node.p2p.Command.PING, payload)),
        payload);
    assertThat(fault(feed(channel(), frame))).isEqualTo(NodeError.MALFORMED_PAYLOAD);
  }

  @Test
  void aBadCommandFieldIsMalformed() {
    byte[] frame = Payloads.frame(MAGIC, new Verack());
    frame[6] = (byte) 0x90;
    assertThat(fault(feed(channel(), frame))).isEqualTo(NodeError.MALFORMED_HEADER);
  }

  @Test
  void afterAFaultNothingMoreIsDecoded() {
    EmbeddedChannel ch = channel();
    byte[] bad = Payloads.frame(MAGIC, new Ping(1));
    bad[bad.length - 1] ^= 1;
    ch.writeInbound(Unpooled.wrappedBuffer(concat(bad, Payloads.frame(MAGIC, new Ping(2)))));
    assertThat(fault(ch.readInbound())).isEqualTo(NodeError.BAD_CHECKSUM);
    ch.writeInbound(Unpooled.wrappedBuffer(Payloads.frame(MAGIC, new Ping(3))));
    assertThat((Object) ch.readInbound()).isNull();
  }

  @Test
  void unknownCommandsPassWithoutAMessage() {
    byte[] payload = {0, 0, 0, 0, 0, 0, 0, 1};
    byte[] frame = concat(FrameHeader.CODEC.encode(new FrameHeader(MAGIC, "feefilter", 8, FrameHeader.checksum(payload))),
        payload);
    FrameDecoder.Frame f = (FrameDecoder.Frame) feed(channel(), frame);
    assertThat(f.command()).isEqualTo("feefilter");
    assertThat(f.message()).isNull();
  }

  private static NodeError fault(Object o) {
    assertThat(o).isInstanceOf(FrameDecoder.Fault.class);
    return ((FrameDecoder.Fault) o).error();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
