package org.priwatt.chain.wallet;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.priwatt.chain.Amount;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxInput;
import org.priwatt.chain.TxOutput;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.mempool.AcceptResult;
import org.priwatt.chain.mempool.ChainTip;
import org.priwatt.chain.mempool.FeeRate;
import org.priwatt.chain.mempool.Mempool;
import org.priwatt.chain.mempool.MempoolEntry;
import org.priwatt.chain.mempool.MempoolListener;
import org.priwatt.chain.state.ChainListener;
import org.priwatt.crypto.Address;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptTemplates;

/**
 * The wallet facade: joins the {@link KeyChain}, {@link TxStore}, {@link ScriptWatchList},
 * {@link CoinTracker}, {@link PaymentBuilder} and {@link FeeEstimator} and keeps the store in
 * step with the memory pool (it is a {@link MempoolListener}) and the chain (it is a {@link
 * ChainListener}; register it with the chain state).
 * Every role lives in its own class; this one only routes.
 *
 * <p>Thread-safe: events and payments are serialised on the wallet's monitor.
 */
public final class Wallet implements MempoolListener, ChainListener {
  private final KeyChain keys;
  private final TxStore store;
  private final ScriptWatchList watched;
  private final CoinTracker coins;
  private final PaymentBuilder payments;
  private final FeeEstimator fees;
  private final ChainTip tip;
  private final Mempool pool;
  private final List<WalletListener> listeners = new CopyOnWriteArrayList<>();

