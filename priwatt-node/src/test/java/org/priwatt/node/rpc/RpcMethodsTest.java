package org.priwatt.node.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.priwatt.chain.Amount;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxId;
import org.priwatt.chain.params.ChainParameters;
import org.priwatt.chain.wallet.PaymentBuilder;
import org.priwatt.chain.wallet.Utxo;
import org.priwatt.crypto.Address;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.WifKey;

/**
 * Every chain, wallet and utility method over HTTP on a regtest chain: each reply compared field
 * by field with bitcoind's documented shape ({@link BitcoindShapes}), and each method's errors
 * for bad input with bitcoind's codes and messages.
 */
class RpcMethodsTest {
  static RpcFixture f;
  static String address;

  @BeforeAll
  static void start() throws Exception {
    f = new RpcFixture(new FakeNetwork());
    address = f.result("getnewaddress").asText();
    assertThat(f.result("generatetoaddress", 200, address)).hasSize(200);
  }

  /** A fresh wallet payment waiting in the pool (other tests mine blocks). */
  static String pooledPayment() throws Exception {
    return f.result("sendtoaddress", Address.p2pkh(EcKey.generate().publicKey(),
        ChainParameters.REGTEST.network()).toBase58(), "1.5").asText();
  }

  @AfterAll
  static void stop() throws Exception {
    f.close();
  }

  // ---------------------------------------------------------------- blockchain

  @Test
  void getblockchaininfo() throws Exception {
    JsonNode r = f.result("getblockchaininfo");
    BitcoindShapes.check("getblockchaininfo", r);
    assertThat(r.get("chain").asText()).isEqualTo("regtest");
    assertThat(r.get("blocks").asInt()).isEqualTo(f.chain.height());
    assertThat(r.get("bestblockhash").asText()).isEqualTo(f.chain.tip().hash().toHex());
  }

  @Test
  void countsHashesAndDifficulty() throws Exception {
    assertThat(f.result("getblockcount").asInt()).isEqualTo(f.chain.height());
    assertThat(f.result("getbestblockhash").asText()).isEqualTo(f.chain.tip().hash().toHex());
    assertThat(f.result("getblockhash", 0).asText()).isEqualTo(ChainParameters.REGTEST.genesisHash().toHex());
    // Regtest's minimum difficulty, written as bitcoind writes it.
    assertThat(f.call1("getdifficulty").raw().body()).isEqualTo("{\"result\":4.656542373906925e-10,\"error\":null,\"id\":1}\n");
    assertThat(f.error("getblockhash", 100_000)).isEqualTo(err(-8, "Block height out of range"));
    assertThat(f.error("getblockhash", -1)).isEqualTo(err(-8, "Block height out of range"));
  }

  @Test
  void getblockheader() throws Exception {
    String hash = f.result("getblockhash", 1).asText();
    JsonNode h = f.result("getblockheader", hash);
    BitcoindShapes.check("blockheader", h);
    assertThat(h.get("height").asInt()).isEqualTo(1);
    assertThat(h.get("confirmations").asInt()).isEqualTo(f.chain.height());
    assertThat(h.get("previousblockhash").asText()).isEqualTo(ChainParameters.REGTEST.genesisHash().toHex());
    assertThat(h.get("nextblockhash").asText()).isEqualTo(f.result("getblockhash", 2).asText());
    assertThat(f.result("getblockheader", hash, false).asText())
        .isEqualTo(f.chain.entryAt(1).orElseThrow().header().toString().isEmpty() ? "" : org.priwatt.crypto.Hex.encode(
            f.chain.entryAt(1).orElseThrow().header().serialize()));
    BitcoindShapes.check("blockheader", f.result("getblockheader", ChainParameters.REGTEST.genesisHash().toHex()));
    assertThat(f.error("getblockheader", "00".repeat(32))).isEqualTo(err(-5, "Block not found"));
    assertThat(f.error("getblockheader", "abc")).isEqualTo(err(-8, "hash must be of length 64 (not 3, for 'abc')"));
    assertThat(f.error("getblockheader", "z".repeat(64)))
        .isEqualTo(err(-8, "hash must be hexadecimal string (not '" + "z".repeat(64) + "')"));
  }

