package org.priwatt.node.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.priwatt.node.rpc.internal.BuiltinMethods;
import org.priwatt.node.rpc.internal.Json;
import org.priwatt.node.rpc.internal.RpcContext;

/**
 * Command-line arguments to JSON-RPC parameters as bitcoin-cli turns them
 * ({@code RPCConvertValues}, {@code RPCConvertNamedValues}), for {@code priwatt rpc} and any
 * other client: an argument of a parameter whose type is a number, amount, boolean, object or
 * array ({@link RpcType#sentAsJson()}) is parsed as JSON, every other one is sent as the string
 * it is. Where bitcoin-cli keeps its own table of such parameters, this one reads the server's
 * method declarations ({@link RpcParam}), so the client and the server cannot disagree about a
 * built-in method. Arguments of a method not built in (one registered with
 * {@link RpcServer.Builder#method}) are sent as strings, as bitcoin-cli sends arguments of
 * methods it does not know. Stateless and thread-safe.
 */
public final class RpcClientArgs {
  private RpcClientArgs() {}

  /** The built-in methods' parameters, declared once in the server's method table. */
  private static final class Table {
    static final Map<String, List<RpcParam>> PARAMS = load();

    private static Map<String, List<RpcParam>> load() {
      // The declarations only: no handler runs, so the context's parts are never used.
      RpcContext none = new RpcContext(null, null, null, null, null, null, null, 0, () -> null, "");
      Map<String, List<RpcParam>> byName = new TreeMap<>();
      for (RpcMethod m : BuiltinMethods.all(none)) {
        byName.put(m.name(), m.params());
      }
      return Collections.unmodifiableMap(byName);
    }
  }

  /** Every built-in method's parameters in positional order, by method name (sorted). */
  public static Map<String, List<RpcParam>> builtinParams() {
    return Table.PARAMS;
  }

  /** Whether the argument at {@code position} (from 0) of {@code method} is sent as JSON. */
  public static boolean isJson(String method, int position) {
    List<RpcParam> params = Table.PARAMS.get(method);
    return params != null && position >= 0 && position < params.size() && params.get(position).type().sentAsJson();
  }

  /** Whether the named argument {@code name} (a parameter's name or alias) of {@code method} is sent as JSON. */
  public static boolean isJson(String method, String name) {
    List<RpcParam> params = Table.PARAMS.getOrDefault(method, List.of());
    return params.stream().anyMatch(p -> p.aliases().contains(name) && p.type().sentAsJson());
  }

  /**
   * {@code RPCConvertValues}: the positional parameters of a call of {@code method}.
   *
   * @throws RpcException {@link RpcError#PARSE_ERROR} "Error parsing JSON: {@code arg}" for an
   *     argument that must be JSON and is not
   */
  public static ArrayNode positional(String method, List<String> args) throws RpcException {
    ArrayNode params = Json.NODES.arrayNode();
    for (int i = 0; i < args.size(); i++) {
      params.add(value(args.get(i), isJson(method, i)));
    }
    return params;
  }

  /**
   * {@code RPCConvertNamedValues} ({@code -named}): each {@code name=value} becomes a named
   * parameter (a later one of the same name replaces an earlier one, as in bitcoin-cli), and
   * arguments without {@code =} are positional ones sent as {@code args}, converted by their
   * position.
   *
   * @throws RpcException {@link RpcError#PARSE_ERROR} for a value that must be JSON and is not;
   *     {@link RpcError#INVALID_PARAMETER} if {@code args} is named and positional arguments are
   *     given too
   */
  public static ObjectNode named(String method, List<String> args) throws RpcException {
    ObjectNode params = Json.NODES.objectNode();
    ArrayNode positional = Json.NODES.arrayNode();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq < 0) {
        positional.add(value(arg, isJson(method, positional.size())));
        continue;
      }
      String name = arg.substring(0, eq);
      params.set(name, value(arg.substring(eq + 1), isJson(method, name)));
    }
    if (!positional.isEmpty()) {
      if (params.has("args")) {
        throw new RpcException(RpcError.INVALID_PARAMETER,
            "Parameter args specified multiple times");
      }
      params.set("args", positional);
    }
    return params;
  }

  private static JsonNode value(String text, boolean json) throws RpcException {
    if (!json) {
      return Json.NODES.textNode(text);
    }
    try {
      return RpcJson.parse(text);
    } catch (RpcException e) {
      throw new RpcException(RpcError.PARSE_ERROR, "Error parsing JSON: " + text, e);
    }
  }
}