  private Wallet(KeyChain keys, TxStore store, ScriptWatchList watched, CoinSelector selector,
      FeeEstimator fees, ChainTip tip, Mempool pool) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.store = Objects.requireNonNull(store, "store");
    this.watched = Objects.requireNonNull(watched, "watched");
    this.fees = Objects.requireNonNull(fees, "fees");
    this.tip = Objects.requireNonNull(tip, "tip");
    this.pool = Objects.requireNonNull(pool, "pool");
    this.coins = new CoinTracker(store, keys, watched);
    this.payments = new PaymentBuilder(keys, selector, pool.policy().dustRelayFee());
  }

  /**
   * A wallet over {@code keys} with an in-memory store, the standard coin selector and fees
   * estimated from {@code pool} (blocks of {@code blockBytes}). Registers itself as a listener
   * of {@code pool}.
   */
  public static Wallet create(KeyChain keys, ChainTip tip, Mempool pool, int blockBytes) {
    return create(keys, TxStore.inMemory(), new ScriptWatchList(), CoinSelector.standard(),
        FeeEstimator.fromMempool(pool, blockBytes), tip, pool);
  }

  /** A wallet from explicit parts (e.g. loaded by {@link WalletFile}); registers with the pool. */
  public static Wallet create(KeyChain keys, TxStore store, ScriptWatchList watched,
      CoinSelector selector, FeeEstimator fees, ChainTip tip, Mempool pool) {
    Wallet w = new Wallet(keys, store, watched, selector, fees, tip, pool);
    pool.addListener(w);
    return w;
  }

  /** The key chain. */
  public KeyChain keys() {
    return keys;
  }

  /** The transaction store. */
  public TxStore store() {
    return store;
  }

  /** The watched escrow scripts. */
  public ScriptWatchList watchList() {
    return watched;
  }

  /**
   * A receive address never handed out before (one per trade, paper R17/R18).
   *
   * @throws ChainException {@link WalletError#KEY_DERIVATION} (negligible probability)
   */
  public Address freshReceiveAddress() throws ChainException {
    return keys.freshAddress(KeyChain.Purpose.RECEIVE);
  }

  /** The balance at the current tip. */
  public synchronized Balance balance() {
    return coins.balance(tip.height(), tip.coinbaseMaturity());
  }

  /** The coins a payment may spend now. */
  public synchronized List<Utxo> spendableCoins() {
    return coins.spendable(tip.height(), tip.coinbaseMaturity());
  }

  /**
   * Builds and signs a payment of {@code amount} to {@code to} at the estimated fee rate for the
   * next block, without broadcasting it or recording it.
   *
   * @throws ChainException {@link WalletError#WRONG_NETWORK} if {@code to} is an address of
   *     another network than the wallet's, otherwise as {@link PaymentBuilder#pay(Address,
   *     Amount, List, FeeRate)}
   */
  public synchronized Transaction createPayment(Address to, Amount amount)
      throws ChainException {
    return createPayment(to, amount, fees.estimate(1));
  }

  /** As {@link #createPayment(Address, Amount)} at an explicit fee rate. */
  public synchronized Transaction createPayment(Address to, Amount amount, FeeRate feeRate)
      throws ChainException {
    return payments.pay(to, amount, spendableCoins(), feeRate);
  }

  /**
   * Builds and signs a transaction paying {@code outputs} (in that order; change, if any, goes to
   * a fresh change address after them) at {@code feeRate}, without broadcasting or recording it:
   * for payments that are more than one address and an amount, such as an escrow funding with
   * its commitment output.
   *
   * @throws ChainException as {@link PaymentBuilder#pay(List, List, FeeRate)}
   */
  public synchronized Transaction createPayment(List<TxOutput> outputs, FeeRate feeRate) throws ChainException {
    return payments.pay(outputs, spendableCoins(), feeRate);
  }

  /**
   * Pays {@code amount} to {@code to}: builds, signs and offers the transaction to the pool,
   * recording it as pending once accepted.
   *
   * @throws ChainException {@link WalletError#REJECTED} with the pool's reject string if the
   *     pool refuses it, otherwise as {@link #createPayment(Address, Amount)}
   */
  public synchronized Transaction send(Address to, Amount amount) throws ChainException {
    Transaction tx = createPayment(to, amount);
    AcceptResult r = pool.accept(tx); // our listener records it as pending on acceptance
    if (!r.isAccepted()) {
      throw new ChainException(WalletError.REJECTED, r.toString());
    }
    return tx;
  }

  /**
   * Watches the P2SH output of an escrow {@code redeemScript}, so payments into it are recorded
   * and count as watched balance.
   *
   * @return the escrow's address
   */
  public Address watchEscrow(Script redeemScript) {
    watched.watch(redeemScript);
    return payments.escrowAddress(redeemScript);
  }

  /**
   * Adds this wallet's signature to an escrow spend.
   *
   * @throws ChainException as {@link PaymentBuilder#signMultisig}
   */
  public Transaction signEscrowInput(Transaction tx, int inputIndex, Script redeemScript)
      throws ChainException {
    return payments.signMultisig(tx, inputIndex, redeemScript);
  }

  /** Records a relevant pooled transaction as pending. */
  @Override
  public void transactionAdded(MempoolEntry entry) {
    List<Runnable> events = new ArrayList<>();
    synchronized (this) {
      Transaction tx = entry.transaction();
      if (store.get(tx.txId()).isEmpty() && coins.isRelevant(tx)) {
        WalletTransaction w = WalletTransaction.pending(tx);
        store.put(w);
        markKeysUsed(tx);
        events.add(() -> fire(l -> l.incoming(w)));
      }
    }
    events.forEach(Runnable::run);
  }

  /**
   * Records the relevant transactions of a block connected at {@code height} as confirmed and
   * marks pending ones it double-spends as dead.
   */
  public void blockConnected(List<Transaction> blockTransactions, int height) {
    List<Runnable> events = new ArrayList<>();
    synchronized (this) {
      Set<OutPoint> spentByBlock = new HashSet<>();
      for (Transaction tx : blockTransactions) {
        if (!tx.isCoinbase()) {
          tx.inputs().forEach(in -> spentByBlock.add(in.outPoint()));
        }
        boolean known = store.get(tx.txId()).isPresent();
        if (known || coins.isRelevant(tx)) {
          WalletTransaction w = WalletTransaction.confirmed(tx, height);
          store.put(w);
          markKeysUsed(tx);
          if (!known) {
            events.add(() -> fire(l -> l.incoming(w)));
          }
          events.add(() -> fire(l -> l.confirmed(w)));
        }
      }
      for (WalletTransaction w : store.all()) {
        if (w.status() == WalletTransaction.Status.PENDING && spendsAny(w, spentByBlock)) {
          WalletTransaction dead = w.with(WalletTransaction.Status.DEAD,
              WalletTransaction.UNCONFIRMED);
          store.put(dead);
          events.add(() -> fire(l -> l.dead(dead)));
        }
      }
    }
    events.forEach(Runnable::run);
  }

  /**
   * Returns the relevant transactions of a block disconnected from {@code height} to pending,
   * and revives dead ones (their conflict may have left with the block; a later block kills
   * them again if not).
   */
  public void blockDisconnected(List<Transaction> blockTransactions, int height) {
    List<Runnable> events = new ArrayList<>();
    synchronized (this) {
      for (Transaction tx : blockTransactions) {
        store.get(tx.txId()).filter(w -> w.height() == height).ifPresent(w -> {
          WalletTransaction back = w.with(WalletTransaction.Status.PENDING,
              WalletTransaction.UNCONFIRMED);
          store.put(back);
          events.add(() -> fire(l -> l.reorganized(back)));
        });
      }
      for (WalletTransaction w : store.all()) {
        if (w.status() == WalletTransaction.Status.DEAD) {
          store.put(w.with(WalletTransaction.Status.PENDING, WalletTransaction.UNCONFIRMED));
        }
      }
    }
    events.forEach(Runnable::run);
  }

  @Override
  public void blockConnected(Block block, int height) {
    blockConnected(block.transactions(), height);
  }

  @Override
  public void blockDisconnected(Block block, int height) {
    blockDisconnected(block.transactions(), height);
  }

  private static boolean spendsAny(WalletTransaction w, Set<OutPoint> outPoints) {
    for (TxInput in : w.transaction().inputs()) {
      if (outPoints.contains(in.outPoint())) {
        return true;
      }
    }
    return false;
  }

  /** Keys in the lookahead that receive funds count as issued from now on. */
  private void markKeysUsed(Transaction tx) {
    for (TxOutput out : tx.outputs()) {
      ScriptTemplates.p2pkhHash(out.scriptPubKey()).flatMap(keys::find)
          .ifPresent(keys::markUsed);
    }
  }

  /** Registers {@code listener}. */
  public void addListener(WalletListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Unregisters {@code listener}. */
  public void removeListener(WalletListener listener) {
    listeners.remove(listener);
  }

  private void fire(Consumer<WalletListener> event) {
    listeners.forEach(event);
  }

  @Override
  public String toString() {
    return "Wallet{" + keys + ", transactions=" + store.all().size() + "}";
  }
}
