package org.priwatt.node.rpc;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One parameter of an RPC method, as Bitcoin Core's {@code RPCArg}: its name (with {@code |}
 * separated aliases accepted as named parameters, e.g. {@code verbosity|verbose}), its JSON
 * type, whether it is required, the default shown in help, and a description. The same
 * declaration drives named-parameter binding, type checks and {@code help}.
 *
 * @param names the name, then aliases, separated by {@code |}
 * @param type the JSON type the server checks
 * @param required whether a call must give it
 * @param defaultHint the default shown in help for an optional parameter ({@code null}: none)
 * @param description the help text
 * @param typeChecked whether the server checks the type (off for parameters that take several
 *     types, which the handler checks, as Core's {@code skip_type_check})
 */
public record RpcParam(String names, RpcType type, boolean required, String defaultHint, String description,
    boolean typeChecked) {

  /**
   * Validates the declaration.
   *
   * @throws IllegalArgumentException if {@code names} is empty or malformed, or a required
   *     parameter has a default
   */
  public RpcParam {
    Objects.requireNonNull(names, "names");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(description, "description");
    if (!names.matches("[a-z_][a-z0-9_]*(\\|[a-z_][a-z0-9_]*)*")) {
      throw new IllegalArgumentException("bad parameter name: " + names);
    }
    if (required && defaultHint != null) {
      throw new IllegalArgumentException("a required parameter has no default: " + names);
    }
  }

  /** A required parameter. */
  public static RpcParam required(String names, RpcType type, String description) {
    return new RpcParam(names, type, true, null, description, true);
  }

  /** An optional parameter whose default help shows as {@code defaultHint}. */
  public static RpcParam optional(String names, RpcType type, String defaultHint, String description) {
    return new RpcParam(names, type, false, Objects.requireNonNull(defaultHint, "defaultHint"), description, true);
  }

  /** An optional parameter without a default (treated as absent). */
  public static RpcParam omitted(String names, RpcType type, String description) {
    return new RpcParam(names, type, false, null, description, true);
  }

  /** This parameter with the server's type check off (the handler checks the value). */
  public RpcParam uncheckedType() {
    return new RpcParam(names, type, required, defaultHint, description, false);
  }

  /** The first name. */
  public String name() {
    int bar = names.indexOf('|');
    return bar < 0 ? names : names.substring(0, bar);
  }

  /** The name and its aliases. */
  public List<String> aliases() {
    return List.of(names.split("\\|"));
  }

  /** The default shown in help, if any. */
  public Optional<String> defaultValue() {
    return Optional.ofNullable(defaultHint);
  }
}
