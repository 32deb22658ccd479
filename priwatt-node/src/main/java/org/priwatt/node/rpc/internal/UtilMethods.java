package org.priwatt.node.rpc.internal;

import static org.priwatt.node.rpc.RpcParam.optional;
import static org.priwatt.node.rpc.RpcParam.required;
import static org.priwatt.node.rpc.internal.RpcContext.method;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.priwatt.crypto.Address;
import org.priwatt.crypto.Base58;
import org.priwatt.crypto.Base58Check;
import org.priwatt.crypto.CryptoException;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.crypto.Hex;
import org.priwatt.crypto.NetworkParameters;
import org.priwatt.chain.wallet.PaymentBuilder;
import org.priwatt.node.rpc.ChainJson;
import org.priwatt.node.rpc.RpcArgs;
import org.priwatt.node.rpc.RpcError;
import org.priwatt.node.rpc.RpcException;
import org.priwatt.node.rpc.RpcMethod;
import org.priwatt.node.rpc.RpcType;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptTemplates;

/**
 * The {@code util} category as Bitcoin Core 28's {@code rpc/misc.cpp} and {@code rpc/output_script.cpp}:
 * {@code validateaddress} (with Core's Base58 error strings) and {@code createmultisig} (legacy
 * P2SH only: PriWatt has no segregated witness).
 */
final class UtilMethods {
  private static final String CATEGORY = "util";
  /** Core's {@code MAX_PUBKEYS_PER_MULTISIG}. */
  static final int MAX_PUBKEYS_PER_MULTISIG = 20;
  /** Core's {@code MAX_SCRIPT_ELEMENT_SIZE}: the largest redeem script P2SH can push. */
  static final int MAX_SCRIPT_ELEMENT_SIZE = 520;

  private final RpcContext ctx;

  private UtilMethods(RpcContext ctx) {
    this.ctx = ctx;
  }

  static List<RpcMethod> all(RpcContext ctx) {
    UtilMethods m = new UtilMethods(ctx);
    return List.of(
        method("validateaddress", CATEGORY, "Return information about the given address.",
            List.of(required("address", RpcType.STR, "The address to validate")),
            "{ \"isvalid\", \"address\", \"scriptPubKey\", \"isscript\", \"iswitness\" } or { \"isvalid\": false, "
                + "\"error_locations\", \"error\" }", m::validateAddress),
        method("createmultisig", CATEGORY, "Creates a multi-signature address with n signature of m keys required.\n"
            + "It returns a json object with the address and redeemScript.",
            List.of(required("nrequired", RpcType.NUM, "The number of required signatures out of the n keys."),
                required("keys", RpcType.ARR, "The hex-encoded public keys."),
                optional("address_type", RpcType.STR, "\"legacy\"", "The address type to use. Options are \"legacy\".")),
            "{ \"address\", \"redeemScript\", \"descriptor\" }", m::createMultisig));
  }

  /**
   * Core's {@code DecodeDestination} for Base58 addresses: the address, or the error string
   * bitcoind reports.
   */
  static Address decodeDestination(String text, NetworkParameters network, String[] error) {
    try {
      return Address.parse(text, network);
    } catch (CryptoException e) {
      error[0] = base58Error(text, network);
      return null;
    }
  }

  private static String base58Error(String text, NetworkParameters network) {
    byte[] data;
    try {
      data = Base58Check.decode(text);
    } catch (CryptoException e) {
      try {
        Base58.decode(text);
        return "Invalid checksum or length of Base58 address (P2PKH or P2SH)";
      } catch (CryptoException e2) {
        return "Invalid or unsupported Segwit (Bech32) or Base58 encoding.";
      }
    }
    if (data.length > 0 && ((data[0] & 0xff) == network.p2pkhVersion() || (data[0] & 0xff) == network.p2shVersion())) {
      return "Invalid length for Base58 address (P2PKH or P2SH)";
    }
    return "Invalid or unsupported Base58-encoded address.";
  }

