package org.priwatt.node.rpc.internal;

import static org.priwatt.node.rpc.RpcParam.optional;
import static org.priwatt.node.rpc.RpcParam.required;
import static org.priwatt.node.rpc.internal.RpcContext.method;
import static org.priwatt.node.rpc.internal.RpcContext.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.Coin;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxId;
import org.priwatt.chain.TxInput;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.block.BlockHash;
import org.priwatt.chain.mempool.Mempool;
import org.priwatt.chain.mempool.MempoolEntry;
import org.priwatt.chain.mempool.MempoolPolicy;
import org.priwatt.chain.state.BlockIndexEntry;
import org.priwatt.chain.state.ChainState;
import org.priwatt.crypto.Hex;
import org.priwatt.node.rpc.ChainJson;
import org.priwatt.node.rpc.RpcArgs;
import org.priwatt.node.rpc.RpcError;
import org.priwatt.node.rpc.RpcException;
import org.priwatt.node.rpc.RpcMethod;
import org.priwatt.node.rpc.RpcType;

/**
 * The {@code blockchain} category: chain, block, header, UTXO and mempool queries, answering
 * with bitcoind's fields in bitcoind's order (Bitcoin Core 28, {@code rpc/blockchain.cpp} and
 * {@code rpc/mempool.cpp}).
 */
final class BlockchainMethods {
  private static final String CATEGORY = "blockchain";

  private final RpcContext ctx;

  private BlockchainMethods(RpcContext ctx) {
    this.ctx = ctx;
  }

  static List<RpcMethod> all(RpcContext ctx) {
    BlockchainMethods m = new BlockchainMethods(ctx);
    return List.of(
        method("getblockchaininfo", CATEGORY, "Returns an object containing various state info regarding blockchain processing.",
            List.of(), "{ \"chain\", \"blocks\", \"headers\", \"bestblockhash\", \"difficulty\", \"time\", \"mediantime\", "
                + "\"verificationprogress\", \"initialblockdownload\", \"chainwork\", \"size_on_disk\", \"pruned\", \"warnings\" }",
            a -> m.getBlockchainInfo()),
        method("getblockcount", CATEGORY, "Returns the height of the most-work fully-validated chain.\n"
            + "The genesis block has height 0.", List.of(), "n    (numeric) The current block count",
            a -> Json.NODES.numberNode(ctx.chain().chain().height())),
        method("getbestblockhash", CATEGORY,
            "Returns the hash of the best (tip) block in the most-work fully-validated chain.", List.of(),
            "\"hex\"    (string) the block hash, hex-encoded", a -> text(ctx.chain().chain().tip().hash().toHex())),
        method("getblockhash", CATEGORY, "Returns hash of block in best-block-chain at height provided.",
            List.of(required("height", RpcType.NUM, "The height index")), "\"hex\"    (string) The block hash",
            m::getBlockHash),
        method("getblockheader", CATEGORY, "If verbose is false, returns a string that is serialized, hex-encoded data "
            + "for blockheader 'hash'.\nIf verbose is true, returns an Object with information about blockheader <hash>.",
            List.of(required("blockhash", RpcType.STR_HEX, "The block hash"),
                optional("verbose", RpcType.BOOL, "true", "true for a json object, false for the hex-encoded data")),
            "{ \"hash\", \"confirmations\", \"height\", \"version\", \"versionHex\", \"merkleroot\", \"time\", \"mediantime\", "
                + "\"nonce\", \"bits\", \"difficulty\", \"chainwork\", \"nTx\", \"previousblockhash\", \"nextblockhash\" }",
            m::getBlockHeader),
        method("getblock", CATEGORY, "If verbosity is 0, returns a string that is serialized, hex-encoded data for block "
            + "'hash'.\nIf verbosity is 1, returns an Object with information about block <hash>.\nIf verbosity is 2, "
            + "returns an Object with information about block <hash> and information about each transaction.",
            List.of(required("blockhash", RpcType.STR_HEX, "The block hash"),
                optional("verbosity|verbose", RpcType.NUM, "1", "0 for hex-encoded data, 1 for a JSON object, "
                    + "2 for JSON object with transaction data").uncheckedType()),
            "the block as hex (verbosity 0), as an object with transaction ids (1) or with transactions (2)",
            m::getBlock),
        method("getdifficulty", CATEGORY, "Returns the proof-of-work difficulty as a multiple of the minimum difficulty.",
            List.of(), "n    (numeric) the proof-of-work difficulty as a multiple of the minimum difficulty.",
            a -> Json.real(BlockJson.difficulty(ctx.chain().chain().tip().header().bits()))),
        method("gettxout", CATEGORY, "Returns details about an unspent transaction output.",
            List.of(required("txid", RpcType.STR, "The transaction id"),
                required("n", RpcType.NUM, "vout number"),
                optional("include_mempool", RpcType.BOOL, "true", "Whether to include the mempool. Note that an unspent "
                    + "output that is spent in the mempool won't appear.")),
            "{ \"bestblock\", \"confirmations\", \"value\", \"scriptPubKey\": { \"asm\", \"desc\", \"hex\", \"address\", "
                + "\"type\" }, \"coinbase\" }, or null if the output is spent or unknown",
            m::getTxOut),
        method("getrawmempool", CATEGORY, "Returns all transaction ids in memory pool as a json array of string "
            + "transaction ids.", List.of(optional("verbose", RpcType.BOOL, "false",
                "True for a json object, false for array of transaction ids")),
            "[ \"hex\", ... ] or { \"txid\": { mempool entry }, ... }", m::getRawMempool),
        method("getmempoolinfo", CATEGORY, "Returns details on the active state of the TX memory pool.", List.of(),
            "{ \"loaded\", \"size\", \"bytes\", \"usage\", \"total_fee\", \"maxmempool\", \"mempoolminfee\", "
                + "\"minrelaytxfee\", \"incrementalrelayfee\", \"unbroadcastcount\", \"fullrbf\" }",
            a -> m.getMempoolInfo()),
        method("getmempoolentry", CATEGORY, "Returns mempool data for given transaction",
            List.of(required("txid", RpcType.STR, "The transaction id (must be in mempool)")),
            "{ \"vsize\", \"weight\", \"time\", \"height\", \"descendantcount\", \"descendantsize\", \"ancestorcount\", "
                + "\"ancestorsize\", \"wtxid\", \"fees\", \"depends\", \"spentby\", \"bip125-replaceable\", \"unbroadcast\" }",
            m::getMempoolEntry));
  }

