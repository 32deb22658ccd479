package org.priwatt.msg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.priwatt.crypto.Hashes;

class MessageObjectTest {
  @Test
  void randomRoundTrips() throws Exception {
    Random rnd = new Random(1);
    for (int i = 0; i < 500; i++) {
      byte[] payload = new byte[rnd.nextInt(300)];
      rnd.nextBytes(payload);
      long version = rnd.nextInt(3) == 0 ? rnd.nextInt(70_000) : rnd.nextInt(6);
      long stream = 1 + rnd.nextInt(i % 2 == 0 ? 5 : 300);
      MessageObject o = MessageObject.unsolved(rnd.nextInt(Integer.MAX_VALUE), rnd.nextInt(5), version, stream, payload).withNonce(rnd.nextLong());
      MessageObject d = MessageObject.decode(o.encoded());
      assertThat(d).isEqualTo(o);
      assertThat(d.version()).isEqualTo(version);
      assertThat(d.stream()).isEqualTo(stream);
      assertThat(d.payload()).isEqualTo(payload);
      assertThat(d.inventoryHash().toBytes()).isEqualTo(Arrays.copyOf(Hashes.sha512d(o.encoded()), 32));
    }
  }

  @Test
  void everyTruncationOfTheHeaderIsTyped() {
    byte[] enc = MessageObject.unsolved(1000, 2, 300, 70_000, new byte[0]).encoded();
    for (int cut = 0; cut < enc.length; cut++) {
      byte[] t = Arrays.copyOf(enc, cut);
      assertThatThrownBy(() -> MessageObject.decode(t)).isInstanceOf(MessageException.class)
          .extracting(e -> ((MessageException) e).error()).isEqualTo(MessageError.TRUNCATED);
    }
  }

  @Test
  void hostileFieldsAreTyped() {
    byte[] big = new byte[MessageObject.MAX_SIZE + 1];
    assertThat(error(big)).isEqualTo(MessageError.TOO_LARGE);
    byte[] enc = MessageObject.unsolved(1000, 2, 1, 1, new byte[4]).encoded();
    byte[] negExp = enc.clone();
    negExp[8] = (byte) 0x80;
    assertThat(error(negExp)).isEqualTo(MessageError.INVALID_FIELD);
    byte[] stream0 = enc.clone();
    stream0[21] = 0;
    assertThat(error(stream0)).isEqualTo(MessageError.INVALID_FIELD);
    byte[] nonMinimal = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2, (byte) 0xfd, 0, 1, 1};
    assertThat(error(nonMinimal)).isEqualTo(MessageError.NON_MINIMAL_VARINT);
  }

  private static MessageError error(byte[] data) {
    try {
      MessageObject.decode(data);
      return null;
    } catch (MessageException e) {
      return e.error();
    }
  }

  @Test
  void wirePacketRoundTripAndTruncation() throws Exception {
    WirePacket p = WirePacket.of("object", new byte[] {1, 2, 3});
    byte[] enc = p.encode();
    assertThat(WirePacket.decode(enc)).isEqualTo(p);
    for (int cut = 0; cut < enc.length; cut++) {
      byte[] t = Arrays.copyOf(enc, cut);
      assertThatThrownBy(() -> WirePacket.decode(t)).isInstanceOf(MessageException.class);
    }
    enc[enc.length - 1] ^= 1;
    assertThatThrownBy(() -> WirePacket.decode(enc)).extracting(e -> ((MessageException) e).error()).isEqualTo(MessageError.INVALID_FIELD);
  }

  @Test
  void storeKeepsUntilExpiryAndEvictsSoonestWhenFull() throws Exception {
    ObjectStore s = new ObjectStore(2, MessageObject.MAX_SIZE);
    MessageObject a = MessageObject.unsolved(100, 2, 1, 1, new byte[] {1});
    MessageObject b = MessageObject.unsolved(200, 2, 1, 1, new byte[] {2});
    MessageObject c = MessageObject.unsolved(300, 2, 1, 1, new byte[] {3});
    assertThat(s.add(a)).isTrue();
    assertThat(s.add(a)).isFalse();
    s.add(b);
    s.add(c);
    assertThat(s.contains(a.inventoryHash())).isFalse();
    assertThat(s.size()).isEqualTo(2);
    assertThatThrownBy(() -> s.add(MessageObject.unsolved(50, 2, 1, 1, new byte[] {4})))
        .extracting(e -> ((MessageException) e).error()).isEqualTo(MessageError.STORE_FULL);
    assertThat(s.inventory(1, 250)).containsExactly(c.inventoryHash());
    assertThat(s.inventory(2, 250)).isEmpty();
    assertThat(s.inventory(150)).containsExactly(c.inventoryHash(), b.inventoryHash());
    assertThat(s.inventory(301)).isEmpty();
    assertThat(s.cleanup(200 + ObjectRules.EXPIRY_GRACE + 1)).isEqualTo(1);
    assertThat(s.get(c.inventoryHash())).contains(c);
  }

  @Test
  void everyErrorConstantIsDistinctAndNamed() {
    for (MessageError e : MessageError.values()) {
      assertThat(new MessageException(e, "x").error()).isEqualTo(e);
      assertThat(new MessageException(e, "x").getMessage()).startsWith(e.name());
    }
  }
}
