package org.priwatt.chain.consensus.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.ConsensusApi;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxId;
import org.priwatt.chain.TxInput;
import org.priwatt.chain.TxOutput;
import org.priwatt.chain.TxRejectReason;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.block.BlockError;
import org.priwatt.chain.block.BlockHeader;
import org.priwatt.chain.block.HeaderChain;
import org.priwatt.chain.params.ChainParameters;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptBuilder;

/**
 * The checks a block passes before it touches the UTXO set, in Bitcoin Core's order: the
 * context-free {@code CheckBlock} ({@link #checkBlock(Block)}) and the contextual {@code
 * ContextualCheckBlockHeader} plus {@code ContextualCheckBlock} ({@link #checkContextual}).
 * Input existence, fees, the coinbase amount and scripts are checked when the block is
 * connected (see {@code ChainState}). Immutable and thread-safe.
 */
public final class BlockValidator {
  private final ChainParameters params;
  private final HeaderValidator headers;

  private BlockValidator(ChainParameters params) {
    this.params = params;
    this.headers = HeaderValidator.of(params.difficulty());
  }

  /** Returns a validator for {@code params}. */
  public static BlockValidator of(ChainParameters params) {
    return new BlockValidator(Objects.requireNonNull(params, "params"));
  }

  /** The parameters enforced. */
  public ChainParameters params() {
    return params;
  }

  /**
   * Core's {@code CheckBlock}: proof of work, Merkle root (CVE-2012-2459 mutation included),
   * size, exactly one coinbase in first position, each transaction's context-free checks,
   * unique txids and the legacy sigop count.
   *
   * @throws ChainException the first rule broken: a proof-of-work error ({@link
   *     BlockError#HIGH_HASH}, ...), {@link BlockError#BAD_MERKLE_ROOT}, {@link
   *     BlockError#DUPLICATE_TRANSACTION}, {@link BlockError#BAD_LENGTH}, {@link
   *     BlockError#COINBASE_MISSING}, {@link BlockError#COINBASE_MULTIPLE}, {@link
   *     BlockError#BAD_TRANSACTION} or {@link BlockError#TOO_MANY_SIGOPS}
   */
  public void checkBlock(Block block) throws ChainException {
    headers.checkProofOfWork(block.header());
    if (!block.merkleRootMatches()) {
      throw new ChainException(BlockError.BAD_MERKLE_ROOT, "header " + block.header()
          .merkleRoot().toReversedHex() + ", transactions "
          + block.computedMerkleRoot().root().toReversedHex());
    }
    if (block.computedMerkleRoot().mutated()) {
      throw new ChainException(BlockError.DUPLICATE_TRANSACTION, "mutated transaction list");
    }
    List<Transaction> txs = block.transactions();
    if (txs.isEmpty() || block.size() > params.maxBlockSize()) {
      throw new ChainException(BlockError.BAD_LENGTH,
          txs.size() + " transactions, " + block.size() + " bytes");
    }
    if (!txs.get(0).isCoinbase()) {
      throw new ChainException(BlockError.COINBASE_MISSING, "first transaction not a coinbase");
    }
    for (int i = 1; i < txs.size(); i++) {
      if (txs.get(i).isCoinbase()) {
        throw new ChainException(BlockError.COINBASE_MULTIPLE, "transaction " + i);
      }
    }
    Set<TxId> seen = new HashSet<>(txs.size() * 2);
    for (Transaction tx : txs) {
      Optional<TxRejectReason> reason = ConsensusApi.checkTransaction(tx);
      if (reason.isPresent()) {
        throw new ChainException(BlockError.BAD_TRANSACTION, reason.get().reason() + " in "
            + tx.txId());
      }
      if (!seen.add(tx.txId())) {
        throw new ChainException(BlockError.DUPLICATE_TRANSACTION, tx.txId().toString());
      }
    }
    long sigOps = 0;
    for (Transaction tx : txs) {
      sigOps += legacySigOps(tx);
    }
    if (sigOps > params.maxBlockSigOps()) {
      throw new ChainException(BlockError.TOO_MANY_SIGOPS, sigOps + " legacy sigops");
    }
  }

