package org.priwatt.msg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.priwatt.crypto.Hex;

/** {@link WirePacket}: decode accepts exactly what {@link WirePacket#of} can build, and both directions round-trip. */
class WirePacketTest {
  /** Regression: decode took a non-ASCII command byte (0x80) that {@code of} refuses, so the packet did not round-trip. */
  @Test
  void nonAsciiCommandByteIsRefused() {
    byte[] data = Hex.decode("e9beb4d9" + "80" + "00".repeat(11) + "00000000" + "cf83e135");
    assertThatThrownBy(() -> WirePacket.decode(data)).isInstanceOf(MessageException.class)
        .extracting(e -> ((MessageException) e).error()).isEqualTo(MessageError.INVALID_FIELD);
  }

  /** For every byte value at every command position, decode accepts it exactly when {@code of} accepts the same command. */
  @Test
  void decodeRefusesExactlyWhatOfRefuses() {
    for (int pos = 0; pos < 12; pos++) {
      for (int b = 1; b < 256; b++) {
        String command = "a".repeat(pos) + (char) b;
        byte[] header = new byte[WirePacket.HEADER_LENGTH];
        System.arraycopy(WirePacket.of("", new byte[0]).encode(), 0, header, 0, WirePacket.HEADER_LENGTH);
        Arrays.fill(header, 4, 4 + pos, (byte) 'a');
        header[4 + pos] = (byte) b;
        boolean ofAccepts = accepts(() -> WirePacket.of(command, new byte[0]));
        boolean decodeAccepts = accepts(() -> WirePacket.decode(header));
        assertThat(decodeAccepts).as("byte %02x at %d", b, pos).isEqualTo(ofAccepts);
        if (decodeAccepts) {
          assertThat(command.charAt(pos)).isBetween(' ', '~');
        }
      }
    }
    assertThat(accepts(() -> WirePacket.of("a\0b", new byte[0]))).as("NUL inside a command").isFalse();
    assertThat(accepts(() -> WirePacket.of("abcdefghijklm", new byte[0]))).as("13 characters").isFalse();
  }

  /** Property: decode(encode(x)) == x for random valid commands and payloads. */
  @Test
  void encodeThenDecodeIsIdentity() throws Exception {
    Random rnd = new Random(11);
    for (int i = 0; i < 2_000; i++) {
      char[] name = new char[rnd.nextInt(13)];
      for (int j = 0; j < name.length; j++) {
        name[j] = (char) (0x20 + rnd.nextInt(0x7f - 0x20));
      }
      byte[] payload = new byte[rnd.nextInt(64)];
      rnd.nextBytes(payload);
      WirePacket p = WirePacket.of(new String(name), payload);
      WirePacket back = WirePacket.decode(p.encode());
      assertThat(back).isEqualTo(p);
      assertThat(back.command()).isEqualTo(new String(name));
      assertThat(back.encode()).isEqualTo(p.encode());
    }
  }

  /** Property: whatever decode accepts re-encodes to the very bytes it came from (random command bytes, valid checksum). */
  @Test
  void anythingDecodeAcceptsReencodesToTheSameBytes() {
    Random rnd = new Random(12);
    byte[] base = WirePacket.of("object", new byte[] {1, 2, 3}).encode();
    int accepted = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] data = base.clone();
      int len = rnd.nextInt(13);
      for (int j = 0; j < 12; j++) {
        // Mostly printable bytes, sometimes anything, so both sides of the rule are exercised.
        data[4 + j] = j >= len ? (rnd.nextInt(20) == 0 ? (byte) rnd.nextInt(256) : 0)
            : (byte) (rnd.nextInt(8) == 0 ? rnd.nextInt(256) : 0x20 + rnd.nextInt(0x5f));
      }
      try {
        WirePacket p = WirePacket.decode(data);
        accepted++;
        assertThat(p.encode()).isEqualTo(data);
        assertThat(WirePacket.of(p.command(), p.payload())).isEqualTo(p);
      } catch (MessageException e) {
        assertThat(e.error()).isEqualTo(MessageError.INVALID_FIELD);
      }
    }
    assertThat(accepted).as("some random packets are valid").isGreaterThan(1_000);
  }

  private interface Attempt {
    void run() throws Exception;
  }

  private static boolean accepts(Attempt a) {
    try {
      a.run();
      return true;
    } catch (MessageException | IllegalArgumentException e) {
      return false;
    } catch (Exception e) {
      throw new AssertionError("unexpected " + e, e);
    }
  }
}
