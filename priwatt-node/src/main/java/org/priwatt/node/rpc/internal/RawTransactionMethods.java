package org.priwatt.node.rpc.internal;

import static org.priwatt.node.rpc.RpcParam.omitted;
import static org.priwatt.node.rpc.RpcParam.optional;
import static org.priwatt.node.rpc.RpcParam.required;
import static org.priwatt.node.rpc.internal.RpcContext.method;
import static org.priwatt.node.rpc.internal.RpcContext.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.priwatt.chain.Amount;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.Coin;
import org.priwatt.chain.ConsensusApi;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.SignatureHasher;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TransactionSigner;
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
import org.priwatt.crypto.CryptoException;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.NetworkParameters;
import org.priwatt.crypto.WifKey;
import org.priwatt.node.rpc.RpcArgs;
import org.priwatt.node.rpc.RpcError;
import org.priwatt.node.rpc.RpcException;
import org.priwatt.node.rpc.RpcMethod;
import org.priwatt.node.rpc.RpcType;
import org.priwatt.node.rpc.TxIndex;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptChunk;
import org.priwatt.script.ScriptError;
import org.priwatt.script.ScriptTemplates;

/**
 * The {@code rawtransactions} category as Bitcoin Core 28's {@code rpc/rawtransaction.cpp} and
 * {@code rpc/mempool.cpp}: decoding, finding, broadcasting and signing raw transactions, with
 * Core's error codes and messages.
 */
