package org.priwatt.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Issue 13: the one plumbing of fixed-length byte values, through {@link Sha256Hash}. */
class FixedBytesTest {
  /** Another type over the same bytes, as msg's InventoryHash is. */
  private static final class OtherId extends FixedBytes<OtherId> {
    OtherId(byte[] b) {
      super(copyOfLength(b, 32, "other id"));
    }
  }

  @Test
  void equalOnlyToTheSameTypeWithTheSameBytes() {
    byte[] b = Hashes.sha256(new byte[] {1});
    Sha256Hash h = Sha256Hash.fromBytes(b);
    assertThat(h).isEqualTo(Sha256Hash.fromBytes(b.clone())).hasSameHashCodeAs(Sha256Hash.fromBytes(b));
    assertThat(h).isEqualTo(Sha256Hash.of(new byte[] {1}));
    assertThat(h).isNotEqualTo(new OtherId(b)).isNotEqualTo(null).isNotEqualTo(b);
    assertThat(new OtherId(b)).isEqualTo(new OtherId(b));
  }

  @Test
  void copiesInAndOut() {
    byte[] b = new byte[32];
    Sha256Hash h = Sha256Hash.fromBytes(b);
    b[0] = 1;
    assertThat(h).isEqualTo(Sha256Hash.ZERO);
    h.toBytes()[0] = 1;
    assertThat(h).isEqualTo(Sha256Hash.ZERO);
    byte[] dest = new byte[34];
    Sha256Hash.of(new byte[0]).copyTo(dest, 1);
    assertThat(java.util.Arrays.copyOfRange(dest, 1, 33)).isEqualTo(Hashes.sha256(new byte[0]));
    assertThat(Sha256Hash.of(new byte[0]).byteAt(0)).isEqualTo(Hashes.sha256(new byte[0])[0]);
    assertThat(h.length()).isEqualTo(32);
  }

  @Test
  void ordersUnsignedFromTheFirstByteAndShowsHex() {
    Random rnd = new Random(5);
    List<Sha256Hash> hashes = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      byte[] b = new byte[32];
      rnd.nextBytes(b);
      hashes.add(Sha256Hash.fromBytes(b));
    }
    hashes.sort(null);
    for (int i = 1; i < hashes.size(); i++) {
      assertThat(hashes.get(i - 1).toHex()).isLessThanOrEqualTo(hashes.get(i).toHex());
    }
    byte[] high = new byte[32];
    high[0] = (byte) 0x80;
    assertThat(Sha256Hash.fromBytes(high)).isGreaterThan(Sha256Hash.ZERO);
    assertThat(Sha256Hash.fromBytes(high).toString()).isEqualTo("80" + "00".repeat(31));
  }

  @Test
  void reversedFormsAndLengthChecks() {
    byte[] b = new byte[32];
    b[0] = 1;
    Sha256Hash h = Sha256Hash.fromBytes(b);
    assertThat(h.toReversedHex()).isEqualTo("00".repeat(31) + "01");
    assertThat(Sha256Hash.fromReversedBytes(h.toReversedBytes())).isEqualTo(h);
    assertThat(Sha256Hash.fromReversedHex(h.toReversedHex())).isEqualTo(h);
    assertThat(Sha256Hash.fromHex(h.toHex())).isEqualTo(h);
    assertThatThrownBy(() -> Sha256Hash.fromBytes(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SHA-256 hash must be 32 bytes");
    assertThatThrownBy(() -> Sha256Hash.fromReversedBytes(new byte[33])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Sha256Hash.fromHex("00")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Sha256Hash.fromBytes(null)).isInstanceOf(NullPointerException.class);
  }
}
