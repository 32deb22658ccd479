package org.priwatt.node.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Optional;
import org.priwatt.chain.Amount;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxInput;
import org.priwatt.chain.TxOutput;
import org.priwatt.chain.block.BlockHash;
import org.priwatt.chain.mempool.StandardPolicy;
import org.priwatt.crypto.Address;
import org.priwatt.crypto.EcdsaSignature;
import org.priwatt.crypto.Hex;
import org.priwatt.crypto.NetworkParameters;
import org.priwatt.node.rpc.internal.Descriptors;
import org.priwatt.node.rpc.internal.Json;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptChunk;
import org.priwatt.script.ScriptException;
import org.priwatt.script.ScriptNum;
import org.priwatt.script.ScriptTemplates;

/**
 * Transactions and scripts in bitcoind's JSON, so tools written for Bitcoin Core read them
 * unchanged: the one renderer behind {@code decoderawtransaction}, {@code getrawtransaction},
 * {@code getblock} (verbosity 2), {@code gettxout} and {@code decodescript}, and behind
 * {@code priwatt tx decode}. Field names, their order, script type names and number formats are
 * Bitcoin Core 28's ({@code TxToUniv}, {@code ScriptToUniv}, {@code ScriptToAsmStr},
 * {@code GetTxnOutputType}, {@code ValueFromAmount}). PriWatt transactions carry no witness, so
 * {@code hash} is the txid, {@code vsize} the size and {@code weight} four times it. Write the
 * result with {@link RpcJson#pretty} for bitcoin-cli's layout. Stateless and thread-safe.
 */
public final class ChainJson {
  /** Bitcoin's {@code WITNESS_SCALE_FACTOR}: weight units per byte of a transaction without witness. */
  private static final int WITNESS_SCALE_FACTOR = 4;

  private ChainJson() {}

  /**
   * {@code decoderawtransaction}'s object: txid, hash, version, size, vsize, weight, locktime,
   * vin (coinbase, or txid, vout and scriptSig; then sequence) and vout (value, n, scriptPubKey).
   *
   * @param network the network whose address prefixes the {@code address} fields use
   */
  public static ObjectNode transaction(Transaction tx, NetworkParameters network) {
    return transaction(tx, null, false, network);
  }

  /**
   * {@code TxToUniv}: {@link #transaction(Transaction, NetworkParameters)}, then the block
   * holding it and the serialized transaction when asked (as {@code getrawtransaction} and
   * {@code getblock} show them).
   *
   * @param blockHash the block holding it, written as {@code blockhash}; null to leave it out
   * @param withHex whether to add the serialized transaction as {@code hex}
   */
  public static ObjectNode transaction(Transaction tx, BlockHash blockHash, boolean withHex, NetworkParameters network) {
    ObjectNode o = Json.NODES.objectNode();
    o.put("txid", tx.txId().toHex());
    o.put("hash", tx.txId().toHex());
    o.put("version", Integer.toUnsignedLong(tx.version()));
    int size = tx.size();
    o.put("size", size);
    o.put("vsize", size);
    o.put("weight", (long) size * WITNESS_SCALE_FACTOR);
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
        sig.put("asm", scriptSigAsm(in.scriptSig()));
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
      v.set("scriptPubKey", script(out.scriptPubKey(), true, true, network));
    }
    if (blockHash != null) {
      o.put("blockhash", blockHash.toHex());
    }
    if (withHex) {
      o.put("hex", Hex.encode(tx.serialize()));
    }
    return o;
  }

  /**
   * {@code ScriptToUniv}: asm, desc (with {@code withAddress}), hex (with {@code withHex}),
   * address (with {@code withAddress}, for P2PKH and P2SH), type.
   */
  public static ObjectNode script(Script script, boolean withHex, boolean withAddress, NetworkParameters network) {
    ObjectNode o = Json.NODES.objectNode();
    o.put("asm", script.toString());
    if (withAddress) {
      o.put("desc", Descriptors.infer(script, network));
    }
    if (withHex) {
      o.put("hex", script.toHex());
    }
    if (withAddress) {
      address(script, network).ifPresent(a -> o.put("address", a.toBase58()));
    }
    o.put("type", typeName(script));
    return o;
  }

  /** Core's output type name of {@code script}: {@code pubkeyhash}, {@code scripthash}, {@code nulldata} ... */
  public static String typeName(Script script) {
    switch (ScriptTemplates.classify(script)) {
      case P2PK:
        return "pubkey";
      case P2PKH:
        return "pubkeyhash";
      case P2SH:
        return "scripthash";
      case MULTISIG:
        return "multisig";
      case NULL_DATA:
        return "nulldata";
      default:
        return "nonstandard";
    }
  }

  /** The address {@code script} pays, for P2PKH and P2SH ({@code ExtractDestination} without public keys). */
  public static Optional<Address> address(Script script, NetworkParameters network) {
    Optional<byte[]> pkh = ScriptTemplates.p2pkhHash(script);
    if (pkh.isPresent()) {
      return Optional.of(Address.p2pkhFromHash(pkh.get(), network));
    }
    return ScriptTemplates.p2shHash(script).map(h -> Address.p2shFromHash(h, network));
  }

  /** An amount as {@code ValueFromAmount}: a JSON number of coins with exactly 8 decimals. */
  public static JsonNode amount(Amount amount) {
    return Json.amount(amount);
  }

  /**
   * {@code ScriptToAsmStr(script, true)}, the form of scriptSigs: as {@link Script#toString()},
   * but pushes that are strictly encoded signatures with a defined hash type show as the DER hex
   * followed by {@code [ALL]}, {@code [NONE|ANYONECANPAY]} ... (never in an unspendable script).
   */
  public static String scriptSigAsm(Script script) {
    boolean unspendable = StandardPolicy.isUnspendable(script);
    StringBuilder sb = new StringBuilder();
    for (ScriptChunk c : script.chunks()) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      if (c.isMalformed()) {
        return sb.append("[error]").toString();
      }
      if (!c.isPushData()) {
        sb.append(c.opcode().asmName());
        continue;
      }
      byte[] data = c.data();
      if (data.length <= 4) {
        sb.append(smallNumber(data));
      } else if (!unspendable) {
        sb.append(sighashDecoded(data));
      } else {
        sb.append(Hex.encode(data));
      }
    }
    return sb.toString();
  }

  private static long smallNumber(byte[] data) {
    try {
      return ScriptNum.decode(data, false, 4).intValue();
    } catch (ScriptException e) {
      // At most 4 bytes without the minimality rule always decode.
      throw new IllegalStateException("4-byte script number refused", e);
    }
  }

  private static String sighashDecoded(byte[] vch) {
    String name = sighashName(vch[vch.length - 1] & 0xff);
    if (name != null && EcdsaSignature.isStrictDer(vch, 0, vch.length - 1)) {
      return Hex.encode(Arrays.copyOf(vch, vch.length - 1)) + "[" + name + "]";
    }
    return Hex.encode(vch);
  }

  /** Core's {@code mapSigHashTypes}: the names {@code ScriptToAsmStr} decodes. */
  private static String sighashName(int type) {
    switch (type) {
      case 0x01:
        return "ALL";
      case 0x81:
        return "ALL|ANYONECANPAY";
      case 0x02:
        return "NONE";
      case 0x82:
        return "NONE|ANYONECANPAY";
      case 0x03:
        return "SINGLE";
      case 0x83:
        return "SINGLE|ANYONECANPAY";
      default:
        return null;
    }
  }
}
