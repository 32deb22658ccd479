package org.priwatt.node.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.priwatt.chain.Amount;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.ConsensusApi;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.SignatureHasher;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TransactionSigner;
import org.priwatt.chain.TxId;
import org.priwatt.chain.TxInput;
import org.priwatt.chain.TxOutput;
import org.priwatt.chain.block.Block;
import org.priwatt.crypto.CryptoException;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.NetworkParameters;
import org.priwatt.crypto.WifKey;
import org.priwatt.node.rpc.internal.Json;
import org.priwatt.script.MultisigScript;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptError;
import org.priwatt.script.ScriptTemplates;
import org.priwatt.script.ScriptType;

/**
 * bitcoind's {@code signrawtransactionwithkey} as one routine, behind both the RPC method and
 * {@code priwatt tx sign}, so a transaction signed on the command line and through a node comes
 * out byte for byte the same. It signs only what it can check, taking the stricter rule wherever
 * bitcoind and the command line differed:
 *
 * <ul>
 *   <li>an input is signed only if what it spends is known with its scriptPubKey and amount: a
 *       prevout the caller gives ({@code amount} required, unlike bitcoind for legacy inputs), or
 *       a coin the {@link CoinLookup} finds (the node's UTXO set and mempool);
 *   <li>a given prevout that contradicts the known coin (scriptPubKey or amount), that the
 *       transaction does not spend, or that is given twice is refused, and so is a P2SH prevout
 *       without a redeemScript hashing to its scriptPubKey (as bitcoind);
 *   <li>when every input's amount is known and the outputs pay more than the inputs bring,
 *       nothing is signed;
 *   <li>P2PKH inputs are signed with the key of their hash; P2SH inputs over a bare multisig
 *       redeem script with each given key of the script until it is complete, keeping the
 *       signatures already there, so parties sign one at a time;
 *   <li>an input with {@code SIGHASH_SINGLE} and no output of its index is not signed (as
 *       bitcoind: the signature would commit to nothing);
 *   <li>every known input is then verified with the standard flags and, if it fails, reported
 *       with bitcoind's message.
 * </ul>
 *
 * <p>Refusals are {@link RpcException}s with bitcoind's codes and, where bitcoind has the same
 * check, its messages. Stateless and thread-safe; keys are used, never kept.
 */
public final class RawTransactionSigner {
  /** Most private keys or previous outputs one call takes. */
  public static final int MAX_ITEMS = 10_000;

  private RawTransactionSigner() {}

  /**
   * What an input spends: the outpoint, the output's scriptPubKey and amount, and for a P2SH
   * output the redeem script.
   *
   * @param outPoint the output spent
   * @param scriptPubKey its scriptPubKey
   * @param amount its value
   * @param redeemScript the script a P2SH scriptPubKey commits to, if given
   */
  public record Prevout(OutPoint outPoint, Script scriptPubKey, Amount amount, Optional<Script> redeemScript) {
    /**
     * Checks the parts are present.
     *
     * @throws NullPointerException if a part is null
     */
    public Prevout {
      Objects.requireNonNull(outPoint, "outPoint");
      Objects.requireNonNull(scriptPubKey, "scriptPubKey");
      Objects.requireNonNull(amount, "amount");
      Objects.requireNonNull(redeemScript, "redeemScript");
    }
  }

  /** The outputs the signer may use for inputs whose prevout the caller did not give. */
  @FunctionalInterface
  public interface CoinLookup {
    /** Knows no output: only given prevouts are signed (the command line, offline). */
    CoinLookup NONE = outPoint -> Optional.empty();

    /** The unspent output at {@code outPoint}, if known. */
    Optional<TxOutput> find(OutPoint outPoint);
  }

  /**
   * One input that is not complete, as bitcoind's {@code TxInErrorToJSON}.
   *
   * @param input the input as it stands after signing
   * @param error why it is not complete
   */
  public record InputError(TxInput input, String error) {
    /**
     * Checks the parts are present.
     *
     * @throws NullPointerException if a part is null
     */
    public InputError {
      Objects.requireNonNull(input, "input");
      Objects.requireNonNull(error, "error");
    }
  }

  /**
   * The transaction with every signature that could be made, and the inputs that are not
   * complete.
   *
   * @param transaction the (partly) signed transaction
   * @param errors the incomplete inputs, in input order; empty when complete
   */
  public record Result(Transaction transaction, List<InputError> errors) {
    /**
     * Copies the errors.
     *
     * @throws NullPointerException if a part is null
     */
    public Result {
      Objects.requireNonNull(transaction, "transaction");
      errors = List.copyOf(errors);
    }

    /** Whether every input is signed and verifies. */
    public boolean complete() {
      return errors.isEmpty();
    }