  /** bitcoind's chain names: {@code main} for Bitcoin mainnet, else the parameters' id. */
  static String chainName(ChainState chain) {
    String id = chain.params().id();
    return id.equals("bitcoin-mainnet") ? "main" : id;
  }

  private JsonNode getBlockchainInfo() {
    ChainState chain = ctx.chain().chain();
    BlockIndexEntry tip = chain.tip();
    int headers = Math.max(ctx.chain().headers(), tip.height());
    boolean ibd = ctx.chain().initialBlockDownload();
    ObjectNode o = Json.NODES.objectNode();
    o.put("chain", chainName(chain));
    o.put("blocks", tip.height());
    o.put("headers", headers);
    o.put("bestblockhash", tip.hash().toHex());
    o.set("difficulty", Json.real(BlockJson.difficulty(tip.header().bits())));
    o.put("time", tip.header().time());
    o.put("mediantime", BlockJson.medianTimePast(chain, tip));
    // Without Core's per-network transaction statistics, progress is blocks over known headers.
    o.set("verificationprogress", Json.real(headers == 0 ? 1.0 : (double) tip.height() / headers));
    o.put("initialblockdownload", ibd);
    o.put("chainwork", tip.chainWork().toHex());
    o.put("size_on_disk", ctx.chain().sizeOnDisk());
    o.put("pruned", false);
    o.putArray("warnings");
    return o;
  }

  private JsonNode getBlockHash(RpcArgs a) throws RpcException {
    int height = a.integer(0);
    ChainState chain = ctx.chain().chain();
    if (height < 0 || height > chain.height()) {
      throw new RpcException(RpcError.INVALID_PARAMETER, "Block height out of range");
    }
    return text(chain.entryAt(height).orElseThrow(() -> new RpcException(RpcError.INVALID_PARAMETER,
        "Block height out of range")).hash().toHex());
  }

  private BlockIndexEntry entry(BlockHash hash) throws RpcException {
    return ctx.chain().chain().entry(hash)
        .orElseThrow(() -> new RpcException(RpcError.INVALID_ADDRESS_OR_KEY, "Block not found"));
  }

  private Block blockData(BlockIndexEntry e) throws RpcException {
    return readBlock(ctx.chain().chain(), e.hash())
        .orElseThrow(() -> new RpcException(RpcError.MISC_ERROR, "Block not available (not fully downloaded)"));
  }

