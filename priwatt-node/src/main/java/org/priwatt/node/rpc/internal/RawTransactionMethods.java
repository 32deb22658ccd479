package org.priwatt.node.rpc.internal;

import static org.priwatt.node.rpc.RpcParam.omitted;
import static org.priwatt.node.rpc.RpcParam.optional;
import static org.priwatt.node.rpc.RpcParam.required;
import static org.priwatt.node.rpc.internal.RpcContext.method;
import static org.priwatt.node.rpc.internal.RpcContext.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.priwatt.chain.Amount;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.Coin;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxId;
import org.priwatt.chain.TxInput;
import org.priwatt.chain.TxOutput;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.block.BlockHash;
import org.priwatt.chain.mempool.AcceptResult;
import org.priwatt.chain.mempool.Mempool;
import org.priwatt.chain.mempool.MempoolRejectReason;
import org.priwatt.chain.mempool.StandardPolicy;
import org.priwatt.chain.state.BlockIndexEntry;
import org.priwatt.chain.state.ChainState;
import org.priwatt.crypto.Address;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.NetworkParameters;
import org.priwatt.node.rpc.ChainJson;
import org.priwatt.node.rpc.RawTransactionSigner;
import org.priwatt.node.rpc.RpcArgs;
import org.priwatt.node.rpc.RpcError;
import org.priwatt.node.rpc.RpcException;
import org.priwatt.node.rpc.RpcMethod;
import org.priwatt.node.rpc.RpcType;
import org.priwatt.node.rpc.TxIndex;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptChunk;

/**
 * The {@code rawtransactions} category as Bitcoin Core 28's {@code rpc/rawtransaction.cpp} and
 * {@code rpc/mempool.cpp}: decoding, finding, broadcasting and signing raw transactions, with
 * Core's error codes and messages.
 */
final class RawTransactionMethods {
  private static final String CATEGORY = "rawtransactions";
  /** bitcoind's {@code DEFAULT_MAX_RAW_TX_FEE_RATE}: 0.10 coin per kvB. */
  static final long DEFAULT_MAX_FEE_RATE_SAT_PER_KB = 10_000_000;

  private final RpcContext ctx;

  private RawTransactionMethods(RpcContext ctx) {
    this.ctx = ctx;
  }

