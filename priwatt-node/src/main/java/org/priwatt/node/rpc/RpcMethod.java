package org.priwatt.node.rpc;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One entry of the method table: name, help category, description, parameters, a short
 * description of the result and the handler. Adding a method to the node is registering one of
 * these ({@link RpcServer.Builder#method}); named parameters, type errors and {@code help} all
 * come from this one declaration.
 *
 * @param name the method name (lower case, bitcoind style)
 * @param category the help section ({@code blockchain}, {@code wallet}, {@code messages} ...)
 * @param description the help text
 * @param params the parameters in positional order
 * @param result the help text describing the result
 * @param handler the body
 */
public record RpcMethod(String name, String category, String description, List<RpcParam> params, String result,
    RpcHandler handler) {

  /**
   * Validates the declaration and copies the parameter list.
   *
   * @throws IllegalArgumentException if the name is not lower-case letters and digits, a
   *     required parameter follows an optional one, or two parameters share a name
   */
  public RpcMethod {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(handler, "handler");
    params = List.copyOf(params);
    if (!name.matches("[a-z][a-z0-9]*")) {
      throw new IllegalArgumentException("bad method name: " + name);
    }
    boolean optionalSeen = false;
    Set<String> seen = new HashSet<>();
    for (RpcParam p : params) {
      if (p.required() && optionalSeen) {
        throw new IllegalArgumentException(name + ": required parameter after an optional one: " + p.name());
      }
      optionalSeen |= !p.required();
      for (String alias : p.aliases()) {
        if (!seen.add(alias)) {
          throw new IllegalArgumentException(name + ": duplicate parameter name " + alias);
        }
      }
    }
  }

  /** Number of required parameters (they come first). */
  public int requiredCount() {
    return (int) params.stream().filter(RpcParam::required).count();
  }
}