    /**
     * bitcoind's answer: {@code hex}, {@code complete}, and {@code errors} (each with
     * {@code txid}, {@code vout}, {@code witness}, {@code scriptSig}, {@code sequence},
     * {@code error}) when not complete.
     */
    public ObjectNode toJson() {
      ObjectNode o = Json.NODES.objectNode();
      o.put("hex", transaction.toHex());
      o.put("complete", complete());
      if (!errors.isEmpty()) {
        ArrayNode a = o.putArray("errors");
        for (InputError e : errors) {
          ObjectNode x = a.addObject();
          x.put("txid", e.input().outPoint().txId().toHex());
          x.put("vout", e.input().outPoint().index());
          x.putArray("witness");
          x.put("scriptSig", e.input().scriptSig().toHex());
          x.put("sequence", e.input().sequence());
          x.put("error", e.error());
        }
      }
      return o;
    }
  }

  /**
   * The private keys of {@code wifs}, which must all be WIF keys of {@code network}; the caller
   * destroys them after use.
   *
   * @throws RpcException {@link RpcError#INVALID_PARAMETER} "Too many private keys" beyond
   *     {@link #MAX_ITEMS}, {@link RpcError#INVALID_ADDRESS_OR_KEY} "Invalid private key" for one
   *     that does not decode for {@code network}
   */
  public static List<EcKey> parseKeys(List<String> wifs, NetworkParameters network) throws RpcException {
    if (wifs.size() > MAX_ITEMS) {
      throw new RpcException(RpcError.INVALID_PARAMETER, "Too many private keys");
    }
    List<EcKey> keys = new ArrayList<>(wifs.size());
    try {
      for (String text : wifs) {
        WifKey wif = WifKey.parse(text, network);
        try {
          keys.add(wif.toEcKey());
        } finally {
          wif.destroy();
        }
      }
      return keys;
    } catch (CryptoException | IllegalArgumentException e) {
      keys.forEach(EcKey::destroy);
      // bitcoind's message; the key itself never goes into an error.
      throw new RpcException(RpcError.INVALID_ADDRESS_OR_KEY, "Invalid private key");
    }
  }

  /**
   * bitcoind's {@code ParsePrevouts} for {@code tx}: an array (or JSON null for none) of objects
   * with {@code txid}, {@code vout}, {@code scriptPubKey} (hex), {@code amount} (coins) and, for
   * a P2SH scriptPubKey, {@code redeemScript} (hex), each an output {@code tx} spends.
   *
   * @throws RpcException {@link RpcError#TYPE_ERROR} for a value of the wrong type or a missing
   *     field ("Missing amount" ...), {@link RpcError#DESERIALIZATION_ERROR} for an entry that is
   *     not an object or a negative vout, {@link RpcError#INVALID_PARAMETER} for bad hex, a P2SH
   *     prevout without a matching redeemScript, an output {@code tx} does not spend, one given
   *     twice, or more than {@link #MAX_ITEMS} entries; the amount errors of {@link RpcArgs#amount}
   */
  public static List<Prevout> parsePrevouts(JsonNode prevtxs, Transaction tx) throws RpcException {
    if (prevtxs == null || prevtxs.isNull()) {
      return List.of();
    }
    if (!prevtxs.isArray()) {
      throw RpcArgs.typeError(prevtxs, "array");
    }
    if (prevtxs.size() > MAX_ITEMS) {
      throw new RpcException(RpcError.INVALID_PARAMETER, "Too many previous outputs");
    }
    Set<OutPoint> inputs = outPoints(tx);
    Map<OutPoint, Prevout> byOutPoint = new LinkedHashMap<>();
    for (JsonNode p : prevtxs) {
      Prevout prevout = prevout(p);
      if (!inputs.contains(prevout.outPoint())) {
        throw new RpcException(RpcError.INVALID_PARAMETER, "Previous output " + text(prevout.outPoint())
            + " is not spent by the transaction");
      }
      if (byOutPoint.putIfAbsent(prevout.outPoint(), prevout) != null) {
        throw new RpcException(RpcError.INVALID_PARAMETER, "Previous output " + text(prevout.outPoint())
            + " is given twice");
      }
    }
    return List.copyOf(byOutPoint.values());
  }

  private static Set<OutPoint> outPoints(Transaction tx) {
    Set<OutPoint> out = new HashSet<>();
    tx.inputs().forEach(in -> out.add(in.outPoint()));
    return out;
  }

