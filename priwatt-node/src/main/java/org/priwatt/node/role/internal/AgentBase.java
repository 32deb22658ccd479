package org.priwatt.node.role.internal;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.priwatt.chain.Amount;
import org.priwatt.channels.ChannelError;
import org.priwatt.channels.ChannelException;
import org.priwatt.energy.EnergyError;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.EntryId;
import org.priwatt.energy.market.AuctionBoard;
import org.priwatt.energy.market.Offer;
import org.priwatt.msg.Identity;
import org.priwatt.node.role.RoleAgent;
import org.priwatt.node.role.RoleConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every role agent shares: the node's parts, the role's files, randomness and clock, and one
 * daemon thread that advances the agent every {@link RoleConfig#tick()}; everything an agent does
 * after its start happens on that thread or on the message node's threads (each session guards
 * its own state). Closing stops the thread, then the subclass's parts, then the files.
 */
abstract class AgentBase implements RoleAgent {
  private static final Logger LOG = LoggerFactory.getLogger(AgentBase.class);
  /** The public auction board every party reads and posts to. */
  static final Identity BOARD = AuctionBoard.boardIdentity(AuctionBoard.DEFAULT_BOARD);
  /**
   * The board of channel offers (Case 2): apart from the Case 1 board, since an offer does not
   * say how it is sold and a Case 1 buyer must not answer a channel server.
   */
  static final Identity CHANNEL_BOARD = AuctionBoard.boardIdentity("PriWatt channel board v1");

  final RoleHost host;
  final RoleConfig config;
  final RoleFiles files;
  final SecureRandom random;
  private final List<AutoCloseable> parts = new ArrayList<>();
  private ScheduledExecutorService ticker;
  private boolean closed;

  AgentBase(RoleHost host, RoleConfig config, RoleFiles files, SecureRandom random) {
    this.host = host;
    this.config = config;
    this.files = files;
    this.random = random;
  }

  /** Unix seconds. */
  final long now() {
    return System.currentTimeMillis() / 1000;
  }

  /** Closes {@code part} when the agent stops (in reverse order of registration). */
  final <T extends AutoCloseable> T own(T part) {
    synchronized (parts) {
      parts.add(part);
    }
    return part;
  }

  /** Starts the ticking thread. */
  final void startTicking() {
    ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "priwatt-" + host.name() + "-" + config.role().id());
      t.setDaemon(true);
      return t;
    });
    long every = config.tick().toMillis();
    ticker.scheduleWithFixedDelay(this::safeTick, every, every, TimeUnit.MILLISECONDS);
  }

  private void safeTick() {
    try {
      tick();
    } catch (EnergyException e) {
      LOG.warn("{}: {} agent: {}", host.name(), config.role().id(), e.getMessage());
    } catch (RuntimeException e) {
      // A bug in one tick must not end the agent (a scheduled task that throws never runs again):
      // reported with its stack trace, and the next tick tries again.
      LOG.error("{}: {} agent tick failed", host.name(), config.role().id(), e);
    }
  }

  /** One step: advance the sessions, start new ones. Runs on the agent's thread. */
  abstract void tick() throws EnergyException;

  /** The live offers on {@code board}, cheapest first. */
  static List<Offer> live(AuctionBoard board) {
    return board.match(org.priwatt.energy.EnergyAmount.ofMilliwattHours(1), Long.MAX_VALUE);
  }

  @Override
  public Offer createOffer(EntryId entry, Amount pricePerKwh, long ttlSeconds) throws EnergyException {
    throw new EnergyException(EnergyError.OUT_OF_RANGE, "a " + config.role().id() + " node owns no entry to offer");
  }

  @Override
  public List<Offer> channelOffers() {
    return List.of();
  }

  @Override
  public List<ChannelInfo> channels() {
    return List.of();
  }

  @Override
  public ChannelInfo openChannel(String offer, int increments) throws ChannelException {
    throw new ChannelException(ChannelError.NOT_OPEN, "a " + config.role().id() + " node opens no channels; a "
        + "consumer does");
  }

  @Override
  public ChannelInfo pay(String name, int count) throws ChannelException {
    throw new IllegalArgumentException("no channel " + name);
  }

  @Override
  public ChannelInfo close(String name) throws ChannelException {
    throw new IllegalArgumentException("no channel " + name);
  }

  @Override
  public final void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    if (ticker != null) {
      ticker.shutdown();
      try {
        if (!ticker.awaitTermination(10, TimeUnit.SECONDS)) {
          ticker.shutdownNow();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    List<AutoCloseable> toClose;
    synchronized (parts) {
      toClose = new ArrayList<>(parts);
    }
    for (int i = toClose.size() - 1; i >= 0; i--) {
      try {
        toClose.get(i).close();
      } catch (Exception e) {
        // Each part is closed whatever the others do (AutoCloseable declares Exception): reported, go on.
        LOG.warn("{}: closing {} failed: {}", host.name(), toClose.get(i), e.toString());
      }
    }
    files.close();
  }
}
