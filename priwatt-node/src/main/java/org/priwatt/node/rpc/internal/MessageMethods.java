package org.priwatt.node.rpc.internal;

import static org.priwatt.node.rpc.RpcParam.optional;
import static org.priwatt.node.rpc.RpcParam.required;
import static org.priwatt.node.rpc.internal.RpcContext.method;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.priwatt.crypto.Hex;
import org.priwatt.msg.BitmessageAddress;
import org.priwatt.msg.Identity;
import org.priwatt.msg.MessageContent;
import org.priwatt.msg.MessageException;
import org.priwatt.msg.ProofOfWork;
import org.priwatt.msg.PublicIdentity;
import org.priwatt.msg.SentMessage;
import org.priwatt.node.rpc.MessageAccess;
import org.priwatt.node.rpc.RpcArgs;
import org.priwatt.node.rpc.RpcError;
import org.priwatt.node.rpc.RpcException;
import org.priwatt.node.rpc.RpcMethod;
import org.priwatt.node.rpc.RpcType;

/**
 * PriWatt's {@code messages} category: anonymous Bitmessage-style identities and messages over
 * the node's {@link MessageAccess}. Message ids are the objects' inventory hashes in hex.
 */
final class MessageMethods {
  private static final String CATEGORY = "messages";
  /** Default time a message stays on the network (4 days, as PyBitmessage). */
  static final long DEFAULT_TTL = 4L * 24 * 3600;
  /** How long {@code sendmessage} waits for the recipient's public key and the proof of work. */
  static final Duration WAIT = Duration.ofSeconds(60);
  /** Longest subject plus body accepted, in characters. */
  static final int MAX_TEXT = 200_000;

  private final RpcContext ctx;

  private MessageMethods(RpcContext ctx) {
    this.ctx = ctx;
  }

  static List<RpcMethod> all(RpcContext ctx) {
    MessageMethods m = new MessageMethods(ctx);
    return List.of(
        method("createidentity", CATEGORY, "Creates a new anonymous messaging identity on this node and publishes its "
            + "public key (PriWatt).", List.of(), "{ \"address\" }", a -> m.createIdentity()),
        method("listidentities", CATEGORY, "Lists the messaging identities of this node (PriWatt).", List.of(),
            "[ { \"address\" }, ... ]", a -> m.listIdentities()),
        method("sendmessage", CATEGORY, "Sends an encrypted message from one of this node's identities to an address "
            + "(PriWatt). Waits for the recipient's public key and the proof of work.",
            List.of(required("fromaddress", RpcType.STR, "The sender, an identity of this node (BM-...)"),
                required("toaddress", RpcType.STR, "The recipient (BM-...)"),
                required("subject", RpcType.STR, "The subject"),
                required("message", RpcType.STR, "The body"),
                optional("ttl", RpcType.NUM, "345600", "Seconds the message stays on the network")),
            "{ \"msgid\" }    the message's inventory hash", m::sendMessage),
        method("listmessages", CATEGORY, "Lists the messages received by this node's identities, oldest first "
            + "(PriWatt).", List.of(), "[ { \"msgid\", \"from\", \"to\", \"subject\", \"received\" }, ... ]",
            a -> m.listMessages()),
        method("getmessage", CATEGORY, "Returns one received message with its body (PriWatt).",
            List.of(required("msgid", RpcType.STR_HEX, "The message id from listmessages")),
            "{ \"msgid\", \"from\", \"to\", \"subject\", \"message\", \"received\" }", m::getMessage));
  }

  private MessageAccess messages() throws RpcException {
    if (ctx.messages() == null) {
      throw new RpcException(RpcError.MISC_ERROR, "Messaging is not enabled on this node");
    }
    return ctx.messages();
  }

  private static BitmessageAddress address(String text) throws RpcException {
    try {
      return BitmessageAddress.parse(text);
    } catch (MessageException e) {
      throw new RpcException(RpcError.INVALID_ADDRESS_OR_KEY, "Invalid Bitmessage address: " + text, e);
    }
  }

  private JsonNode createIdentity() throws RpcException {
    Identity id = messages().createIdentity();
    ObjectNode o = Json.NODES.objectNode();
    o.put("address", id.address().toString());
    return o;
  }

  private JsonNode listIdentities() throws RpcException {
    ArrayNode out = Json.NODES.arrayNode();
    for (Identity id : messages().identities()) {
      out.addObject().put("address", id.address().toString());
    }
    return out;
  }

  private JsonNode sendMessage(RpcArgs a) throws RpcException {
    MessageAccess msg = messages();
    BitmessageAddress fromAddress = address(a.string(0));
    BitmessageAddress toAddress = address(a.string(1));
    String subject = a.string(2);
    String body = a.string(3);
    long ttl = a.has(4) ? a.longValue(4) : DEFAULT_TTL;
    if (ttl < ProofOfWork.MIN_TTL || ttl > 28L * 24 * 3600) {
      throw new RpcException(RpcError.INVALID_PARAMETER, "ttl must be between " + ProofOfWork.MIN_TTL + " and 2419200");
    }
    if (subject.length() + body.length() > MAX_TEXT) {
      throw new RpcException(RpcError.INVALID_PARAMETER, "Message too long");
    }
    Identity from = msg.identity(fromAddress).orElseThrow(() -> new RpcException(RpcError.INVALID_ADDRESS_OR_KEY,
        "No identity of this node has the address " + fromAddress));
    try {
      PublicIdentity to = msg.lookup(toAddress, WAIT);
      SentMessage sent = msg.node().sendMessageAsync(from, to, MessageContent.simple(subject, body), ttl)
          .get(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      ObjectNode o = Json.NODES.objectNode();
      o.put("msgid", Hex.encode(sent.inventoryHash().toBytes()));
      return o;
    } catch (TimeoutException e) {
      throw new RpcException(RpcError.MISC_ERROR, "Timed out after " + WAIT.toSeconds()
          + " s waiting for the recipient's public key or the proof of work", e);
    } catch (MessageException e) {
      throw new RpcException(RpcError.MISC_ERROR, "Message not sent: " + e.error(), e);
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable c = e.getCause();
      String why = c instanceof MessageException ? ((MessageException) c).error().toString() : String.valueOf(c);
      throw new RpcException(RpcError.MISC_ERROR, "Message not sent: " + why, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RpcException(RpcError.CLIENT_NOT_CONNECTED, "Shutting down", e);
    }
  }

  private static ObjectNode summary(MessageAccess.Received r) {
    ObjectNode o = Json.NODES.objectNode();
    o.put("msgid", Hex.encode(r.message().inventoryHash().toBytes()));
    o.put("from", r.message().sender().address().toString());
    o.put("to", r.message().recipient().toString());
    o.put("subject", r.message().content().subject());
    o.put("received", r.receivedAt());
    return o;
  }

  private JsonNode listMessages() throws RpcException {
    ArrayNode out = Json.NODES.arrayNode();
    for (MessageAccess.Received r : messages().inbox()) {
      out.add(summary(r));
    }
    return out;
  }

  private JsonNode getMessage(RpcArgs a) throws RpcException {
    byte[] id = a.hex(0, "msgid", 32);
    for (MessageAccess.Received r : messages().inbox()) {
      if (java.util.Arrays.equals(r.message().inventoryHash().toBytes(), id)) {
        ObjectNode o = summary(r);
        o.remove("received");
        o.put("message", r.message().content().body());
        o.put("received", r.receivedAt());
        return o;
      }
    }
    throw new RpcException(RpcError.INVALID_ADDRESS_OR_KEY, "No such message");
  }
}
