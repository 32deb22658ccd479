package org.priwatt.chain.mining;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.priwatt.chain.Amount;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.block.BlockHeader;
import org.priwatt.chain.block.HeaderChain;
import org.priwatt.chain.consensus.internal.DifficultyAdjustment;
import org.priwatt.chain.consensus.internal.MedianTimePast;
import org.priwatt.chain.mempool.FeeRate;
import org.priwatt.chain.mempool.Mempool;
import org.priwatt.chain.mempool.MempoolEntry;
import org.priwatt.chain.params.ChainParameters;
import org.priwatt.chain.state.BlockIndexEntry;
import org.priwatt.chain.state.ChainState;
import org.priwatt.crypto.Sha256Hash;
import org.priwatt.script.Script;

/**
 * Assembles a {@link BlockTemplate} on the tip of a {@link ChainState} from a {@link Mempool}
 * (Bitcoin Core's {@code CreateNewBlock}): header version, time and difficulty for the next
 * height, transactions chosen by {@link TransactionSelector} within the network's size and sigop
 * limits after reserving room for the coinbase, and a coinbase paying subsidy plus fees.
 * Stateless and thread-safe.
 */
public final class BlockAssembler {
  /** Sigops reserved for the coinbase (Core reserves 400 weighted, i.e. 100 legacy). */
  static final int COINBASE_SIGOPS_RESERVE = 100;
  /** Header, transaction count and slack. */
  static final int BLOCK_OVERHEAD = BlockHeader.SIZE + 9;
  /** Block version: all of BIP 34/66/65 signalled. */
  static final int VERSION = 4;

  private final FeeRate minFeeRate;
  private final byte[] tag;

  private BlockAssembler(FeeRate minFeeRate, byte[] tag) {
    this.minFeeRate = minFeeRate;
    this.tag = tag;
  }

  /**
   * An assembler skipping packages below {@code minFeeRate} (Core's {@code -blockmintxfee},
   * 1000 sat/kB) and tagging coinbases with {@code tag} (at most {@link Coinbase#MAX_TAG_LENGTH}
   * bytes, may be empty).
   */
  public static BlockAssembler create(FeeRate minFeeRate, byte[] tag) {
    Objects.requireNonNull(minFeeRate, "minFeeRate");
    if (tag.length > Coinbase.MAX_TAG_LENGTH) {
      throw new IllegalArgumentException("tag longer than " + Coinbase.MAX_TAG_LENGTH);
    }
    return new BlockAssembler(minFeeRate, tag.clone());
  }

  /**
   * Builds a template on {@code chain}'s tip.
   *
   * @param nowSeconds the miner's clock; the header time is the later of it and the tip's
   *     median time past plus one
   */
  public BlockTemplate assemble(ChainState chain, Mempool pool, Script payTo, long nowSeconds) {
    Objects.requireNonNull(payTo, "payTo");
    ChainParameters params = chain.params();
    HeaderChain headers = chain.bestChain();
    BlockIndexEntry tip = chain.tip();
    int height = tip.height() + 1;
    long medianTimePast = MedianTimePast.of(headers, tip.height());
    long time = Math.max(medianTimePast + 1, nowSeconds);
    int bits = DifficultyAdjustment.nextBits(headers, time, params.difficulty());
    int maxBytes = params.maxBlockSize() - BLOCK_OVERHEAD - Coinbase.maxSize(payTo, tag.length);
    SelectionLimits limits = new SelectionLimits(Math.max(0, maxBytes),
        Math.max(0, params.maxBlockSigOps() - COINBASE_SIGOPS_RESERVE), minFeeRate, height,
        medianTimePast);
    TransactionSelector.Selection sel = TransactionSelector.select(pool.entries(), limits);
    List<Transaction> txs = new ArrayList<>(sel.entries().size());
    for (MempoolEntry e : sel.entries()) {
      txs.add(e.transaction());
    }
    Amount value = params.subsidyAt(height).plus(sel.fees());
    int version = Math.max(VERSION, params.minimumBlockVersion(height));
    BlockHeader header = BlockHeader.of(version, tip.hash(), Sha256Hash.ZERO, time, bits, 0);
    BlockTemplate draft = new BlockTemplate(header, height, txs, sel.fees(), value, payTo, tag);
    return new BlockTemplate(draft.block(0).header(), height, txs, sel.fees(), value, payTo, tag);
  }
}
