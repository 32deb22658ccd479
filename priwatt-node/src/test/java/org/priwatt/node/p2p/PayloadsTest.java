package org.priwatt.node.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.net.InetAddress;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.priwatt.chain.block.BlockHash;
import org.priwatt.chain.params.ChainParameters;
import org.priwatt.crypto.Hex;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.DecodeError;
import org.priwatt.crypto.codec.DecodeException;
import org.priwatt.crypto.codec.LengthPrefix;
import org.priwatt.msg.MessageObject;

/**
 * Every P2P message round-trips through its payload codec; every cut and every single-byte
 * corruption is either refused with a typed {@link DecodeException} or decodes to a value whose
 * encoding is exactly the corrupted bytes; the bounds are enforced on decode before allocation;
 * the framing matches Bitcoin Core's bytes.
 */
class PayloadsTest {
  private static final int[] MASKS = {0x01, 0x80, 0xff};

  @Property(tries = 300)
  void everyMessageRoundTrips(@ForAll Command command, @ForAll long seed) throws Exception {
    P2pMessage m = Samples.message(command, new Random(seed));
    byte[] payload = Payloads.encode(m);
    assertThat(payload.length).isLessThanOrEqualTo(command.maxPayload());
    assertThat(Payloads.decode(command, payload)).isEqualTo(m);
  }

  @ParameterizedTest
  @EnumSource(Command.class)
  void everyCutIsATypedError(Command command) {
    Random r = new Random(command.ordinal());
    List<String> bad = new ArrayList<>();
    for (int sample = 0; sample < 20; sample++) {
      byte[] payload = Payloads.encode(Samples.message(command, r));
      // An object's payload runs to the end of the frame: a cut inside it is another object.
      int cuts = command == Command.OBJECT ? MessageObject.MIN_SIZE : payload.length;
      for (int cut = 0; cut < cuts; cut++) {
        try {
          P2pMessage m = Payloads.decode(command, Arrays.copyOf(payload, cut));
          bad.add("cut " + cut + " decoded to " + m);
        } catch (DecodeException e) {
          if (e.error() != DecodeError.TRUNCATED && e.error() != DecodeError.LENGTH_OUT_OF_RANGE) {
            bad.add("cut " + cut + ": " + e.getMessage());
          }
        } catch (RuntimeException e) {
          bad.add("cut " + cut + ": unchecked " + e);
        }
      }
    }
    assertThat(bad).as(command + " cuts").isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Command.class)
  void everyCorruptionIsTypedOrCanonical(Command command) {
    Random r = new Random(100 + command.ordinal());
    List<String> bad = new ArrayList<>();
    for (int sample = 0; sample < 5; sample++) {
      byte[] payload = Payloads.encode(Samples.message(command, r));
      for (int at = 0; at < payload.length; at++) {
        for (int mask : MASKS) {
          byte[] corrupt = payload.clone();
          corrupt[at] ^= (byte) mask;
          try {
            P2pMessage m = Payloads.decode(command, corrupt);
            if (!Arrays.equals(Payloads.encode(m), corrupt)) {
              bad.add("^" + mask + " at " + at + " decoded to a value encoded differently: " + m);
            }
          } catch (DecodeException e) {
            // typed
          } catch (RuntimeException e) {
            bad.add("^" + mask + " at " + at + ": unchecked " + e);
          }
        }
      }
    }
    assertThat(bad).as(command + " corruptions").isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Command.class)
  void aPayloadAboveItsBoundIsRefusedBeforeDecoding(Command command) {
    byte[] big = new byte[command.maxPayload() + 1];
    assertThatThrownBy(() -> Payloads.decode(command, big)).isInstanceOf(DecodeException.class)
        .extracting(e -> ((DecodeException) e).error()).isEqualTo(DecodeError.OVERSIZED);
  }

  @Test
  void countsAboveTheirBoundsAreRefusedBeforeAllocation() {
    assertThat(countError(Command.ADDR, Addr.MAX_ENTRIES + 1, TimedAddress.SIZE))
        .isEqualTo(DecodeError.LENGTH_OUT_OF_RANGE);
    assertThat(countError(Command.INV, InventoryMessage.MAX_ENTRIES + 1, 0))
        .isEqualTo(DecodeError.LENGTH_OUT_OF_RANGE);
    assertThat(countError(Command.HEADERS, Headers.MAX_HEADERS + 1, 0)).isEqualTo(DecodeError.LENGTH_OUT_OF_RANGE);
    // A count the bytes cannot hold: 40,000 vectors announced, one present.
    assertThat(countError(Command.GETDATA, 40_000, InventoryVector.SIZE)).isEqualTo(DecodeError.LENGTH_OUT_OF_RANGE);
    byte[] locator = ByteWriter.littleEndian().i32(70016).compactSize(GetHeaders.MAX_LOCATOR + 1)
        .bytes(new byte[64]).toByteArray();
    assertThat(errorOf(Command.GETHEADERS, locator)).isEqualTo(DecodeError.LENGTH_OUT_OF_RANGE);
    byte[] agent = ByteWriter.littleEndian().i32(70016).i64(0).i64(0).bytes(new byte[52]).i64(0)
        .varBytes(LengthPrefix.COMPACT_SIZE, new byte[Version.MAX_USER_AGENT + 1]).i32(0).u8(1).toByteArray();
    assertThat(errorOf(Command.VERSION, Arrays.copyOf(agent, Math.min(agent.length, Version.MAX_PAYLOAD))))
        .isEqualTo(DecodeError.LENGTH_OUT_OF_RANGE);
  }

