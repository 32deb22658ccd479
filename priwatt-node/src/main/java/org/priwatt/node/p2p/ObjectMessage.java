package org.priwatt.node.p2p;

import java.util.Objects;
import org.priwatt.msg.MessageObject;

/**
 * {@code object}: one Bitmessage object, its {@link MessageObject#CODEC} bytes as the whole
 * payload. Decoding checks the format only; proof of work and expiry are the message node's
 * checks.
 *
 * @param object the object
 */
public record ObjectMessage(MessageObject object) implements P2pMessage {
  /** Requires an object. */
  public ObjectMessage {
    Objects.requireNonNull(object, "object");
  }

  @Override
  public Command command() {
    return Command.OBJECT;
  }
}
