package org.priwatt.chain;

import java.nio.ByteOrder;
import java.util.Objects;
import org.priwatt.crypto.codec.ByteReader;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.Codec;
import org.priwatt.crypto.codec.DecodeException;

/**
 * An unspent transaction output as the chain state keeps it: the output itself, the height of
 * the block that created it, and whether it came from a coinbase (which matures only after the
 * network's coinbase maturity).
 *
 * @param output the unspent output
 * @param height height of the block containing the creating transaction; {@link #MEMPOOL_HEIGHT}
 *     for outputs of unconfirmed transactions
 * @param coinbase true if created by a coinbase transaction
 */
public record Coin(TxOutput output, int height, boolean coinbase) {
  /** Height Bitcoin Core gives outputs of transactions still in the mempool. */
  public static final int MEMPOOL_HEIGHT = 0x7fffffff;
  /**
   * The coin codec used by undo data and stores: a CompactSize of {@code height * 2 +
   * coinbase}, then the output (value and scriptPubKey) as in a transaction.
   */
  public static final Codec<Coin> CODEC = new CoinCodec();

  /** Validates the components. */
  public Coin {
    Objects.requireNonNull(output, "output");
    if (height < 0) {
      throw new IllegalArgumentException("height must be non-negative: " + height);
    }
  }

  /** Returns true if a coinbase coin is still immature at {@code spendHeight}. */
  public boolean isImmatureAt(int spendHeight, int coinbaseMaturity) {
    return coinbase && spendHeight - height < coinbaseMaturity;
  }

  private static final class CoinCodec implements Codec<Coin> {
    @Override
    public ByteOrder order() {
      return ByteOrder.LITTLE_ENDIAN;
    }

    @Override
    public void encode(Coin coin, ByteWriter out) {
      out.compactSize(((long) coin.height << 1) | (coin.coinbase ? 1 : 0));
      TxOutput.CODEC.encode(coin.output, out);
    }

    @Override
    public Coin decode(ByteReader in) throws DecodeException {
      // At most 32 bits, so the height (code >>> 1) is at most MEMPOOL_HEIGHT.
      long code = in.compactSize(0xffffffffL);
      TxOutput output = TxOutput.CODEC.decode(in);
      return new Coin(output, (int) (code >>> 1), (code & 1) != 0);
    }

    @Override
    public int maxSize() {
      return 9 + TxOutput.CODEC.maxSize();
    }
  }
}
