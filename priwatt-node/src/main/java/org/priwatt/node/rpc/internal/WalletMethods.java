package org.priwatt.node.rpc.internal;

import static org.priwatt.node.rpc.RpcParam.omitted;
import static org.priwatt.node.rpc.RpcParam.optional;
import static org.priwatt.node.rpc.RpcParam.required;
import static org.priwatt.node.rpc.internal.RpcContext.method;
import static org.priwatt.node.rpc.internal.RpcContext.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.priwatt.chain.Amount;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.ChainFailure;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.state.BlockIndexEntry;
import org.priwatt.chain.wallet.Balance;
import org.priwatt.chain.wallet.CoinTracker;
import org.priwatt.chain.wallet.KeyChain;
import org.priwatt.chain.wallet.Utxo;
import org.priwatt.chain.wallet.Wallet;
import org.priwatt.chain.wallet.WalletError;
import org.priwatt.chain.wallet.WalletTransaction;
import org.priwatt.crypto.Address;
import org.priwatt.crypto.Hex;
import org.priwatt.crypto.NetworkParameters;
import org.priwatt.node.rpc.ChainJson;
import org.priwatt.node.rpc.RpcArgs;
import org.priwatt.node.rpc.RpcError;
import org.priwatt.node.rpc.RpcException;
import org.priwatt.node.rpc.RpcMethod;
import org.priwatt.node.rpc.RpcType;
import org.priwatt.script.Script;

/**
 * The {@code wallet} category as Bitcoin Core 28's {@code wallet/rpc/*.cpp}, over the node's one
 * {@link Wallet} (legacy P2PKH addresses only): addresses, balances, coins and payments.
 */
final class WalletMethods {
  private static final String CATEGORY = "wallet";
  private static final int MAX_CONF = 9_999_999;

  private final RpcContext ctx;

  private WalletMethods(RpcContext ctx) {
    this.ctx = ctx;
  }

  static List<RpcMethod> all(RpcContext ctx) {
    WalletMethods m = new WalletMethods(ctx);
    return List.of(
        method("getnewaddress", CATEGORY, "Returns a new address for receiving payments.",
            List.of(optional("label", RpcType.STR, "\"\"", "The label name for the address to be linked to."),
                optional("address_type", RpcType.STR, "\"legacy\"", "The address type to use. Options are \"legacy\".")),
            "\"str\"    (string) The new address", m::getNewAddress),
        method("getbalance", CATEGORY, "Returns the total available balance.",
            List.of(omitted("dummy", RpcType.STR, "Remains for backward compatibility. Must be excluded or set to \"*\"."),
                optional("minconf", RpcType.NUM, "0", "Only include transactions confirmed at least this many times."),
                optional("include_watchonly", RpcType.BOOL, "false", "Also include balance in watch-only addresses"),
                optional("avoid_reuse", RpcType.BOOL, "true", "(only available if avoid_reuse wallet flag is set)")),
            "n    (numeric) The total amount in tokens received for this wallet.", m::getBalance),
        method("getbalances", CATEGORY, "Returns an object with all balances in tokens.", List.of(),
            "{ \"mine\": { \"trusted\", \"untrusted_pending\", \"immature\" }, \"watchonly\": { ... }, "
                + "\"lastprocessedblock\": { \"hash\", \"height\" } }",
            a -> m.getBalances()),
        method("listunspent", CATEGORY, "Returns array of unspent transaction outputs\nwith between minconf and maxconf "
            + "(inclusive) confirmations.\nOptionally filter to only include txouts paid to specified addresses.",
            List.of(optional("minconf", RpcType.NUM, "1", "The minimum confirmations to filter"),
                optional("maxconf", RpcType.NUM, "9999999", "The maximum confirmations to filter"),
                optional("addresses", RpcType.ARR, "[]", "The addresses to filter"),
                optional("include_unsafe", RpcType.BOOL, "true", "Include outputs that are not safe to spend")),
            "[ { \"txid\", \"vout\", \"address\", \"scriptPubKey\", \"amount\", \"confirmations\", \"spendable\", "
                + "\"solvable\", \"desc\", \"parent_descs\", \"safe\" }, ... ]", m::listUnspent),
        method("sendtoaddress", CATEGORY, "Send an amount to a given address.",
            List.of(required("address", RpcType.STR, "The address to send to."),
                required("amount", RpcType.AMOUNT, "The amount in tokens to send. eg 0.1"),
                optional("comment", RpcType.STR, "\"\"", "A comment (not stored by this node)"),
                optional("comment_to", RpcType.STR, "\"\"", "A comment (not stored by this node)"),
                optional("subtractfeefromamount", RpcType.BOOL, "false", "The fee will be deducted from the amount "
                    + "being sent (not supported by this node)")),
            "\"hex\"    (string) The transaction id.", m::sendToAddress));
  }

