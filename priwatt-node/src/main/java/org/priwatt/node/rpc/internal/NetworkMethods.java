package org.priwatt.node.rpc.internal;

import static org.priwatt.node.rpc.RpcParam.omitted;
import static org.priwatt.node.rpc.RpcParam.optional;
import static org.priwatt.node.rpc.RpcParam.required;
import static org.priwatt.node.rpc.internal.RpcContext.method;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.priwatt.chain.mempool.MempoolPolicy;
import org.priwatt.node.rpc.NetworkAccess;
import org.priwatt.node.rpc.NetworkInfo;
import org.priwatt.node.rpc.PeerInfo;
import org.priwatt.node.rpc.RpcArgs;
import org.priwatt.node.rpc.RpcError;
import org.priwatt.node.rpc.RpcException;
import org.priwatt.node.rpc.RpcMethod;
import org.priwatt.node.rpc.RpcType;

/**
 * The {@code network} category as Bitcoin Core 28's {@code rpc/net.cpp}: peers, the node's
 * network state, and manual connections, over {@link NetworkAccess}.
 */
final class NetworkMethods {
  private static final String CATEGORY = "network";
  private static final String[] SERVICE_NAMES = {
    "NETWORK", "GETUTXO", "BLOOM", "WITNESS", null, null, "COMPACT_FILTERS", null, null, null, "NETWORK_LIMITED",
    "P2P_V2"
  };

  private final RpcContext ctx;

  private NetworkMethods(RpcContext ctx) {
    this.ctx = ctx;
  }

  static List<RpcMethod> all(RpcContext ctx) {
    NetworkMethods m = new NetworkMethods(ctx);
    return List.of(
        method("getpeerinfo", CATEGORY, "Returns data about each connected network peer as a json array of objects.",
            List.of(), "[ { \"id\", \"addr\", \"network\", \"services\", \"servicesnames\", \"relaytxes\", \"lastsend\", "
                + "\"lastrecv\", \"bytessent\", \"bytesrecv\", \"conntime\", \"timeoffset\", \"pingtime\", \"minping\", "
                + "\"version\", \"subver\", \"inbound\", \"startingheight\", \"synced_headers\", \"synced_blocks\", "
                + "\"connection_type\", \"banscore\", ... }, ... ]",
            a -> m.getPeerInfo()),
        method("getnetworkinfo", CATEGORY, "Returns an object containing various state info regarding P2P networking.",
            List.of(), "{ \"version\", \"subversion\", \"protocolversion\", \"localservices\", \"localservicesnames\", "
                + "\"localrelay\", \"timeoffset\", \"networkactive\", \"connections\", \"connections_in\", "
                + "\"connections_out\", \"networks\", \"relayfee\", \"incrementalfee\", \"localaddresses\", \"warnings\" }",
            a -> m.getNetworkInfo()),
        method("getconnectioncount", CATEGORY, "Returns the number of connections to other nodes.", List.of(),
            "n    (numeric) The connection count", a -> Json.NODES.numberNode(ctx.p2p().peers().size())),
        method("addnode", CATEGORY, "Attempts to add or remove a node from the addnode list.\nOr try a connection to "
            + "a node once.", List.of(required("node", RpcType.STR, "The address of the peer to connect to"),
                required("command", RpcType.STR, "'add' to add a node to the list, 'remove' to remove a node from the "
                    + "list, 'onetry' to try a connection to the node once"),
                optional("v2transport", RpcType.BOOL, "false", "Attempt to connect using BIP324 v2 transport protocol "
                    + "(not supported: ignored)")),
            "null    (json null)", m::addNode),
        method("disconnectnode", CATEGORY, "Immediately disconnects from the specified peer node.\n\nStrictly one out "
            + "of 'address' and 'nodeid' can be provided to identify the node.",
            List.of(optional("address", RpcType.STR, "fallback to nodeid", "The IP address/port of the node"),
                omitted("nodeid", RpcType.NUM, "The node ID (see getpeerinfo for node IDs)")),
            "null    (json null)", m::disconnectNode));
  }

  static ArrayNode serviceNames(long services) {
    ArrayNode names = Json.NODES.arrayNode();
    for (int bit = 0; bit < SERVICE_NAMES.length; bit++) {
      if ((services & (1L << bit)) != 0 && SERVICE_NAMES[bit] != null) {
        names.add(SERVICE_NAMES[bit]);
      }
    }
    return names;
  }

  static String networkOf(String addr) {
    String host = addr.startsWith("[") ? addr.substring(1, Math.max(1, addr.indexOf(']'))) : addr;
    if (host.endsWith(".onion") || host.contains(".onion:")) {
      return "onion";
    }
    return host.chars().filter(c -> c == ':').count() > 1 ? "ipv6" : "ipv4";
  }

