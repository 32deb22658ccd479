package org.priwatt.node.rpc;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.priwatt.msg.BitmessageAddress;
import org.priwatt.msg.Identity;
import org.priwatt.msg.MessageException;
import org.priwatt.msg.MessageNode;
import org.priwatt.msg.PowParameters;
import org.priwatt.msg.PublicIdentity;
import org.priwatt.msg.ReceivedMessage;
import org.priwatt.node.rpc.internal.NodeMessages;

/**
 * What the RPC server uses of the node's anonymous messaging ({@code createidentity},
 * {@code listidentities}, {@code sendmessage}, {@code listmessages}, {@code getmessage}): the
 * {@link MessageNode}, the identities the node holds and the messages they received.
 * {@link #of} gives the standard implementation over a node.
 */
public interface MessageAccess {
  /** The message node. */
  MessageNode node();

  /** The local identities, oldest first. */
  List<Identity> identities();

  /** The local identity of {@code address}, if this node holds it. */
  default Optional<Identity> identity(BitmessageAddress address) {
    return identities().stream().filter(i -> i.address().equals(address)).findFirst();
  }

  /**
   * Creates a random identity, adds it to the node and publishes its public key so others can
   * write to it.
   *
   * @return the new identity
   */
  Identity createIdentity();

  /** The messages received by the local identities, oldest first (bounded; the oldest drop out). */
  List<Received> inbox();

  /**
   * The public identity behind {@code address}: known locally or asked of the network.
   *
   * @throws TimeoutException if nobody answered within {@code timeout}
   * @throws MessageException if the answer was invalid
   * @throws InterruptedException if interrupted while waiting
   */
  PublicIdentity lookup(BitmessageAddress address, Duration timeout)
      throws TimeoutException, MessageException, InterruptedException;

  /**
   * One received message and when it arrived.
   *
   * @param message the message (sender authenticated by its signature)
   * @param receivedAt Unix seconds
   */
  record Received(ReceivedMessage message, long receivedAt) {
    /** Checks the message is present. */
    public Received {
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * The standard implementation: listens on {@code node} for messages to its identities (keeping
   * the last {@code inboxSize}), creates identities with proof-of-work parameters {@code pow}.
   *
   * @throws IllegalArgumentException if {@code inboxSize} is not positive
   */
  static MessageAccess of(MessageNode node, PowParameters pow, int inboxSize) {
    return NodeMessages.attach(node, pow, inboxSize);
  }
}