  static List<RpcMethod> all(RpcContext ctx) {
    RawTransactionMethods m = new RawTransactionMethods(ctx);
    return List.of(
        method("getrawtransaction", CATEGORY, "By default, this call only returns a transaction if it is in the mempool. "
            + "If -txindex is enabled and no blockhash argument is passed, it will return the transaction if it is in a "
            + "block in the blockchain.\nIf a blockhash argument is passed, it will return the transaction if the "
            + "specified block is available and the transaction is in that block.",
            List.of(required("txid", RpcType.STR_HEX, "The transaction id"),
                optional("verbosity|verbose", RpcType.NUM, "0", "0 for hex-encoded data, 1 for a JSON object")
                    .uncheckedType(),
                omitted("blockhash", RpcType.STR_HEX, "The block in which to look for the transaction")),
            "\"str\" (verbosity 0) or { \"in_active_chain\", \"txid\", \"hash\", \"version\", \"size\", \"vsize\", "
                + "\"weight\", \"locktime\", \"vin\", \"vout\", \"hex\", \"blockhash\", \"confirmations\", \"time\", "
                + "\"blocktime\" }",
            m::getRawTransaction),
        method("decoderawtransaction", CATEGORY, "Return a JSON object representing the serialized, hex-encoded "
            + "transaction.", List.of(required("hexstring", RpcType.STR_HEX, "The transaction hex string"),
                omitted("iswitness", RpcType.BOOL, "Whether the transaction hex is a serialized witness transaction")),
            "{ \"txid\", \"hash\", \"size\", \"vsize\", \"weight\", \"version\", \"locktime\", \"vin\", \"vout\" }",
            m::decodeRawTransaction),
        method("decodescript", CATEGORY, "Decode a hex-encoded script.",
            List.of(required("hexstring", RpcType.STR_HEX, "the hex-encoded script")),
            "{ \"asm\", \"desc\", \"address\", \"type\", \"p2sh\" }", m::decodeScript),
        method("sendrawtransaction", CATEGORY, "Submit a raw transaction (serialized, hex-encoded) to local node and "
            + "network.", List.of(required("hexstring", RpcType.STR_HEX, "The hex string of the raw transaction"),
                optional("maxfeerate", RpcType.AMOUNT, "\"0.10\"", "Reject transactions whose fee rate is higher than "
                    + "the specified value, expressed in tokens/kvB. Set to 0 to accept any fee rate."),
                optional("maxburnamount", RpcType.AMOUNT, "\"0.00\"", "Reject transactions with provably unspendable "
                    + "outputs (e.g. 'datacarrier' outputs that use the OP_RETURN opcode) greater than the specified "
                    + "value, expressed in tokens.")),
            "\"hex\"    (string) The transaction hash in hex", m::sendRawTransaction),
        method("signrawtransactionwithkey", CATEGORY, "Sign inputs for raw transaction (serialized, hex-encoded).\n"
            + "The second argument is an array of base58-encoded private keys that will be the only keys used to sign "
            + "the transaction.\nThe third optional argument (may be null) is an array of previous transaction outputs "
            + "that this transaction depends on but may not yet be in the block chain.",
            List.of(required("hexstring", RpcType.STR, "The transaction hex string"),
                required("privkeys", RpcType.ARR, "The base58-encoded private keys for signing"),
                omitted("prevtxs", RpcType.ARR, "The previous dependent transaction outputs"),
                optional("sighashtype", RpcType.STR, "\"DEFAULT for Taproot, ALL otherwise\"",
                    "The signature hash type. Must be one of: \"DEFAULT\", \"ALL\", \"NONE\", \"SINGLE\", "
                        + "\"ALL|ANYONECANPAY\", \"NONE|ANYONECANPAY\", \"SINGLE|ANYONECANPAY\"")),
            "{ \"hex\", \"complete\", \"errors\" }", m::signRawTransactionWithKey));
  }

  private NetworkParameters network() {
    return ctx.chain().chain().params().network();
  }

  /** bitcoind's {@code DecodeHexTx}: hex, then a transaction using every byte. */
  static Optional<Transaction> decodeHexTx(String hex) {
    if (!RpcArgs.isHex(hex) || hex.length() > 2L * Transaction.MAX_SIZE) {
      return Optional.empty();
    }
    try {
      return Optional.of(Transaction.parseHex(hex.toLowerCase(java.util.Locale.ROOT)));
    } catch (ChainException e) {
      return Optional.empty();
    }
  }

