package org.priwatt.node.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.NullNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import org.priwatt.chain.Amount;
import org.priwatt.crypto.Hex;
import org.priwatt.crypto.Sha256Hash;

/**
 * The parameters of one call, bound to positions (named parameters already mapped to their
 * position, holes filled with JSON null), with conversions that fail the way Bitcoin Core's
 * {@code UniValue} accessors and {@code rpc/util.cpp} parsers do: the same error code and the
 * same message for the same bad value.
 */
public final class RpcArgs {
  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]*");

  private final List<JsonNode> values;

  private RpcArgs(List<JsonNode> values) {
    this.values = values;
  }

  /**
   * Wraps positional values; a Java {@code null} element stands for an absent parameter.
   *
   * @throws NullPointerException if {@code values} is null
   */
  public static RpcArgs of(List<JsonNode> values) {
    List<JsonNode> copy = new ArrayList<>(values.size());
    for (JsonNode v : values) {
      copy.add(v == null ? NullNode.getInstance() : v);
    }
    return new RpcArgs(Collections.unmodifiableList(copy));
  }

  /** Number of positions given (trailing absent parameters not counted). */
  public int size() {
    return values.size();
  }

  /** The value at {@code i}, JSON null when absent. */
  public JsonNode node(int i) {
    return i < values.size() ? values.get(i) : NullNode.getInstance();
  }

  /** Whether position {@code i} holds a non-null value. */
  public boolean has(int i) {
    return !node(i).isNull();
  }

  /**
   * The string at {@code i} ({@code get_str}).
   *
   * @throws RpcException {@link RpcError#TYPE_ERROR} if it is not a string
   */
  public String string(int i) throws RpcException {
    JsonNode v = node(i);
    if (!v.isTextual()) {
      throw typeError(v, "string");
    }
    return v.textValue();
  }

  /**
   * The 32-bit integer at {@code i} ({@code getInt<int>}).
   *
   * @throws RpcException {@link RpcError#TYPE_ERROR} if it is not a number, {@link
   *     RpcError#MISC_ERROR} "JSON integer out of range" if it is not an integer in range
   */
  public int integer(int i) throws RpcException {
    long v = integral(i, Integer.MIN_VALUE, Integer.MAX_VALUE);
    return (int) v;
  }

  /** The integer at {@code i}, or {@code fallback} when absent or null. */
  public int integer(int i, int fallback) throws RpcException {
    return has(i) ? integer(i) : fallback;
  }

  /**
   * The 64-bit integer at {@code i} ({@code getInt<int64_t>}).
   *
   * @throws RpcException as {@link #integer(int)}
   */
  public long longValue(int i) throws RpcException {
    return integral(i, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  /**
   * The unsigned 32-bit integer at {@code i} ({@code getInt<uint32_t>}).
   *
   * @throws RpcException as {@link #integer(int)}
   */
  public long uint32(int i) throws RpcException {
    return integral(i, 0, 0xffffffffL);
  }

  private long integral(int i, long min, long max) throws RpcException {
    JsonNode v = node(i);
    if (!v.isNumber()) {
      throw typeError(v, "number");
    }
    if (!v.isIntegralNumber()) {
      throw outOfRange();
    }
    BigInteger b = v.bigIntegerValue();
    if (b.compareTo(BigInteger.valueOf(min)) < 0 || b.compareTo(BigInteger.valueOf(max)) > 0) {
      throw outOfRange();
    }
    return b.longValue();
  }

  private static RpcException outOfRange() {
    return new RpcException(RpcError.MISC_ERROR, "JSON integer out of range");
  }

  /**
   * The boolean at {@code i} ({@code get_bool}).
   *
   * @throws RpcException {@link RpcError#TYPE_ERROR} if it is not a boolean
   */
  public boolean bool(int i) throws RpcException {
    JsonNode v = node(i);
    if (!v.isBoolean()) {
      throw typeError(v, "bool");
    }
    return v.booleanValue();
  }

  /** The boolean at {@code i}, or {@code fallback} when absent or null. */
  public boolean bool(int i, boolean fallback) throws RpcException {
    return has(i) ? bool(i) : fallback;
  }

  /**
   * The amount at {@code i} in coins with 8 decimals, as a number or numeric string
   * ({@code AmountFromValue}).
   *
   * @throws RpcException {@link RpcError#TYPE_ERROR} "Amount is not a number or string",
   *     "Invalid amount" (more than 8 decimals, not a number) or "Amount out of range" (negative
   *     or above the money supply)
   */
  public Amount amount(int i) throws RpcException {
    JsonNode v = node(i);
    BigDecimal d;
    if (v.isNumber()) {
      d = v.decimalValue();
    } else if (v.isTextual()) {
      String s = v.textValue();
      // ParseFixedPoint accepts at most 18 significant digits: bound the text before parsing.
      if (s.isEmpty() || s.length() > 64 || !s.matches("-?[0-9]*(\\.[0-9]*)?([eE][-+]?[0-9]{1,3})?")) {
        throw new RpcException(RpcError.TYPE_ERROR, "Invalid amount");
      }
      try {
        d = new BigDecimal(s);
      } catch (NumberFormatException e) {
        throw new RpcException(RpcError.TYPE_ERROR, "Invalid amount", e);
      }
    } else {
      throw new RpcException(RpcError.TYPE_ERROR, "Amount is not a number or string");
    }
    BigDecimal sat = d.movePointRight(8);
    BigInteger whole;
    try {
      whole = sat.toBigIntegerExact();
    } catch (ArithmeticException e) {
      throw new RpcException(RpcError.TYPE_ERROR, "Invalid amount", e);
    }
    if (whole.bitLength() > 63 || !Amount.isValid(whole.longValue())) {
      throw new RpcException(RpcError.TYPE_ERROR, "Amount out of range");
    }
    return Amount.ofSat(whole.longValue());
  }

  /**
   * The 256-bit hash at {@code i} given in display (byte-reversed) hex, as {@code ParseHashV}.
   *
   * @param name the name used in the error message
   * @return the hash in natural byte order
   * @throws RpcException {@link RpcError#INVALID_PARAMETER} "{name} must be of length 64 (not
   *     N, for '...')" or "{name} must be hexadecimal string (not '...')"; {@link
   *     RpcError#TYPE_ERROR} if it is not a string
   */
  public Sha256Hash hash(int i, String name) throws RpcException {
    String s = string(i);
    if (s.length() == 64 && HEX.matcher(s).matches()) {
      return Sha256Hash.fromReversedHex(s.toLowerCase(java.util.Locale.ROOT));
    }
    if (s.length() != 64) {
      throw new RpcException(RpcError.INVALID_PARAMETER,
          name + " must be of length 64 (not " + s.length() + ", for '" + s + "')");
    }
    throw new RpcException(RpcError.INVALID_PARAMETER, name + " must be hexadecimal string (not '" + s + "')");
  }

  /**
   * The bytes of the hex string at {@code i}, as {@code ParseHexV}, bounded before decoding.
   *
   * @param name the name used in the error message
   * @param maxBytes the most bytes accepted
   * @throws RpcException {@link RpcError#INVALID_PARAMETER} "{name} must be hexadecimal string
   *     (not '...')" if it is empty, of odd length or not hex, or "{name} is too long" beyond
   *     {@code maxBytes}; {@link RpcError#TYPE_ERROR} if it is not a string
   */
  public byte[] hex(int i, String name, int maxBytes) throws RpcException {
    String s = string(i);
    if (!isHex(s)) {
      throw new RpcException(RpcError.INVALID_PARAMETER, name + " must be hexadecimal string (not '" + s + "')");
    }
    if (s.length() / 2 > maxBytes) {
      throw new RpcException(RpcError.INVALID_PARAMETER, name + " is too long (" + s.length() / 2
          + " bytes, at most " + maxBytes + ")");
    }
    return Hex.decode(s.toLowerCase(java.util.Locale.ROOT));
  }

  /** Bitcoin Core's {@code IsHex}: non-empty, even length, hex digits only. */
  public static boolean isHex(String s) {
    return !s.isEmpty() && s.length() % 2 == 0 && HEX.matcher(s).matches();
  }

  /**
   * UniValue's type error for a value read as the wrong type (the wording of
   * {@code UniValue::checkType}).
   */
  public static RpcException typeError(JsonNode value, String expected) {
    return new RpcException(RpcError.TYPE_ERROR,
        "JSON value of type " + typeName(value) + " is not of expected type " + expected);
  }

  /** UniValue's name of a JSON value's type ({@code uvTypeName}). */
  public static String typeName(JsonNode value) {
    JsonNodeType t = value.getNodeType();
    switch (t) {
      case NULL:
      case MISSING:
        return "null";
      case BOOLEAN:
        return "bool";
      case OBJECT:
        return "object";
      case ARRAY:
        return "array";
      case STRING:
        return "string";
      case NUMBER:
        return "number";
      default:
        return "string";
    }
  }

  @Override
  public String toString() {
    return "RpcArgs" + values;
  }
}
