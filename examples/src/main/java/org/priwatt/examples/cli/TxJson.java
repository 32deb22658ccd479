package org.priwatt.examples.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.math.BigDecimal;
import java.util.Optional;
import org.priwatt.chain.Amount;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxInput;
import org.priwatt.chain.TxOutput;
import org.priwatt.crypto.Address;
import org.priwatt.crypto.NetworkParameters;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptTemplates;
import org.priwatt.script.ScriptType;

/**
 * Transactions as bitcoind's {@code decoderawtransaction} shows them: the same field names, order
 * and script type names, amounts in coins with eight decimals, so tools written for Bitcoin Core
 * read our output. PriWatt transactions are legacy (no witness), so {@code hash} equals
 * {@code txid}, {@code vsize} equals {@code size} and {@code weight} is four times it.
 */
final class TxJson {
  /** Decimal places of a coin amount (satoshis per coin = 10^8). */
  static final int COIN_DECIMALS = 8;
  private static final int WITNESS_SCALE_FACTOR = 4;
  /** Reads amounts exactly (BigDecimal, never double). */
  static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private TxJson() {}

  /** The decoded transaction; addresses are spelled for {@code network}. */
  static ObjectNode decode(Transaction tx, NetworkParameters network) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("txid", tx.txId().toHex());
    o.put("hash", tx.txId().toHex());
    o.put("version", tx.version());
    o.put("size", tx.size());
    o.put("vsize", tx.size());
    o.put("weight", (long) tx.size() * WITNESS_SCALE_FACTOR);
    o.put("locktime", tx.lockTime());
    ArrayNode vin = o.putArray("vin");
    for (TxInput in : tx.inputs()) {
      ObjectNode i = vin.addObject();
      if (tx.isCoinbase()) {
        i.put("coinbase", in.scriptSig().toHex());
      } else {
        i.put("txid", in.outPoint().txId().toHex());
        i.put("vout", in.outPoint().index());
        ObjectNode sig = i.putObject("scriptSig");
        sig.put("asm", in.scriptSig().toString());
        sig.put("hex", in.scriptSig().toHex());
      }
      i.put("sequence", in.sequence());
    }
    ArrayNode vout = o.putArray("vout");
    for (int n = 0; n < tx.outputs().size(); n++) {
      TxOutput out = tx.output(n);
      ObjectNode v = vout.addObject();
      v.putRawValue("value", new RawValue(coins(out.amount())));
      v.put("n", n);
      v.set("scriptPubKey", scriptPubKey(out.scriptPubKey(), network));
    }
    return o;
  }

  /** A scriptPubKey's asm, hex, address (when it has one) and type, in bitcoind's order. */
  static ObjectNode scriptPubKey(Script script, NetworkParameters network) {
    ObjectNode s = MAPPER.createObjectNode();
    s.put("asm", script.toString());
    s.put("hex", script.toHex());
    address(script, network).ifPresent(a -> s.put("address", a.toString()));
    s.put("type", typeName(ScriptTemplates.classify(script)));
    return s;
  }

  private static Optional<Address> address(Script script, NetworkParameters network) {
    Optional<byte[]> pkh = ScriptTemplates.p2pkhHash(script);
    if (pkh.isPresent()) {
      return Optional.of(Address.p2pkhFromHash(pkh.get(), network));
    }
    return ScriptTemplates.p2shHash(script).map(h -> Address.p2shFromHash(h, network));
  }

  /** bitcoind's name for a script type ({@code GetTxnOutputType}). */
  static String typeName(ScriptType type) {
    return switch (type) {
      case P2PK -> "pubkey";
      case P2PKH -> "pubkeyhash";
      case P2SH -> "scripthash";
      case MULTISIG -> "multisig";
      case NULL_DATA -> "nulldata";
      case NONSTANDARD -> "nonstandard";
    };
  }

  /** An amount in coins with eight decimals, never in exponent notation: {@code 0.00000100}. */
  static String coins(Amount amount) {
    return BigDecimal.valueOf(amount.sat(), COIN_DECIMALS).toPlainString();
  }

  /** Writes {@code node} as indented JSON. */
  static String write(ObjectNode node) {
    return node.toPrettyString();
  }
}
