package org.priwatt.node.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.priwatt.node.rpc.internal.Json;

/**
 * JSON as bitcoind's UniValue reads and writes it, for clients of the RPC and for tools that print
 * what the RPC prints: the same reader the server uses (strict JSON, one value of any type,
 * numbers exact and kept as written, bounded nesting), the server's compact writer, and
 * bitcoin-cli's indented form. Stateless and thread-safe.
 */
public final class RpcJson {
  /** Deepest nesting {@link #parse} accepts, as the server's request reader. */
  public static final int MAX_DEPTH = 512;
  /** Longest string {@link #parse} accepts, in characters: a serialized block of the largest size twice over. */
  public static final int MAX_STRING_LENGTH = 32 * 1024 * 1024;

  private static final Json READER = Json.reader(MAX_DEPTH, MAX_STRING_LENGTH);

  private RpcJson() {}

  /**
   * Reads exactly one JSON value of any type ({@code 5}, {@code true}, {@code "x"}, {@code [..]},
   * {@code {..}}); of duplicate keys the first counts. Numbers keep their exact value, and
   * {@link #pretty} writes them back as they were read.
   *
   * @throws RpcException {@link RpcError#PARSE_ERROR} if {@code text} is not one well-formed
   *     JSON value within the limits, with the parser's reason
   */
  public static JsonNode parse(String text) throws RpcException {
    try {
      return READER.parse(text.getBytes(StandardCharsets.UTF_8)).root();
    } catch (Json.MalformedException e) {
      throw new RpcException(RpcError.PARSE_ERROR, "Parse error: " + e.getMessage(), e);
    }
  }

  /** {@code node} compact, as the server writes replies (UniValue's {@code write()}). */
  public static String write(JsonNode node) {
    return Json.writeString(node);
  }

  /**
   * {@code node} as bitcoin-cli prints a result that is not a string (UniValue's
   * {@code write(2)}): two spaces of indent per level, {@code "key": value}, numbers exactly as
   * received or made (amounts with their 8 decimals), no trailing newline.
   */
  public static String pretty(JsonNode node) {
    return Json.writePretty(node);
  }
}
