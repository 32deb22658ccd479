package org.priwatt.node.rpc.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.priwatt.node.rpc.RpcError;
import org.priwatt.node.rpc.RpcException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON-RPC envelope exactly as bitcoind's {@code HTTPReq_JSONRPC} and {@code
 * JSONRPCRequest::parse}: 1.0/1.1 ("legacy") requests get {@code result} and {@code error}
 * both present and their errors as HTTP 500 (400 for invalid requests, 404 for unknown
 * methods); {@code "jsonrpc": "2.0"} requests get only one of them, errors inside HTTP 200, and
 * no answer at all (204) when they are notifications; batches answer an array in HTTP 200,
 * dropping 2.0 notifications. Thread-safe.
 */
public final class Dispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

  private final MethodTable table;
  private final Json reader;
  private final int maxBatch;
  private final Supplier<String> warmup;

  /**
   * A dispatcher over {@code table}.
   *
   * @param warmup the warm-up status while the node starts (calls then fail with -28), null after
   */
  public Dispatcher(MethodTable table, Json reader, int maxBatch, Supplier<String> warmup) {
    this.table = Objects.requireNonNull(table, "table");
    this.reader = Objects.requireNonNull(reader, "reader");
    this.maxBatch = maxBatch;
    this.warmup = Objects.requireNonNull(warmup, "warmup");
  }

  /** An HTTP answer: the status and the body (null for none). */
  public record Reply(int status, byte[] body) {}

  /** The JSON-RPC version of one request ({@code JSONRPCVersion}). */
  private enum Version {
    V1_LEGACY,
    V2
  }

  /** One request as it is parsed: bitcoind reuses one of these across a batch, and so does this. */
  private static final class Request {
    JsonNode id = Json.NODES.nullNode(); // present and null until a request says otherwise
    boolean hasId = true;
    Version version = Version.V1_LEGACY;
    String method;
    JsonNode params;

    boolean isNotification() {
      return !hasId && version == Version.V2;
    }

    void parse(JsonNode value) throws RpcException {
      if (!value.isObject()) {
        throw new RpcException(RpcError.INVALID_REQUEST, "Invalid Request object");
      }
      ObjectNode request = (ObjectNode) value;
      // The id first, so the errors below carry it.
      hasId = request.has("id");
      id = hasId ? request.get("id") : null;
      version = Version.V1_LEGACY;
      JsonNode jsonrpc = request.get("jsonrpc");
      if (jsonrpc != null && !jsonrpc.isNull()) {
        if (!jsonrpc.isTextual()) {
          throw new RpcException(RpcError.INVALID_REQUEST, "jsonrpc field must be a string");
        }
        // Some old documentation put "jsonrpc": "1.0" in requests; bitcoind keeps accepting it.
        if (jsonrpc.textValue().equals("1.0")) {
          version = Version.V1_LEGACY;
        } else if (jsonrpc.textValue().equals("2.0")) {
          version = Version.V2;
        } else {
          throw new RpcException(RpcError.INVALID_REQUEST, "JSON-RPC version not supported");
        }
      }
      JsonNode m = request.get("method");
      if (m == null || m.isNull()) {
        throw new RpcException(RpcError.INVALID_REQUEST, "Missing method");
      }
      if (!m.isTextual()) {
        throw new RpcException(RpcError.INVALID_REQUEST, "Method must be a string");
      }
      method = m.textValue();
      JsonNode p = request.get("params");
      if (p == null || p.isNull()) {
        params = Json.NODES.arrayNode();
      } else if (p.isArray() || p.isObject()) {
        params = p;
      } else {
        throw new RpcException(RpcError.INVALID_REQUEST, "Params must be an array or object");
      }
    }
  }

  /** Answers one HTTP body. */
  public Reply handle(byte[] body) {
    Request request = new Request();
    try {
      Json.Parsed parsed;
      try {
        parsed = reader.parse(body);
      } catch (Json.MalformedException e) {
        throw new RpcException(RpcError.PARSE_ERROR, "Parse error");
      }
      JsonNode root = parsed.root();
      JsonNode reply;
      if (root.isObject()) {
        request.parse(root);
        // Legacy requests fail as HTTP errors; 2.0 requests carry their errors in HTTP 200.
        reply = execute(request, parsed.duplicateKeys(), request.version == Version.V2);
        if (request.isNotification()) {
          return new Reply(204, null);
        }
      } else if (root.isArray()) {
        if (root.size() > maxBatch) {
          throw new RpcException(RpcError.INVALID_REQUEST, "Batch of " + root.size() + " requests exceeds the limit of "
              + maxBatch);
        }
        ArrayNode out = Json.NODES.arrayNode();
        for (JsonNode element : root) {
          JsonNode response;
          try {
            request.parse(element);
            response = execute(request, parsed.duplicateKeys(), true);
          } catch (RpcException e) {
            response = replyObject(null, error(e), request);
          }
          if (!request.isNotification()) {
            out.add(response);
          }
        }
        // An all-notification batch gets no content; an empty batch still gets [] (old clients).
        if (out.isEmpty() && !root.isEmpty()) {
          return new Reply(204, null);
        }
        reply = out;
      } else {
        throw new RpcException(RpcError.PARSE_ERROR, "Top-level object parse error");
      }
      return new Reply(200, withNewline(reply));
    } catch (RpcException e) {
      int status = e.error() == RpcError.INVALID_REQUEST ? 400 : e.error() == RpcError.METHOD_NOT_FOUND ? 404 : 500;
      return new Reply(status, withNewline(replyObject(null, error(e), request)));
    }
  }

  private JsonNode execute(Request request, Map<JsonNode, String> duplicates, boolean catchErrors)
      throws RpcException {
    JsonNode result;
    try {
      String status = warmup.get();
      if (status != null) {
        throw new RpcException(RpcError.IN_WARMUP, status);
      }
      try {
        result = table.execute(request.method, request.params, duplicates);
      } catch (RuntimeException e) {
        // A handler failing unexpectedly is a bug: logged with its trace here, never sent.
        LOG.error("RPC method {} failed", request.method, e);
        throw new RpcException(RpcError.INTERNAL_ERROR, "Internal error", e);
      }
    } catch (RpcException e) {
      if (!catchErrors) {
        throw e;
      }
      return replyObject(null, error(e), request);
    }
    return replyObject(result, null, request);
  }

  /** {@code JSONRPCError}: {@code {"code": ..., "message": ...}}. */
  static ObjectNode error(RpcException e) {
    ObjectNode o = Json.NODES.objectNode();
    o.put("code", e.error().code());
    o.put("message", e.getMessage());
    return o;
  }

  /** {@code JSONRPCReplyObj}: field order and presence by version. */
  private static ObjectNode replyObject(JsonNode result, ObjectNode error, Request request) {
    ObjectNode reply = Json.NODES.objectNode();
    if (request.version == Version.V2) {
      reply.put("jsonrpc", "2.0");
    }
    if (error == null) {
      reply.set("result", result);
      if (request.version == Version.V1_LEGACY) {
        reply.putNull("error");
      }
    } else {
      if (request.version == Version.V1_LEGACY) {
        reply.putNull("result");
      }
      reply.set("error", error);
    }
    if (request.hasId) {
      reply.set("id", request.id);
    }
    return reply;
  }

  private static byte[] withNewline(JsonNode reply) {
    byte[] json = Json.write(reply);
    byte[] out = java.util.Arrays.copyOf(json, json.length + 1);
    out[json.length] = '\n';
    return out;
  }
}
