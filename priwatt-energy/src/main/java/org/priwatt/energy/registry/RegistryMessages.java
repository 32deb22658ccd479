package org.priwatt.energy.registry;

import java.util.Arrays;
import java.util.Optional;
import org.priwatt.crypto.Hex;
import org.priwatt.energy.EnergyError;
import org.priwatt.energy.EnergyException;
import org.priwatt.msg.MessageContent;

/**
 * How registry requests and replies travel in Bitmessage msgs: subject {@value #REQUEST_SUBJECT}
 * or {@value #REPLY_SUBJECT}, body the hex of the encoding. The one place both the DSO's service
 * and the trade sessions frame and unframe registry traffic. Stateless.
 */
public final class RegistryMessages {
  /** Subject of a request to the DSO. */
  public static final String REQUEST_SUBJECT = "priwatt/v2/dso_request";
  /** Subject of the DSO's replies and notices. */
  public static final String REPLY_SUBJECT = "priwatt/v2/dso_reply";

  private RegistryMessages() {}

  /** {@code request} as msg content. */
  public static MessageContent content(RegistryRequest request) {
    return MessageContent.simple(REQUEST_SUBJECT, Hex.encode(request.encode()));
  }

  /** {@code reply} as msg content (its body may hold secrets: the msg is encrypted to the requester). */
  public static MessageContent content(RegistryReply reply) {
    byte[] b = reply.encode();
    try {
      return MessageContent.simple(REPLY_SUBJECT, Hex.encode(b));
    } finally {
      Arrays.fill(b, (byte) 0);
    }
  }

  /**
   * The request in {@code content}; empty if it is not a registry request at all.
   *
   * @throws EnergyException if it claims to be one but does not decode
   */
  public static Optional<RegistryRequest> request(MessageContent content) throws EnergyException {
    if (!REQUEST_SUBJECT.equals(content.subject())) {
      return Optional.empty();
    }
    return Optional.of(RegistryRequest.decode(body(content, RegistryRequest.MAX_ENCODED)));
  }

  /**
   * The reply in {@code content}; empty if it is not a registry reply at all.
   *
   * @throws EnergyException if it claims to be one but does not decode
   */
  public static Optional<RegistryReply> reply(MessageContent content) throws EnergyException {
    if (!REPLY_SUBJECT.equals(content.subject())) {
      return Optional.empty();
    }
    byte[] b = body(content, RegistryReply.MAX_ENCODED);
    try {
      return Optional.of(RegistryReply.decode(b));
    } finally {
      Arrays.fill(b, (byte) 0);
    }
  }

  private static byte[] body(MessageContent content, int max) throws EnergyException {
    if (content.body().length() > 2L * max) {
      throw new EnergyException(EnergyError.OVERSIZED, content.subject() + " body of " + content.body().length()
          + " characters");
    }
    try {
      return Hex.decode(content.body());
    } catch (IllegalArgumentException e) {
      throw new EnergyException(EnergyError.MALFORMED, content.subject() + " body is not hex");
    }
  }
}
