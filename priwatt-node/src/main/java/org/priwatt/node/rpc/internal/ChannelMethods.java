package org.priwatt.node.rpc.internal;

import static org.priwatt.node.rpc.RpcParam.optional;
import static org.priwatt.node.rpc.RpcParam.required;
import static org.priwatt.node.rpc.internal.RpcContext.method;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.priwatt.channels.ChannelException;
import org.priwatt.channels.ChannelTerms;
import org.priwatt.channels.ChannelView;
import org.priwatt.crypto.Hex;
import org.priwatt.energy.market.Offer;
import org.priwatt.node.rpc.ChannelAccess;
import org.priwatt.node.rpc.ChannelAccess.ChannelInfo;
import org.priwatt.node.rpc.RpcArgs;
import org.priwatt.node.rpc.RpcError;
import org.priwatt.node.rpc.RpcException;
import org.priwatt.node.rpc.RpcMethod;
import org.priwatt.node.rpc.RpcType;

/**
 * PriWatt's {@code channels} category (Case 2 over a payment channel): the channel board's
 * offers, opening, paying and closing a channel, and each channel's readable state (its {@link
 * ChannelView}), over {@link ChannelAccess}. Amounts in tokens, energy in watt-hours. A channel
 * the node does not have is -5 (as an unknown transaction id is for bitcoind), bad increments or
 * counts -8, a wallet that cannot fund the capacity -6, a channel in the wrong state -1.
 */
final class ChannelMethods {
  private static final String CATEGORY = "channels";
  private static final String INFO = "{ \"name\", \"role\", \"state\", \"channel_id\", \"entry\", \"energy_wh\", "
      + "\"price_per_kwh\", \"increments\", \"increment_price\", \"fee\", \"capacity\", \"spent\", \"remaining\", "
      + "\"increments_done\", \"increments_left\", \"requested\", \"secrets\", \"refund_height\", "
      + "\"blocks_until_refund\", \"server_if_closed_now\", \"client_if_closed_now\", \"near_deadline\", "
      + "\"funding\", \"closed_by\", \"failure\" }";

  private final RpcContext ctx;

  private ChannelMethods(RpcContext ctx) {
    this.ctx = ctx;
  }

  static List<RpcMethod> all(RpcContext ctx) {
    ChannelMethods m = new ChannelMethods(ctx);
    return List.of(
        method("listchanneloffers", CATEGORY, "Lists the live offers on the channel board, cheapest first (PriWatt).",
            List.of(), "[ { \"entry\", \"energy_wh\", \"price_per_kwh\", \"total_price\", \"seller\", \"posted\", "
                + "\"expiry\" }, ... ]", a -> m.listOffers()),
        method("openchannel", CATEGORY, "Opens a payment channel on a channel offer and funds it from the wallet once "
            + "the seller accepted (PriWatt, Case 2).",
            List.of(required("offer", RpcType.STR, "The offer's entry id, or its seller's address (BM-...)"),
                optional("increments", RpcType.NUM, "one per kWh", "How many increments (1..100)")),
            INFO, m::open),
        method("paychannel", CATEGORY, "Pays the next increments of a channel, one at a time as the seller answers "
            + "each with its part's secret (PriWatt).",
            List.of(required("channel", RpcType.STR, "The channel's name or id"),
                optional("count", RpcType.NUM, "1", "How many increments")),
            INFO, m::pay),
        method("closechannel", CATEGORY, "Closes a channel with its latest payment (PriWatt).",
            List.of(required("channel", RpcType.STR, "The channel's name or id")), INFO, m::close),
        method("listchannels", CATEGORY, "Lists this node's channels as client and server (PriWatt).", List.of(),
            "[ " + INFO + ", ... ]", a -> m.list()),
        method("getchannel", CATEGORY, "Shows one channel (PriWatt).",
            List.of(required("channel", RpcType.STR, "The channel's name or id")), INFO, m::get));
  }

  private ChannelAccess channels() throws RpcException {
    if (ctx.channels() == null) {
      throw new RpcException(RpcError.MISC_ERROR, "Payment channels are not enabled on this node");
    }
    return ctx.channels();
  }

  private JsonNode listOffers() throws RpcException {
    ArrayNode out = Json.NODES.arrayNode();
    for (Offer o : channels().channelOffers()) {
      out.add(MarketMethods.offerJson(o));
    }
    return out;
  }

  private JsonNode open(RpcArgs a) throws RpcException {
    ChannelAccess channels = channels();
    String offer = a.string(0);
    int increments = a.has(1) ? a.integer(1) : 0;
    if (increments < 0 || increments > ChannelTerms.MAX_INCREMENTS) {
      throw new RpcException(RpcError.INVALID_PARAMETER, "increments must be between 1 and "
          + ChannelTerms.MAX_INCREMENTS);
    }
    try {
      return json(channels.openChannel(offer, increments));
    } catch (ChannelException e) {
      throw failed("Channel not opened", e);
    }
  }

