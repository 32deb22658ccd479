package org.priwatt.examples.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.priwatt.channels.ChannelException;
import org.priwatt.channels.ChannelMessage;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.registry.RegistryMessages;
import org.priwatt.energy.registry.RegistryReply;
import org.priwatt.energy.registry.RegistryRequest;
import org.priwatt.energy.trade.TradeMessage;
import org.priwatt.msg.BitmessageAddress;
import org.priwatt.msg.InventoryHash;
import org.priwatt.msg.MessageListener;
import org.priwatt.msg.ReceivedMessage;

/**
 * Tells who sent what to whom: a listener on the receiving parties' nodes (DSO, Bob, Alice) that
 * turns each delivered trade or channel message into a line naming sender and recipient by role and msg
 * address, with the message kind (and the registry operation or verdict for DSO traffic). It
 * never prints message bodies, which may hold secrets. Thread-safe.
 */
final class Narrator implements MessageListener {
  private static final int MAX_RUN = 3;

  private record Line(String from, String to, String what) {}

  private final Map<String, String> names = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Line> pending = new ConcurrentLinkedQueue<>();
  private final Set<InventoryHash> seen = ConcurrentHashMap.newKeySet();

  /** Names {@code address} as {@code name} in later lines. */
  void name(BitmessageAddress address, String name) {
    names.put(address.toString(), name);
  }

  /** How a line shows {@code address}: its role and a shortened address. */
  String who(BitmessageAddress address) {
    String a = address.toString();
    String shortAddress = a.length() > 14 ? a.substring(0, 14) + "..." : a;
    return names.getOrDefault(a, "unknown") + " <" + shortAddress + ">";
  }

  @Override
  public void onMessage(ReceivedMessage m) {
    Optional<String> what = describe(m);
    // Both ends of a shared trade address open its messages: tell each object once.
    if (what.isPresent() && seen.add(m.inventoryHash())) {
      pending.add(new Line(who(m.sender().address()), who(m.recipient()), what.get()));
    }
  }

  /** The kind of a PriWatt message and, for DSO traffic, the operation or outcome; never a body. */
  private static Optional<String> describe(ReceivedMessage m) {
    try {
      Optional<RegistryRequest> request = RegistryMessages.request(m.content());
      if (request.isPresent()) {
        return Optional.of("registry request: " + name(request.get()));
      }
      Optional<RegistryReply> reply = RegistryMessages.reply(m.content());
      if (reply.isPresent()) {
        RegistryReply r = reply.get();
        String verdict = r instanceof RegistryReply.Refused f ? "refused " + f.error() + " (" + f.detail() + ")"
            : r instanceof RegistryReply.Testimony t ? (t.holds() ? "confirmed" : "not confirmed")
            : r instanceof RegistryReply.Issued i ? i.secrets().size() + " secret pair(s) and certificate(s)"
            : r instanceof RegistryReply.Decision d ? "decision, " + d.buyerShareBasisPoints() / 100 + " % to the buyer"
            : name(r);
        return Optional.of("registry reply: " + verdict);
      }
      Optional<ChannelMessage> channel = ChannelMessage.fromContent(m.content());
      if (channel.isPresent()) {
        ChannelMessage c = channel.get();
        String n = c instanceof ChannelMessage.Pay p ? " " + p.increment()
            : c instanceof ChannelMessage.Secret x ? " " + x.increment() : "";
        return Optional.of("channel " + c.subject().substring(c.subject().lastIndexOf('/') + 1) + n);
      }
      return TradeMessage.fromContent(m.content()).map(t -> t.subject().substring("priwatt/v2/".length()));
    } catch (EnergyException | ChannelException e) {
      return Optional.of(m.content().subject() + " (undecodable)");
    }
  }

  private static String name(Object o) {
    return o.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * Moves the lines collected so far into the running step; a run of more than {@value #MAX_RUN}
   * alike messages (same sender and kind) is shortened so bursts stay readable.
   */
  void drainTo(DemoReport report) {
    List<Line> lines = new ArrayList<>();
    for (Line l = pending.poll(); l != null; l = pending.poll()) {
      lines.add(l);
    }
    int i = 0;
    while (i < lines.size()) {
      int j = i;
      while (j < lines.size() && lines.get(j).from().equals(lines.get(i).from()) && lines.get(j).what().equals(lines.get(i).what())) {
        j++;
      }
      int shown = j - i > MAX_RUN ? MAX_RUN - 1 : j - i;
      for (int k = i; k < i + shown; k++) {
        Line l = lines.get(k);
        report.line(String.format("msg %-32s -> %-32s %s", l.from(), l.to(), l.what()));
      }
      if (j - i > shown) {
        report.line("    ... and %d more like this, each to its own address", j - i - shown);
      }
      i = j;
    }
  }
}
