package org.priwatt.channels;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.priwatt.chain.Amount;
import org.priwatt.chain.wallet.Wallet;
import org.priwatt.crypto.EcKey;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.market.AuctionBoard;
import org.priwatt.energy.market.Offer;
import org.priwatt.energy.registry.EnergyInjection;
import org.priwatt.energy.registry.IssuedSecrets;
import org.priwatt.energy.regtest.RegtestWorld;
import org.priwatt.energy.trade.SessionStore;
import org.priwatt.msg.Identity;
import org.priwatt.msg.MessageNode;
import org.priwatt.script.ScriptTemplates;

/**
 * The channel tests' world: a {@link RegtestWorld} (REGTEST chain, message network, DSO) with
 * Bob's and Alice's nodes, a short policy (refund 20 blocks away, margins of 3) so deadlines come
 * in a few mined blocks, and helpers that bring a channel to a given step with honest parties, so
 * each test starts where its deviation begins.
 */
abstract class ChannelFixture {
  /** The entry sold: 10 kWh, ten increments of 1 kWh by default. */
  static final EnergyAmount TEN_KWH = EnergyAmount.ofKilowattHours(10);
  /** 10,000 sat per kWh: increments of 10,000 sat, a capacity of 100,000. */
  static final long PRICE_PER_KWH = 10_000;
  static final Amount INCREMENT = Amount.ofSat(10_000);
  static final Amount FEE = Amount.ofSat(1_000);
  static final Duration WAIT = Duration.ofSeconds(30);
  static final ChannelPolicy POLICY = new ChannelPolicy(20, 3, 2, 3, 3, 40);

  RegtestWorld world;
  MessageNode bobNode;
  MessageNode aliceNode;

  @BeforeEach
  void openWorld() throws Exception {
    world = RegtestWorld.builder().fee(FEE).build();
    bobNode = world.node("bob");
    aliceNode = world.node("alice");
  }

  @AfterEach
  void closeWorld() throws Exception {
    world.close();
  }

  /** Bob's metered entry: his owner key, his fresh messaging identity, the DSO's secrets. */
  record Seller(EcKey key, Identity msg, IssuedSecrets issued) {}

  Seller inject(EnergyAmount energy) throws Exception {
    EcKey key = EcKey.generate();
    Identity msg = world.identity();
    IssuedSecrets issued = world.registry().inject(new EnergyInjection(key.publicKey(), msg.address(), energy,
        world.now()));
    return new Seller(key, msg, issued);
  }

  ChannelServer server(Seller s, SessionStore store) throws ChannelException {
    return world.own(ChannelServer.open(world.context(bobNode), POLICY, s.msg(), s.key(), s.issued(), 0, bobKeys,
        store));
  }

  /** The channel keys {@link #bobKeys} gave Bob's servers, in order (a test checks where the close pays). */
  final java.util.List<EcKey> serverKeys = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Where Bob's servers take their channel keys: fresh random keys, recorded; a test may set its own. */
  ChannelKeySource bobKeys = () -> {
    EcKey k = EcKey.generate();
    serverKeys.add(k);
    return k;
  };

  /** A key source giving fresh keys of {@code wallet}, as a node gives its wallet's. */
  static ChannelKeySource walletKeys(Wallet wallet) {
    return () -> {
      try {
        org.priwatt.chain.wallet.KeyChain keys = wallet.keys();
        return keys.key(keys.find(wallet.freshReceiveAddress().hash160()).orElseThrow());
      } catch (org.priwatt.chain.ChainException e) {
        throw new ChannelException(ChannelError.CHAIN, "no fresh wallet key", e);
      }
    };
  }

  /** The server's offer at {@link #PRICE_PER_KWH}, as Alice's board matched it. */
  Offer offerAndMatch(ChannelServer bob, EnergyAmount energy) {
    AuctionBoard board = world.auctionBoard(aliceNode);
    bob.offer(world.boardIdentity(), PRICE_PER_KWH, 3600);
    world.await("offer on the board", () -> !board.match(energy, PRICE_PER_KWH).isEmpty(), () -> {}, WAIT);
    return board.match(energy, PRICE_PER_KWH).get(0);
  }

  /** A funded wallet for Alice. */
  Wallet aliceWallet() throws Exception {
    Wallet w = world.wallet();
    world.fund(w, Amount.ofSat(1_000_000));
    return w;
  }

  ChannelClient client(Offer offer, Wallet wallet, SessionStore store, int increments) throws ChannelException {
    EcKey key = EcKey.generate();
    ChannelClient c = world.own(ChannelClient.open(world.context(aliceNode), POLICY, world.identity(), key, offer,
        increments, world.fundingSource(wallet), store));
    clientKeys.put(c, key);
    return c;
  }

  private final java.util.Map<ChannelClient, EcKey> clientKeys = new java.util.concurrent.ConcurrentHashMap<>();

  /** The channel key {@link #client} gave Alice (a test may act with it as she could). */
  EcKey aliceKey(Channel c) {
    return clientKeys.get(c.alice());
  }

  /** An honest channel: server, client, both OPEN after the funding confirmed. */
  record Channel(Seller seller, ChannelServer bob, ChannelClient alice, Offer offer, Wallet wallet) {}

  Channel openChannel(int increments) throws Exception {
    return openChannel(increments, SessionStore.inMemory(), SessionStore.inMemory());
  }

  Channel openChannel(int increments, SessionStore bobStore, SessionStore aliceStore) throws Exception {
    Seller s = inject(TEN_KWH);
    ChannelServer bob = server(s, bobStore);
    Offer offer = offerAndMatch(bob, TEN_KWH);
    Wallet wallet = aliceWallet();
    ChannelClient alice = client(offer, wallet, aliceStore, increments);
    alice.start();
    pump("funding", () -> alice.state() == ChannelClient.State.FUNDING, bob, alice);
    world.mine(1);
    pump("open", () -> alice.state() == ChannelClient.State.OPEN && bob.state() == ChannelServer.State.OPEN, bob,
        alice);
    return new Channel(s, bob, alice, offer, wallet);
  }

  /** Pays {@code count} more increments, each waiting for its secret. */
  void payIncrements(Channel c, int count) {
    for (int k = 0; k < count; k++) {
      int before = c.alice().secrets().size();
      if (!c.alice().pay()) {
        throw new AssertionError("payment " + (before + 1) + " could not be sent in " + c.alice());
      }
      pump("secret " + (before + 1), () -> c.alice().secrets().size() == before + 1, c.bob(), c.alice());
    }
  }

  /** Waits for {@code done}, ticking both sessions between checks. */
  void pump(String what, BooleanSupplier done, ChannelServer bob, ChannelClient alice) {
    world.await(what, done, () -> {
      if (bob != null) {
        bob.tick();
      }
      if (alice != null) {
        alice.tick();
      }
    }, WAIT);
  }

  /** Mines until the ledger's tip is at {@code height}. */
  void mineTo(long height) throws Exception {
    while (world.ledger().height() < height) {
      world.mine(1);
    }
  }

  /** The confirmed unspent value paid to {@code key}'s P2PKH. */
  long paidTo(org.priwatt.crypto.EcPublicKey key) {
    return world.ledger().unspent(ScriptTemplates.p2pkhOf(key), 1).stream().mapToLong(p -> p.output().value()).sum();
  }
}
