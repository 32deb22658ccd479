package org.priwatt.node.rpc.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.priwatt.node.rpc.RpcArgs;
import org.priwatt.node.rpc.RpcError;
import org.priwatt.node.rpc.RpcException;
import org.priwatt.node.rpc.RpcMethod;
import org.priwatt.node.rpc.RpcParam;
import org.priwatt.node.rpc.RpcType;

/**
 * The one method table (Bitcoin Core's {@code CRPCTable} with {@code RPCHelpMan}): finds the
 * method, maps named parameters to positions ({@code transformNamedArguments}), checks the
 * parameter count and types against the method's declaration, runs the handler, and writes
 * {@code help} from the same declarations. Immutable once built; thread-safe.
 */
public final class MethodTable {
  private final Map<String, RpcMethod> methods;

  private MethodTable(Map<String, RpcMethod> methods) {
    this.methods = Map.copyOf(methods);
  }

  /**
   * A table of {@code methods}.
   *
   * @throws IllegalArgumentException if two methods share a name
   */
  public static MethodTable of(List<RpcMethod> methods) {
    Map<String, RpcMethod> byName = new LinkedHashMap<>();
    for (RpcMethod m : methods) {
      if (byName.putIfAbsent(m.name(), m) != null) {
        throw new IllegalArgumentException("method registered twice: " + m.name());
      }
    }
    return new MethodTable(byName);
  }

  /** The method named {@code name}, or null. */
  public RpcMethod method(String name) {
    return methods.get(name);
  }

  /** Every method name, sorted. */
  public List<String> names() {
    return methods.keySet().stream().sorted().toList();
  }

  /**
   * Executes {@code name} with {@code params} (an array, or an object of named parameters).
   *
   * @param duplicateKeys objects of the request that repeated a key, with the first repeated key
   * @throws RpcException the handler's error, or the table's: -32601 "Method not found", -8 for
   *     named-parameter problems, -1 with the help text for a wrong parameter count, -3 for types
   */
  public JsonNode execute(String name, JsonNode params, Map<JsonNode, String> duplicateKeys) throws RpcException {
    RpcMethod m = methods.get(name);
    if (m == null) {
      throw new RpcException(RpcError.METHOD_NOT_FOUND, "Method not found");
    }
    List<JsonNode> positional = params.isObject()
        ? bindNamed(m, (ObjectNode) params, duplicateKeys.get(params))
        : toList((ArrayNode) params);
    int required = m.requiredCount();
    if (positional.size() < required || positional.size() > m.params().size()) {
      throw new RpcException(RpcError.MISC_ERROR, help(m));
    }
    checkTypes(m, positional);
    return m.handler().call(RpcArgs.of(positional));
  }

  private static List<JsonNode> toList(ArrayNode a) {
    List<JsonNode> out = new ArrayList<>(a.size());
    a.forEach(out::add);
    return out;
  }

