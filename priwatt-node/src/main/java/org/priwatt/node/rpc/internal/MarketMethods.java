package org.priwatt.node.rpc.internal;

import static org.priwatt.node.rpc.RpcParam.optional;
import static org.priwatt.node.rpc.RpcParam.required;
import static org.priwatt.node.rpc.internal.RpcContext.method;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.priwatt.chain.Amount;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.EntryId;
import org.priwatt.energy.market.Offer;
import org.priwatt.node.rpc.MarketAccess;
import org.priwatt.node.rpc.RpcArgs;
import org.priwatt.node.rpc.RpcError;
import org.priwatt.node.rpc.RpcException;
import org.priwatt.node.rpc.RpcMethod;
import org.priwatt.node.rpc.RpcType;

/**
 * PriWatt's {@code energy} category: the auction board's offers, offering owned energy, and the
 * node's trades, over {@link MarketAccess}. Energy in watt-hours (3 decimals), prices in tokens.
 */
final class MarketMethods {
  private static final String CATEGORY = "energy";

  private final RpcContext ctx;

  private MarketMethods(RpcContext ctx) {
    this.ctx = ctx;
  }

  static List<RpcMethod> all(RpcContext ctx) {
    MarketMethods m = new MarketMethods(ctx);
    return List.of(
        method("listoffers", CATEGORY, "Lists the live offers on the auction board, cheapest first (PriWatt).",
            List.of(), "[ { \"entry\", \"energy_wh\", \"price_per_kwh\", \"total_price\", \"seller\", \"posted\", "
                + "\"expiry\" }, ... ]", a -> m.listOffers()),
        method("createoffer", CATEGORY, "Offers the energy of an entry this node owns on the auction board (PriWatt).",
            List.of(required("entry", RpcType.STR_HEX, "The registry entry id"),
                required("price_per_kwh", RpcType.AMOUNT, "The price per kWh in tokens"),
                optional("ttl", RpcType.NUM, "3600", "Seconds the offer stands")),
            "{ \"entry\", \"energy_wh\", \"price_per_kwh\", \"total_price\", \"seller\", \"posted\", \"expiry\" }",
            m::createOffer),
        method("listtrades", CATEGORY, "Lists this node's trades as seller and buyer (PriWatt).", List.of(),
            "[ { \"entry\", \"role\", \"state\", \"energy_wh\", \"price\", \"failure\" }, ... ]", a -> m.listTrades()));
  }

  private MarketAccess market() throws RpcException {
    if (ctx.market() == null) {
      throw new RpcException(RpcError.MISC_ERROR, "The energy market is not enabled on this node");
    }
    return ctx.market();
  }

  static JsonNode energyWh(long milliwattHours) {
    return Json.NODES.numberNode(java.math.BigDecimal.valueOf(milliwattHours, 3));
  }

  static ObjectNode offerJson(Offer o) {
    ObjectNode j = Json.NODES.objectNode();
    j.put("entry", o.entry().toString());
    j.set("energy_wh", energyWh(o.energy().milliwattHours()));
    j.set("price_per_kwh", Json.amount(o.pricePerKwh()));
    j.set("total_price", Json.amount(o.totalPrice()));
    j.put("seller", o.seller().address().toString());
    j.put("posted", o.postedAt());
    j.put("expiry", o.expiry());
    return j;
  }

  private JsonNode listOffers() throws RpcException {
    ArrayNode out = Json.NODES.arrayNode();
    for (Offer o : market().offers()) {
      out.add(offerJson(o));
    }
    return out;
  }

  private JsonNode createOffer(RpcArgs a) throws RpcException {
    MarketAccess market = market();
    byte[] entry = a.hex(0, "entry", EntryId.LENGTH);
    if (entry.length != EntryId.LENGTH) {
      throw new RpcException(RpcError.INVALID_PARAMETER, "entry must be of length 64");
    }
    Amount price = a.amount(1);
    if (price.sat() <= 0) {
      throw new RpcException(RpcError.TYPE_ERROR, "Invalid amount");
    }
    long ttl = a.has(2) ? a.longValue(2) : 3600;
    if (ttl < 60 || ttl > 28L * 24 * 3600) {
      throw new RpcException(RpcError.INVALID_PARAMETER, "ttl must be between 60 and 2419200");
    }
    try {
      return offerJson(market.createOffer(EntryId.fromBytes(entry), price, ttl));
    } catch (EnergyException e) {
      throw new RpcException(RpcError.MISC_ERROR, "Offer not created: " + e.getMessage(), e);
    }
  }

  private JsonNode listTrades() throws RpcException {
    ArrayNode out = Json.NODES.arrayNode();
    for (MarketAccess.Trade t : market().trades()) {
      ObjectNode j = out.addObject();
      j.put("entry", t.entry().toString());
      j.put("role", t.role());
      j.put("state", t.state());
      j.set("energy_wh", energyWh(t.energy().milliwattHours()));
      t.price().ifPresent(p -> j.set("price", Json.amount(p)));
      t.failure().ifPresent(f -> j.put("failure", f));
    }
    return out;
  }
}