  private JsonNode getPeerInfo() throws RpcException {
    ArrayNode out = Json.NODES.arrayNode();
    for (PeerInfo p : ctx.p2p().peers()) {
      ObjectNode o = out.addObject();
      o.put("id", p.id());
      o.put("addr", p.addr());
      if (!p.addrLocal().isEmpty()) {
        o.put("addrlocal", p.addrLocal());
      }
      o.put("network", networkOf(p.addr()));
      o.put("services", String.format("%016x", p.services()));
      o.set("servicesnames", serviceNames(p.services()));
      o.put("relaytxes", p.relayTxes());
      o.put("lastsend", p.lastSend());
      o.put("lastrecv", p.lastRecv());
      o.put("last_transaction", 0);
      o.put("last_block", 0);
      o.put("bytessent", p.bytesSent());
      o.put("bytesrecv", p.bytesRecv());
      o.put("conntime", p.connTime());
      o.put("timeoffset", p.timeOffset());
      if (p.pingTime() >= 0) {
        o.set("pingtime", Json.real(p.pingTime()));
      }
      if (p.minPing() >= 0) {
        o.set("minping", Json.real(p.minPing()));
      }
      o.put("version", p.version());
      o.put("subver", p.subver());
      o.put("inbound", p.inbound());
      o.put("bip152_hb_to", false);
      o.put("bip152_hb_from", false);
      o.put("startingheight", p.startingHeight());
      o.put("presynced_headers", -1);
      o.put("synced_headers", p.syncedHeaders());
      o.put("synced_blocks", p.syncedBlocks());
      o.putArray("inflight");
      o.put("addr_relay_enabled", true);
      o.put("addr_processed", 0);
      o.put("addr_rate_limited", 0);
      o.putArray("permissions");
      o.set("minfeefilter", Json.amount(0));
      o.putObject("bytessent_per_msg");
      o.putObject("bytesrecv_per_msg");
      o.put("connection_type", p.connectionType());
      o.put("transport_protocol_type", "v1");
      o.put("session_id", "");
      // PriWatt keeps misbehaviour scores visible, as bitcoind did until version 21.
      o.put("banscore", p.banScore());
    }
    return out;
  }

  private JsonNode getNetworkInfo() throws RpcException {
    NetworkAccess net = ctx.p2p();
    NetworkInfo info = net.info();
    List<PeerInfo> peers = net.peers();
    long in = peers.stream().filter(PeerInfo::inbound).count();
    MempoolPolicy policy = ctx.chain().mempool().policy();
    ObjectNode o = Json.NODES.objectNode();
    o.put("version", info.version());
    o.put("subversion", info.subversion());
    o.put("protocolversion", info.protocolVersion());
    o.put("localservices", String.format("%016x", info.localServices()));
    o.set("localservicesnames", serviceNames(info.localServices()));
    o.put("localrelay", info.localRelay());
    o.put("timeoffset", info.timeOffset());
    o.put("networkactive", info.networkActive());
    o.put("connections", peers.size());
    o.put("connections_in", in);
    o.put("connections_out", peers.size() - in);
    ArrayNode networks = o.putArray("networks");
    for (String name : List.of("ipv4", "ipv6", "onion", "i2p", "cjdns")) {
      boolean ip = name.startsWith("ipv");
      ObjectNode n = networks.addObject();
      n.put("name", name);
      n.put("limited", !ip);
      n.put("reachable", ip);
      n.put("proxy", ip ? info.proxy() : "");
      n.put("proxy_randomize_credentials", false);
    }
    o.set("relayfee", Json.amount(policy.minRelayFee().satPerKb()));
    o.set("incrementalfee", Json.amount(policy.incrementalRelayFee().satPerKb()));
    ArrayNode local = o.putArray("localaddresses");
    for (NetworkInfo.LocalAddress la : info.localAddresses()) {
      ObjectNode l = local.addObject();
      l.put("address", la.address());
      l.put("port", la.port());
      l.put("score", la.score());
    }
    ArrayNode warnings = o.putArray("warnings");
    info.warnings().forEach(warnings::add);
    return o;
  }

  private JsonNode addNode(RpcArgs a) throws RpcException {
    String node = a.string(0);
    String command = a.string(1);
    NetworkAccess.AddNodeCommand c;
    switch (command) {
      case "add":
        c = NetworkAccess.AddNodeCommand.ADD;
        break;
      case "remove":
        c = NetworkAccess.AddNodeCommand.REMOVE;
        break;
      case "onetry":
        c = NetworkAccess.AddNodeCommand.ONETRY;
        break;
      default:
        // bitcoind answers an unknown command with the method's help.
        throw new RpcException(RpcError.MISC_ERROR, MethodTable.help(ctx.table().get().method("addnode")));
    }
    a.bool(2, false);
    NetworkAccess.AddNodeResult r = ctx.p2p().addNode(node, c);
    if (r == NetworkAccess.AddNodeResult.ALREADY_ADDED) {
      throw new RpcException(RpcError.CLIENT_NODE_ALREADY_ADDED, "Error: Node already added");
    }
    if (r == NetworkAccess.AddNodeResult.NOT_ADDED) {
      throw new RpcException(RpcError.CLIENT_NODE_NOT_ADDED,
          "Error: Node could not be removed. It has not been added previously.");
    }
    if (r == NetworkAccess.AddNodeResult.INVALID_ADDRESS) {
      throw new RpcException(RpcError.INVALID_PARAMETER, "Error: Invalid node address: " + node);
    }
    if (r == NetworkAccess.AddNodeResult.LIMIT_REACHED) {
      throw new RpcException(RpcError.CLIENT_NODE_CAPACITY_REACHED, "Error: Too many added nodes");
    }
    return Json.NODES.nullNode();
  }

  private JsonNode disconnectNode(RpcArgs a) throws RpcException {
    NetworkAccess net = ctx.p2p();
    JsonNode address = a.node(0);
    JsonNode id = a.node(1);
    boolean success;
    if (!address.isNull() && id.isNull()) {
      success = net.disconnect(a.string(0));
    } else if (!id.isNull() && (address.isNull() || (address.isTextual() && address.textValue().isEmpty()))) {
      success = net.disconnect(a.longValue(1));
    } else {
      throw new RpcException(RpcError.INVALID_PARAMS, "Only one of address and nodeid should be provided.");
    }
    if (!success) {
      throw new RpcException(RpcError.CLIENT_NODE_NOT_CONNECTED, "Node not found in connected nodes");
    }
    return Json.NODES.nullNode();
  }
}