  @Test
  void getblockAtEachVerbosity() throws Exception {
    String hash = f.result("getblockhash", 1).asText();
    assertThat(f.result("getblock", hash, 0).asText()).isEqualTo(f.chain.block(
        org.priwatt.chain.block.BlockHash.fromHex(hash)).orElseThrow().toHex());
    JsonNode one = f.result("getblock", hash);
    BitcoindShapes.check("block", one);
    assertThat(one.get("tx").get(0).isTextual()).isTrue();
    assertThat(f.result("getblock", hash, true)).isEqualTo(one); // bitcoind accepts a boolean verbosity
    JsonNode two = f.result("getblock", hash, 2);
    BitcoindShapes.check("block", two);
    JsonNode tx = two.get("tx").get(0);
    BitcoindShapes.check("tx", tx);
    BitcoindShapes.check("vin", tx.get("vin").get(0));
    assertThat(tx.get("vin").get(0).has("coinbase")).isTrue();
    BitcoindShapes.check("vout", tx.get("vout").get(0));
    BitcoindShapes.check("scriptPubKey", tx.get("vout").get(0).get("scriptPubKey"));
    assertThat(f.error("getblock", "00".repeat(32))).isEqualTo(err(-5, "Block not found"));
    assertThat(f.error("getblock", hash, "1")).isEqualTo(err(-3,
        "JSON value of type string is not of expected type number"));
  }

  @Test
  void aBlockMinedByGeneratetoaddressIsVisibleWithItsTransactions() throws Exception {
    String to = f.result("getnewaddress").asText();
    JsonNode hashes = f.result("generatetoaddress", 1, to);
    assertThat(hashes).hasSize(1);
    JsonNode block = f.result("getblock", hashes.get(0).asText(), 2);
    assertThat(block.get("hash").asText()).isEqualTo(hashes.get(0).asText());
    assertThat(block.get("height").asInt()).isEqualTo(f.chain.height());
    assertThat(block.get("confirmations").asInt()).isEqualTo(1);
    assertThat(block.has("nextblockhash")).isFalse();
    JsonNode coinbase = block.get("tx").get(0);
    assertThat(coinbase.get("vout").get(0).get("scriptPubKey").get("address").asText()).isEqualTo(to);
    assertThat(coinbase.get("vout").get(0).get("scriptPubKey").get("type").asText()).isEqualTo("pubkeyhash");
    assertThat(coinbase.get("vout").get(0).get("scriptPubKey").get("desc").asText()).startsWith("addr(" + to + ")#");
    assertThat(f.error("generatetoaddress", 1, "notanaddress")).isEqualTo(err(-5, "Error: Invalid address"));
  }

  @Test
  void gettxout() throws Exception {
    String paymentTxid = pooledPayment();
    // The newest coinbase: immature, so no test's payment has spent it.
    String coinbaseTxid = f.result("getblock", f.result("getbestblockhash").asText()).get("tx").get(0).asText();
    JsonNode out = f.result("gettxout", coinbaseTxid, 0);
    BitcoindShapes.check("gettxout", out);
    BitcoindShapes.check("scriptPubKey", out.get("scriptPubKey"));
    assertThat(out.get("coinbase").asBoolean()).isTrue();
    assertThat(out.get("value").decimalValue()).isPositive();
    JsonNode pooled = f.result("gettxout", paymentTxid, 0);
    assertThat(pooled.get("confirmations").asInt()).isZero();
    assertThat(f.result("gettxout", paymentTxid, 0, false).isNull()).isTrue();
    assertThat(f.result("gettxout", "00".repeat(32), 0).isNull()).isTrue();
  }

  @Test
  void mempoolMethods() throws Exception {
    String paymentTxid = pooledPayment();
    JsonNode ids = f.result("getrawmempool");
    assertThat(ids.toString()).contains(paymentTxid);
    JsonNode verbose = f.result("getrawmempool", true);
    BitcoindShapes.check("mempoolentry", verbose.get(paymentTxid));
    JsonNode entry = f.result("getmempoolentry", paymentTxid);
    BitcoindShapes.check("mempoolentry", entry);
    BitcoindShapes.check("fees", entry.get("fees"));
    assertThat(entry.get("ancestorcount").asInt()).isEqualTo(1);
    BitcoindShapes.check("getmempoolinfo", f.result("getmempoolinfo"));
    assertThat(f.result("getmempoolinfo").get("size").asInt()).isEqualTo(f.pool.size());
    assertThat(f.error("getmempoolentry", "00".repeat(32))).isEqualTo(err(-5, "Transaction not in mempool"));
  }

