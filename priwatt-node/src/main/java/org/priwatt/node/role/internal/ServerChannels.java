package org.priwatt.node.role.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.priwatt.chain.Transaction;
import org.priwatt.channels.ChannelError;
import org.priwatt.channels.ChannelException;
import org.priwatt.channels.ChannelKeySource;
import org.priwatt.channels.ChannelPolicy;
import org.priwatt.channels.ChannelServer;
import org.priwatt.crypto.EcKey;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.EntryId;
import org.priwatt.energy.registry.IssuedSecrets;
import org.priwatt.energy.trade.SealedJournalSessionStore;
import org.priwatt.energy.trade.TradeContext;
import org.priwatt.msg.Identity;
import org.priwatt.node.rpc.ChannelAccess.ChannelInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A prosumer's payment channels (Bob in Case 2): one {@link ChannelServer} per entry it serves,
 * each with a fresh messaging identity (the offer's and the channel's), its offer on the channel
 * board, and its snapshots in a sealed journal {@code roles/sessions/server-N.journal}, resumed at
 * the next start. Each channel's key is a fresh key of the node's wallet, so the close's payment
 * to the prosumer lands in the wallet, which sees and spends it. The agent's thread ticks them;
 * RPC threads read and close them.
 */
final class ServerChannels {
  private static final Logger LOG = LoggerFactory.getLogger(ServerChannels.class);
  static final String PREFIX = "server-";
  private static final String SUFFIX = ".journal";

  /** One served channel and the node's name for it. */
  private record Served(String name, ChannelServer server) {}

  private final PartyAgent agent;
  private final List<Served> servers = new CopyOnWriteArrayList<>();

  ServerChannels(PartyAgent agent) {
    this.agent = agent;
  }

  /** Resumes the servers saved in the role's files; one already in READY posts its offer again. */
  void resume(TradeContext ctx, ChannelPolicy policy) throws EnergyException {
    for (String file : agent.files.sessions(PREFIX, SUFFIX)) {
      SealedJournalSessionStore store = agent.own(agent.files.journal(file));
      try {
        ChannelServer s = agent.own(ChannelServer.resume(ctx, policy, store, walletKeys()));
        servers.add(new Served(name(file), s));
        offerIfReady(s);
      } catch (ChannelException e) {
        LOG.warn("{}: channel server {} not resumed: {}", agent.host.name(), file, e.getMessage());
      }
    }
    if (!servers.isEmpty()) {
      LOG.info("{}: resumed {} channel servers", agent.host.name(), servers.size());
    }
  }

  /** Whether a server already sells {@code entry} (a generation session handed over before a crash). */
  boolean serves(EntryId entry) {
    return servers.stream().anyMatch(s -> s.server().offer().filter(o -> o.entry().equals(entry)).isPresent());
  }

  /**
   * Serves the entry of {@code secrets}, owned by {@code ownerKey}, over channels: a new server
   * saved to its journal, its offer posted on the channel board.
   *
   * @throws EnergyException if the journal cannot be opened
   * @throws ChannelException if the first snapshot cannot be saved
   */
  void serve(TradeContext ctx, ChannelPolicy policy, EcKey ownerKey, IssuedSecrets secrets)
      throws EnergyException, ChannelException {
    String file = String.format(Locale.ROOT, "%s%06d%s", PREFIX, agent.files.sessions(PREFIX, SUFFIX).size(), SUFFIX);
    SealedJournalSessionStore store = agent.own(agent.files.journal(file));
    Identity msg = Identity.random(agent.random, 1, Identity.DEFAULT_LEADING_ZEROS).withPow(agent.host.pow());
    ChannelServer s = agent.own(ChannelServer.open(ctx, policy, msg, ownerKey, secrets, 0, walletKeys(), store));
    servers.add(new Served(name(file), s));
    offerIfReady(s);
  }

  /** Fresh keys of the node's wallet as the servers' channel keys: the closing payment pays the wallet. */
  private ChannelKeySource walletKeys() {
    return () -> {
      try {
        return agent.walletKey();
      } catch (EnergyException e) {
        throw new ChannelException(ChannelError.CHAIN, "no fresh wallet key for the channel: " + e.getMessage(), e);
      }
    };
  }

  private void offerIfReady(ChannelServer s) {
    if (s.state() == ChannelServer.State.READY) {
      var o = s.offer(AgentBase.CHANNEL_BOARD, agent.config.pricePerKwh(), agent.config.offerTtlSeconds());
      LOG.info("{}: channel offer of {} at {}/kWh, entry {}", agent.host.name(), o.energy(), o.pricePerKwh(),
          o.entry());
    }
  }

  /** Advances every server (funding checks, the close at the safety margin, lock lapses). */
  void tick() {
    for (Served s : servers) {
      s.server().tick();
    }
  }

  /** Servers whose offer nobody took yet: they hold metering back as unsold offers do. */
  int unsold() {
    long now = agent.now();
    return (int) servers.stream().filter(s -> s.server().state() == ChannelServer.State.OFFERED
        && s.server().offer().filter(o -> o.expiry() > now).isPresent()).count();
  }

  List<ChannelInfo> infos() {
    List<ChannelInfo> out = new ArrayList<>();
    for (Served s : servers) {
      info(s).ifPresent(out::add);
    }
    return out;
  }

  private static Optional<ChannelInfo> info(Served s) {
    ChannelServer c = s.server();
    // One snapshot of the session under its monitor, so the fields agree with each other.
    synchronized (c) {
      if (c.offer().isEmpty()) {
        return Optional.empty();
      }
      ChannelServer.State st = c.state();
      Optional<org.priwatt.chain.TxId> closedBy = st == ChannelServer.State.CLOSING || st == ChannelServer.State.CLOSED
          ? c.latestPayment().map(Transaction::txId) : Optional.empty();
      // The server does not expose the funding output it checked: the client's view names it.
      return Optional.of(new ChannelInfo(s.name(), "server", c.offer().get(), c.terms(), Optional.empty(), c.view(),
          c.increments(), c.increments(), closedBy, c.failure().or(c::lastRefusal).map(Enum::name)));
    }
  }

  /** Closes the server's channel {@code name} with the latest payment. */
  Optional<ChannelInfo> close(String name) throws ChannelException {
    for (Served s : servers) {
      if (s.name().equals(name)) {
        if (s.server().state() != ChannelServer.State.OPEN) {
          throw new ChannelException(ChannelError.NOT_OPEN, "channel " + name + " is " + s.server().state());
        }
        s.server().closeChannel();
        return info(s);
      }
    }
    return Optional.empty();
  }

  /** Whether {@code name} is one of these servers. */
  boolean has(String name) {
    return servers.stream().anyMatch(s -> s.name().equals(name));
  }

  int size() {
    return servers.size();
  }

  private static String name(String file) {
    return file.substring(0, file.length() - SUFFIX.length());
  }
}
