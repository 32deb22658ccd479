package org.priwatt.node.role.internal;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.wallet.KeyChain;
import org.priwatt.channels.ChannelPolicy;
import org.priwatt.crypto.Address;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.energy.EnergyError;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.ledger.ChainPaymentLedger;
import org.priwatt.energy.market.AuctionBoard;
import org.priwatt.energy.market.Offer;
import org.priwatt.energy.trade.TradeContext;
import org.priwatt.msg.BitmessageAddress;
import org.priwatt.msg.PublicIdentity;
import org.priwatt.node.role.RoleConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a prosumer and a consumer agent share: the ledger over the node's chain and mempool, the
 * auction board read with the configured DSO key, and the DSO's public messaging identity, looked
 * up from its address with a getpubkey (Bitmessage's way; the address is the hash of the keys, so
 * the answer is authentic) and asked again every {@value #LOOKUP_RETRY_SECONDS} s until it comes.
 * Only then is the {@link TradeContext} built and the saved sessions resumed.
 */
abstract class PartyAgent extends AgentBase {
  private static final Logger LOG = LoggerFactory.getLogger(PartyAgent.class);
  static final long LOOKUP_RETRY_SECONDS = 20;

  final ChainPaymentLedger ledger;
  final AuctionBoard board;
  private final BitmessageAddress dso;
  private final EcPublicKey dsoKey;
  private CompletableFuture<PublicIdentity> lookup;
  private long lookupStarted;
  private volatile TradeContext ctx;

  PartyAgent(RoleHost host, RoleConfig config, RoleFiles files, SecureRandom random) throws EnergyException {
    super(host, config, files, random);
    this.dso = config.dso().orElseThrow();
    this.dsoKey = config.dsoKey().orElseThrow();
    try {
      this.ledger = own(ChainPaymentLedger.attach(host.chain(), host.mempool()));
    } catch (ChainException e) {
      throw new EnergyException(EnergyError.CHAIN, "cannot follow the chain: " + e.getMessage(), e);
    }
    this.board = AuctionBoard.attach(host.messages(), BOARD, ledger, dsoKey, this::now);
  }

  @Override
  final void tick() throws EnergyException {
    if (ctx == null) {
      PublicIdentity found = lookUp();
      if (found == null) {
        return;
      }
      ctx = new TradeContext(host.messages(), ledger, found, dsoKey, config.confirmations(), config.fee(),
          config.tradeTimeout().toSeconds(), this::now, random);
      LOG.info("{}: found the DSO {}", host.name(), dso);
      resume(ctx);
    }
    step(ctx);
  }

  private PublicIdentity lookUp() {
    if (lookup != null && lookup.isDone()) {
      try {
        return lookup.get();
      } catch (ExecutionException e) {
        LOG.debug("{}: DSO lookup failed: {}", host.name(), e.getCause().toString());
        lookup = null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
    if (lookup == null || now() - lookupStarted >= LOOKUP_RETRY_SECONDS) {
      if (lookup != null) {
        lookup.cancel(false);
      }
      lookupStarted = now();
      lookup = host.messages().requestPubkey(dso, 3600);
    }
    return null;
  }

  /**
   * A fresh receive key of the node's wallet: the per-session txAddrB the paper asks for, and
   * whatever an escrow pays a party (the release to the seller, a refund or settlement share)
   * lands in the node's wallet, which sees and spends it.
   */
  final EcKey walletKey() throws EnergyException {
    try {
      Address a = host.wallet().freshReceiveAddress();
      KeyChain keys = host.wallet().keys();
      return keys.key(keys.find(a.hash160()).orElseThrow(() -> new IllegalStateException("fresh address not in "
          + "the wallet's key chain")));
    } catch (ChainException e) {
      throw new EnergyException(EnergyError.CHAIN, "no fresh wallet key: " + e.getMessage(), e);
    }
  }

  /**
   * The wallet's private key of {@code owner} (an entry's owner: a generation session's
   * transaction key came from {@link #walletKey()}).
   *
   * @throws EnergyException if the wallet does not hold it
   */
  final EcKey walletKeyOf(EcPublicKey owner) throws EnergyException {
    try {
      KeyChain keys = host.wallet().keys();
      var ref = keys.find(owner.withCompression(true).hash160());
      if (ref.isEmpty()) {
        throw new EnergyException(EnergyError.CHAIN, "the wallet holds no key of the entry's owner");
      }
      return keys.key(ref.get());
    } catch (ChainException e) {
      throw new EnergyException(EnergyError.CHAIN, "the owner's key: " + e.getMessage(), e);
    }
  }

  /** The trade context once the DSO was found (RPC calls read it from their own threads). */
  final java.util.Optional<TradeContext> context() {
    return java.util.Optional.ofNullable(ctx);
  }

  /**
   * The channel policy of this node: the chain's ({@link ChannelPolicy#forChain}) with the
   * configured refund delay, if any.
   */
  final ChannelPolicy channelPolicy() {
    ChannelPolicy p = ChannelPolicy.forChain(host.network());
    return config.channelRefundDelayBlocks() == 0 ? p : p.withRefundDelay(config.channelRefundDelayBlocks());
  }

  /** Whether the DSO was found and the sessions resumed. */
  final boolean ready() {
    return ctx != null;
  }

  /** Resumes the sessions saved in the data directory. */
  abstract void resume(TradeContext ctx) throws EnergyException;

  /** Advances the sessions and starts new ones. */
  abstract void step(TradeContext ctx) throws EnergyException;

  @Override
  public final BitmessageAddress dsoAddress() {
    return dso;
  }

  @Override
  public final EcPublicKey dsoKey() {
    return dsoKey;
  }

  @Override
  public final List<Offer> offers() {
    return live(board);
  }

  /** The summary fields every party has. */
  final Map<String, Object> baseSummary() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("role", role().id());
    s.put("dso", dso.toString());
    s.put("dsoFound", ready());
    s.put("offers", offers().size());
    List<Trade> trades = trades();
    s.put("trades", trades.size());
    s.put("open", trades.stream().filter(t -> !isFinal(t.state())).count());
    s.put("completed", trades.stream().filter(t -> isDone(t.state())).count());
    s.put("failed", trades.stream().filter(t -> t.state().equals("FAILED")).count());
    Map<String, Integer> states = new java.util.TreeMap<>();
    trades.forEach(t -> states.merge(t.state(), 1, Integer::sum));
    s.put("states", states);
    return s;
  }

  /** Whether a session state's name is a successful end. */
  static boolean isDone(String state) {
    return state.equals("OWNER") || state.equals("SETTLED");
  }

  static boolean isFinal(String state) {
    return isDone(state) || state.equals("FAILED");
  }
}
