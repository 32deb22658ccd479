package org.priwatt.examples.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.priwatt.energy.RegistryException;
import org.priwatt.energy.RegistryReply;
import org.priwatt.energy.RegistryRequest;
import org.priwatt.energy.TradeMessage;
import org.priwatt.msg.BitmessageAddress;
import org.priwatt.msg.InventoryHash;
import org.priwatt.msg.MessageListener;
import org.priwatt.msg.ReceivedMessage;

/**
 * Tells who sent what to whom: a listener on the receiving parties' nodes (DSO, Bob, Alice) that
 * turns each delivered trade message into a line naming sender and recipient by role and msg
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
    Optional<TradeMessage> t = TradeMessage.fromContent(m.content());
    // Both ends of a shared trade address open its messages: tell each object once.
    if (t.isPresent() && seen.add(m.inventoryHash())) {
      pending.add(new Line(who(m.sender().address()), who(m.recipient()), describe(t.get())));
    }
  }

  private static String describe(TradeMessage t) {
    try {
      if (t.kind() == TradeMessage.Kind.DSO_REQUEST) {
        return "registry request: " + RegistryRequest.decode(t.body()).kind().name().toLowerCase(java.util.Locale.ROOT);
      }
      if (t.kind() == TradeMessage.Kind.DSO_REPLY) {
        RegistryReply r = RegistryReply.decode(t.body());
        String verdict = r.error().map(e -> "refused " + e + " (" + r.detail() + ")").orElse(r.transaction().length > 0 ? "signed settlement"
            : r.secrets().isEmpty() ? (r.answer() ? "ok" : "no") : r.secrets().size() + " secret pair(s)");
        return "registry reply: " + verdict;
      }
    } catch (RegistryException e) {
      return t.kind().subject() + " (undecodable)";
    }
    return t.kind().subject() + " (" + t.body().length + " bytes)";
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