  /**
   * Core's {@code GetLegacySigOpCount}: inaccurate counts of every scriptSig and scriptPubKey.
   */
  public static int legacySigOps(Transaction tx) {
    int n = 0;
    for (TxInput in : tx.inputs()) {
      n += in.scriptSig().getSigOpCount(false);
    }
    for (TxOutput out : tx.outputs()) {
      n += out.scriptPubKey().getSigOpCount(false);
    }
    return n;
  }

  /**
   * Contextual checks of {@code block} as the child of {@code parent}'s tip: the header's link,
   * difficulty, proof of work, median-time-past and future-time rules ({@link
   * HeaderValidator#checkNext}), the minimum version after BIP 34/66/65, finality of every
   * transaction (cutoff: the parent's median time past once CSV/BIP 113 is active, else the
   * block time) and the BIP 34 coinbase height.
   *
   * @param nowSeconds the local clock, for the two-hour future limit
   * @throws ChainException {@link BlockError#PREV_BLOCK_MISMATCH}, {@link
   *     BlockError#BAD_DIFF_BITS}, a proof-of-work error, {@link BlockError#TIME_TOO_OLD},
   *     {@link BlockError#TIME_TOO_NEW}, {@link BlockError#BAD_VERSION}, {@link
   *     BlockError#NON_FINAL_TRANSACTION} or {@link BlockError#BAD_COINBASE_HEIGHT}
   */
  public void checkContextual(Block block, HeaderChain parent, long nowSeconds)
      throws ChainException {
    Objects.requireNonNull(block, "block");
    checkHeader(block.header(), parent, nowSeconds);
    int height = parent.tipHeight() + 1;
    long cutoff = params.enforcesSequenceLocks(height)
        ? MedianTimePast.ofTip(parent) : block.header().time();
    for (Transaction tx : block.transactions()) {
      if (!LockTimes.isFinal(tx, height, cutoff)) {
        throw new ChainException(BlockError.NON_FINAL_TRANSACTION, tx.txId() + " at height "
            + height);
      }
    }
    if (params.requiresCoinbaseHeight(height)) {
      checkCoinbaseHeight(block, height);
    }
  }

  /**
   * The header part of {@link #checkContextual} (Core's {@code CheckBlockHeader} and {@code
   * ContextualCheckBlockHeader}): what headers-first sync checks before it has the block.
   *
   * @throws ChainException {@link BlockError#PREV_BLOCK_MISMATCH}, {@link
   *     BlockError#BAD_DIFF_BITS}, a proof-of-work error, {@link BlockError#TIME_TOO_OLD},
   *     {@link BlockError#TIME_TOO_NEW} or {@link BlockError#BAD_VERSION}
   */
  public void checkHeader(BlockHeader header, HeaderChain parent, long nowSeconds)
      throws ChainException {
    headers.checkNext(header, parent, nowSeconds);
    int height = parent.tipHeight() + 1;
    if (header.version() < params.minimumBlockVersion(height)) {
      throw new ChainException(BlockError.BAD_VERSION, "version " + header.version()
          + " at height " + height);
    }
  }

  private static void checkCoinbaseHeight(Block block, int height) throws ChainException {
    byte[] expected = coinbaseHeightPrefix(height).program();
    Script scriptSig = block.coinbase().input(0).scriptSig();
    byte[] actual = scriptSig.program();
    boolean ok = actual.length >= expected.length;
    for (int i = 0; ok && i < expected.length; i++) {
      ok = actual[i] == expected[i];
    }
    if (!ok) {
      throw new ChainException(BlockError.BAD_COINBASE_HEIGHT, "height " + height
          + " expected, scriptSig " + scriptSig);
    }
  }

  /** The BIP 34 prefix a coinbase scriptSig at {@code height} must start with. */
  public static Script coinbaseHeightPrefix(int height) {
    return ScriptBuilder.create().number(height).build();
  }
}
