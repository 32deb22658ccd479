package org.priwatt.node.role.internal;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.priwatt.chain.Amount;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.mempool.FeeRate;
import org.priwatt.chain.mining.Miner;
import org.priwatt.chain.params.ChainParameters;
import org.priwatt.chain.wallet.PaymentBuilder;
import org.priwatt.channels.ChannelError;
import org.priwatt.channels.ChannelException;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.EnergyError;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.EntryId;
import org.priwatt.energy.ledger.FundingSource;
import org.priwatt.energy.ledger.WalletFundingSource;
import org.priwatt.energy.market.Offer;
import org.priwatt.energy.trade.ConsumerSession;
import org.priwatt.energy.trade.SealedFileSessionStore;
import org.priwatt.energy.trade.TradeContext;
import org.priwatt.msg.Identity;
import org.priwatt.node.role.Role;
import org.priwatt.node.role.RoleConfig;
import org.priwatt.node.rpc.ChannelAccess.ChannelInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer (Alice) on a node: reads the auction board (offers certified by the configured
 * DSO key), matches the cheapest offer of at least {@link RoleConfig#demand()} at no more than
 * {@link RoleConfig#maxPricePerKwh()} within what is left of the budget (Algorithm 1 MATCH), and
 * buys it with a {@link ConsumerSession} paying from the node's wallet into the 2-of-3 escrow; one
 * purchase at a time, each entry tried once. On regtest, a wallet short of the budget is funded
 * once by mining 101 blocks to it (coinbase maturity), if {@link RoleConfig#fundByMining()}. Its
 * payment channels ({@link ClientChannels}, Case 2) open on offers of the channel board when asked
 * over RPC, or by themselves with {@link RoleConfig#channels()}, which then replaces the escrow.
 */
final class ConsumerAgent extends PartyAgent {
  private static final Logger LOG = LoggerFactory.getLogger(ConsumerAgent.class);
  private static final String PREFIX = "buyer-";
  private static final FeeRate FEE_RATE = FeeRate.ofSatPerKb(2_000);
  static final long SYNCED_TIP_AGE = 120;
  static final long SYNC_GRACE = 30;
  static final int FUNDING_ATTEMPTS = 5;
  /** Kept free beside an offer's price and escrow fee for the funding transaction's own fee. */
  private static final long FUNDING_MARGIN = 10_000;

  private final FundingSource funds;
  private final ClientChannels channels;
  private final List<ConsumerSession> sessions = new CopyOnWriteArrayList<>();
  private final Set<EntryId> tried = new HashSet<>();
  private ConsumerSession active;
  private final long started = now();
  private boolean funded;
  private int fundingAttempts;

  private ConsumerAgent(RoleHost host, RoleConfig config, RoleFiles files, SecureRandom random)
      throws EnergyException {
    super(host, config, files, random);
    this.funds = WalletFundingSource.of(host.wallet(), FEE_RATE);
    this.channels = new ClientChannels(this, funds);
  }

  static ConsumerAgent start(RoleHost host, RoleConfig config, RoleFiles files, SecureRandom random)
      throws EnergyException {
    ConsumerAgent a = new ConsumerAgent(host, config, files, random);
    a.startTicking();
    LOG.info("{}: consumer with a budget of {} sat for at least {} at up to {}/kWh", host.name(),
        config.budget().sat(), config.demand(), config.maxPricePerKwh());
    return a;
  }

  @Override
  void resume(TradeContext ctx) throws EnergyException {
    channels.resume(ctx, channelPolicy());
    for (String file : files.sessions(PREFIX)) {
      SealedFileSessionStore store = own(files.store(file));
      ConsumerSession s = own(ConsumerSession.resume(ctx, store, funds));
      sessions.add(s);
      tried.add(s.offer().entry());
      board.markProcessed(s.offer().entry());
      if (!isFinal(s.state().name())) {
        active = s;
      }
    }
    if (!sessions.isEmpty()) {
      LOG.info("{}: resumed {} purchase sessions", host.name(), sessions.size());
    }
  }

  @Override
  void step(TradeContext ctx) throws EnergyException {
    fundIfShort();
    for (ConsumerSession s : sessions) {
      s.tick();
    }
    try {
      channels.tick(ctx, channelPolicy(), config.channels(), config.demand(), config.maxPricePerKwh(),
          config.budget().sat() - spent() - channels.committed());
    } catch (ChannelException e) {
      LOG.warn("{}: channel: {}", host.name(), e.getMessage());
    }
    if (config.channels()) {
      // Case 2 only: the channel board is the market, nothing is bought by escrow.
      return;
    }
    if (active != null) {
      if (!isFinal(active.state().name())) {
        return;
      }
      LOG.info("{}: purchase of entry {} ended {}{}", host.name(), active.offer().entry(), active.state(),
          active.failure().map(f -> " (" + f + ")").orElse(""));
      active = null;
    }
    long left = config.budget().sat() - spent() - channels.committed();
    long spendable = host.wallet().balance().confirmed().sat();
    for (Offer o : board.match(config.demand(), config.maxPricePerKwh())) {
      long cost = o.totalPrice().sat() + config.fee().sat();
      if (!tried.contains(o.entry()) && cost <= left && cost + FUNDING_MARGIN <= spendable) {
        buy(ctx, o);
        return;
      }
    }
  }

  private void buy(TradeContext ctx, Offer o) throws EnergyException {
    tried.add(o.entry());
    board.markProcessed(o.entry());
    String file = String.format(Locale.ROOT, "%s%06d.session", PREFIX, sessions.size());
    Identity msg = Identity.random(random, 1, Identity.DEFAULT_LEADING_ZEROS).withPow(host.pow());
    SealedFileSessionStore store = own(files.store(file));
    ConsumerSession s = own(ConsumerSession.open(ctx, msg, walletKey(), o, funds, store));
    sessions.add(s);
    active = s;
    s.start();
    LOG.info("{}: buying {} for {} sat, entry {}", host.name(), o.energy(), o.totalPrice().sat(), o.entry());
  }

  /** What the purchases that did not fail cost (or will cost). */
  private long spent() {
    return sessions.stream().filter(s -> !s.state().name().equals("FAILED"))
        .mapToLong(s -> s.offer().totalPrice().sat()).sum();
  }

  /**
   * On regtest, mines the coins the budget needs to the wallet: once the chain looks synced (all
   * known headers connected and a tip younger than {@value #SYNCED_TIP_AGE} s, or the agent has
   * waited {@value #SYNC_GRACE} s for a peer's chain), so the blocks extend the network's chain
   * rather than a stale start. A failed attempt is retried, at most {@value #FUNDING_ATTEMPTS} times.
   */
  private void fundIfShort() throws EnergyException {
    if (funded || fundingAttempts >= FUNDING_ATTEMPTS || !config.fundByMining()
        || !host.network().id().equals(ChainParameters.REGTEST.id())) {
      return;
    }
    if (host.wallet().balance().total().sat() >= config.budget().sat() + config.fee().sat()) {
      funded = true;
      return;
    }
    long tipAge = now() - host.chain().tip().header().time();
    boolean synced = host.chain().bestHeader().height() == host.chain().height()
        && (tipAge < SYNCED_TIP_AGE || now() - started > SYNC_GRACE);
    if (!synced) {
      return;
    }
    fundingAttempts++;
    int blocks = host.network().coinbaseMaturity() + 1;
    try (Miner miner = Miner.create(host.chain(), host.mempool(),
        PaymentBuilder.scriptFor(host.wallet().freshReceiveAddress()), 1, this::now)) {
      miner.mine(blocks);
      funded = true;
      LOG.info("{}: mined {} blocks to fund the wallet", host.name(), blocks);
    } catch (ChainException e) {
      throw new EnergyException(EnergyError.CHAIN, "cannot mine the funding coins: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EnergyException(EnergyError.CHAIN, "interrupted while mining the funding coins", e);
    }
  }

  @Override
  public List<Trade> trades() {
    List<Trade> out = new ArrayList<>();
    for (ConsumerSession s : sessions) {
      Offer o = s.offer();
      out.add(new Trade(o.entry(), "buyer", s.state().name(), o.energy(), java.util.Optional.of(o.totalPrice()),
          s.failure().map(Enum::name)));
    }
    return out;
  }

  @Override
  public List<Offer> channelOffers() {
    return channels.offers();
  }

  @Override
  public List<ChannelInfo> channels() {
    return channels.infos();
  }

  @Override
  public ChannelInfo openChannel(String offer, int increments) throws ChannelException {
    TradeContext ctx = context().orElseThrow(() -> new ChannelException(ChannelError.NOT_OPEN,
        "the DSO was not found yet"));
    return channels.open(ctx, channelPolicy(), offer, increments);
  }

  @Override
  public ChannelInfo pay(String name, int count) throws ChannelException {
    return channels.pay(name, count).orElseThrow(() -> new IllegalArgumentException("no channel " + name));
  }

  @Override
  public ChannelInfo close(String name) throws ChannelException {
    return channels.close(name).orElseThrow(() -> new IllegalArgumentException("no channel " + name));
  }

  @Override
  public Role role() {
    return Role.CONSUMER;
  }

  @Override
  public Map<String, Object> summary() {
    Map<String, Object> s = baseSummary();
    long owned = sessions.stream().filter(x -> x.owned().isPresent())
        .mapToLong(x -> x.owned().get().energy().milliwattHours()).sum();
    owned += channels.ownedMilliwattHours();
    s.put("ownedWh", EnergyAmount.ofMilliwattHours(owned).wholeWattHours());
    s.put("channels", channels.size());
    s.put("spent", spent());
    s.put("balance", host.wallet().balance().total().sat());
    return s;
  }
}
