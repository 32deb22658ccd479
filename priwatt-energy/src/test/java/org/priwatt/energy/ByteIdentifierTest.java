package org.priwatt.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** The identifier types: length checks, round trips, value equality, hex form, no aliasing. */
class ByteIdentifierTest {
  @Test
  void entryAndRequestIdsRoundTripAndCompareByValue() {
    RequestId r = RequestId.random(new SecureRandom());
    assertThat(RequestId.fromBytes(r.toBytes())).isEqualTo(r).hasSameHashCodeAs(r);
    assertThat(r.toString()).hasSize(2 * RequestId.LENGTH).matches("[0-9a-f]+");
    byte[] raw = new byte[EntryId.LENGTH];
    raw[0] = 7;
    EntryId e = EntryId.fromBytes(raw);
    raw[0] = 8; // the id copied its input
    assertThat(e.toBytes()[0]).isEqualTo((byte) 7);
    e.toBytes()[0] = 9; // and hands out copies
    assertThat(e).isEqualTo(EntryId.fromBytes(e.toBytes())).isNotEqualTo(EntryId.fromBytes(raw));
    assertThat((Object) e).isNotEqualTo(r).isNotEqualTo(null);
  }

  @Test
  void lockIdsRoundTripAndAreTheirOwnType() {
    SecureRandom random = new SecureRandom();
    LockId l = LockId.random(random);
    assertThat(LockId.fromBytes(l.toBytes())).isEqualTo(l).hasSameHashCodeAs(l);
    assertThat(l.toString()).hasSize(2 * LockId.LENGTH).matches("[0-9a-f]+");
    assertThat(LockId.random(random)).isNotEqualTo(l);
    byte[] raw = l.toBytes();
    raw[0] ^= 1; // a copy
    assertThat(l.toBytes()).isNotEqualTo(raw);
    // A lock id and a request id of the same 16 bytes are different things.
    RequestId sameBytes = RequestId.fromBytes(l.toBytes());
    assertThat((Object) l).isNotEqualTo(sameBytes);
    assertThat(l.toString()).isEqualTo(sameBytes.toString());
    assertThatThrownBy(() -> LockId.fromBytes(new byte[32]))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("lock id must be 16 bytes");
    assertThatThrownBy(() -> LockId.fromBytes(new byte[15])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LockId.fromBytes(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void wrongLengthsAreRejected() {
    assertThatThrownBy(() -> EntryId.fromBytes(new byte[16]))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("entry id must be 32 bytes");
    assertThatThrownBy(() -> RequestId.fromBytes(new byte[32]))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("request id must be 16 bytes");
    assertThatThrownBy(() -> RequestId.fromBytes(null)).isInstanceOf(NullPointerException.class);
  }
}
