package org.priwatt.energy.trade;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.priwatt.crypto.EcKey;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.RequestId;
import org.priwatt.energy.regtest.RegtestWorld;
import org.priwatt.energy.registry.RegistryMessages;
import org.priwatt.energy.registry.RegistryReply;
import org.priwatt.energy.registry.RegistryRequest;
import org.priwatt.msg.Identity;
import org.priwatt.msg.MessageException;
import org.priwatt.msg.MessageListener;
import org.priwatt.msg.MessageNode;
import org.priwatt.msg.PublicIdentity;
import org.priwatt.msg.ReceivedMessage;

/**
 * A party played by the test through the public API only: it sends whatever trade messages and
 * registry requests the test scripts, honest or not, and collects what reaches its identity. The
 * cheating buyer, seller or DSO of the security tests.
 */
final class ScriptedParty implements MessageListener {
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

  void send(PublicIdentity to, TradeMessage m) throws MessageException {
    node.sendMessage(msg, to, m.toContent(), TradeContext.MESSAGE_TTL);
  }

  void sendToDso(RegistryRequest r) throws MessageException {
    node.sendMessage(msg, world.dso().publicIdentity(), RegistryMessages.content(r), TradeContext.MESSAGE_TTL);
  }

  /** Sends {@code r} to the DSO and waits for its reply. */
  RegistryReply ask(RegistryRequest r) throws MessageException {
    sendToDso(r);
    return awaitReply(r.id());
  }

  /** Sends {@code reply} as if it were the DSO (the test holds the DSO's identity). */
  void sendAsDso(PublicIdentity to, RegistryReply reply) throws MessageException {
    node.sendMessage(world.dsoIdentity(), to, RegistryMessages.content(reply), TradeContext.MESSAGE_TTL);
  }

  /** The first trade message of {@code type} received, waiting up to 30 s. */
  <T extends TradeMessage> T await(Class<T> type) {
    Optional<T>[] found = new Optional[] {Optional.empty()};
    world.await(type.getSimpleName(), () -> {
      found[0] = received.stream().map(ScriptedParty::trade).flatMap(Optional::stream).filter(type::isInstance)
          .map(type::cast).findFirst();
      return found[0].isPresent();
    }, () -> {}, Duration.ofSeconds(30));
    return found[0].orElseThrow();
  }

  /** The DSO's reply to {@code request}, waiting up to 30 s. */
  RegistryReply awaitReply(RequestId request) {
    Optional<RegistryReply>[] found = new Optional[] {Optional.empty()};
    world.await("reply to " + request, () -> {
      found[0] = received.stream().map(ScriptedParty::reply).flatMap(Optional::stream)
          .filter(r -> r.request().equals(request)).findFirst();
      return found[0].isPresent();
    }, () -> {}, Duration.ofSeconds(30));
    return found[0].orElseThrow();
  }

  private static Optional<TradeMessage> trade(ReceivedMessage m) {
    try {
      return TradeMessage.fromContent(m.content());
    } catch (EnergyException e) {
      return Optional.empty();
    }
  }

  private static Optional<RegistryReply> reply(ReceivedMessage m) {
    try {
      return RegistryMessages.reply(m.content());
    } catch (EnergyException e) {
      return Optional.empty();
    }
  }
}
