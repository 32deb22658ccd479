package org.priwatt.node.rpc.internal;

import static org.priwatt.node.rpc.RpcParam.optional;
import static org.priwatt.node.rpc.RpcParam.required;
import static org.priwatt.node.rpc.internal.RpcContext.method;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.state.BlockIndexEntry;
import org.priwatt.chain.state.ChainState;
import org.priwatt.chain.wallet.PaymentBuilder;
import org.priwatt.crypto.Address;
import org.priwatt.node.rpc.RpcArgs;
import org.priwatt.node.rpc.RpcError;
import org.priwatt.node.rpc.RpcException;
import org.priwatt.node.rpc.RpcMethod;
import org.priwatt.node.rpc.RpcType;

/**
 * The {@code mining} and {@code generating} categories as Bitcoin Core 28's {@code rpc/mining.cpp}:
 * {@code getmininginfo} and {@code generatetoaddress}.
 */
final class MiningMethods {
  /** Most blocks one {@code generatetoaddress} call mines (bounds the time a worker is busy). */
  static final int MAX_GENERATE = 10_000;

  private final RpcContext ctx;

  private MiningMethods(RpcContext ctx) {
    this.ctx = ctx;
  }

  static List<RpcMethod> all(RpcContext ctx) {
    MiningMethods m = new MiningMethods(ctx);
    return List.of(
        method("getmininginfo", "mining", "Returns a json object containing mining-related information.", List.of(),
            "{ \"blocks\", \"difficulty\", \"networkhashps\", \"pooledtx\", \"chain\", \"warnings\" }",
            a -> m.getMiningInfo()),
        method("generatetoaddress", "generating", "Mine to a specified address and return the block hashes.",
            List.of(required("nblocks", RpcType.NUM, "How many blocks are generated."),
                required("address", RpcType.STR, "The address to send the newly generated tokens to."),
                optional("maxtries", RpcType.NUM, "1000000", "How many iterations to try.")),
            "[ \"hex\", ... ]    hashes of blocks generated", m::generateToAddress));
  }

  /** Core's {@code GetNetworkHashPS} over the last {@code lookup} blocks of the best chain. */
  static double networkHashPs(ChainState chain, int lookup) {
    BlockIndexEntry tip = chain.tip();
    if (tip.height() == 0) {
      return 0;
    }
    int n = Math.min(lookup, tip.height());
    long minTime = tip.header().time();
    long maxTime = minTime;
    BlockIndexEntry first = tip;
    for (int i = 0; i < n; i++) {
      Optional<BlockIndexEntry> prev = chain.entryAt(first.height() - 1);
      if (prev.isEmpty()) {
        break;
      }
      first = prev.get();
      minTime = Math.min(minTime, first.header().time());
      maxTime = Math.max(maxTime, first.header().time());
    }
    if (minTime == maxTime) {
      return 0;
    }
    double work = tip.chainWork().toBigInteger().subtract(first.chainWork().toBigInteger()).doubleValue();
    return work / (maxTime - minTime);
  }

  private JsonNode getMiningInfo() {
    ChainState chain = ctx.chain().chain();
    ObjectNode o = Json.NODES.objectNode();
    o.put("blocks", chain.height());
    o.set("difficulty", Json.real(BlockJson.difficulty(chain.tip().header().bits())));
    o.set("networkhashps", Json.real(networkHashPs(chain, 120)));
    o.put("pooledtx", ctx.chain().mempool().size());
    o.put("chain", BlockchainMethods.chainName(chain));
    o.putArray("warnings");
    return o;
  }

  private JsonNode generateToAddress(RpcArgs a) throws RpcException {
    int n = a.integer(0);
    String text = a.string(1);
    if (a.has(2)) {
      a.longValue(2); // accepted for compatibility; regtest blocks need a handful of tries
    }
    String[] error = new String[1];
    Address address = UtilMethods.decodeDestination(text, ctx.chain().chain().params().network(), error);
    if (address == null) {
      throw new RpcException(RpcError.INVALID_ADDRESS_OR_KEY, "Error: Invalid address");
    }
    if (n < 0 || n > MAX_GENERATE) {
      throw new RpcException(RpcError.INVALID_PARAMETER, "nblocks must be between 0 and " + MAX_GENERATE);
    }
    ArrayNode hashes = Json.NODES.arrayNode();
    if (n == 0) {
      return hashes;
    }
    try {
      for (Block b : ctx.chain().generate(PaymentBuilder.scriptFor(address), n)) {
        hashes.add(b.hash().toHex());
      }
    } catch (ChainException e) {
      throw new RpcException(RpcError.INTERNAL_ERROR, "ProcessNewBlock, block not accepted: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RpcException(RpcError.CLIENT_NOT_CONNECTED, "Shutting down", e);
    }
    return hashes;
  }
}