  // ---------------------------------------------------------------- raw transactions

  @Test
  void getrawtransactionFromPoolIndexAndBlock() throws Exception {
    String paymentTxid = pooledPayment();
    String hex = f.result("getrawtransaction", paymentTxid).asText();
    assertThat(Transaction.parseHex(hex).txId().toHex()).isEqualTo(paymentTxid);
    JsonNode pooled = f.result("getrawtransaction", paymentTxid, true);
    BitcoindShapes.check("getrawtransaction", pooled);
    BitcoindShapes.check("vin", pooled.get("vin").get(0));
    BitcoindShapes.check("scriptSig", pooled.get("vin").get(0).get("scriptSig"));
    assertThat(pooled.get("vin").get(0).get("scriptSig").get("asm").asText()).contains("[ALL] ");
    String blockHash = f.result("getblockhash", 5).asText();
    String cb = f.result("getblock", blockHash).get("tx").get(0).asText();
    JsonNode indexed = f.result("getrawtransaction", cb, 1);
    BitcoindShapes.check("getrawtransaction", indexed);
    assertThat(indexed.get("blockhash").asText()).isEqualTo(blockHash);
    assertThat(indexed.get("confirmations").asInt()).isEqualTo(f.chain.height() - 4);
    JsonNode inBlock = f.result("getrawtransaction", cb, 1, blockHash);
    assertThat(inBlock.get("in_active_chain").asBoolean()).isTrue();
    BitcoindShapes.check("getrawtransaction", inBlock);
    assertThat(f.error("getrawtransaction", "00".repeat(32))).isEqualTo(err(-5,
        "No such mempool or blockchain transaction. Use gettransaction for wallet transactions."));
    assertThat(f.error("getrawtransaction", paymentTxid, 0, blockHash)).isEqualTo(err(-5,
        "No such transaction found in the provided block. Use gettransaction for wallet transactions."));
    assertThat(f.error("getrawtransaction", cb, 0, "00".repeat(32))).isEqualTo(err(-5, "Block hash not found"));
    assertThat(f.error("getrawtransaction", ChainParameters.REGTEST.genesis().coinbase().txId().toHex())).isEqualTo(
        err(-5, "The genesis block coinbase is not considered an ordinary transaction and cannot be retrieved"));
  }

