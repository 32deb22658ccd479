package org.priwatt.chain.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.priwatt.chain.Coin;
import org.priwatt.chain.TxOutput;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.DecodeError;
import org.priwatt.crypto.codec.DecodeException;
import org.priwatt.script.Script;

/** Coin and BlockUndo codecs: random round trips, truncation, hostile counts. */
class UndoCodecTest {
  private static Coin randomCoin(Random rnd) {
    byte[] script = new byte[rnd.nextInt(60)];
    rnd.nextBytes(script);
    return new Coin(TxOutput.ofRawValue(rnd.nextLong() & Long.MAX_VALUE, Script.fromBytes(script)),
        rnd.nextInt(Integer.MAX_VALUE), rnd.nextBoolean());
  }

  private static BlockUndo randomUndo(Random rnd) {
    List<List<Coin>> txs = new ArrayList<>();
    int n = rnd.nextInt(5);
    for (int i = 0; i < n; i++) {
      List<Coin> coins = new ArrayList<>();
      int k = 1 + rnd.nextInt(4);
      for (int j = 0; j < k; j++) {
        coins.add(randomCoin(rnd));
      }
      txs.add(coins);
    }
    return new BlockUndo(txs);
  }

  @Test
  void randomRoundTrips() throws Exception {
    Random rnd = new Random(42);
    for (int i = 0; i < 2000; i++) {
      Coin coin = randomCoin(rnd);
      assertThat(Coin.CODEC.decodeFully(Coin.CODEC.encode(coin))).isEqualTo(coin);
      BlockUndo undo = randomUndo(rnd);
      assertThat(BlockUndo.CODEC.decodeFully(BlockUndo.CODEC.encode(undo))).isEqualTo(undo);
    }
  }

  @Test
  void everyTruncationIsATypedError() throws Exception {
    Random rnd = new Random(43);
    BlockUndo undo = randomUndo(rnd);
    while (undo.spentCoins().isEmpty()) {
      undo = randomUndo(rnd);
    }
    byte[] bytes = BlockUndo.CODEC.encode(undo);
    for (int cut = 0; cut < bytes.length; cut++) {
      byte[] part = Arrays.copyOf(bytes, cut);
      assertThatThrownBy(() -> BlockUndo.CODEC.decodeFully(part))
          .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.error())
              .isIn(DecodeError.TRUNCATED, DecodeError.LENGTH_OUT_OF_RANGE));
    }
  }

  @Test
  void hostileCountsAreRejectedBeforeAllocation() {
    byte[] bytes = ByteWriter.littleEndian().compactSize(1).compactSize(0x01ffffffL)
        .toByteArray();
    assertThatThrownBy(() -> BlockUndo.CODEC.decodeFully(bytes))
        .isInstanceOfSatisfying(DecodeException.class,
            e -> assertThat(e.error()).isEqualTo(DecodeError.LENGTH_OUT_OF_RANGE));
  }

  @Test
  void coinCodeBeyond32BitsIsRefused() {
    byte[] bytes = ByteWriter.littleEndian().compactSize(((long) Coin.MEMPOOL_HEIGHT + 1) << 1)
        .bytes(TxOutput.CODEC.encode(TxOutput.ofRawValue(1, Script.EMPTY))).toByteArray();
    assertThatThrownBy(() -> Coin.CODEC.decodeFully(bytes))
        .isInstanceOfSatisfying(DecodeException.class, e -> {
          assertThat(e.error()).isEqualTo(DecodeError.LENGTH_OUT_OF_RANGE);
          assertThat(e.offset()).isZero();
        });
  }

  @Test
  void undoIsImmutable() {
    List<Coin> coins = new ArrayList<>(List.of(randomCoin(new Random(1))));
    BlockUndo undo = new BlockUndo(List.of(coins));
    coins.clear();
    assertThat(undo.spentCoins().get(0)).hasSize(1);
    assertThatThrownBy(() -> undo.spentCoins().add(List.of()))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