  private JsonNode validateAddress(RpcArgs a) throws RpcException {
    String text = a.string(0);
    NetworkParameters network = ctx.chain().chain().params().network();
    String[] error = new String[1];
    Address address = decodeDestination(text, network, error);
    ObjectNode o = Json.NODES.objectNode();
    o.put("isvalid", address != null);
    if (address != null) {
      o.put("address", address.toBase58());
      o.put("scriptPubKey", PaymentBuilder.scriptFor(address).toHex());
      o.put("isscript", address.kind() == Address.Kind.P2SH);
      o.put("iswitness", false);
    } else {
      o.putArray("error_locations");
      o.put("error", error[0]);
    }
    return o;
  }

  /** Core's {@code HexToPubKey}. */
  static byte[] hexToPubKey(String hex) throws RpcException {
    if (!RpcArgs.isHex(hex)) {
      throw new RpcException(RpcError.INVALID_ADDRESS_OR_KEY, "Pubkey \"" + hex + "\" must be a hex string");
    }
    if (hex.length() != 66 && hex.length() != 130) {
      throw new RpcException(RpcError.INVALID_ADDRESS_OR_KEY,
          "Pubkey \"" + hex + "\" must have a length of either 33 or 65 bytes");
    }
    byte[] key = Hex.decode(hex.toLowerCase(java.util.Locale.ROOT));
    try {
      EcPublicKey.decode(key);
    } catch (CryptoException e) {
      throw new RpcException(RpcError.INVALID_ADDRESS_OR_KEY, "Pubkey \"" + hex + "\" must be cryptographically valid.");
    }
    return key;
  }

  private JsonNode createMultisig(RpcArgs a) throws RpcException {
    int required = a.integer(0);
    JsonNode keyNodes = a.node(1);
    if (keyNodes.size() > 1_000) {
      throw new RpcException(RpcError.INVALID_PARAMETER, "Number of keys involved in the multisignature address "
          + "creation > " + MAX_PUBKEYS_PER_MULTISIG + "\nReduce the number");
    }
    String type = a.has(2) ? a.string(2) : "legacy";
    if (!type.equals("legacy")) {
      if (type.equals("bech32") || type.equals("p2sh-segwit") || type.equals("bech32m")) {
        throw new RpcException(RpcError.INVALID_PARAMETER,
            "Address type " + type + " is not supported by this node (no segregated witness); use \"legacy\"");
      }
      throw new RpcException(RpcError.INVALID_ADDRESS_OR_KEY, "Unknown address type '" + type + "'");
    }
    List<byte[]> keys = new ArrayList<>();
    for (JsonNode k : keyNodes) {
      if (!k.isTextual()) {
        throw RpcArgs.typeError(k, "string");
      }
      keys.add(hexToPubKey(k.textValue()));
    }
    if (required < 1) {
      throw new RpcException(RpcError.INVALID_PARAMETER, "a multisignature address must require at least one key to redeem");
    }
    if (keys.size() < required) {
      throw new RpcException(RpcError.INVALID_PARAMETER, "not enough keys supplied (got " + keys.size()
          + " keys, but need at least " + required + " to redeem)");
    }
    if (keys.size() > MAX_PUBKEYS_PER_MULTISIG) {
      throw new RpcException(RpcError.INVALID_PARAMETER, "Number of keys involved in the multisignature address "
          + "creation > " + MAX_PUBKEYS_PER_MULTISIG + "\nReduce the number");
    }
    Script redeem = ScriptTemplates.multisig(required, keys);
    if (redeem.length() > MAX_SCRIPT_ELEMENT_SIZE) {
      throw new RpcException(RpcError.INVALID_PARAMETER,
          "redeemScript exceeds size limit: " + redeem.length() + " > " + MAX_SCRIPT_ELEMENT_SIZE);
    }
    NetworkParameters network = ctx.chain().chain().params().network();
    Address address = Address.p2shFromScript(redeem.program(), network);
    StringBuilder desc = new StringBuilder("sh(multi(").append(required);
    for (byte[] k : keys) {
      desc.append(',').append(Hex.encode(k));
    }
    desc.append("))");
    ObjectNode o = Json.NODES.objectNode();
    o.put("address", address.toBase58());
    o.put("redeemScript", redeem.toHex());
    o.put("descriptor", Descriptors.withChecksum(desc.toString()));
    return o;
  }

  /** Whether {@code script} pays one of {@code addresses} (for filters). */
  static boolean paysAny(Script script, List<Address> addresses, NetworkParameters network) {
    Optional<Address> a = ChainJson.address(script, network);
    return a.isPresent() && addresses.contains(a.get());
  }
}
