package org.priwatt.node.rpc;

/**
 * The JSON type a method parameter takes, as Bitcoin Core's {@code RPCArg::Type}: the server
 * checks each given parameter against it before the handler runs and answers a mismatch with
 * {@link RpcError#TYPE_ERROR} in Core's wording.
 */
public enum RpcType {
  /** A JSON string. */
  STR("string"),
  /** A JSON string of hex digits. */
  STR_HEX("string"),
  /** A JSON number. */
  NUM("numeric"),
  /** An amount: a JSON number or a numeric string, checked by the handler. */
  AMOUNT("numeric or string"),
  /** A JSON boolean. */
  BOOL("boolean"),
  /** A JSON object. */
  OBJ("json object"),
  /** A JSON array. */
  ARR("json array");

  private final String helpName;

  RpcType(String helpName) {
    this.helpName = helpName;
  }

  /**
   * Whether a command-line client sends an argument of this type as the JSON its text spells
   * ({@code 5}, {@code 0.1}, {@code true}, {@code [..]}, {@code {..}}) rather than as a string:
   * numbers, amounts, booleans, objects and arrays. bitcoin-cli keeps this as a separate table
   * ({@code vRPCConvertParams}); here it follows from each parameter's declared type, so a
   * method's parameters are declared once ({@link RpcClientArgs}).
   */
  public boolean sentAsJson() {
    return this != STR && this != STR_HEX;
  }

  /** The type's name in help texts ({@code numeric}, {@code json object} ...). */
  public String helpName() {
    return helpName;
  }
}