  private NetworkParameters network() {
    return ctx.chain().chain().params().network();
  }

  private JsonNode getNewAddress(RpcArgs a) throws RpcException {
    Wallet w = ctx.wallet();
    if (a.has(0)) {
      String label = a.string(0);
      if (label.equals("*")) {
        throw new RpcException(RpcError.WALLET_INVALID_LABEL_NAME, "Invalid label name");
      }
    }
    if (a.has(1) && !a.string(1).equals("legacy")) {
      throw new RpcException(RpcError.INVALID_ADDRESS_OR_KEY, "Unknown address type '" + a.string(1) + "'");
    }
    try {
      return text(w.freshReceiveAddress().toBase58());
    } catch (ChainException e) {
      throw new RpcException(RpcError.WALLET_KEYPOOL_RAN_OUT, "Error: This wallet has no available keys", e);
    }
  }

  private JsonNode getBalance(RpcArgs a) throws RpcException {
    Wallet w = ctx.wallet();
    if (a.has(0) && !a.string(0).equals("*")) {
      throw new RpcException(RpcError.METHOD_DEPRECATED, "dummy first argument must be excluded or set to \"*\".");
    }
    int minconf = a.integer(1, 0);
    boolean watchOnly = a.bool(2, false);
    a.bool(3, true);
    Balance b = w.balance();
    Amount total = minconf > 0 ? confirmedAtLeast(w, minconf) : b.confirmed().plus(ownPending(w));
    if (watchOnly) {
      total = total.plus(b.watched());
    }
    return Json.amount(total);
  }

  /** The wallet's own unconfirmed change, which bitcoind counts as trusted. */
  private Amount ownPending(Wallet w) {
    Amount sum = Amount.ZERO;
    for (Utxo u : w.spendableCoins()) {
      if (u.height() == WalletTransaction.UNCONFIRMED) {
        sum = sum.plus(u.value());
      }
    }
    return sum;
  }

  private Amount confirmedAtLeast(Wallet w, int minconf) {
    int tip = ctx.chain().chain().height();
    Amount sum = Amount.ZERO;
    for (Utxo u : w.spendableCoins()) {
      if (u.height() != WalletTransaction.UNCONFIRMED && tip - u.height() + 1 >= minconf) {
        sum = sum.plus(u.value());
      }
    }
    return sum;
  }

  private JsonNode getBalances() throws RpcException {
    Wallet w = ctx.wallet();
    Balance b = w.balance();
    Amount pending = ownPending(w);
    ObjectNode o = Json.NODES.objectNode();
    ObjectNode mine = o.putObject("mine");
    mine.set("trusted", Json.amount(b.confirmed().plus(pending)));
    mine.set("untrusted_pending", Json.amount(b.unconfirmed().minus(pending)));
    mine.set("immature", Json.amount(b.immature()));
    if (!w.watchList().redeemScripts().isEmpty()) {
      ObjectNode watch = o.putObject("watchonly");
      watch.set("trusted", Json.amount(b.watched()));
      watch.set("untrusted_pending", Json.amount(0));
      watch.set("immature", Json.amount(0));
    }
    BlockIndexEntry tip = ctx.chain().chain().tip();
    ObjectNode last = o.putObject("lastprocessedblock");
    last.put("hash", tip.hash().toHex());
    last.put("height", tip.height());
    return o;
  }

