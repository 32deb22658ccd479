package org.priwatt.energy.trade;

import java.util.Optional;
import org.priwatt.crypto.EcKey;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.regtest.RegtestWorld;
import org.priwatt.energy.regtest.ScriptedPartyBase;
import org.priwatt.msg.Identity;
import org.priwatt.msg.MessageContent;
import org.priwatt.msg.MessageNode;

/**
 * A trade party played by the test through the public API only (the shared {@link
 * ScriptedPartyBase} speaking {@link TradeMessage}): the cheating buyer, seller or DSO of the
 * security tests.
 */
final class ScriptedParty extends ScriptedPartyBase<TradeMessage> {
  ScriptedParty(RegtestWorld world, MessageNode node, Identity msg, EcKey key) {
    super(world, node, msg, key);
  }

  static ScriptedParty on(RegtestWorld world, MessageNode node) {
    return new ScriptedParty(world, node, world.identity(), EcKey.generate());
  }

  @Override
  protected MessageContent content(TradeMessage m) {
    return m.toContent();
  }

  @Override
  protected Optional<TradeMessage> decode(MessageContent content) {
    try {
      return TradeMessage.fromContent(content);
    } catch (EnergyException e) {
      return Optional.empty();
    }
  }
}