  private static Prevout prevout(JsonNode p) throws RpcException {
    if (!p.isObject()) {
      throw new RpcException(RpcError.DESERIALIZATION_ERROR, "expected object with {\"txid'\",\"vout\",\"scriptPubKey\"}");
    }
    for (String field : List.of("txid", "vout", "scriptPubKey", "amount")) {
      // bitcoind's RPCTypeCheckObj; the amount is required here: a prevout is signed only when
      // what it spends is known.
      JsonNode v = p.get(field);
      boolean typed = v != null && (field.equals("vout") ? v.isNumber() : field.equals("amount") || v.isTextual());
      if (!typed) {
        throw new RpcException(RpcError.TYPE_ERROR, "Missing " + field);
      }
    }
    RpcArgs fields = RpcArgs.of(Arrays.asList(p.get("txid"), p.get("vout"), p.get("scriptPubKey"), p.get("amount"),
        p.get("redeemScript")));
    TxId txid = TxId.of(fields.hash(0, "txid"));
    long vout = fields.integer(1);
    if (vout < 0) {
      throw new RpcException(RpcError.DESERIALIZATION_ERROR, "vout cannot be negative");
    }
    Script spk = Script.fromBytes(fields.hex(2, "scriptPubKey", Block.MAX_SIZE));
    Amount amount = fields.amount(3);
    Optional<Script> redeem = Optional.empty();
    if (ScriptTemplates.isP2sh(spk)) {
      if (!fields.has(4)) {
        throw new RpcException(RpcError.INVALID_PARAMETER, "Missing redeemScript/witnessScript");
      }
      Script rs = Script.fromBytes(fields.hex(4, "redeemScript", Block.MAX_SIZE));
      if (!ScriptTemplates.p2shOf(rs).equals(spk)) {
        throw new RpcException(RpcError.INVALID_PARAMETER, "redeemScript/witnessScript does not match scriptPubKey");
      }
      redeem = Optional.of(rs);
    }
    return new Prevout(OutPoint.of(txid, vout), spk, amount, redeem);
  }

  /**
   * bitcoind's {@code SighashFromStr}: {@code DEFAULT} (ALL for legacy inputs), {@code ALL},
   * {@code NONE}, {@code SINGLE}, each optionally {@code |ANYONECANPAY}.
   *
   * @throws RpcException {@link RpcError#INVALID_PARAMETER} for any other name
   */
  public static int sighashType(String name) throws RpcException {
    switch (name) {
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
        throw new RpcException(RpcError.INVALID_PARAMETER, "'" + name + "' is not a valid sighash parameter.");
    }
  }

  /**
   * Signs what {@code keys} can sign of {@code tx}, under the rules of this class.
   *
   * @param prevouts what the inputs spend, as the caller declares it (from {@link #parsePrevouts})
   * @param lookup the coins known without a declaration ({@link CoinLookup#NONE} for none)
   * @param hashType the one-byte signature hash type (from {@link #sighashType})
   * @throws RpcException before any signature: {@link RpcError#INVALID_PARAMETER} if the outputs
   *     exceed the inputs, {@link RpcError#DESERIALIZATION_ERROR} if a prevout contradicts a known
   *     coin
   * @throws IllegalArgumentException if a prevout is not spent by {@code tx}, or two are of one
   *     output ({@link #parsePrevouts} refuses both)
   */
  public static Result sign(Transaction tx, List<EcKey> keys, List<Prevout> prevouts, CoinLookup lookup, int hashType)
      throws RpcException {
    Map<OutPoint, Prevout> spent = known(tx, prevouts, lookup);
    checkValueBalance(tx, spent);
    boolean single = (hashType & ~SignatureHasher.SIGHASH_ANYONECANPAY) == SignatureHasher.SIGHASH_SINGLE;
    Transaction signed = tx;
    List<InputError> errors = new ArrayList<>();
    for (int i = 0; i < signed.inputs().size(); i++) {
      Prevout p = spent.get(signed.input(i).outPoint());
      if (p == null) {
        errors.add(new InputError(signed.input(i), "Input not found or already spent"));
        continue;
      }
      Optional<String> failure = Optional.empty();
      if (!single || i < signed.outputs().size()) {
        try {
          signed = signInput(signed, i, p, keys, hashType);
        } catch (ChainException e) {
          // A scriptSig this signer cannot extend (foreign layout, a signature for no key):
          // reported for this input, the others are still signed.
          failure = Optional.of(e.getMessage());
        }
      }
      ScriptError verified = ConsensusApi.verifyInput(signed, i, p.scriptPubKey(), ConsensusApi.STANDARD_FLAGS);
      if (failure.isEmpty() && verified != ScriptError.OK) {
        failure = Optional.of(verifyError(verified));
      }
      int index = i;
      Transaction current = signed;
      failure.ifPresent(f -> errors.add(new InputError(current.input(index), f)));
    }
    return new Result(signed, errors);
  }

