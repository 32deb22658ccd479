package org.priwatt.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.priwatt.chain.block.BlockHash;
import org.priwatt.crypto.Sha256Hash;

/** The shared plumbing of TxId and BlockHash: one factory set, one order, one display form. */
class HashIdTest {
  @Test
  void bothIdsHaveTheSameFactoriesAndDisplayForm() {
    byte[] natural = new byte[32];
    natural[0] = 1;
    natural[31] = (byte) 0xab;
    String display = "ab" + "00".repeat(30) + "01";
    TxId tx = TxId.fromBytes(natural);
    BlockHash block = BlockHash.fromBytes(natural);
    assertThat(tx.toHex()).isEqualTo(display).isEqualTo(tx.toString());
    assertThat(block.toHex()).isEqualTo(display).isEqualTo(block.toString());
    assertThat(TxId.fromHex(display)).isEqualTo(tx).isEqualTo(TxId.of(Sha256Hash.fromBytes(natural)));
    assertThat(BlockHash.fromHex(display)).isEqualTo(block)
        .isEqualTo(BlockHash.of(Sha256Hash.fromBytes(natural)));
    assertThat(tx.toBytes()).isEqualTo(natural).isEqualTo(block.toBytes());
    assertThat(TxId.ZERO.isZero()).isTrue();
    assertThat(BlockHash.ZERO.isZero()).isTrue();
    assertThat(tx.isZero()).isFalse();
    assertThatThrownBy(() -> TxId.fromBytes(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BlockHash.fromHex("00")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aTxIdIsNeverEqualToABlockHashOfTheSameDigest() {
    Sha256Hash digest = Sha256Hash.twiceOf(new byte[] {1, 2, 3});
    TxId tx = TxId.of(digest);
    BlockHash block = BlockHash.of(digest);
    assertThat((Object) tx).isNotEqualTo(block);
    assertThat(tx.hashCode()).isEqualTo(block.hashCode());
    assertThat(tx.hash()).isEqualTo(block.hash());
  }

  @Test
  void idsOrderAsTheirDisplayHex() {
    Random rnd = new Random(13);
    for (int i = 0; i < 2_000; i++) {
      byte[] a = new byte[32];
      byte[] b = new byte[32];
      rnd.nextBytes(a);
      rnd.nextBytes(b);
      if (i % 3 == 0) {
        System.arraycopy(a, 1, b, 1, 31); // differ in the least significant byte only
      }
      int expected = Integer.signum(TxId.fromBytes(a).toHex().compareTo(TxId.fromBytes(b).toHex()));
      assertThat(Integer.signum(TxId.fromBytes(a).compareTo(TxId.fromBytes(b)))).isEqualTo(expected);
      assertThat(Integer.signum(BlockHash.fromBytes(a).compareTo(BlockHash.fromBytes(b))))
          .isEqualTo(expected)
          .isEqualTo(BlockHash.fromBytes(a).toBigInteger().compareTo(BlockHash.fromBytes(b).toBigInteger()));
      assertThat(TxId.fromBytes(a).compareTo(TxId.fromBytes(a.clone()))).isZero();
    }
  }
}
