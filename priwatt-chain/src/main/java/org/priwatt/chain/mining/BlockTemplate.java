package org.priwatt.chain.mining;

import java.util.ArrayList;
import java.util.List;
import org.priwatt.chain.Amount;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.block.BlockHeader;
import org.priwatt.crypto.Sha256Hash;
import org.priwatt.script.Script;

/**
 * A block ready for the nonce search: the header fields, the selected pooled transactions and
 * what the coinbase pays. The coinbase itself depends on the extra nonce, so {@link
 * #block(long)} builds the block for a given extra nonce. Immutable.
 */
public final class BlockTemplate {
  private final BlockHeader header;
  private final int height;
  private final List<Transaction> transactions;
  private final Amount fees;
  private final Amount coinbaseValue;
  private final Script payTo;
  private final byte[] tag;

  BlockTemplate(BlockHeader header, int height, List<Transaction> transactions, Amount fees,
      Amount coinbaseValue, Script payTo, byte[] tag) {
    this.header = header;
    this.height = height;
    this.transactions = List.copyOf(transactions);
    this.fees = fees;
    this.coinbaseValue = coinbaseValue;
    this.payTo = payTo;
    this.tag = tag.clone();
  }

  /** The height of the block. */
  public int height() {
    return height;
  }

  /** The header template (Merkle root of extra nonce 0, nonce 0). */
  public BlockHeader header() {
    return header;
  }

  /** The pooled transactions in block order, without the coinbase. */
  public List<Transaction> transactions() {
    return transactions;
  }

  /** The fees the pooled transactions pay. */
  public Amount fees() {
    return fees;
  }

  /** Subsidy plus fees: what the coinbase pays to {@link #payTo()}. */
  public Amount coinbaseValue() {
    return coinbaseValue;
  }

  /** The miner's scriptPubKey. */
  public Script payTo() {
    return payTo;
  }

  /** The coinbase carrying {@code extraNonce}. */
  public Transaction coinbase(long extraNonce) {
    return Coinbase.create(height, extraNonce, coinbaseValue, payTo, tag);
  }

  /** The block with the coinbase of {@code extraNonce}, its Merkle root set, nonce unsolved. */
  public Block block(long extraNonce) {
    List<Transaction> all = new ArrayList<>(transactions.size() + 1);
    all.add(coinbase(extraNonce));
    all.addAll(transactions);
    return Block.assemble(header, all);
  }

  /** The Merkle root of {@link #block(long)}, for rolling the extra nonce. */
  public Sha256Hash merkleRoot(long extraNonce) {
    return block(extraNonce).header().merkleRoot();
  }

  @Override
  public String toString() {
    return "BlockTemplate{height=" + height + ", transactions=" + transactions.size() + ", fees="
        + fees + ", coinbaseValue=" + coinbaseValue + "}";
  }
}
