package org.priwatt.msg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.priwatt.crypto.codec.ByteReader;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.DecodeError;
import org.priwatt.crypto.codec.DecodeException;

/**
 * Issue 13: msg's formats on the shared byte codec. The objects and packets have a {@link
 * org.priwatt.crypto.codec.Codec} with a maximum size, round-trip through it, fail at every cut
 * with a typed error that names the offset, and the codec's errors become {@link MessageError}s
 * at the module's API.
 */
class MessageCodecTest {
  @Test
  void objectCodecRoundTripsAndDeclaresItsMaximum() throws Exception {
    assertThat(MessageObject.CODEC.maxSize()).isEqualTo(MessageObject.MAX_SIZE);
    assertThat(MessageObject.CODEC.order()).isEqualTo(ByteOrder.BIG_ENDIAN);
    Random rnd = new Random(13);
    for (int i = 0; i < 300; i++) {
      byte[] payload = new byte[rnd.nextInt(200)];
      rnd.nextBytes(payload);
      MessageObject o = MessageObject.unsolved(rnd.nextInt(Integer.MAX_VALUE), rnd.nextInt(5),
          rnd.nextInt(70_000), 1 + rnd.nextInt(300), payload).withNonce(rnd.nextLong());
      byte[] enc = MessageObject.CODEC.encode(o);
      assertThat(enc).isEqualTo(o.encoded());
      MessageObject back = MessageObject.CODEC.decodeFully(enc);
      assertThat(back).isEqualTo(o);
      assertThat(back.inventoryHash()).isEqualTo(o.inventoryHash());
      assertThat(back.payload()).isEqualTo(payload);
    }
  }

  /** An object takes what its reader has left, from wherever the reader stands. */
  @Test
  void objectDecodesFromTheMiddleOfABuffer() throws Exception {
    MessageObject o = MessageObject.unsolved(1000, 2, 1, 1, new byte[] {9, 8, 7}).withNonce(42);
    byte[] buf = ByteWriter.bigEndian().bytes(new byte[] {1, 2, 3}).bytes(o.encoded()).toByteArray();
    ByteReader in = ByteReader.of(buf, 3, buf.length - 3, ByteOrder.BIG_ENDIAN);
    assertThat(MessageObject.CODEC.decode(in)).isEqualTo(o);
    assertThat(in.remaining()).isZero();
  }

  @Test
  void everyCutOfAnObjectIsATypedErrorAtItsOffset() {
    byte[] enc = MessageObject.unsolved(1000, 2, 300, 70_000, new byte[0]).encoded();
    for (int cut = 0; cut < enc.length; cut++) {
      byte[] t = Arrays.copyOf(enc, cut);
      int at = cut;
      assertThatThrownBy(() -> MessageObject.CODEC.decodeFully(t))
          .isInstanceOfSatisfying(DecodeException.class, e -> {
            assertThat(e.error()).isEqualTo(DecodeError.TRUNCATED);
            assertThat(e.offset()).as("cut %d", at).isBetween(0, at);
          });
      assertThatThrownBy(() -> MessageObject.decode(t))
          .isInstanceOfSatisfying(MessageException.class, e -> {
            assertThat(e.error()).isEqualTo(MessageError.TRUNCATED);
            assertThat(e.getCause()).isInstanceOf(DecodeException.class);
            assertThat(e.getMessage()).contains("at offset");
          });
    }
  }

  @Test
  void packetCodecRoundTripsBackToBackAndDeclaresItsMaximum() throws Exception {
    assertThat(WirePacket.CODEC.maxSize()).isEqualTo(WirePacket.HEADER_LENGTH + WirePacket.MAX_PAYLOAD);
    WirePacket a = WirePacket.of("object", new byte[] {1, 2, 3});
    WirePacket b = WirePacket.of("", new byte[0]);
    ByteWriter w = ByteWriter.bigEndian();
    WirePacket.CODEC.encode(a, w);
    WirePacket.CODEC.encode(b, w);
    ByteReader in = ByteReader.bigEndian(w.toByteArray());
    assertThat(WirePacket.CODEC.decode(in)).isEqualTo(a);
    assertThat(WirePacket.CODEC.decode(in)).isEqualTo(b);
    assertThat(in.remaining()).isZero();
    assertThat(WirePacket.CODEC.encode(a)).isEqualTo(a.encode());
  }

  @Test
  void everyCutOfAPacketIsTruncatedAndHostileHeadersAreTyped() {
    byte[] enc = WirePacket.of("getdata", new byte[] {5, 6, 7, 8}).encode();
    for (int cut = 0; cut < enc.length; cut++) {
      byte[] t = Arrays.copyOf(enc, cut);
      assertThatThrownBy(() -> WirePacket.decode(t))
          .isInstanceOfSatisfying(MessageException.class,
              e -> assertThat(e.error()).isEqualTo(MessageError.TRUNCATED));
    }
    byte[] badMagic = enc.clone();
    badMagic[0] ^= 1;
    assertThat(packetError(badMagic)).isEqualTo(MessageError.INVALID_FIELD);
    byte[] hugeLength = enc.clone();
    hugeLength[16] = (byte) 0xff; // payload length 0xff000004 > MAX_PAYLOAD, refused before any read
    assertThat(packetError(hugeLength)).isEqualTo(MessageError.TOO_LARGE);
    byte[] trailing = Arrays.copyOf(enc, enc.length + 1);
    assertThat(packetError(trailing)).isEqualTo(MessageError.TRAILING_DATA);
    assertThat(packetError(new byte[WirePacket.HEADER_LENGTH + WirePacket.MAX_PAYLOAD + 1]))
        .isEqualTo(MessageError.TOO_LARGE);
  }

  private static MessageError packetError(byte[] data) {
    try {
      WirePacket.decode(data);
      return null;
    } catch (MessageException e) {
      return e.error();
    }
  }

  /** Every codec failure has a message error, and the exception keeps the codec's offset. */
  @ParameterizedTest
  @EnumSource(DecodeError.class)
  void everyDecodeErrorMapsToAMessageError(DecodeError error) {
    MessageException e = MessageException.of(new DecodeException(error, 17, "detail"));
    assertThat(e.error()).isEqualTo(MessageError.of(error));
    assertThat(e.getMessage()).startsWith(e.error().name()).contains("at offset 17").contains("detail");
    assertThat(((DecodeException) e.getCause()).offset()).isEqualTo(17);
  }

  @Test
  void decodeErrorsMapToTheConstantsMsgAlwaysUsed() {
    assertThat(MessageError.of(DecodeError.TRUNCATED)).isEqualTo(MessageError.TRUNCATED);
    assertThat(MessageError.of(DecodeError.NON_CANONICAL)).isEqualTo(MessageError.NON_MINIMAL_VARINT);
    assertThat(MessageError.of(DecodeError.LENGTH_OUT_OF_RANGE)).isEqualTo(MessageError.TOO_LARGE);
    assertThat(MessageError.of(DecodeError.OVERSIZED)).isEqualTo(MessageError.TOO_LARGE);
    assertThat(MessageError.of(DecodeError.TRAILING_BYTES)).isEqualTo(MessageError.TRAILING_DATA);
    assertThat(MessageError.of(DecodeError.MALFORMED)).isEqualTo(MessageError.INVALID_FIELD);
    assertThat(MessageError.of(DecodeError.OUT_OF_RANGE)).isEqualTo(MessageError.INVALID_FIELD);
  }
}