  private JsonNode listUnspent(RpcArgs a) throws RpcException {
    Wallet w = ctx.wallet();
    int minconf = a.integer(0, 1);
    int maxconf = a.integer(1, MAX_CONF);
    List<Address> filter = new ArrayList<>();
    if (a.has(2)) {
      for (JsonNode n : a.node(2)) {
        if (!n.isTextual()) {
          throw RpcArgs.typeError(n, "string");
        }
        String[] error = new String[1];
        Address addr = UtilMethods.decodeDestination(n.textValue(), network(), error);
        if (addr == null) {
          throw new RpcException(RpcError.INVALID_ADDRESS_OR_KEY, "Invalid Bitcoin address: " + n.textValue());
        }
        if (filter.contains(addr)) {
          throw new RpcException(RpcError.INVALID_PARAMETER, "Invalid parameter, duplicated address: " + n.textValue());
        }
        filter.add(addr);
      }
    }
    boolean includeUnsafe = a.bool(3, true);
    int tip = ctx.chain().chain().height();
    int maturity = ctx.chain().chain().params().coinbaseMaturity();
    KeyChain keys = w.keys();
    ArrayNode out = Json.NODES.arrayNode();
    for (Utxo u : new CoinTracker(w.store(), keys, w.watchList()).unspent()) {
      boolean confirmed = u.height() != WalletTransaction.UNCONFIRMED;
      int confirmations = confirmed ? tip - u.height() + 1 : 0;
      if (u.coinbase() && (!confirmed || tip + 1 - u.height() < maturity)) {
        continue; // immature coinbase outputs are not listed, as bitcoind's AvailableCoins
      }
      boolean safe = confirmed || (u.key() != null && u.key().purpose() == KeyChain.Purpose.CHANGE);
      if (confirmations < minconf || confirmations > maxconf || (!safe && !includeUnsafe)) {
        continue;
      }
      Script spk = u.output().scriptPubKey();
      Optional<Address> address = ChainJson.address(spk, network());
      if (!filter.isEmpty() && (address.isEmpty() || !filter.contains(address.get()))) {
        continue;
      }
      ObjectNode o = out.addObject();
      o.put("txid", u.outPoint().txId().toHex());
      o.put("vout", u.outPoint().index());
      address.ifPresent(x -> o.put("address", x.toBase58()));
      o.put("scriptPubKey", spk.toHex());
      o.set("amount", Json.amount(u.value()));
      o.put("confirmations", confirmations);
      Optional<Script> redeem = w.watchList().redeemScriptFor(spk);
      redeem.ifPresent(r -> o.put("redeemScript", r.toHex()));
      o.put("spendable", u.key() != null);
      o.put("solvable", u.key() != null || redeem.isPresent());
      o.put("desc", descriptor(keys, u, spk));
      o.putArray("parent_descs");
      o.put("safe", safe);
    }
    return out;
  }

  private String descriptor(KeyChain keys, Utxo u, Script spk) {
    if (u.key() != null) {
      try {
        return Descriptors.withChecksum("pkh(" + Hex.encode(keys.key(u.key()).publicKey().encoded()) + ")");
      } catch (ChainException e) {
        // The key cannot be derived again (negligible): describe the output by its address.
        return Descriptors.infer(spk, network());
      }
    }
    return Descriptors.infer(spk, network());
  }

  private JsonNode sendToAddress(RpcArgs a) throws RpcException {
    Wallet w = ctx.wallet();
    String text = a.string(0);
    String[] error = new String[1];
    Address to = UtilMethods.decodeDestination(text, network(), error);
    if (to == null) {
      throw new RpcException(RpcError.INVALID_ADDRESS_OR_KEY, "Invalid Bitcoin address: " + text);
    }
    Amount amount = a.amount(1);
    if (amount.sat() <= 0) {
      throw new RpcException(RpcError.TYPE_ERROR, "Invalid amount for send");
    }
    if (a.bool(4, false)) {
      throw new RpcException(RpcError.INVALID_PARAMETER, "subtractfeefromamount is not supported by this node");
    }
    try {
      Transaction tx = w.send(to, amount);
      return text(tx.txId().toHex());
    } catch (ChainException e) {
      throw walletError(e);
    }
  }

  /** bitcoind's codes and messages for a payment that cannot be made. */
  static RpcException walletError(ChainException e) {
    ChainFailure f = e.failure();
    if (f == WalletError.INSUFFICIENT_FUNDS) {
      return new RpcException(RpcError.WALLET_INSUFFICIENT_FUNDS, "Insufficient funds", e);
    }
    if (f == WalletError.AMOUNT_IS_DUST) {
      return new RpcException(RpcError.WALLET_ERROR, "Transaction amount too small", e);
    }
    if (f == WalletError.WRONG_NETWORK) {
      return new RpcException(RpcError.INVALID_ADDRESS_OR_KEY, "Invalid Bitcoin address", e);
    }
    if (f == WalletError.REJECTED) {
      return new RpcException(RpcError.WALLET_ERROR, "Transaction rejected: " + e.getMessage(), e);
    }
    return new RpcException(RpcError.WALLET_ERROR, "Error: " + e.getMessage(), e);
  }
}
