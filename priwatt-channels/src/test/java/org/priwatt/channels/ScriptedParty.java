package org.priwatt.channels;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.priwatt.crypto.EcKey;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.RequestId;
import org.priwatt.energy.registry.RegistryMessages;
import org.priwatt.energy.registry.RegistryReply;
import org.priwatt.energy.registry.RegistryRequest;
import org.priwatt.energy.regtest.RegtestWorld;
import org.priwatt.msg.Identity;
import org.priwatt.msg.MessageException;
import org.priwatt.msg.MessageListener;
import org.priwatt.msg.MessageNode;
import org.priwatt.msg.PublicIdentity;
import org.priwatt.msg.ReceivedMessage;

/**
 * A channel party played by the test through the public API only: it sends whatever channel
 * messages and registry requests the test scripts, honest or not, and collects what reaches its
 * identity. The cheating client, server or DSO of the property tests.
 */
final class ScriptedParty implements MessageListener {
  static final long TTL = 3600;
  final RegtestWorld world;
  final MessageNode node;
  final Identity msg;
  final EcKey key;
  private final List<ReceivedMessage> received = new CopyOnWriteArrayList<>();

  ScriptedParty(RegtestWorld world, MessageNode node, Identity msg, EcKey key) {
    this.world = world;
    this.node = node;
    this.msg = msg;
    this.key = key;
    node.addIdentity(msg);
    node.addListener(this);
  }

  static ScriptedParty on(RegtestWorld world, MessageNode node) {
    return new ScriptedParty(world, node, world.identity(), EcKey.generate());
  }

  @Override
  public void onMessage(ReceivedMessage m) {
    if (m.recipient().equals(msg.address())) {
      received.add(m);
    }
  }

  void send(PublicIdentity to, ChannelMessage m) throws MessageException {
    node.sendMessage(msg, to, m.toContent(), TTL);
  }

  /** Sends {@code r} to the DSO and waits for its reply. */
  RegistryReply ask(RegistryRequest r) throws MessageException {
    node.sendMessage(msg, world.dso().publicIdentity(), RegistryMessages.content(r), TTL);
    return awaitReply(r.id());
  }

  /** Sends {@code reply} as if it were the DSO (the test holds the DSO's identity). */
  void sendAsDso(PublicIdentity to, RegistryReply reply) throws MessageException {
    node.sendMessage(world.dsoIdentity(), to, RegistryMessages.content(reply), TTL);
  }

  /** The channel messages of {@code type} received so far. */
  <T extends ChannelMessage> List<T> all(Class<T> type) {
    return received.stream().map(ScriptedParty::channel).flatMap(Optional::stream).filter(type::isInstance)
        .map(type::cast).toList();
  }

  /** The first channel message of {@code type} matching nothing else, waiting up to 30 s. */
  <T extends ChannelMessage> T await(Class<T> type) {
    world.await(type.getSimpleName(), () -> !all(type).isEmpty(), () -> {}, Duration.ofSeconds(30));
    return all(type).get(0);
  }

  /** The DSO's reply to {@code request}, waiting up to 30 s. */
  RegistryReply awaitReply(RequestId request) {
    world.await("reply to " + request, () -> reply(request).isPresent(), () -> {}, Duration.ofSeconds(30));
    return reply(request).orElseThrow();
  }

  private Optional<RegistryReply> reply(RequestId request) {
    return received.stream().map(ScriptedParty::registry).flatMap(Optional::stream)
        .filter(r -> r.request().equals(request)).findFirst();
  }

  private static Optional<ChannelMessage> channel(ReceivedMessage m) {
    try {
      return ChannelMessage.fromContent(m.content());
    } catch (ChannelException e) {
      return Optional.empty();
    }
  }

  private static Optional<RegistryReply> registry(ReceivedMessage m) {
    try {
      return RegistryMessages.reply(m.content());
    } catch (EnergyException e) {
      return Optional.empty();
    }
  }
}