  private JsonNode getRawTransaction(RpcArgs a) throws RpcException {
    TxId txid = TxId.of(a.hash(0, "parameter 1"));
    ChainState chain = ctx.chain().chain();
    if (chain.params().genesis().coinbase().txId().equals(txid)) {
      throw new RpcException(RpcError.INVALID_ADDRESS_OR_KEY,
          "The genesis block coinbase is not considered an ordinary transaction and cannot be retrieved");
    }
    int verbosity = BlockchainMethods.verbosity(a, 1, 0);
    BlockIndexEntry given = null;
    if (a.has(2)) {
      BlockHash bh = BlockHash.of(a.hash(2, "parameter 3"));
      given = chain.entry(bh).orElseThrow(() -> new RpcException(RpcError.INVALID_ADDRESS_OR_KEY, "Block hash not found"));
    }
    Transaction tx = null;
    BlockHash inBlock = null;
    if (given != null) {
      Block b = BlockchainMethods.readBlock(chain, given.hash())
          .orElseThrow(() -> new RpcException(RpcError.MISC_ERROR, "Block not available"));
      for (Transaction t : b.transactions()) {
        if (t.txId().equals(txid)) {
          tx = t;
          inBlock = given.hash();
          break;
        }
      }
    } else {
      Optional<Transaction> pooled = ctx.chain().mempool().transaction(txid);
      if (pooled.isPresent()) {
        tx = pooled.get();
      } else {
        Optional<TxIndex> index = ctx.chain().txIndex();
        if (index.isPresent()) {
          Optional<BlockHash> where = index.get().blockOf(txid);
          if (where.isPresent()) {
            Optional<Block> b = BlockchainMethods.readBlock(chain, where.get());
            if (b.isPresent()) {
              for (Transaction t : b.get().transactions()) {
                if (t.txId().equals(txid)) {
                  tx = t;
                  inBlock = where.get();
                }
              }
            }
          }
        }
      }
    }
    if (tx == null) {
      String msg;
      if (given != null) {
        msg = "No such transaction found in the provided block";
      } else if (ctx.chain().txIndex().isEmpty()) {
        msg = "No such mempool transaction. Use -txindex or provide a block hash to enable blockchain transaction queries";
      } else {
        msg = "No such mempool or blockchain transaction";
      }
      throw new RpcException(RpcError.INVALID_ADDRESS_OR_KEY, msg + ". Use gettransaction for wallet transactions.");
    }
    if (verbosity <= 0) {
      return text(tx.toHex());
    }
    ObjectNode result = Json.NODES.objectNode();
    if (given != null) {
      result.put("in_active_chain", chain.isOnBestChain(given.hash()));
    }
    result.setAll(ChainJson.transaction(tx, null, true, network()));
    if (inBlock != null) {
      result.put("blockhash", inBlock.toHex());
      Optional<BlockIndexEntry> e = chain.entry(inBlock);
      if (e.isPresent()) {
        if (chain.isOnBestChain(inBlock)) {
          result.put("confirmations", chain.height() - e.get().height() + 1);
          result.put("time", e.get().header().time());
          result.put("blocktime", e.get().header().time());
        } else {
          result.put("confirmations", 0);
        }
      }
    }
    return result;
  }

  private JsonNode decodeRawTransaction(RpcArgs a) throws RpcException {
    Transaction tx = decodeHexTx(a.string(0))
        .orElseThrow(() -> new RpcException(RpcError.DESERIALIZATION_ERROR, "TX decode failed"));
    return ChainJson.transaction(tx, null, false, network());
  }

  private JsonNode decodeScript(RpcArgs a) throws RpcException {
    Script script = a.string(0).isEmpty() ? Script.EMPTY : Script.fromBytes(a.hex(0, "argument", Block.MAX_SIZE));
    ObjectNode r = ChainJson.script(script, false, true, network());
    String type = ChainJson.typeName(script);
    boolean wrappable = !type.equals("nulldata") && !type.equals("scripthash") && hasValidOps(script)
        && !StandardPolicy.isUnspendable(script);
    if (wrappable) {
      r.put("p2sh", Address.p2shFromScript(script.program(), network()).toBase58());
    }
    return r;
  }

  /** Core's {@code HasValidOps}: parses to the end and uses no opcode above OP_NOP10. */
  private static boolean hasValidOps(Script script) {
    for (ScriptChunk c : script.chunks()) {
      if (c.isMalformed() || c.opcode().value() > 0xb9) {
        return false;
      }
    }
    return true;
  }

