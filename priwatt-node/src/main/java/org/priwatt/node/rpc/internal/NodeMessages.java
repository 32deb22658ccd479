package org.priwatt.node.rpc.internal;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.priwatt.msg.BitmessageAddress;
import org.priwatt.msg.Identity;
import org.priwatt.msg.MessageException;
import org.priwatt.msg.MessageListener;
import org.priwatt.msg.MessageNode;
import org.priwatt.msg.PowParameters;
import org.priwatt.msg.PublicIdentity;
import org.priwatt.msg.ReceivedMessage;
import org.priwatt.node.rpc.MessageAccess;

/**
 * The standard {@link MessageAccess}: identities created here are added to the node and their
 * public keys published; messages to them are kept in a bounded inbox (oldest dropped first).
 * Thread-safe.
 */
public final class NodeMessages implements MessageAccess, MessageListener {
  /** How long published public keys stay on the network. */
  static final long PUBKEY_TTL_SECONDS = 28L * 24 * 3600;
  /** How long a getpubkey request stays on the network. */
  static final long GETPUBKEY_TTL_SECONDS = 2L * 24 * 3600;

  private final MessageNode node;
  private final PowParameters pow;
  private final int inboxSize;
  private final SecureRandom random = new SecureRandom();
  private final List<Identity> identities = new CopyOnWriteArrayList<>();
  private final ArrayDeque<Received> inbox = new ArrayDeque<>();

  private NodeMessages(MessageNode node, PowParameters pow, int inboxSize) {
    this.node = node;
    this.pow = pow;
    this.inboxSize = inboxSize;
  }

  /**
   * Listens on {@code node}.
   *
   * @throws IllegalArgumentException if {@code inboxSize} is not positive
   */
  public static NodeMessages attach(MessageNode node, PowParameters pow, int inboxSize) {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(pow, "pow");
    if (inboxSize < 1) {
      throw new IllegalArgumentException("inbox size must be positive");
    }
    NodeMessages m = new NodeMessages(node, pow, inboxSize);
    node.addListener(m);
    return m;
  }

  @Override
  public MessageNode node() {
    return node;
  }

  @Override
  public List<Identity> identities() {
    return List.copyOf(identities);
  }

  @Override
  public Identity createIdentity() {
    Identity id = Identity.random(random, BitmessageAddress.DEFAULT_STREAM, Identity.DEFAULT_LEADING_ZEROS).withPow(pow);
    node.addIdentity(id);
    identities.add(id);
    // Published in the background: its proof of work runs on the node's pool.
    node.publishPubkeyAsync(id, PUBKEY_TTL_SECONDS);
    return id;
  }

  @Override
  public List<Received> inbox() {
    synchronized (inbox) {
      return List.copyOf(inbox);
    }
  }

  @Override
  public PublicIdentity lookup(BitmessageAddress address, Duration timeout)
      throws TimeoutException, MessageException, InterruptedException {
    Optional<Identity> local = identity(address);
    if (local.isPresent()) {
      return local.get().publicIdentity();
    }
    CompletableFuture<PublicIdentity> f = node.requestPubkey(address, GETPUBKEY_TTL_SECONDS);
    try {
      return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof MessageException) {
        throw (MessageException) e.getCause();
      }
      // The node fails look-ups only with MessageException; anything else is a bug.
      throw new IllegalStateException("public key look-up failed", e.getCause());
    }
  }

  @Override
  public void onMessage(ReceivedMessage message) {
    synchronized (inbox) {
      if (inbox.size() >= inboxSize) {
        inbox.removeFirst();
      }
      inbox.addLast(new Received(message, System.currentTimeMillis() / 1000));
    }
  }

  @Override
  public String toString() {
    return "NodeMessages[" + identities.size() + " identities]";
  }
}
