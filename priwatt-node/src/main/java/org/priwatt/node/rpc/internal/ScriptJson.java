package org.priwatt.node.rpc.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.priwatt.chain.mempool.StandardPolicy;
import org.priwatt.crypto.Address;
import org.priwatt.crypto.EcdsaSignature;
import org.priwatt.crypto.Hex;
import org.priwatt.crypto.NetworkParameters;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptChunk;
import org.priwatt.script.ScriptException;
import org.priwatt.script.ScriptNum;
import org.priwatt.script.ScriptTemplates;
import org.priwatt.script.ScriptType;

/**
 * Scripts as bitcoind shows them: {@code ScriptToAsmStr} (with the signature hash-type decoding
 * used for scriptSigs), {@code ScriptToUniv} ({@code asm}, {@code desc}, {@code hex},
 * {@code address}, {@code type}) and {@code GetTxnOutputType} names.
 */
public final class ScriptJson {
  private ScriptJson() {}

  /** Core's output type name of {@code script} ({@code pubkeyhash}, {@code nulldata} ...). */
  public static String type(Script script) {
    ScriptType t = ScriptTemplates.classify(script);
    switch (t) {
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

  /** The address {@code script} pays, for P2PKH and P2SH ({@code ExtractDestination} minus pubkeys). */
  public static Optional<Address> address(Script script, NetworkParameters network) {
    Optional<byte[]> pkh = ScriptTemplates.p2pkhHash(script);
    if (pkh.isPresent()) {
      return Optional.of(Address.p2pkhFromHash(pkh.get(), network));
    }
    return ScriptTemplates.p2shHash(script).map(h -> Address.p2shFromHash(h, network));
  }

  /**
   * {@code ScriptToUniv}: asm, desc (if {@code withAddress}), hex (if {@code withHex}), address
   * (if any and {@code withAddress}), type.
   */
  public static ObjectNode toJson(Script script, boolean withHex, boolean withAddress, NetworkParameters network) {
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
    o.put("type", type(script));
    return o;
  }

  /**
   * {@code ScriptToAsmStr(script, true)}: as {@link Script#toString()}, but pushes that are
   * strictly encoded signatures with a defined hash type show as the DER hex followed by
   * {@code [ALL]}, {@code [NONE|ANYONECANPAY]} ... (never in an unspendable script).
   */
  public static String asmWithSighash(Script script) {
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
    int type = vch[vch.length - 1] & 0xff;
    String name = sighashName(type);
    if (name != null && EcdsaSignature.isStrictDer(vch, 0, vch.length - 1)) {
      return Hex.encode(java.util.Arrays.copyOf(vch, vch.length - 1)) + "[" + name + "]";
    }
    return Hex.encode(vch);
  }

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