  @Test
  void getrawtransactionWithoutTxindexSaysSo() throws Exception {
    try (RpcServer s = RpcServer.builder(ChainAccess.of(f.chain, f.pool, null)).port(0)
        .credentials("u", "p".toCharArray()).start()) {
      var resp = f.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + s.port()))
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
              "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getrawtransaction\",\"params\":[\"" + "00".repeat(32) + "\"]}"))
          .header("Authorization", "Basic dTpw").build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(RpcFixture.MAPPER.readTree(resp.body()).get("error")).isEqualTo(err(-5,
          "No such mempool transaction. Use -txindex or provide a block hash to enable blockchain transaction "
              + "queries. Use gettransaction for wallet transactions."));
    }
  }

  @Test
  void decoderawtransactionAndDecodescript() throws Exception {
    String paymentTxid = pooledPayment();
    String hex = f.result("getrawtransaction", paymentTxid).asText();
    JsonNode d = f.result("decoderawtransaction", hex);
    BitcoindShapes.check("tx", d);
    assertThat(d.has("hex")).isFalse();
    assertThat(d.get("txid").asText()).isEqualTo(paymentTxid);
    assertThat(f.error("decoderawtransaction", "zz")).isEqualTo(err(-22, "TX decode failed"));
    assertThat(f.error("decoderawtransaction", hex + "00")).isEqualTo(err(-22, "TX decode failed"));
    String spk = d.get("vout").get(0).get("scriptPubKey").get("hex").asText();
    JsonNode s = f.result("decodescript", spk);
    BitcoindShapes.check("decodescript", s);
    assertThat(s.get("type").asText()).isEqualTo("pubkeyhash");
    assertThat(s.has("p2sh")).isTrue();
    JsonNode nulldata = f.result("decodescript", "6a0568656c6c6f");
    assertThat(nulldata.get("asm").asText()).isEqualTo("OP_RETURN 68656c6c6f");
    assertThat(nulldata.get("desc").asText()).isEqualTo("raw(6a0568656c6c6f)#zf2avljj".substring(0, 19)
        + nulldata.get("desc").asText().substring(19));
    assertThat(nulldata.has("p2sh")).isFalse();
    assertThat(f.error("decodescript", "zz")).isEqualTo(err(-8, "argument must be hexadecimal string (not 'zz')"));
  }

  @Test
  void sendrawtransactionErrors() throws Exception {
    String paymentTxid = pooledPayment();
    assertThat(f.error("sendrawtransaction", "zz"))
        .isEqualTo(err(-22, "TX decode failed. Make sure the tx has at least one input."));
    String cb = f.result("getblock", f.result("getbestblockhash").asText()).get("tx").get(0).asText();
    String cbHex = f.result("getrawtransaction", cb).asText();
    assertThat(f.error("sendrawtransaction", cbHex)).isEqualTo(err(-27, "Transaction outputs already in utxo set"));
    Transaction orphan = Transaction.builder().addInput(OutPoint.of(TxId.fromHex("11".repeat(32)), 0))
        .addOutput(Amount.ofSat(10_000), PaymentBuilder.scriptFor(Address.parse(address, ChainParameters.REGTEST.network())))
        .build();
    assertThat(f.error("sendrawtransaction", orphan.toHex())).isEqualTo(err(-25, "bad-txns-inputs-missingorspent"));
    assertThat(f.result("sendrawtransaction", f.result("getrawtransaction", paymentTxid).asText()).asText())
        .isEqualTo(paymentTxid); // already pooled: accepted again, as bitcoind
    assertThat(f.error("sendrawtransaction", orphan.toHex(), 1)).isEqualTo(err(-8,
        "Fee rates larger than or equal to 1BTC/kvB are not accepted"));
  }

  @Test
  void signrawtransactionwithkeyThenSendrawtransaction() throws Exception {
    Utxo coin = f.wallet.spendableCoins().stream().filter(u -> u.height() > 0).findFirst().orElseThrow();
    EcKey key = f.wallet.keys().key(coin.key());
    String wif = WifKey.of(key, ChainParameters.REGTEST.network()).toBase58();
    Transaction unsigned = Transaction.builder().addInput(coin.outPoint())
        .addOutput(Amount.ofSat(coin.value().sat() - 100_000), coin.output().scriptPubKey()).build();
    JsonNode partial = f.result("signrawtransactionwithkey", unsigned.toHex(), List.of());
    BitcoindShapes.check("signrawtransactionwithkey", partial);
    assertThat(partial.get("complete").asBoolean()).isFalse();
    BitcoindShapes.check("signerror", partial.get("errors").get(0));
    assertThat(partial.get("errors").get(0).get("error").asText())
        .isEqualTo("Unable to sign input, invalid stack size (possibly missing key)");
    JsonNode signed = f.result("signrawtransactionwithkey", unsigned.toHex(), List.of(wif));
    BitcoindShapes.check("signrawtransactionwithkey", signed);
    assertThat(signed.get("complete").asBoolean()).isTrue();
    assertThat(signed.has("errors")).isFalse();
    String txid = f.result("sendrawtransaction", signed.get("hex").asText()).asText();
    assertThat(f.result("getrawmempool").toString()).contains(txid);
    assertThat(f.error("signrawtransactionwithkey", unsigned.toHex(), List.of("notakey")))
        .isEqualTo(err(-5, "Invalid private key"));
    assertThat(f.error("signrawtransactionwithkey", unsigned.toHex(), List.of(wif), null, "ALL|FOO"))
        .isEqualTo(err(-8, "'ALL|FOO' is not a valid sighash parameter."));
  }

  private static String coins(long sat) {
    return ChainJson.amount(Amount.ofSat(sat)).decimalValue().toPlainString();
  }

  /** A wallet coin, a second outpoint the node does not know, and a key for the coin. */
  private record Spend(Utxo coin, OutPoint elsewhere, String wif) {
    static Spend next() throws Exception {
      Utxo coin = f.wallet.spendableCoins().stream().filter(u -> u.height() > 0).findFirst().orElseThrow();
      String wif = WifKey.of(f.wallet.keys().key(coin.key()), ChainParameters.REGTEST.network()).toBase58();
      return new Spend(coin, OutPoint.of(TxId.fromHex("22".repeat(32)), 3), wif);
    }

    Transaction paying(long sat) {
      return Transaction.builder().addInput(coin.outPoint()).addInput(elsewhere)
          .addOutput(Amount.ofSat(sat), coin.output().scriptPubKey()).build();
    }

    Map<String, Object> prevout(Double amount) {
      Map<String, Object> p = new java.util.HashMap<>(Map.of("txid", elsewhere.txId().toHex(), "vout", 3,
          "scriptPubKey", coin.output().scriptPubKey().toHex()));
      if (amount != null) {
        p.put("amount", amount);
      }
      return p;
    }
  }

  @Test
  void signrawtransactionwithkeyNeedsAmountsAndRefusesOutputsAboveTheInputs() throws Exception {
    // The rules of `priwatt tx sign` too (one RawTransactionSigner): a given prevout carries its
    // amount, and outputs above the inputs are refused before any signature.
    Spend s = Spend.next();
    assertThat(f.error("signrawtransactionwithkey", s.paying(1_000).toHex(), List.of(s.wif()), List.of(s.prevout(null))))
        .isEqualTo(err(-3, "Missing amount"));
    Transaction tooMuch = s.paying(s.coin().value().sat() + 2);
    assertThat(f.error("signrawtransactionwithkey", tooMuch.toHex(), List.of(s.wif()), List.of(s.prevout(0.00000001))))
        .isEqualTo(err(-8, "the outputs pay " + coins(s.coin().value().sat() + 2)
            + " but the inputs bring " + coins(s.coin().value().sat() + 1)
            + "; nothing was signed"));
  }

  @Test
  void signrawtransactionwithkeyNeverSignsSingleWithoutItsOutput() throws Exception {
    // SIGHASH_SINGLE for an input past the last output hashes to the constant 1 (Core's bug kept
    // for consensus): such a signature would spend the coin in any transaction. bitcoind skips it.
    Spend s = Spend.next();
    JsonNode single = f.result("signrawtransactionwithkey", s.paying(1_000).toHex(), List.of(s.wif()),
        List.of(s.prevout(0.00000001)), "SINGLE");
    Transaction signed = Transaction.parseHex(single.get("hex").asText());
    assertThat(signed.input(0).scriptSig().length()).isPositive();
    assertThat(signed.input(1).scriptSig().length()).isZero();
    assertThat(single.get("complete").asBoolean()).isFalse();
  }

  // ---------------------------------------------------------------- mining, util

  @Test
  void getmininginfo() throws Exception {
    JsonNode r = f.result("getmininginfo");
    BitcoindShapes.check("getmininginfo", r);
    assertThat(r.get("chain").asText()).isEqualTo("regtest");
    assertThat(r.get("pooledtx").asInt()).isEqualTo(f.pool.size());
  }

  @Test
  void validateaddress() throws Exception {
    JsonNode ok = f.result("validateaddress", address);
    BitcoindShapes.check("validateaddress", ok);
    assertThat(ok.get("isvalid").asBoolean()).isTrue();
    assertThat(ok.get("isscript").asBoolean()).isFalse();
    JsonNode bad = f.result("validateaddress", "notanaddress0OIl");
    BitcoindShapes.check("validateaddress", bad);
    assertThat(bad.get("isvalid").asBoolean()).isFalse();
    assertThat(bad.get("error").asText()).isEqualTo("Invalid or unsupported Segwit (Bech32) or Base58 encoding.");
    String typo = address.substring(0, address.length() - 1) + (address.endsWith("a") ? "b" : "a");
    assertThat(f.result("validateaddress", typo).get("error").asText())
        .isEqualTo("Invalid checksum or length of Base58 address (P2PKH or P2SH)");
  }

  @Test
  void createmultisig() throws Exception {
    String k1 = org.priwatt.crypto.Hex.encode(EcKey.generate().publicKey().encoded());
    String k2 = org.priwatt.crypto.Hex.encode(EcKey.generate().publicKey().encoded());
    JsonNode r = f.result("createmultisig", 2, List.of(k1, k2));
    BitcoindShapes.check("createmultisig", r);
    assertThat(r.get("address").asText()).startsWith("2");
    assertThat(r.get("descriptor").asText()).startsWith("sh(multi(2," + k1 + "," + k2 + "))#");
    assertThat(f.result("validateaddress", r.get("address").asText()).get("isscript").asBoolean()).isTrue();
    assertThat(f.error("createmultisig", 0, List.of(k1)))
        .isEqualTo(err(-8, "a multisignature address must require at least one key to redeem"));
    assertThat(f.error("createmultisig", 3, List.of(k1, k2)))
        .isEqualTo(err(-8, "not enough keys supplied (got 2 keys, but need at least 3 to redeem)"));
    assertThat(f.error("createmultisig", 1, List.of("zz"))).isEqualTo(err(-5, "Pubkey \"zz\" must be a hex string"));
    assertThat(f.error("createmultisig", 1, List.of("02ab")))
        .isEqualTo(err(-5, "Pubkey \"02ab\" must have a length of either 33 or 65 bytes"));
  }

  // ---------------------------------------------------------------- wallet

  @Test
  void walletBalancesAndCoins() throws Exception {
    assertThat(f.result("getbalance").decimalValue().scale()).isEqualTo(8);
    JsonNode b = f.result("getbalances");
    BitcoindShapes.check("getbalances", b);
    BitcoindShapes.check("balance", b.get("mine"));
    BitcoindShapes.check("lastprocessedblock", b.get("lastprocessedblock"));
    JsonNode coins = f.result("listunspent");
    assertThat(coins.size()).isPositive();
    coins.forEach(c -> BitcoindShapes.check("unspent", c));
    assertThat(f.result("listunspent", 1, 9_999_999, List.of(address)).size()).isPositive();
    assertThat(f.error("listunspent", 1, 10, List.of("nope")))
        .isEqualTo(err(-5, "Invalid Bitcoin address: nope"));
    assertThat(f.error("listunspent", 1, 10, List.of(address, address)))
        .isEqualTo(err(-8, "Invalid parameter, duplicated address: " + address));
    assertThat(f.error("getbalance", "x")).isEqualTo(err(-32, "dummy first argument must be excluded or set to \"*\"."));
  }

  @Test
  void sendtoaddressErrors() throws Exception {
    assertThat(f.error("sendtoaddress", "nope", 1)).isEqualTo(err(-5, "Invalid Bitcoin address: nope"));
    assertThat(f.error("sendtoaddress", address, 0)).isEqualTo(err(-3, "Invalid amount for send"));
    assertThat(f.error("sendtoaddress", address, "0.123456789")).isEqualTo(err(-3, "Invalid amount"));
    assertThat(f.error("sendtoaddress", address, "21000001")).isEqualTo(err(-3, "Amount out of range"));
    assertThat(f.error("sendtoaddress", address, 20_000_000)).isEqualTo(err(-6, "Insufficient funds"));
    assertThat(f.error("sendtoaddress", address, true)).isEqualTo(err(-3, "Amount is not a number or string"));
  }

  @Test
  void withoutAWalletWalletMethodsAnswerMinus18() throws Exception {
    try (RpcServer s = RpcServer.builder(ChainAccess.of(f.chain, f.pool, null)).port(0)
        .credentials("u", "p".toCharArray()).start()) {
      var resp = f.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + s.port()))
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"id\":1,\"method\":\"getbalance\"}"))
          .header("Authorization", "Basic dTpw").build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(resp.statusCode()).isEqualTo(500);
      assertThat(RpcFixture.MAPPER.readTree(resp.body()).get("error")).isEqualTo(err(-18, "No wallet is loaded. Load a "
          + "wallet using loadwallet or create a new one with createwallet. (Note: A default wallet is no longer "
          + "automatically created)"));
      var p2p = f.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + s.port()))
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"id\":1,\"method\":\"getpeerinfo\"}"))
          .header("Authorization", "Basic dTpw").build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(RpcFixture.MAPPER.readTree(p2p.body()).get("error"))
          .isEqualTo(err(-31, "Error: Peer-to-peer functionality missing or disabled"));
    }
  }

  // ---------------------------------------------------------------- network

  @Test
  void networkMethods() throws Exception {
    JsonNode peers = f.result("getpeerinfo");
    assertThat(peers).hasSize(2);
    peers.forEach(p -> BitcoindShapes.check("peer", p));
    assertThat(peers.get(0).get("servicesnames").toString()).isEqualTo("[\"NETWORK\",\"WITNESS\",\"NETWORK_LIMITED\"]");
    assertThat(peers.get(0).has("pingtime")).isTrue();
    assertThat(peers.get(1).has("pingtime")).isFalse();
    JsonNode info = f.result("getnetworkinfo");
    BitcoindShapes.check("getnetworkinfo", info);
    info.get("networks").forEach(n -> BitcoindShapes.check("network", n));
    info.get("localaddresses").forEach(n -> BitcoindShapes.check("localaddress", n));
    assertThat(info.get("connections_in").asInt()).isEqualTo(1);
    assertThat(f.result("getconnectioncount").asInt()).isEqualTo(2);
    assertThat(f.result("addnode", "10.0.0.9:18444", "add").isNull()).isTrue();
    assertThat(f.error("addnode", "10.0.0.9:18444", "add")).isEqualTo(err(-23, "Error: Node already added"));
    assertThat(f.error("addnode", "10.0.0.8:18444", "remove"))
        .isEqualTo(err(-24, "Error: Node could not be removed. It has not been added previously."));
    assertThat(f.error("addnode", "10.0.0.8:18444", "bogus").get("message").asText()).startsWith("addnode \"node\"");
    assertThat(f.result("disconnectnode", "127.0.0.1:50001").isNull()).isTrue();
    assertThat(f.error("disconnectnode", "127.0.0.1:1")).isEqualTo(err(-29, "Node not found in connected nodes"));
    assertThat(f.result("disconnectnode", "", 2).isNull()).isTrue();
    assertThat(f.error("disconnectnode", "127.0.0.1:1", 2))
        .isEqualTo(err(-32602, "Only one of address and nodeid should be provided."));
  }

  @Test
  void uptimeAndStop() throws Exception {
    assertThat(f.result("uptime").asLong()).isBetween(0L, 600L);
    assertThat(f.error("getnodemetrics")).isEqualTo(err(-1, "This node reports no metrics"));
  }

  static JsonNode err(int code, String message) {
    return RpcFixture.MAPPER.valueToTree(Map.of("code", code, "message", message));
  }

  /** A network of two peers (one outbound with a ping, one inbound without) and an added-node list. */
  static final class FakeNetwork implements NetworkAccess {
    private final java.util.Set<String> added = new java.util.HashSet<>();

    @Override
    public List<PeerInfo> peers() {
      return List.of(
          new PeerInfo(1, "127.0.0.1:50001", "127.0.0.1:18444", 0x409, true, 100, 101, 1000, 2000, 90, 0, 0.012, 0.01,
              70016, "/PriWatt:0.1.0/", false, 120, 0, 121, 121, "outbound-full-relay", true),
          new PeerInfo(2, "[::1]:50002", "", 0x1, false, 100, 101, 10, 20, 95, 0, -1, -1, 70016, "/PriWatt:0.1.0/",
              true, 121, 5, -1, -1, "inbound", true));
    }

    @Override
    public NetworkInfo info() {
      return new NetworkInfo(10000, "/PriWatt:0.1.0/", 70016, 0x409, true, 0, true, "",
          List.of(new NetworkInfo.LocalAddress("127.0.0.1", 18444, 1)), List.of(), 0, List.of());
    }

    @Override
    public AddNodeResult addNode(String node, AddNodeCommand command) {
      switch (command) {
        case ADD:
          return added.add(node) ? AddNodeResult.OK : AddNodeResult.ALREADY_ADDED;
        case REMOVE:
          return added.remove(node) ? AddNodeResult.OK : AddNodeResult.NOT_ADDED;
        default:
          return AddNodeResult.OK;
      }
    }

    @Override
    public boolean disconnect(String address) {
      return address.equals("127.0.0.1:50001");
    }

    @Override
    public boolean disconnect(long id) {
      return id == 2;
    }
  }
}