final class RawTransactionMethods {
  private static final String CATEGORY = "rawtransactions";
  /** bitcoind's {@code DEFAULT_MAX_RAW_TX_FEE_RATE}: 0.10 coin per kvB. */
  static final long DEFAULT_MAX_FEE_RATE_SAT_PER_KB = 10_000_000;
  /** Most private keys or previous outputs one signing call takes. */
  static final int MAX_SIGNING_ITEMS = 10_000;

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
    result.setAll(TxJson.toJson(tx, null, true, network()));
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
    return TxJson.toJson(tx, null, false, network());
  }

  private JsonNode decodeScript(RpcArgs a) throws RpcException {
    Script script = a.string(0).isEmpty() ? Script.EMPTY : Script.fromBytes(a.hex(0, "argument", Block.MAX_SIZE));
    ObjectNode r = ScriptJson.toJson(script, false, true, network());
    String type = ScriptJson.type(script);
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
    JsonNode keyList = a.node(1);
    if (keyList.size() > MAX_SIGNING_ITEMS) {
      throw new RpcException(RpcError.INVALID_PARAMETER, "Too many private keys");
    }
    List<EcKey> keys = new java.util.ArrayList<>();
    for (JsonNode k : keyList) {
      if (!k.isTextual()) {
        throw RpcArgs.typeError(k, "string");
      }
      try {
        WifKey wif = WifKey.parse(k.textValue(), network());
        keys.add(wif.toEcKey());
      } catch (CryptoException | IllegalArgumentException e) {
        throw new RpcException(RpcError.INVALID_ADDRESS_OR_KEY, "Invalid private key");
      }
    }
    Map<OutPoint, Script> prevScripts = new HashMap<>();
    Map<Script, Script> redeemScripts = new HashMap<>();
    parsePrevouts(a.node(2), prevScripts, redeemScripts);
    int hashType = sighashType(a.has(3) ? a.string(3) : "DEFAULT");
    ArrayNode errors = Json.NODES.arrayNode();
    boolean complete = true;
    for (int i = 0; i < tx.inputs().size(); i++) {
      TxInput in = tx.input(i);
      Script spk = prevScripts.get(in.outPoint());
      if (spk == null) {
        spk = previousOutput(in.outPoint()).map(TxOutput::scriptPubKey).orElse(null);
      }
      if (spk == null) {
        complete = false;
        errors.add(inputError(in, "Input not found or already spent"));
        continue;
      }
      tx = signInput(tx, i, spk, redeemScripts, keys, hashType);
      ScriptError err = ConsensusApi.verifyInput(tx, i, spk, ConsensusApi.STANDARD_FLAGS);
      if (err != ScriptError.OK) {
        complete = false;
        errors.add(inputError(tx.input(i), err == ScriptError.INVALID_STACK_OPERATION
            ? "Unable to sign input, invalid stack size (possibly missing key)" : scriptErrorString(err)));
      }
    }
    ObjectNode result = Json.NODES.objectNode();
    result.put("hex", tx.toHex());
    result.put("complete", complete);
    if (!errors.isEmpty()) {
      result.set("errors", errors);
    }
    return result;
  }

  private static Transaction signInput(Transaction tx, int i, Script spk, Map<Script, Script> redeemScripts,
      List<EcKey> keys, int hashType) {
    for (EcKey key : keys) {
      try {
        if (ScriptTemplates.isP2pkh(spk)) {
          return TransactionSigner.signP2pkh(tx, i, spk, key, hashType);
        }
        Script redeem = redeemScripts.get(spk);
        if (redeem != null) {
          tx = TransactionSigner.signMultisig(tx, i, redeem, key, hashType);
        }
      } catch (ChainException e) {
        // This key does not sign this input (not its key, not a script we sign): try the next one.
        continue;
      }
    }
    return tx;
  }

  private static ObjectNode inputError(TxInput in, String error) {
    ObjectNode o = Json.NODES.objectNode();
    o.put("txid", in.outPoint().txId().toHex());
    o.put("vout", in.outPoint().index());
    o.putArray("witness");
    o.put("scriptSig", in.scriptSig().toHex());
    o.put("sequence", in.sequence());
    o.put("error", error);
    return o;
  }

  /** Core's {@code ParsePrevouts}: txid, vout, scriptPubKey and an optional redeemScript per entry. */
  private void parsePrevouts(JsonNode prevtxs, Map<OutPoint, Script> scripts, Map<Script, Script> redeem)
      throws RpcException {
    if (prevtxs.isNull()) {
      return;
    }
    if (prevtxs.size() > MAX_SIGNING_ITEMS) {
      throw new RpcException(RpcError.INVALID_PARAMETER, "Too many previous outputs");
    }
    for (JsonNode p : prevtxs) {
      if (!p.isObject()) {
        throw new RpcException(RpcError.DESERIALIZATION_ERROR, "expected object with {\"txid'\",\"vout\",\"scriptPubKey\"}");
      }
      JsonNode txidNode = p.get("txid");
      JsonNode voutNode = p.get("vout");
      JsonNode spkNode = p.get("scriptPubKey");
      if (txidNode == null || !txidNode.isTextual()) {
        throw new RpcException(RpcError.TYPE_ERROR, "Missing txid");
      }
      if (voutNode == null || !voutNode.isIntegralNumber()) {
        throw new RpcException(RpcError.TYPE_ERROR, "Missing vout");
      }
      if (spkNode == null || !spkNode.isTextual()) {
        throw new RpcException(RpcError.TYPE_ERROR, "Missing scriptPubKey");
      }
      RpcArgs fields = RpcArgs.of(java.util.Arrays.asList(txidNode, voutNode, spkNode, p.get("redeemScript")));
      TxId txid = TxId.of(fields.hash(0, "txid"));
      long vout = voutNode.asLong();
      if (vout < 0) {
        throw new RpcException(RpcError.DESERIALIZATION_ERROR, "vout cannot be negative");
      }
      Script spk = Script.fromBytes(fields.hex(2, "scriptPubKey", Block.MAX_SIZE));
      OutPoint op = OutPoint.of(txid, vout);
      Optional<Coin> existing = ctx.chain().chain().coin(op);
      if (existing.isPresent() && !existing.get().output().scriptPubKey().equals(spk)) {
        throw new RpcException(RpcError.DESERIALIZATION_ERROR, "Previous output scriptPubKey mismatch:\n"
            + existing.get().output().scriptPubKey() + "\nvs:\n" + spk);
      }
      scripts.put(op, spk);
      if (fields.has(3)) {
        Script rs = Script.fromBytes(fields.hex(3, "redeemScript", Block.MAX_SIZE));
        redeem.put(spk, rs);
        redeem.put(ScriptTemplates.p2shOf(rs), rs);
      }
    }
  }

  /** Core's {@code SighashFromStr}; DEFAULT is ALL for legacy inputs. */
  static int sighashType(String s) throws RpcException {
    switch (s) {
      case "DEFAULT":
      case "ALL":
        return SignatureHasher.SIGHASH_ALL;
      case "NONE":
        return SignatureHasher.SIGHASH_NONE;
      case "SINGLE":
        return SignatureHasher.SIGHASH_SINGLE;
      case "ALL|ANYONECANPAY":
        return SignatureHasher.SIGHASH_ALL | SignatureHasher.SIGHASH_ANYONECANPAY;
      case "NONE|ANYONECANPAY":
        return SignatureHasher.SIGHASH_NONE | SignatureHasher.SIGHASH_ANYONECANPAY;
      case "SINGLE|ANYONECANPAY":
        return SignatureHasher.SIGHASH_SINGLE | SignatureHasher.SIGHASH_ANYONECANPAY;
      default:
        throw new RpcException(RpcError.INVALID_PARAMETER, "'" + s + "' is not a valid sighash parameter.");
    }
  }

  /** Core's {@code ScriptErrorString} for the errors signing meets; the error's name otherwise. */
  static String scriptErrorString(ScriptError e) {
    switch (e) {
      case EVAL_FALSE:
        return "Script evaluated without error but finished with a false/empty top stack element";
      case EQUALVERIFY:
        return "Script failed an OP_EQUALVERIFY operation";
      case CHECKSIGVERIFY:
        return "Script failed an OP_CHECKSIGVERIFY operation";
      case SIG_NULLFAIL:
        return "Signature must be zero for failed CHECK(MULTI)SIG operation";
      case SIG_DER:
        return "Non-canonical DER signature";
      case PUBKEYTYPE:
        return "Public key is neither compressed or uncompressed";
      case SIG_PUSHONLY:
        return "Only push operators allowed in signatures";
      case INVALID_STACK_OPERATION:
        return "Operation not valid with the current stack size";
      default:
        return e.name();
    }
  }
}