  private JsonNode pay(RpcArgs a) throws RpcException {
    ChannelAccess channels = channels();
    ChannelInfo c = find(channels, a.string(0));
    int count = a.has(1) ? a.integer(1) : 1;
    if (count < 1 || count > ChannelTerms.MAX_INCREMENTS) {
      throw new RpcException(RpcError.INVALID_PARAMETER, "count must be between 1 and " + ChannelTerms.MAX_INCREMENTS);
    }
    try {
      return json(channels.pay(c.name(), count));
    } catch (ChannelException e) {
      throw failed("Channel not paid", e);
    } catch (IllegalArgumentException e) {
      // Found a moment ago: the access's contract for a channel it does not have.
      throw new RpcException(RpcError.INVALID_ADDRESS_OR_KEY, "Channel not found: " + c.name(), e);
    }
  }

  private JsonNode close(RpcArgs a) throws RpcException {
    ChannelAccess channels = channels();
    ChannelInfo c = find(channels, a.string(0));
    try {
      return json(channels.close(c.name()));
    } catch (ChannelException e) {
      throw failed("Channel not closed", e);
    } catch (IllegalArgumentException e) {
      throw new RpcException(RpcError.INVALID_ADDRESS_OR_KEY, "Channel not found: " + c.name(), e);
    }
  }

  private JsonNode list() throws RpcException {
    ArrayNode out = Json.NODES.arrayNode();
    for (ChannelInfo c : channels().channels()) {
      out.add(json(c));
    }
    return out;
  }

  private JsonNode get(RpcArgs a) throws RpcException {
    return json(find(channels(), a.string(0)));
  }

  private static ChannelInfo find(ChannelAccess channels, String nameOrId) throws RpcException {
    return channels.channel(nameOrId).orElseThrow(() -> new RpcException(RpcError.INVALID_ADDRESS_OR_KEY,
        "Channel not found: " + nameOrId));
  }

  /** The error code for a refusal: what bitcoind would answer for the same kind of problem. */
  static RpcError code(ChannelException e) {
    return switch (e.error()) {
      case NOT_OFFERED -> RpcError.INVALID_ADDRESS_OR_KEY;
      case BAD_INCREMENTS, BEYOND_CAPACITY, OUT_OF_RANGE -> RpcError.INVALID_PARAMETER;
      case INSUFFICIENT_FUNDS -> RpcError.WALLET_INSUFFICIENT_FUNDS;
      case STORAGE, SNAPSHOT_UNREADABLE -> RpcError.DATABASE_ERROR;
      default -> RpcError.MISC_ERROR;
    };
  }

  private static RpcException failed(String what, ChannelException e) {
    return new RpcException(code(e), what + ": " + e.getMessage(), e);
  }

  static ObjectNode json(ChannelInfo c) {
    ObjectNode j = Json.NODES.objectNode();
    ChannelView v = c.view();
    j.put("name", c.name());
    j.put("role", c.role());
    j.put("state", v.phase());
    c.terms().ifPresent(t -> j.put("channel_id", t.id().toString()));
    j.put("entry", c.entry().toString());
    j.set("energy_wh", MarketMethods.energyWh(c.offer().energy().milliwattHours()));
    j.set("price_per_kwh", Json.amount(c.offer().pricePerKwh()));
    j.put("seller", c.offer().seller().address().toString());
    c.terms().ifPresent(t -> {
      j.put("increments", t.increments());
      j.set("increment_price", Json.amount(t.incrementPrice()));
      j.set("fee", Json.amount(t.fee()));
      j.put("server_key", Hex.encode(t.script().server().encoded()));
      j.put("client_key", Hex.encode(t.script().client().encoded()));
    });
    j.set("capacity", Json.amount(v.capacity()));
    j.set("spent", Json.amount(v.spent()));
    j.set("remaining", Json.amount(v.remaining()));
    j.put("increments_done", v.incrementsDone());
    j.put("increments_left", v.incrementsLeft());
    j.put("requested", c.requested());
    j.put("secrets", c.secrets());
    j.put("refund_height", v.refundHeight());
    j.put("blocks_until_refund", v.blocksUntilRefund());
    j.set("server_if_closed_now", Json.amount(v.serverIfClosedNow()));
    j.set("client_if_closed_now", Json.amount(v.clientIfClosedNow()));
    j.put("near_deadline", v.nearDeadline());
    c.funding().ifPresent(f -> {
      ObjectNode fj = j.putObject("funding");
      fj.put("txid", f.outPoint().txId().toHex());
      fj.put("vout", f.outPoint().index());
      fj.set("value", Json.amount(f.value()));
    });
    c.closedBy().ifPresent(t -> j.put("closed_by", t.toHex()));
    c.failure().ifPresent(f -> j.put("failure", f));
    return j;
  }
}
