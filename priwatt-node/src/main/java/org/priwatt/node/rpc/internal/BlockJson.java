package org.priwatt.node.rpc.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Optional;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.block.BlockHash;
import org.priwatt.chain.block.BlockHeader;
import org.priwatt.chain.state.BlockIndexEntry;
import org.priwatt.chain.state.ChainState;
import org.priwatt.node.rpc.ChainJson;

/**
 * Blocks and headers as bitcoind's {@code blockheaderToJSON} and {@code blockToJSON}, and its
 * difficulty ({@code GetDifficulty}) and median time past for any indexed block.
 */
public final class BlockJson {
  private BlockJson() {}

  /** {@code GetDifficulty}: the target of {@code bits} as a multiple of the minimum difficulty's. */
  public static double difficulty(int bits) {
    int shift = (bits >>> 24) & 0xff;
    double diff = (double) 0x0000ffff / (double) (bits & 0x00ffffff);
    while (shift < 29) {
      diff *= 256.0;
      shift++;
    }
    while (shift > 29) {
      diff /= 256.0;
      shift--;
    }
    return diff;
  }

  /** The median of the times of {@code entry} and its up to 10 ancestors (BIP 113). */
  public static long medianTimePast(ChainState chain, BlockIndexEntry entry) {
    long[] times = new long[11];
    int n = 0;
    Optional<BlockIndexEntry> e = Optional.of(entry);
    while (e.isPresent() && n < 11) {
      BlockHeader h = e.get().header();
      times[n++] = h.time();
      e = h.prevBlock().isZero() ? Optional.empty() : chain.entry(h.prevBlock());
    }
    long[] sorted = Arrays.copyOf(times, n);
    Arrays.sort(sorted);
    return sorted[n / 2];
  }

  /** {@code blockheaderToJSON}. */
  public static ObjectNode header(ChainState chain, BlockIndexEntry entry, int txCount) {
    BlockHeader h = entry.header();
    BlockIndexEntry tip = chain.tip();
    boolean onBest = chain.isOnBestChain(entry.hash());
    ObjectNode o = Json.NODES.objectNode();
    o.put("hash", entry.hash().toHex());
    o.put("confirmations", onBest ? tip.height() - entry.height() + 1 : -1);
    o.put("height", entry.height());
    o.put("version", h.version());
    o.put("versionHex", String.format("%08x", h.version()));
    o.put("merkleroot", h.merkleRoot().toReversedHex());
    o.put("time", h.time());
    o.put("mediantime", medianTimePast(chain, entry));
    o.put("nonce", Integer.toUnsignedLong(h.nonce()));
    o.put("bits", String.format("%08x", h.bits()));
    o.set("difficulty", Json.real(difficulty(h.bits())));
    o.put("chainwork", entry.chainWork().toHex());
    o.put("nTx", txCount);
    if (!h.prevBlock().isZero()) {
      o.put("previousblockhash", h.prevBlock().toHex());
    }
    if (onBest && entry.height() < tip.height()) {
      chain.entryAt(entry.height() + 1).ifPresent(next -> o.put("nextblockhash", next.hash().toHex()));
    }
    return o;
  }

  /**
   * {@code blockToJSON}: the header fields, then strippedsize, size, weight and the
   * transactions (ids, or objects with {@code txDetails}).
   */
  public static ObjectNode block(ChainState chain, BlockIndexEntry entry, Block block, boolean txDetails) {
    ObjectNode o = header(chain, entry, block.transactions().size());
    int size = block.size();
    o.put("strippedsize", size);
    o.put("size", size);
    o.put("weight", size * 4);
    ArrayNode txs = o.putArray("tx");
    for (Transaction tx : block.transactions()) {
      if (txDetails) {
        txs.add(ChainJson.transaction(tx, null, true, chain.params().network()));
      } else {
        txs.add(tx.txId().toHex());
      }
    }
    return o;
  }

  /** The hash's entry, if indexed. */
  public static Optional<BlockIndexEntry> entry(ChainState chain, BlockHash hash) {
    return chain.entry(hash);
  }
}