  /** The block's data, empty when the store lacks it; a failing store is bitcoind's "Block not found on disk". */
  static Optional<Block> readBlock(ChainState chain, BlockHash hash) throws RpcException {
    try {
      return chain.block(hash);
    } catch (ChainException e) {
      throw new RpcException(RpcError.MISC_ERROR, "Block not found on disk", e);
    }
  }

  private JsonNode getBlockHeader(RpcArgs a) throws RpcException {
    BlockHash hash = BlockHash.of(a.hash(0, "hash"));
    boolean verbose = a.bool(1, true);
    BlockIndexEntry e = entry(hash);
    if (!verbose) {
      return text(Hex.encode(e.header().serialize()));
    }
    int txCount = readBlock(ctx.chain().chain(), e.hash()).map(b -> b.transactions().size()).orElse(0);
    return BlockJson.header(ctx.chain().chain(), e, txCount);
  }

  /** bitcoind's {@code ParseVerbosity}: a number, or a boolean (true = 1). */
  static int verbosity(RpcArgs a, int i, int fallback) throws RpcException {
    JsonNode v = a.node(i);
    if (v.isNull()) {
      return fallback;
    }
    if (v.isBoolean()) {
      return v.booleanValue() ? 1 : 0;
    }
    return a.integer(i);
  }

  private JsonNode getBlock(RpcArgs a) throws RpcException {
    BlockHash hash = BlockHash.of(a.hash(0, "blockhash"));
    int verbosity = verbosity(a, 1, 1);
    BlockIndexEntry e = entry(hash);
    Block block = blockData(e);
    if (verbosity <= 0) {
      return text(block.toHex());
    }
    // Verbosity 3 adds prevouts from undo data, which the chain does not expose; it answers as 2,
    // the way bitcoind does when undo data is unavailable.
    return BlockJson.block(ctx.chain().chain(), e, block, verbosity >= 2);
  }

  private JsonNode getTxOut(RpcArgs a) throws RpcException {
    TxId txid = TxId.of(a.hash(0, "txid"));
    long n = a.uint32(1);
    boolean includeMempool = a.bool(2, true);
    OutPoint out = OutPoint.of(txid, n);
    ChainState chain = ctx.chain().chain();
    Mempool pool = ctx.chain().mempool();
    BlockIndexEntry tip = chain.tip();
    Optional<Coin> coin = chain.coin(out);
    if (includeMempool) {
      if (pool.spender(out).isPresent()) {
        return Json.NODES.nullNode();
      }
      if (coin.isEmpty()) {
        coin = pool.transaction(txid).filter(tx -> n < tx.outputs().size())
            .map(tx -> new Coin(tx.output((int) n), Coin.MEMPOOL_HEIGHT, false));
      }
    }
    if (coin.isEmpty()) {
      return Json.NODES.nullNode();
    }
    Coin c = coin.get();
    ObjectNode o = Json.NODES.objectNode();
    o.put("bestblock", tip.hash().toHex());
    o.put("confirmations", c.height() == Coin.MEMPOOL_HEIGHT ? 0 : tip.height() - c.height() + 1);
    o.set("value", Json.amount(c.output().value()));
    o.set("scriptPubKey", ChainJson.script(c.output().scriptPubKey(), true, true, chain.params().network()));
    o.put("coinbase", c.coinbase());
    return o;
  }

  private JsonNode getRawMempool(RpcArgs a) throws RpcException {
    boolean verbose = a.bool(0, false);
    List<MempoolEntry> entries = ctx.chain().mempool().entries();
    if (!verbose) {
      ArrayNode ids = Json.NODES.arrayNode();
      entries.forEach(e -> ids.add(e.txId().toHex()));
      return ids;
    }
    PoolView view = new PoolView(entries);
    ObjectNode o = Json.NODES.objectNode();
    for (MempoolEntry e : entries) {
      o.set(e.txId().toHex(), view.entryJson(e));
    }
    return o;
  }

  private JsonNode getMempoolEntry(RpcArgs a) throws RpcException {
    TxId txid = TxId.of(a.hash(0, "txid"));
    List<MempoolEntry> entries = ctx.chain().mempool().entries();
    PoolView view = new PoolView(entries);
    MempoolEntry e = view.byId.get(txid);
    if (e == null) {
      throw new RpcException(RpcError.INVALID_ADDRESS_OR_KEY, "Transaction not in mempool");
    }
    return view.entryJson(e);
  }

