package org.priwatt.node.rpc.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import org.priwatt.chain.Amount;

/**
 * The server's JSON: a reader for untrusted request bodies that behaves as Bitcoin Core's
 * {@code UniValue::read} (strict JSON, one value and nothing after it, objects keeping their key
 * order and the first of duplicate keys, exact decimals, bounded nesting and sizes), and the
 * writer for replies with Core's number formats: amounts with exactly 8 decimals and floating
 * values as C++ {@code setprecision(16)} prints them; and UniValue's indented form
 * ({@code write(2)}), which bitcoin-cli prints results in. A number read keeps the text it was
 * written with, as UniValue keeps numbers as text, so a client printing a reply indented prints
 * it exactly as the server sent it ({@code 4.656542373906925e-10}, not {@code 4.656542373906925E-10}).
 */
public final class Json {
  /** Node factory keeping decimals exact ({@code 0.1} stays {@code 0.1}). */
  public static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private static final ObjectMapper WRITER = JsonMapper.builder()
      .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

  private final JsonFactory factory;
  private final int maxDepth;

  private Json(int maxDepth, int maxStringLength) {
    this.maxDepth = maxDepth;
    this.factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(maxDepth + 1).maxStringLength(maxStringLength).maxNumberLength(1_000).build())
        .build();
  }

  /**
   * A reader accepting at most {@code maxDepth} nested arrays/objects and strings of at most
   * {@code maxStringLength} characters.
   */
  public static Json reader(int maxDepth, int maxStringLength) {
    if (maxDepth < 1 || maxStringLength < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
    return new Json(maxDepth, maxStringLength);
  }

  /**
   * A parsed body: the value, and for each object that held a key more than once, the first
   * such key (bitcoind refuses duplicate named parameters).
   */
  public record Parsed(JsonNode root, Map<JsonNode, String> duplicateKeys) {}

  /** The body is not one well-formed JSON value within the limits. */
  public static final class MalformedException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Parses {@code body} as exactly one JSON value.
   *
   * @throws MalformedException if it is not one well-formed value within the limits
   */
  public Parsed parse(byte[] body) throws MalformedException {
    Map<JsonNode, String> dups = new IdentityHashMap<>();
    try (JsonParser p = factory.createParser(body)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new MalformedException("empty body", null);
      }
      JsonNode root = value(p, first, 0, dups);
      if (p.nextToken() != null) {
        throw new MalformedException("trailing data after the value", null);
      }
      return new Parsed(root, dups);
    } catch (JsonProcessingException e) {
      throw new MalformedException(e.getOriginalMessage(), e);
    } catch (IOException e) {
      // A parser over a byte array does no I/O; anything here is malformed input too.
      throw new MalformedException("unreadable body", e);
    }
  }

  private JsonNode value(JsonParser p, JsonToken t, int depth, Map<JsonNode, String> dups)
      throws IOException, MalformedException {
    switch (t) {
      case START_OBJECT: {
        if (depth >= maxDepth) {
          throw new MalformedException("nesting deeper than " + maxDepth, null);
        }
        ObjectNode o = NODES.objectNode();
        for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
          String name = p.currentName();
          JsonNode v = value(p, p.nextToken(), depth + 1, dups);
          if (o.has(name)) {
            dups.putIfAbsent(o, name); // UniValue's find_value returns the first occurrence
          } else {
            o.set(name, v);
          }
        }
        return o;
      }
      case START_ARRAY: {
        if (depth >= maxDepth) {
          throw new MalformedException("nesting deeper than " + maxDepth, null);
        }
        ArrayNode a = NODES.arrayNode();
        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
          a.add(value(p, e, depth + 1, dups));
        }
        return a;
      }
      case VALUE_STRING:
        return NODES.textNode(p.getText());
      case VALUE_NUMBER_INT:
        switch (p.getNumberType()) {
          case INT:
            return NODES.numberNode(p.getIntValue());
          case LONG:
            return NODES.numberNode(p.getLongValue());
          default:
            return NODES.numberNode(p.getBigIntegerValue());
        }
      case VALUE_NUMBER_FLOAT:
        return new WrittenDecimal(p.getDecimalValue(), p.getText());
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        throw new MalformedException("unexpected token " + t, null);
    }
  }

  /** Compact JSON of {@code node} (UTF-8), as UniValue's {@code write()}. */
  public static byte[] write(JsonNode node) {
    try {
      return WRITER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      // Trees built from nodes and raw numbers always serialise; failing here is a bug.
      throw new UncheckedIOException(e);
    }
  }

  /** {@link #write} as a string. */
  public static String writeString(JsonNode node) {
    return new String(write(node), StandardCharsets.UTF_8);
  }

  /** An amount as bitcoind's {@code ValueFromAmount}: a JSON number with exactly 8 decimals. */
  public static JsonNode amount(Amount amount) {
    return amount(amount.sat());
  }

  /** A satoshi value as bitcoind's {@code ValueFromAmount}. */
  public static JsonNode amount(long sat) {
    return NODES.numberNode(BigDecimal.valueOf(sat, 8));
  }

  /**
   * A floating value written as UniValue's {@code setFloat} ({@code std::setprecision(16)}):
   * 16 significant digits, trailing zeros dropped, scientific notation with a two-digit exponent
   * when the exponent is below -4 or at least 16; JSON null for NaN and infinities.
   */
  public static JsonNode real(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return NODES.nullNode(); // JSON has no NaN or infinity
    }
    return new POJONode(new RawValue(formatReal(v)));
  }

  /** The text of {@link #real}. */
  public static String formatReal(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("not a finite number: " + v);
    }
    if (v == 0) {
      return "0";
    }
    BigDecimal d = new BigDecimal(v).round(new MathContext(16)).stripTrailingZeros();
    int exponent = d.precision() - d.scale() - 1;
    if (exponent >= -4 && exponent < 16) {
      return d.toPlainString();
    }
    String digits = d.unscaledValue().abs().toString();
    StringBuilder sb = new StringBuilder();
    if (d.signum() < 0) {
      sb.append('-');
    }
    sb.append(digits.charAt(0));
    if (digits.length() > 1) {
      sb.append('.').append(digits, 1, digits.length());
    }
    sb.append('e').append(exponent < 0 ? '-' : '+');
    int abs = Math.abs(exponent);
    if (abs < 10) {
      sb.append('0');
    }
    return sb.append(abs).toString();
  }

  /**
   * {@code node} as UniValue's {@code write(2)} writes it, the form bitcoin-cli prints results in:
   * two spaces of indent per level, {@code "key": value}, an empty array or object still on two
   * lines; numbers as they were read or made, amounts with their 8 decimals.
   */
  public static String writePretty(JsonNode node) {
    StringBuilder sb = new StringBuilder();
    pretty(node, 0, sb);
    return sb.toString();
  }

  private static final int INDENT = 2;

  private static void pretty(JsonNode node, int level, StringBuilder sb) {
    // UniValue::write: the children of a value at level L are indented L+1 levels (L >= 1) and
    // its closing bracket L-1 levels, so the top level (0) counts as 1.
    int modLevel = Math.max(level, 1);
    if (node.isObject()) {
      sb.append("{\n");
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> e = it.next();
        indent(modLevel, sb);
        escaped(e.getKey(), sb);
        sb.append(": ");
        pretty(e.getValue(), modLevel + 1, sb);
        sb.append(it.hasNext() ? ",\n" : "\n");
      }
      indent(modLevel - 1, sb);
      sb.append('}');
    } else if (node.isArray()) {
      sb.append("[\n");
      for (int i = 0; i < node.size(); i++) {
        indent(modLevel, sb);
        pretty(node.get(i), modLevel + 1, sb);
        sb.append(i + 1 < node.size() ? ",\n" : "\n");
      }
      indent(modLevel - 1, sb);
      sb.append(']');
    } else if (node.isTextual()) {
      escaped(node.textValue(), sb);
    } else if (node instanceof WrittenDecimal || !node.isBigDecimal()) {
      // Integers, booleans, null, numbers as read, and raw values (floats made by real()).
      sb.append(node.isPojo() ? writeString(node) : node.asText());
    } else {
      sb.append(node.decimalValue().toPlainString()); // an amount made here: never an exponent
    }
  }

  private static void indent(int level, StringBuilder sb) {
    sb.append(" ".repeat(INDENT * level));
  }

  /** UniValue's {@code json_escape}: quotes, backslashes and control characters; the rest as is. */
  private static void escaped(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\b':
          sb.append("\\b");
          break;
        case '\f':
          sb.append("\\f");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        default:
          if (c < 0x20 || c == 0x7f) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    sb.append('"');
  }

  /**
   * A decimal number read from JSON that keeps its text, as UniValue keeps every number as the
   * string it was given: {@link #writePretty} writes it back unchanged, everything else uses its
   * exact value (the compact writer in plain notation).
   */
  private static final class WrittenDecimal extends DecimalNode {
    private static final long serialVersionUID = 1L;
    private final String text;

    WrittenDecimal(BigDecimal value, String text) {
      super(value);
      this.text = text;
    }

    @Override
    public String asText() {
      return text;
    }
  }
}