  /** Core's {@code transformNamedArguments}, without named-only options (no method here has them). */
  static List<JsonNode> bindNamed(RpcMethod m, ObjectNode params, String duplicate) throws RpcException {
    if (duplicate != null) {
      throw new RpcException(RpcError.INVALID_PARAMETER, "Parameter " + duplicate + " specified multiple times");
    }
    Map<String, JsonNode> in = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      in.put(e.getKey(), e.getValue());
    }
    List<JsonNode> out = new ArrayList<>();
    int hole = 0;
    int initialHole = 0;
    String initialParam = null;
    for (RpcParam p : m.params()) {
      String found = null;
      for (String alias : p.aliases()) {
        if (in.containsKey(alias)) {
          found = alias;
          break;
        }
      }
      if (found != null) {
        for (int i = 0; i < hole; i++) {
          // Holes between given parameters become nulls, but not at the end: calls may act on
          // the number of parameters given.
          out.add(Json.NODES.nullNode());
        }
        hole = 0;
        if (initialParam == null) {
          initialParam = p.names();
        }
        out.add(in.remove(found));
      } else {
        hole++;
        if (out.isEmpty()) {
          initialHole = hole;
        }
      }
    }
    JsonNode args = in.remove("args");
    if (args != null && args.isArray()) {
      if (initialHole < args.size() && initialParam != null) {
        throw new RpcException(RpcError.INVALID_PARAMETER,
            "Parameter " + initialParam + " specified twice both as positional and named argument");
      }
      List<JsonNode> named = out;
      out = toList((ArrayNode) args);
      for (int i = out.size(); i < named.size(); i++) {
        out.add(named.get(i));
      }
    } else if (args != null) {
      in.put("args", args);
    }
    if (!in.isEmpty()) {
      // Core reports the first key of an unordered map; the first given is as good and stable.
      throw new RpcException(RpcError.INVALID_PARAMETER, "Unknown named parameter " + in.keySet().iterator().next());
    }
    return out;
  }

  private static void checkTypes(RpcMethod m, List<JsonNode> positional) throws RpcException {
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < m.params().size(); i++) {
      RpcParam p = m.params().get(i);
      JsonNode v = i < positional.size() ? positional.get(i) : Json.NODES.nullNode();
      String expected = expectedType(p.type());
      if (!p.typeChecked() || expected == null || (!p.required() && v.isNull())) {
        continue;
      }
      if (!expected.equals(RpcArgs.typeName(v))) {
        mismatches.add("    \"Position " + (i + 1) + " (" + p.names() + ")\": \"JSON value of type "
            + RpcArgs.typeName(v) + " is not of expected type " + expected + "\"");
      }
    }
    if (!mismatches.isEmpty()) {
      // UniValue's write(4) of the mismatch object: four-space indent, no trailing newline.
      throw new RpcException(RpcError.TYPE_ERROR,
          "Wrong type passed:\n{\n" + String.join(",\n", mismatches) + "\n}");
    }
  }

  /** UniValue's type name a parameter type must have, null for types the handler checks. */
  private static String expectedType(RpcType t) {
    switch (t) {
      case STR:
      case STR_HEX:
        return "string";
      case NUM:
        return "number";
      case BOOL:
        return "bool";
      case OBJ:
        return "object";
      case ARR:
        return "array";
      default:
        return null;
    }
  }

  /**
   * {@code help} without a command: every method's one-line summary by category; with one, its
   * full help, or "help: unknown command: X".
   */
  public String help(String command) {
    if (!command.isEmpty()) {
      RpcMethod m = methods.get(command);
      return m == null ? "help: unknown command: " + command : help(m);
    }
    Map<String, List<RpcMethod>> byCategory = new TreeMap<>();
    for (RpcMethod m : methods.values()) {
      byCategory.computeIfAbsent(m.category(), c -> new ArrayList<>()).add(m);
    }
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, List<RpcMethod>> e : byCategory.entrySet()) {
      if (sb.length() > 0) {
        sb.append('\n');
      }
      String c = e.getKey();
      sb.append("== ").append(c.substring(0, 1).toUpperCase(Locale.ROOT)).append(c.substring(1)).append(" ==\n");
      e.getValue().stream().sorted(Comparator.comparing(RpcMethod::name))
          .forEach(m -> sb.append(oneLine(m)).append('\n'));
    }
    return sb.substring(0, sb.length() - 1);
  }

  /** The full help of {@code m}, as {@code RPCHelpMan::ToString}. */
  public static String help(RpcMethod m) {
    StringBuilder sb = new StringBuilder(oneLine(m)).append("\n\n").append(m.description().strip()).append('\n');
    if (!m.params().isEmpty()) {
      sb.append("\nArguments:\n");
      int pad = 0;
      List<String> lefts = new ArrayList<>();
      for (int i = 0; i < m.params().size(); i++) {
        String left = (i + 1) + ". " + m.params().get(i).name();
        lefts.add(left);
        pad = Math.max(pad, left.length());
      }
      for (int i = 0; i < m.params().size(); i++) {
        RpcParam p = m.params().get(i);
        String kind = p.required() ? ", required"
            : p.defaultValue().map(d -> ", optional, default=" + d).orElse(", optional");
        sb.append(String.format("%-" + (pad + 4) + "s", lefts.get(i))).append('(').append(p.type().helpName())
            .append(kind).append(") ").append(p.description()).append('\n');
      }
    }
    sb.append("\nResult:\n").append(m.result().strip()).append('\n');
    StringBuilder example = new StringBuilder();
    for (RpcParam p : m.params()) {
      if (p.required()) {
        example.append(example.length() == 0 ? "" : ", ").append(p.type() == RpcType.STR || p.type() == RpcType.STR_HEX
            ? "\"" + p.name() + "\"" : p.name());
      }
    }
    sb.append("\nExamples:\n> curl --user myusername --data-binary '{\"jsonrpc\": \"2.0\", \"id\": \"curltest\", "
        + "\"method\": \"").append(m.name()).append("\", \"params\": [").append(example)
        .append("]}' -H 'content-type: application/json' http://127.0.0.1:18443/\n");
    return sb.toString();
  }

  private static String oneLine(RpcMethod m) {
    StringBuilder sb = new StringBuilder(m.name());
    boolean wasOptional = false;
    for (RpcParam p : m.params()) {
      sb.append(' ');
      if (!p.required()) {
        if (!wasOptional) {
          sb.append("( ");
        }
        wasOptional = true;
      } else if (wasOptional) {
        sb.append(") ");
        wasOptional = false;
      }
      switch (p.type()) {
        case STR:
        case STR_HEX:
          sb.append('"').append(p.name()).append('"');
          break;
        case OBJ:
          sb.append("{...}");
          break;
        case ARR:
          sb.append("[...]");
          break;
        default:
          sb.append(p.name());
      }
    }
    if (wasOptional) {
      sb.append(" )");
    }
    return sb.toString();
  }
}