  @Test
  void aHeaderFollowedByTransactionsIsMalformed() {
    byte[] payload = Payloads.encode(new Headers(List.of(Samples.header(new Random(1)))));
    payload[payload.length - 1] = 1;
    assertThat(errorOf(Command.HEADERS, payload)).isEqualTo(DecodeError.MALFORMED);
  }

  @Test
  void maximalMessagesFitTheirBounds() {
    Random r = new Random(7);
    List<InventoryVector> inv = Collections.nCopies(InventoryMessage.MAX_ENTRIES,
        InventoryVector.block(BlockHash.of(Samples.hash(r))));
    assertThat(Payloads.encode(InventoryMessage.inv(inv))).hasSize(InventoryMessage.MAX_PAYLOAD);
    List<TimedAddress> addrs = Collections.nCopies(Addr.MAX_ENTRIES, new TimedAddress(1, Samples.address(r)));
    assertThat(Payloads.encode(new Addr(addrs))).hasSize(Addr.MAX_PAYLOAD);
    assertThat(Payloads.encode(new Headers(Collections.nCopies(Headers.MAX_HEADERS, Samples.header(r)))))
        .hasSize(Headers.MAX_PAYLOAD);
    assertThat(Payloads.encode(new GetHeaders(1, Collections.nCopies(GetHeaders.MAX_LOCATOR, BlockHash.ZERO),
        BlockHash.ZERO))).hasSize(GetHeaders.MAX_PAYLOAD);
    String agent = "a".repeat(Version.MAX_USER_AGENT);
    Version v = new Version(1, 1, 1, NetAddress.unspecified(), NetAddress.unspecified(), 1, agent, 1, true);
    assertThat(Payloads.encode(v)).hasSize(Version.MAX_PAYLOAD);
    assertThatThrownBy(() -> new Version(1, 1, 1, NetAddress.unspecified(), NetAddress.unspecified(), 1, agent + "b",
        1, true)).isInstanceOf(IllegalArgumentException.class);
  }

  /** The framing of Core's verack on regtest, and a ping, byte for byte. */
  @Test
  void framesAreBitcoinCores() throws Exception {
    int magic = ChainParameters.REGTEST.magic();
    assertThat(Hex.encode(Payloads.frame(magic, new Verack())))
        .isEqualTo("fabfb5da" + "76657261636b000000000000" + "00000000" + "5df6e0e2");
    byte[] ping = Payloads.frame(magic, new Ping(0x0102030405060708L));
    assertThat(Hex.encode(Arrays.copyOfRange(ping, 4, 16))).isEqualTo("70696e670000000000000000");
    assertThat(Hex.encode(Arrays.copyOfRange(ping, 24, 32))).isEqualTo("0807060504030201");
    FrameHeader h = FrameHeader.CODEC.decodeFully(Arrays.copyOf(ping, 24));
    assertThat(h).isEqualTo(new FrameHeader(magic, "ping", 8, FrameHeader.checksum(Arrays.copyOfRange(ping, 24, 32))));
  }

  @Test
  void aVersionMessageHasCoresLayout() throws Exception {
    NetAddress recv = new NetAddress(1, InetAddress.getByName("10.0.0.1"), 8333);
    Version v = new Version(70016, 1, 0x5f5e1000L, recv, NetAddress.unspecified(), 42, Version.USER_AGENT, 7, true);
    byte[] p = Payloads.encode(v);
    // services 1, ::ffff:10.0.0.1, port 8333 big-endian.
    assertThat(Hex.encode(Arrays.copyOfRange(p, 20, 46)))
        .isEqualTo("0100000000000000" + "00000000000000000000ffff0a000001" + "208d");
    assertThat(p[p.length - 1]).isEqualTo((byte) 1);
    assertThat(Payloads.decode(Command.VERSION, p)).isEqualTo(v);
  }

  @Test
  void badCommandFieldsAreMalformed() {
    byte[] h = FrameHeader.CODEC.encode(new FrameHeader(1, "ping", 8, 0));
    byte[] nonAscii = h.clone();
    nonAscii[5] = (byte) 0x80;
    byte[] notPadded = h.clone();
    notPadded[10] = 'x';
    byte[] empty = h.clone();
    Arrays.fill(empty, 4, 16, (byte) 0);
    for (byte[] b : List.of(nonAscii, notPadded, empty)) {
      assertThatThrownBy(() -> FrameHeader.CODEC.decodeFully(b)).isInstanceOf(DecodeException.class)
          .extracting(e -> ((DecodeException) e).error()).isEqualTo(DecodeError.MALFORMED);
    }
    byte[] huge = h.clone();
    huge[19] = (byte) 0x80;
    assertThatThrownBy(() -> FrameHeader.CODEC.decodeFully(huge)).isInstanceOf(DecodeException.class)
        .extracting(e -> ((DecodeException) e).error()).isEqualTo(DecodeError.LENGTH_OUT_OF_RANGE);
  }

  private static DecodeError countError(Command command, int count, int bytesEach) {
    byte[] payload = ByteWriter.of(ByteOrder.LITTLE_ENDIAN, 16).compactSize(count).bytes(new byte[bytesEach])
        .toByteArray();
    return errorOf(command, payload);
  }

  private static DecodeError errorOf(Command command, byte[] payload) {
    try {
      P2pMessage m = Payloads.decode(command, payload);
      return fail("decoded " + m);
    } catch (DecodeException e) {
      return e.error();
    }
  }
}
