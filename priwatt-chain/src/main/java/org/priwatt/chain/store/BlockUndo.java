package org.priwatt.chain.store;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.priwatt.chain.Coin;
import org.priwatt.chain.Transaction;
import org.priwatt.crypto.codec.ByteReader;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.Codec;
import org.priwatt.crypto.codec.DecodeException;
import org.priwatt.crypto.codec.LengthPrefix;

/**
 * What disconnecting a block needs to restore the UTXO set: for every non-coinbase transaction,
 * in block order, the coins its inputs spent, in input order (Core's {@code CBlockUndo}). The
 * outputs the block created need no undo data: disconnecting simply removes them.
 *
 * @param spentCoins one list per non-coinbase transaction, each holding that transaction's
 *     spent coins in input order
 */
public record BlockUndo(List<List<Coin>> spentCoins) {
  /** Undo data of a block with only a coinbase. */
  public static final BlockUndo EMPTY = new BlockUndo(List.of());
  /** The largest encoding accepted: a full-size block cannot spend more. */
  public static final int MAX_SIZE = 32 * 1024 * 1024;
  /** The undo codec: a CompactSize count of transactions, each a count and its coins. */
  public static final Codec<BlockUndo> CODEC = new UndoCodec();

  /** Copies the lists so the record is immutable. */
  public BlockUndo {
    Objects.requireNonNull(spentCoins, "spentCoins");
    List<List<Coin>> copy = new ArrayList<>(spentCoins.size());
    for (List<Coin> tx : spentCoins) {
      copy.add(List.copyOf(tx));
    }
    spentCoins = Collections.unmodifiableList(copy);
  }

  private static final class UndoCodec implements Codec<BlockUndo> {
    /** A coin takes at least a 1-byte code, an 8-byte value and a 1-byte script length. */
    private static final int MIN_COIN_SIZE = 10;

    @Override
    public ByteOrder order() {
      return ByteOrder.LITTLE_ENDIAN;
    }

    @Override
    public void encode(BlockUndo undo, ByteWriter out) {
      out.compactSize(undo.spentCoins.size());
      for (List<Coin> tx : undo.spentCoins) {
        out.compactSize(tx.size());
        for (Coin c : tx) {
          Coin.CODEC.encode(c, out);
        }
      }
    }

    @Override
    public BlockUndo decode(ByteReader in) throws DecodeException {
      int txs = in.count(LengthPrefix.COMPACT_SIZE, Transaction.MAX_COUNT, 1);
      List<List<Coin>> all = new ArrayList<>(txs);
      for (int i = 0; i < txs; i++) {
        int n = in.count(LengthPrefix.COMPACT_SIZE, Transaction.MAX_COUNT, MIN_COIN_SIZE);
        List<Coin> coins = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
          coins.add(Coin.CODEC.decode(in));
        }
        all.add(coins);
      }
      return new BlockUndo(all);
    }

    @Override
    public int maxSize() {
      return MAX_SIZE;
    }
  }
}
