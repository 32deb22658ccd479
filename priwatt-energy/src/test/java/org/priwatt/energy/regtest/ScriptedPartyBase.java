package org.priwatt.energy.regtest;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.priwatt.crypto.EcKey;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.RequestId;
import org.priwatt.energy.registry.RegistryMessages;
import org.priwatt.energy.registry.RegistryReply;
import org.priwatt.energy.registry.RegistryRequest;
import org.priwatt.energy.trade.TradeContext;
import org.priwatt.msg.Identity;
import org.priwatt.msg.MessageContent;
import org.priwatt.msg.MessageException;
import org.priwatt.msg.MessageListener;
import org.priwatt.msg.MessageNode;
import org.priwatt.msg.PublicIdentity;
import org.priwatt.msg.ReceivedMessage;

/**
 * A party played by a test through the public API only: it sends whatever counterpart messages
 * and registry requests the test scripts, honest or not, and collects what reaches its identity
 * (the cheating buyer, seller, client, server or DSO of the security tests). Shared through
 * energy's test-jar by the Case 1 trade tests and the channel tests, each of which names its
 * message type in a small {@code ScriptedParty} subclass.
 *
 * @param <M> the counterpart's message type
 */
public abstract class ScriptedPartyBase<M> implements MessageListener {
  /** The world the party lives in. */
  public final RegtestWorld world;
  /** The node the party sends and receives on. */
  public final MessageNode node;
  /** The party's messaging identity. */
  public final Identity msg;
  /** The party's transaction key. */
  public final EcKey key;
  private final List<ReceivedMessage> received = new CopyOnWriteArrayList<>();

  /** A party listening on {@code node} with {@code msg}. */
  protected ScriptedPartyBase(RegtestWorld world, MessageNode node, Identity msg, EcKey key) {
    this.world = Objects.requireNonNull(world, "world");
    this.node = Objects.requireNonNull(node, "node");
    this.msg = Objects.requireNonNull(msg, "msg");
    this.key = Objects.requireNonNull(key, "key");
    node.addIdentity(msg);
    node.addListener(this);
  }

  /** {@code m} as message content. */
  protected abstract MessageContent content(M m);

  /** The counterpart message in {@code content}, empty if it is none or does not decode. */
  protected abstract Optional<M> decode(MessageContent content);

  @Override
  public void onMessage(ReceivedMessage m) {
    if (m.recipient().equals(msg.address())) {
      received.add(m);
    }
  }

  /** Sends {@code m} to {@code to}. */
  public void send(PublicIdentity to, M m) throws MessageException {
    node.sendMessage(msg, to, content(m), TradeContext.MESSAGE_TTL);
  }

  /** Sends {@code r} to the DSO. */
  public void sendToDso(RegistryRequest r) throws MessageException {
    node.sendMessage(msg, world.dso().publicIdentity(), RegistryMessages.content(r), TradeContext.MESSAGE_TTL);
  }

  /** Sends {@code r} to the DSO and waits for its reply. */
  public RegistryReply ask(RegistryRequest r) throws MessageException {
    sendToDso(r);
    return awaitReply(r.id());
  }

  /** Sends {@code reply} as if it were the DSO (the test holds the DSO's identity). */
  public void sendAsDso(PublicIdentity to, RegistryReply reply) throws MessageException {
    node.sendMessage(world.dsoIdentity(), to, RegistryMessages.content(reply), TradeContext.MESSAGE_TTL);
  }

  /** The counterpart messages of {@code type} received so far, oldest first. */
  public <T extends M> List<T> all(Class<T> type) {
    return received.stream().map(m -> decode(m.content())).flatMap(Optional::stream).filter(type::isInstance)
        .map(type::cast).toList();
  }

  /** The first counterpart message of {@code type} received, waiting up to 30 s. */
  public <T extends M> T await(Class<T> type) {
    world.await(type.getSimpleName(), () -> !all(type).isEmpty(), () -> {}, Duration.ofSeconds(30));
    return all(type).get(0);
  }

  /** The DSO's reply to {@code request}, waiting up to 30 s. */
  public RegistryReply awaitReply(RequestId request) {
    world.await("reply to " + request, () -> reply(request).isPresent(), () -> {}, Duration.ofSeconds(30));
    return reply(request).orElseThrow();
  }

  private Optional<RegistryReply> reply(RequestId request) {
    return received.stream().map(ScriptedPartyBase::registry).flatMap(Optional::stream)
        .filter(r -> r.request().equals(request)).findFirst();
  }

  private static Optional<RegistryReply> registry(ReceivedMessage m) {
    try {
      return RegistryMessages.reply(m.content());
    } catch (EnergyException e) {
      return Optional.empty();
    }
  }
}