  /** The declared prevouts checked against the transaction and the known coins, then the coins the lookup knows. */
  private static Map<OutPoint, Prevout> known(Transaction tx, List<Prevout> prevouts, CoinLookup lookup)
      throws RpcException {
    Map<Script, Script> redeemByScriptPubKey = new HashMap<>();
    Map<OutPoint, Prevout> spent = new HashMap<>();
    Set<OutPoint> inputs = outPoints(tx);
    for (Prevout p : prevouts) {
      if (!inputs.contains(p.outPoint()) || spent.containsKey(p.outPoint())) {
        throw new IllegalArgumentException("prevout " + text(p.outPoint()) + " not spent by the transaction, or twice");
      }
      Optional<TxOutput> coin = lookup.find(p.outPoint());
      if (coin.isPresent() && !coin.get().scriptPubKey().equals(p.scriptPubKey())) {
        throw new RpcException(RpcError.DESERIALIZATION_ERROR, "Previous output scriptPubKey mismatch:\n"
            + coin.get().scriptPubKey() + "\nvs:\n" + p.scriptPubKey());
      }
      if (coin.isPresent() && coin.get().value() != p.amount().sat()) {
        throw new RpcException(RpcError.DESERIALIZATION_ERROR, "Previous output amount mismatch: "
            + coins(coin.get().value()) + " vs " + coins(p.amount().sat()));
      }
      p.redeemScript().ifPresent(rs -> redeemByScriptPubKey.put(p.scriptPubKey(), rs));
      spent.put(p.outPoint(), p);
    }
    for (TxInput in : tx.inputs()) {
      if (!spent.containsKey(in.outPoint())) {
        Optional<TxOutput> coin = lookup.find(in.outPoint());
        if (coin.isPresent()) {
          Script spk = coin.get().scriptPubKey();
          spent.put(in.outPoint(), new Prevout(in.outPoint(), spk, Amount.ofSat(coin.get().value()),
              Optional.ofNullable(redeemByScriptPubKey.get(spk))));
        }
      }
    }
    return spent;
  }

  /** Refuses, before signing, outputs worth more than the inputs when every input's amount is known. */
  private static void checkValueBalance(Transaction tx, Map<OutPoint, Prevout> spent) throws RpcException {
    long in = 0;
    for (TxInput input : tx.inputs()) {
      Prevout p = spent.get(input.outPoint());
      if (p == null) {
        return;
      }
      in = Math.addExact(in, p.amount().sat());
    }
    long out = 0;
    for (TxOutput output : tx.outputs()) {
      out = Math.addExact(out, output.value());
    }
    if (out > in) {
      throw new RpcException(RpcError.INVALID_PARAMETER, "the outputs pay " + coins(out) + " but the inputs bring "
          + coins(in) + "; nothing was signed");
    }
  }

  private static Transaction signInput(Transaction tx, int i, Prevout p, List<EcKey> keys, int hashType)
      throws ChainException {
    ScriptType type = ScriptTemplates.classify(p.scriptPubKey());
    if (type == ScriptType.P2PKH) {
      byte[] hash = ScriptTemplates.p2pkhHash(p.scriptPubKey()).orElseThrow();
      for (EcKey key : keys) {
        if (Arrays.equals(key.publicKey().hash160(), hash)) {
          return TransactionSigner.signP2pkh(tx, i, p.scriptPubKey(), key, hashType);
        }
      }
      return tx;
    }
    Optional<MultisigScript> ms = p.redeemScript().flatMap(ScriptTemplates::parseMultisig);
    if (type != ScriptType.P2SH || ms.isEmpty()) {
      return tx; // not a script this signer signs: verification reports it
    }
    Script redeem = p.redeemScript().orElseThrow();
    Transaction t = tx;
    for (EcKey key : keys) {
      if (TransactionSigner.isMultisigComplete(t, i, redeem)) {
        break;
      }
      if (ms.get().indexOf(key.publicKey().encoded()) >= 0) {
        t = TransactionSigner.signMultisig(t, i, redeem, key, hashType);
      }
    }
    return t;
  }

  /** bitcoind's message for an input that does not verify after signing. */
  private static String verifyError(ScriptError e) {
    switch (e) {
      case INVALID_STACK_OPERATION:
        return "Unable to sign input, invalid stack size (possibly missing key)";
      case SIG_NULLFAIL:
        return "CHECK(MULTI)SIG failing with non-zero signature (possibly need more signatures)";
      default:
        return scriptErrorString(e);
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

  private static String text(OutPoint op) {
    return op.txId().toHex() + ":" + op.index();
  }

  /** An amount in coins as the RPC writes it ({@code 0.50000000}), for messages. */
  private static String coins(long sat) {
    return Json.amount(sat).decimalValue().toPlainString();
  }
}
