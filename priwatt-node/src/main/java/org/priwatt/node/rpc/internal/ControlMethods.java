package org.priwatt.node.rpc.internal;

import static org.priwatt.node.rpc.RpcParam.optional;
import static org.priwatt.node.rpc.internal.RpcContext.method;
import static org.priwatt.node.rpc.internal.RpcContext.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.priwatt.node.rpc.NodeMetrics;
import org.priwatt.node.rpc.RpcArgs;
import org.priwatt.node.rpc.RpcError;
import org.priwatt.node.rpc.RpcException;
import org.priwatt.node.rpc.RpcMethod;
import org.priwatt.node.rpc.RpcType;

/**
 * The {@code control} category: {@code help}, {@code stop} and {@code uptime} as Bitcoin Core
 * 28's {@code rpc/server.cpp}, and PriWatt's {@code getnodemetrics}.
 */
final class ControlMethods {
  private static final String CATEGORY = "control";
  /** The answer to {@code stop} (bitcoind: "Bitcoin Core stopping"). */
  static final String STOPPING = "PriWatt stopping";

  private final RpcContext ctx;

  private ControlMethods(RpcContext ctx) {
    this.ctx = ctx;
  }

  static List<RpcMethod> all(RpcContext ctx) {
    ControlMethods m = new ControlMethods(ctx);
    return List.of(
        method("help", CATEGORY, "List all commands, or get help for a specified command.",
            List.of(optional("command", RpcType.STR, "all commands", "The command to get help on")),
            "\"text\"    (string) The help text", m::help),
        method("stop", CATEGORY, "Request a graceful shutdown of the PriWatt node.", List.of(),
            "\"str\"    (string) A string with the content '" + STOPPING + "'", a -> m.stop()),
        method("uptime", CATEGORY, "Returns the total uptime of the server.", List.of(),
            "ttt    (numeric) The number of seconds that the server has been running",
            a -> Json.NODES.numberNode(ctx.now() - ctx.startupSeconds())),
        method("getnodemetrics", CATEGORY, "Returns the node's metrics: counters, gauges and timing summaries "
            + "(PriWatt; read by the simulation harness).", List.of(),
            "{ \"counters\": { name: n, ... }, \"gauges\": { name: n, ... }, \"timings\": { name: { \"count\", "
                + "\"median_ms\", \"p90_ms\", \"max_ms\" }, ... } }",
            a -> m.nodeMetrics()));
  }

  private JsonNode help(RpcArgs a) throws RpcException {
    String command = a.has(0) ? a.string(0) : "";
    return text(ctx.table().get().help(command));
  }

  private JsonNode stop() {
    // After the reply is out: closing first could cut the connection the reply travels on.
    AfterReply.defer(() -> ctx.shutdown().requestShutdown());
    return text(STOPPING);
  }

  private JsonNode nodeMetrics() throws RpcException {
    if (ctx.metrics() == null) {
      throw new RpcException(RpcError.MISC_ERROR, "This node reports no metrics");
    }
    NodeMetrics m = ctx.metrics().snapshot();
    ObjectNode o = Json.NODES.objectNode();
    ObjectNode counters = o.putObject("counters");
    m.counters().forEach(counters::put);
    ObjectNode gauges = o.putObject("gauges");
    for (Map.Entry<String, Double> g : m.gauges().entrySet()) {
      gauges.set(g.getKey(), Json.real(g.getValue()));
    }
    ObjectNode timings = o.putObject("timings");
    for (Map.Entry<String, NodeMetrics.Timing> t : m.timings().entrySet()) {
      ObjectNode x = timings.putObject(t.getKey());
      x.put("count", t.getValue().count());
      x.set("median_ms", Json.real(t.getValue().medianMs()));
      x.set("p90_ms", Json.real(t.getValue().p90Ms()));
      x.set("max_ms", Json.real(t.getValue().maxMs()));
    }
    return o;
  }
}
