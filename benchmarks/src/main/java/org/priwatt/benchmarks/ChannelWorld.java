package org.priwatt.benchmarks;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.priwatt.chain.Amount;
import org.priwatt.chain.wallet.Wallet;
import org.priwatt.channels.ChannelClient;
import org.priwatt.channels.ChannelPolicy;
import org.priwatt.channels.ChannelServer;
import org.priwatt.crypto.EcKey;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.market.AuctionBoard;
import org.priwatt.energy.market.Offer;
import org.priwatt.energy.registry.EnergyInjection;
import org.priwatt.energy.registry.IssuedSecrets;
import org.priwatt.energy.regtest.RegtestWorld;
import org.priwatt.energy.trade.SessionStore;
import org.priwatt.msg.Identity;
import org.priwatt.msg.MessageNode;
import org.priwatt.msg.PowParameters;

/**
 * A Case 2 channel on a {@link RegtestWorld} for the channel benchmarks, through the public API:
 * a server with a fresh entry, its offer matched on the board, a client who opens, funds (one
 * block) and is ready to pay; stores chosen by the caller. Waits poll every 50 µs with a bound.
 */
final class ChannelWorld implements AutoCloseable {
  static final ChannelPolicy POLICY = new ChannelPolicy(100, 3, 2, 3, 3, 200);
  static final long PRICE_PER_KWH = 10_000;
  private static final Duration WAIT = Duration.ofSeconds(120);

  final RegtestWorld world;
  private final MessageNode bobNode;
  private final MessageNode aliceNode;
  private final Wallet wallet;

  ChannelWorld(PowParameters pow) throws Exception {
    world = RegtestWorld.builder().pow(pow).build();
    bobNode = world.node("bob");
    aliceNode = world.node("alice");
    wallet = world.wallet();
    world.fund(wallet, Amount.ofSat(50_000_000));
  }

  /** An open channel of {@code increments} increments of 1 kWh each. */
  record Open(ChannelServer server, ChannelClient client) {}

  Open open(int increments, SessionStore serverStore, SessionStore clientStore) throws Exception {
    EnergyAmount energy = EnergyAmount.ofKilowattHours(increments);
    EcKey key = EcKey.generate();
    Identity msg = world.identity();
    IssuedSecrets issued = world.registry().inject(new EnergyInjection(key.publicKey(), msg.address(), energy,
        world.now()));
    ChannelServer server = ChannelServer.open(world.context(bobNode), POLICY, msg, key, issued, 0, EcKey::generate,
        serverStore);
    AuctionBoard board = world.auctionBoard(aliceNode);
    Offer posted = server.offer(world.boardIdentity(), PRICE_PER_KWH, 3600);
    await(() -> board.match(energy, PRICE_PER_KWH).stream().anyMatch(o -> o.entry().equals(posted.entry())),
        null, null);
    Offer offer = board.match(energy, PRICE_PER_KWH).stream().filter(o -> o.entry().equals(posted.entry()))
        .findFirst().orElseThrow();
    ChannelClient client = ChannelClient.open(world.context(aliceNode), POLICY, world.identity(), EcKey.generate(),
        offer, increments, world.fundingSource(wallet), clientStore);
    client.start();
    await(() -> client.state() == ChannelClient.State.FUNDING, server, client);
    world.mine(1);
    await(() -> client.state() == ChannelClient.State.OPEN && server.state() == ChannelServer.State.OPEN, server,
        client);
    return new Open(server, client);
  }

  /** Pays the next increment and waits for its secret. */
  void increment(Open c) {
    int n = c.client().secrets().size() + 1;
    if (!c.client().pay()) {
      throw new IllegalStateException("cannot pay increment " + n + ": " + c.client());
    }
    await(() -> c.client().secrets().size() == n, null, null);
  }

  /** Polls {@code done}, ticking the sessions given, every 50 µs for at most two minutes. */
  void await(BooleanSupplier done, ChannelServer server, ChannelClient client) {
    long end = System.nanoTime() + WAIT.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new IllegalStateException("timed out: " + server + ", " + client);
      }
      Optional.ofNullable(server).ifPresent(ChannelServer::tick);
      Optional.ofNullable(client).ifPresent(ChannelClient::tick);
      LockSupport.parkNanos(50_000);
    }
  }

  @Override
  public void close() throws Exception {
    world.close();
  }

  /** A store that keeps the last snapshot in memory and remembers the largest one saved. */
  static final class Capturing implements SessionStore {
    private final SessionStore inner = SessionStore.inMemory();
    volatile byte[] largest = new byte[0];

    @Override
    public void save(byte[] snapshot) throws EnergyException {
      inner.save(snapshot);
      if (snapshot.length > largest.length) {
        largest = snapshot.clone();
      }
    }

    @Override
    public Optional<byte[]> load() throws EnergyException {
      return inner.load();
    }
  }
}
