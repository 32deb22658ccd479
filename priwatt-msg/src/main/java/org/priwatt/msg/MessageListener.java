package org.priwatt.msg;

/**
 * Receives what a {@link MessageNode} decrypts for its identities and subscriptions. Called on
 * the node's inbound thread: implementations should return quickly.
 */
public interface MessageListener {
  /** A private message to one of the node's identities arrived and verified. */
  default void onMessage(ReceivedMessage message) {}

  /** A broadcast from a subscribed address arrived and verified. */
  default void onBroadcast(ReceivedBroadcast broadcast) {}

  /** The acknowledgement of a message this node sent came back. */
  default void onAck(SentMessage message) {}
}