  private JsonNode sendRawTransaction(RpcArgs a) throws RpcException {
    Transaction tx = decodeHexTx(a.string(0)).orElseThrow(() -> new RpcException(RpcError.DESERIALIZATION_ERROR,
        "TX decode failed. Make sure the tx has at least one input."));
    long maxFeeRate = a.has(1) ? feeRate(a, 1) : DEFAULT_MAX_FEE_RATE_SAT_PER_KB;
    long maxBurn = a.has(2) ? a.amount(2).sat() : 0;
    for (TxOutput out : tx.outputs()) {
      if ((StandardPolicy.isUnspendable(out.scriptPubKey()) || !hasValidOps(out.scriptPubKey())) && out.value() > maxBurn) {
        throw new RpcException(RpcError.VERIFY_ERROR,
            "Unspendable output exceeds maximum configured by user (maxburnamount)");
      }
    }
    ChainState chain = ctx.chain().chain();
    Mempool pool = ctx.chain().mempool();
    for (int o = 0; o < tx.outputs().size(); o++) {
      if (chain.coin(OutPoint.of(tx.txId(), o)).isPresent()) {
        throw new RpcException(RpcError.VERIFY_ALREADY_IN_CHAIN, "Transaction outputs already in utxo set");
      }
    }
    if (pool.contains(tx.txId())) {
      return text(tx.txId().toHex()); // already pooled: bitcoind only re-announces it
    }
    if (maxFeeRate > 0) {
      Optional<Long> fee = fee(tx);
      long maxFee = (maxFeeRate * tx.size() + 999) / 1000;
      if (fee.isPresent() && fee.get() > maxFee) {
        throw new RpcException(RpcError.VERIFY_ERROR, "Fee exceeds maximum configured by user (maxtxfee or maxfeerate)");
      }
    }
    AcceptResult r = pool.accept(tx);
    if (!r.isAccepted()) {
      String reason = r.rejectString().orElse("rejected");
      boolean missing = r.reason().map(x -> x == MempoolRejectReason.MISSING_OR_SPENT_INPUTS).orElse(false);
      throw new RpcException(missing ? RpcError.VERIFY_ERROR : RpcError.VERIFY_REJECTED, reason);
    }
    return text(tx.txId().toHex());
  }

  /** bitcoind's {@code ParseFeeRate}: an amount per kvB below one coin. */
  static long feeRate(RpcArgs a, int i) throws RpcException {
    Amount rate = a.amount(i);
    if (rate.sat() >= Amount.COIN) {
      throw new RpcException(RpcError.INVALID_PARAMETER, "Fee rates larger than or equal to 1BTC/kvB are not accepted");
    }
    return rate.sat();
  }

  /** The fee of {@code tx} if every input is a known chain or pool output. */
  private Optional<Long> fee(Transaction tx) {
    long in = 0;
    for (TxInput input : tx.inputs()) {
      Optional<TxOutput> prev = previousOutput(input.outPoint());
      if (prev.isEmpty()) {
        return Optional.empty();
      }
      in += prev.get().value();
    }
    long out = 0;
    for (TxOutput o : tx.outputs()) {
      out += o.value();
    }
    return Optional.of(in - out);
  }

  private Optional<TxOutput> previousOutput(OutPoint op) {
    Optional<Coin> c = ctx.chain().chain().coin(op);
    if (c.isPresent()) {
      return Optional.of(c.get().output());
    }
    return ctx.chain().mempool().transaction(op.txId())
        .filter(t -> op.index() < t.outputs().size()).map(t -> t.output((int) op.index()));
  }

  private JsonNode signRawTransactionWithKey(RpcArgs a) throws RpcException {
    Transaction tx = decodeHexTx(a.string(0)).orElseThrow(() -> new RpcException(RpcError.DESERIALIZATION_ERROR,
        "TX decode failed. Make sure the tx has at least one input."));
    List<String> wifs = new ArrayList<>();
    for (JsonNode k : a.node(1)) {
      if (!k.isTextual()) {
        throw RpcArgs.typeError(k, "string");
      }
      wifs.add(k.textValue());
    }
    List<EcKey> keys = RawTransactionSigner.parseKeys(wifs, network());
    try {
      List<RawTransactionSigner.Prevout> prevouts = RawTransactionSigner.parsePrevouts(a.node(2), tx);
      int hashType = RawTransactionSigner.sighashType(a.has(3) ? a.string(3) : "DEFAULT");
      return RawTransactionSigner.sign(tx, keys, prevouts, this::previousOutput, hashType).toJson();
    } finally {
      keys.forEach(EcKey::destroy);
    }
  }
}
