package org.priwatt.node.role.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.priwatt.chain.Amount;
import org.priwatt.channels.ChannelClient;
import org.priwatt.channels.ChannelError;
import org.priwatt.channels.ChannelException;
import org.priwatt.channels.ChannelPolicy;
import org.priwatt.channels.ChannelTerms;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.ledger.FundingSource;
import org.priwatt.energy.market.AuctionBoard;
import org.priwatt.energy.market.Offer;
import org.priwatt.energy.trade.SealedJournalSessionStore;
import org.priwatt.energy.trade.TradeContext;
import org.priwatt.msg.Identity;
import org.priwatt.node.rpc.ChannelAccess.ChannelInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer's payment channels (Alice in Case 2): one {@link ChannelClient} per channel opened
 * on an offer of the channel board, with a fresh messaging identity and, as channel key, a fresh
 * key of the node's wallet (so her change and refund land in the wallet), paying from the wallet;
 * snapshots in a sealed journal {@code roles/sessions/client-N.journal}, resumed at the next
 * start. Increments asked for ({@link #pay}) go out one at a time as each secret comes back; how
 * many were asked is not saved, so after a restart a channel pays again when asked.
 */
final class ClientChannels {
  private static final Logger LOG = LoggerFactory.getLogger(ClientChannels.class);
  static final String PREFIX = "client-";
  private static final String SUFFIX = ".journal";
  /** Kept free beside a channel's capacity for the funding transaction's own fee. */
  private static final long FUNDING_MARGIN = 10_000;

  /** One channel, how many increments were asked for, and when the automatic mode pays next. */
  private static final class Held {
    final String name;
    final ChannelClient client;
    volatile int requested;
    long nextPay;

    Held(String name, ChannelClient client, int requested) {
      this.name = name;
      this.client = client;
      this.requested = requested;
    }
  }

  private final PartyAgent agent;
  private final FundingSource funds;
  private final AuctionBoard board;
  private final List<Held> clients = new CopyOnWriteArrayList<>();

  ClientChannels(PartyAgent agent, FundingSource funds) {
    this.agent = agent;
    this.funds = funds;
    this.board = AuctionBoard.attach(agent.host.messages(), AgentBase.CHANNEL_BOARD, agent.ledger, agent.dsoKey(),
        agent::now);
  }

  /** The live channel offers, cheapest first. */
  List<Offer> offers() {
    return AgentBase.live(board);
  }

  /** Resumes the clients saved in the role's files. */
  void resume(TradeContext ctx, ChannelPolicy policy) throws EnergyException {
    for (String file : agent.files.sessions(PREFIX, SUFFIX)) {
      SealedJournalSessionStore store = agent.own(agent.files.journal(file));
      try {
        ChannelClient c = agent.own(ChannelClient.resume(ctx, policy, store, funds));
        clients.add(new Held(name(file), c, c.sent()));
        board.markProcessed(c.offer().entry());
      } catch (ChannelException e) {
        LOG.warn("{}: channel client {} not resumed: {}", agent.host.name(), file, e.getMessage());
      }
    }
    if (!clients.isEmpty()) {
      LOG.info("{}: resumed {} channel clients", agent.host.name(), clients.size());
    }
  }

  /**
   * Opens a channel on the live channel offer named by {@code spec} (its entry id in hex or its
   * seller's address) in {@code increments} increments (0: one per kWh).
   */
  synchronized ChannelInfo open(TradeContext ctx, ChannelPolicy policy, String spec, int increments)
      throws ChannelException {
    Offer offer = offers().stream().filter(o -> o.entry().toString().equalsIgnoreCase(spec)
        || o.seller().address().toString().equals(spec)).findFirst()
        .orElseThrow(() -> new ChannelException(ChannelError.NOT_OFFERED, "no live channel offer " + spec));
    return open(ctx, policy, offer, increments);
  }

  private synchronized ChannelInfo open(TradeContext ctx, ChannelPolicy policy, Offer offer, int increments)
      throws ChannelException {
    int i = increments == 0 ? ChannelTerms.defaultIncrements(offer.energy()) : increments;
    if (i < 1 || i > ChannelTerms.MAX_INCREMENTS || i > offer.energy().milliwattHours()) {
      throw new ChannelException(ChannelError.BAD_INCREMENTS, i + " increments for " + offer.energy());
    }
    Amount capacity = ChannelTerms.incrementPrice(offer.pricePerKwh(), offer.energy(), i).times(i);
    long spendable = agent.host.wallet().balance().confirmed().sat();
    if (capacity.sat() + FUNDING_MARGIN > spendable) {
      throw new ChannelException(ChannelError.INSUFFICIENT_FUNDS, "capacity " + capacity.sat() + " sat, "
          + spendable + " sat confirmed in the wallet");
    }
    String file;
    try {
      file = String.format(Locale.ROOT, "%s%06d%s", PREFIX, agent.files.sessions(PREFIX, SUFFIX).size(), SUFFIX);
      SealedJournalSessionStore store = agent.own(agent.files.journal(file));
      Identity msg = Identity.random(agent.random, 1, Identity.DEFAULT_LEADING_ZEROS).withPow(agent.host.pow());
      ChannelClient c = agent.own(ChannelClient.open(ctx, policy, msg, agent.walletKey(), offer, i, funds, store));
      board.markProcessed(offer.entry());
      Held h = new Held(name(file), c, 0);
      clients.add(h);
      c.start();
      LOG.info("{}: opening channel {} on entry {}: {} increments, capacity {} sat", agent.host.name(), h.name,
          offer.entry(), i, capacity.sat());
      return info(h);
    } catch (EnergyException e) {
      throw new ChannelException(ChannelError.STORAGE, "channel session: " + e.getMessage(), e);
    }
  }

  /** Asks for {@code count} more increments of channel {@code name}; the first goes out now. */
  Optional<ChannelInfo> pay(String name, int count) throws ChannelException {
    if (count < 1) {
      throw new IllegalArgumentException("count must be positive: " + count);
    }
    Held h = find(name).orElse(null);
    if (h == null) {
      return Optional.empty();
    }
    synchronized (h) {
      ChannelClient c = h.client;
      if (c.state() != ChannelClient.State.OPEN) {
        throw new ChannelException(ChannelError.NOT_OPEN, "channel " + name + " is " + c.state());
      }
      int total = c.terms().orElseThrow().increments();
      int from = Math.max(h.requested, c.sent());
      if (from + count > total) {
        throw new ChannelException(ChannelError.BEYOND_CAPACITY, "channel " + name + " has " + (total - from)
            + " increments left to ask for");
      }
      h.requested = from + count;
      payDue(h);
      return Optional.of(info(h));
    }
  }

  /** Asks the server to close channel {@code name} with the latest payment; nothing more is paid. */
  Optional<ChannelInfo> close(String name) throws ChannelException {
    Held h = find(name).orElse(null);
    if (h == null) {
      return Optional.empty();
    }
    synchronized (h) {
      if (!h.client.closeChannel()) {
        throw new ChannelException(ChannelError.NOT_OPEN, "channel " + name + " is " + h.client.state());
      }
      h.requested = h.client.sent();
      return Optional.of(info(h));
    }
  }

  /**
   * Advances every client and sends the next increment asked for once the previous one was
   * answered. With {@code auto}, also buys: one channel at a time on the cheapest matching offer,
   * an increment every pay interval, and the close after the last.
   */
  void tick(TradeContext ctx, ChannelPolicy policy, boolean auto, EnergyAmount demand, long maxPrice, long budgetLeft)
      throws ChannelException {
    for (Held h : clients) {
      h.client.tick();
      synchronized (h) {
        payDue(h);
      }
    }
    if (auto) {
      drive(ctx, policy, demand, maxPrice, budgetLeft);
    }
  }

  private void payDue(Held h) {
    if (h.requested > h.client.sent()) {
      h.client.pay();
    }
  }

  private void drive(TradeContext ctx, ChannelPolicy policy, EnergyAmount demand, long maxPrice, long budgetLeft)
      throws ChannelException {
    long now = agent.now();
    Held active = null;
    for (Held h : clients) {
      ChannelClient.State st = h.client.state();
      if (st.compareTo(ChannelClient.State.OPEN) <= 0) {
        active = h;
      }
    }
    if (active != null) {
      synchronized (active) {
        ChannelClient c = active.client;
        if (c.state() == ChannelClient.State.OPEN && now >= active.nextPay && c.sent() == c.secrets().size()) {
          int total = c.terms().orElseThrow().increments();
          if (c.sent() >= total) {
            c.closeChannel();
          } else {
            active.requested = Math.max(active.requested, c.sent() + 1);
            payDue(active);
            active.nextPay = now + Math.max(1, agent.config.channelPayInterval().toSeconds());
          }
        }
      }
      return;
    }
    for (Offer o : board.match(demand, maxPrice)) {
      long cost = o.totalPrice().sat() + agent.config.fee().sat();
      if (cost <= budgetLeft) {
        open(ctx, policy, o, 0);
        return;
      }
    }
  }

  /** What the channels that did not fail cost or will cost: their capacities. */
  long committed() {
    return clients.stream().filter(h -> h.client.state() != ChannelClient.State.FAILED)
        .mapToLong(h -> h.client.terms().map(t -> t.capacity().sat()).orElse(h.client.offer().totalPrice().sat()))
        .sum();
  }

  List<ChannelInfo> infos() {
    List<ChannelInfo> out = new ArrayList<>();
    for (Held h : clients) {
      out.add(info(h));
    }
    return out;
  }

  int size() {
    return clients.size();
  }

  /** Energy owned through the channels' claimed parts, in milliwatt-hours. */
  long ownedMilliwattHours() {
    return clients.stream().flatMap(h -> h.client.owned().stream()).mapToLong(s -> s.energy().milliwattHours()).sum();
  }

  private Optional<Held> find(String name) {
    return clients.stream().filter(h -> h.name.equals(name)).findFirst();
  }

  private static ChannelInfo info(Held h) {
    ChannelClient c = h.client;
    synchronized (c) {
      return new ChannelInfo(h.name, "client", c.offer(), c.terms(), c.funding(), c.view(),
          Math.max(h.requested, c.sent()), c.secrets().size(), c.spentBy(),
          c.failure().or(c::lastRefusal).map(Enum::name));
    }
  }

  private static String name(String file) {
    return file.substring(0, file.length() - SUFFIX.length());
  }
}