  private JsonNode getMempoolInfo() {
    Mempool pool = ctx.chain().mempool();
    MempoolPolicy policy = pool.policy();
    long totalFee = 0;
    for (MempoolEntry e : pool.entries()) {
      totalFee += e.fee().sat();
    }
    ObjectNode o = Json.NODES.objectNode();
    o.put("loaded", true);
    o.put("size", pool.size());
    o.put("bytes", pool.bytes());
    o.put("usage", pool.bytes());
    o.set("total_fee", Json.amount(totalFee));
    o.put("maxmempool", policy.maxPoolBytes());
    o.set("mempoolminfee", Json.amount(pool.minimumFeeRate().satPerKb()));
    o.set("minrelaytxfee", Json.amount(policy.minRelayFee().satPerKb()));
    o.set("incrementalrelayfee", Json.amount(policy.incrementalRelayFee().satPerKb()));
    o.put("unbroadcastcount", 0);
    o.put("fullrbf", false);
    return o;
  }

  /** The pool's dependency graph for ancestor and descendant figures ({@code entryToJSON}). */
  private static final class PoolView {
    final Map<TxId, MempoolEntry> byId = new LinkedHashMap<>();
    final Map<TxId, Set<TxId>> children = new HashMap<>();

    PoolView(List<MempoolEntry> entries) {
      for (MempoolEntry e : entries) {
        byId.put(e.txId(), e);
      }
      for (MempoolEntry e : entries) {
        for (TxId p : parentsOf(e)) {
          children.computeIfAbsent(p, k -> new HashSet<>()).add(e.txId());
        }
      }
    }

    Set<TxId> parentsOf(MempoolEntry e) {
      Set<TxId> out = new HashSet<>();
      for (TxId id : e.parents()) {
        if (byId.containsKey(id)) {
          out.add(id);
        }
      }
      return out;
    }

    /** {@code e} and everything reachable from it along parents (or children). */
    Set<TxId> closure(TxId start, boolean up) {
      Set<TxId> seen = new HashSet<>();
      ArrayDeque<TxId> todo = new ArrayDeque<>();
      todo.add(start);
      while (!todo.isEmpty()) {
        TxId id = todo.poll();
        if (!seen.add(id)) {
          continue;
        }
        Set<TxId> next = up ? parentsOf(byId.get(id)) : children.getOrDefault(id, Set.of());
        todo.addAll(next);
      }
      return seen;
    }

    ObjectNode entryJson(MempoolEntry e) {
      Set<TxId> ancestors = closure(e.txId(), true);
      Set<TxId> descendants = closure(e.txId(), false);
      long ancestorSize = 0;
      long ancestorFees = 0;
      for (TxId id : ancestors) {
        ancestorSize += byId.get(id).size();
        ancestorFees += byId.get(id).fee().sat();
      }
      long descendantSize = 0;
      long descendantFees = 0;
      for (TxId id : descendants) {
        descendantSize += byId.get(id).size();
        descendantFees += byId.get(id).fee().sat();
      }
      ObjectNode o = Json.NODES.objectNode();
      o.put("vsize", e.size());
      o.put("weight", e.size() * 4);
      o.put("time", e.entryTimeMillis() / 1000);
      o.put("height", e.entryHeight());
      o.put("descendantcount", descendants.size());
      o.put("descendantsize", descendantSize);
      o.put("ancestorcount", ancestors.size());
      o.put("ancestorsize", ancestorSize);
      o.put("wtxid", e.txId().toHex());
      ObjectNode fees = o.putObject("fees");
      fees.set("base", Json.amount(e.fee()));
      fees.set("modified", Json.amount(e.fee()));
      fees.set("ancestor", Json.amount(ancestorFees));
      fees.set("descendant", Json.amount(descendantFees));
      ArrayNode depends = o.putArray("depends");
      parentsOf(e).stream().map(TxId::toHex).sorted().forEach(depends::add);
      ArrayNode spentBy = o.putArray("spentby");
      children.getOrDefault(e.txId(), Set.of()).stream().map(TxId::toHex).sorted().forEach(spentBy::add);
      o.put("bip125-replaceable", signalsReplaceable(e.transaction()));
      o.put("unbroadcast", false);
      return o;
    }
  }

  /** BIP 125 opt-in: an input with a sequence below 0xfffffffe. */
  static boolean signalsReplaceable(Transaction tx) {
    for (TxInput in : tx.inputs()) {
      if (in.sequence() < 0xfffffffeL) {
        return true;
      }
    }
    return false;
  }
}
