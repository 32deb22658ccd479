package org.priwatt.channels;

import java.util.Optional;
import org.priwatt.crypto.EcKey;
import org.priwatt.energy.regtest.RegtestWorld;
import org.priwatt.energy.regtest.ScriptedPartyBase;
import org.priwatt.msg.Identity;
import org.priwatt.msg.MessageContent;
import org.priwatt.msg.MessageNode;

/**
 * A channel party played by the test through the public API only (energy's shared {@link
 * ScriptedPartyBase} speaking {@link ChannelMessage}): the cheating client, server or DSO of the
 * property tests.
 */
final class ScriptedParty extends ScriptedPartyBase<ChannelMessage> {
  ScriptedParty(RegtestWorld world, MessageNode node, Identity msg, EcKey key) {
    super(world, node, msg, key);
  }

  static ScriptedParty on(RegtestWorld world, MessageNode node) {
    return new ScriptedParty(world, node, world.identity(), EcKey.generate());
  }

  @Override
  protected MessageContent content(ChannelMessage m) {
    return m.toContent();
  }

  @Override
  protected Optional<ChannelMessage> decode(MessageContent content) {
    try {
      return ChannelMessage.fromContent(content);
    } catch (ChannelException e) {
      return Optional.empty();
    }
  }
}
