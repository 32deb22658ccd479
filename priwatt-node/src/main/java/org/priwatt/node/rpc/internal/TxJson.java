package org.priwatt.node.rpc.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxInput;
import org.priwatt.chain.TxOutput;
import org.priwatt.chain.block.BlockHash;
import org.priwatt.crypto.Hex;
import org.priwatt.crypto.NetworkParameters;

/**
 * Transactions as bitcoind's {@code TxToUniv}: txid, hash, version, size, vsize, weight,
 * locktime, vin (coinbase or txid/vout/scriptSig, then sequence), vout (value, n,
 * scriptPubKey), then blockhash and hex when asked. PriWatt transactions carry no witness, so
 * {@code hash} is the txid, {@code vsize} the size and {@code weight} four times it.
 */
public final class TxJson {
  private TxJson() {}

  /**
   * The JSON of {@code tx}.
   *
   * @param blockHash the block holding it, written as {@code blockhash}; null to leave it out
   * @param withHex whether to add the serialized transaction as {@code hex}
   */
  public static ObjectNode toJson(Transaction tx, BlockHash blockHash, boolean withHex, NetworkParameters network) {
    ObjectNode o = Json.NODES.objectNode();
    o.put("txid", tx.txId().toHex());
    o.put("hash", tx.txId().toHex());
    o.put("version", Integer.toUnsignedLong(tx.version()));
    int size = tx.size();
    o.put("size", size);
    o.put("vsize", size);
    o.put("weight", size * 4);
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
        sig.put("asm", ScriptJson.asmWithSighash(in.scriptSig()));
        sig.put("hex", in.scriptSig().toHex());
      }
      i.put("sequence", in.sequence());
    }
    ArrayNode vout = o.putArray("vout");
    for (int n = 0; n < tx.outputs().size(); n++) {
      TxOutput out = tx.output(n);
      ObjectNode v = vout.addObject();
      v.set("value", Json.amount(out.value()));
      v.put("n", n);
      v.set("scriptPubKey", ScriptJson.toJson(out.scriptPubKey(), true, true, network));
    }
    if (blockHash != null) {
      o.put("blockhash", blockHash.toHex());
    }
    if (withHex) {
      o.put("hex", Hex.encode(tx.serialize()));
    }
    return o;
  }
}
