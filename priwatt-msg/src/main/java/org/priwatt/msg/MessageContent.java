package org.priwatt.msg;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The human-level content of a msg or broadcast with its Bitmessage encoding: 1 = trivial (body
 * only), 2 = simple ({@code "Subject:" subject "\nBody:" body}, UTF-8). Other encodings are kept as
 * raw bytes with an empty subject and body. Immutable.
 *
 * @param encoding the message encoding number
 * @param subject the subject (empty for encoding 1)
 * @param body the body text
 */
public record MessageContent(long encoding, String subject, String body) {
  /** Encoding 1: the message is the body only. */
  public static final long ENCODING_TRIVIAL = 1;
  /** Encoding 2: subject and body. */
  public static final long ENCODING_SIMPLE = 2;

  /** Validates non-null fields. */
  public MessageContent {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(body, "body");
  }

  /** Returns simple-encoded content. */
  public static MessageContent simple(String subject, String body) {
    return new MessageContent(ENCODING_SIMPLE, subject, body);
  }

  /** Returns the bytes sent on the wire for this content. */
  public byte[] encode() {
    String text = encoding == ENCODING_SIMPLE ? "Subject:" + subject + "\nBody:" + body : body;
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The encoding, the subject and the body's length: the body may carry secrets (PriWatt trade
   * messages carry ownership secrets in it), so it is never shown.
   */
  @Override
  public String toString() {
    return "MessageContent[encoding=" + encoding + ", subject=" + subject + ", body=" + body.length() + " chars]";
  }

  /** Interprets wire bytes as PyBitmessage's {@code helper_msgcoding} does for encodings 1 and 2. */
  public static MessageContent decode(long encoding, byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    if (encoding == ENCODING_SIMPLE) {
      int at = text.indexOf("\nBody:");
      if (at > 1 && text.startsWith("Subject:")) {
        return new MessageContent(encoding, text.substring(8, at), text.substring(at + 6));
      }
      return new MessageContent(encoding, "", text);
    }
    if (encoding == ENCODING_TRIVIAL) {
      return new MessageContent(encoding, "", text);
    }
    return new MessageContent(encoding, "", "");
  }
}
