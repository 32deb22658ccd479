package org.priwatt.chain.wallet;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.priwatt.chain.Amount;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TxInput;
import org.priwatt.chain.TxOutput;
import org.priwatt.script.ScriptTemplates;

/**
 * Derives the wallet's unspent outputs and balance from its {@link TxStore}: an output is the
 * wallet's if it pays a {@link KeyChain} key or a watched script, and unspent if no live (pending
 * or confirmed) stored transaction spends it. Holds no state of its own; thread-safe as its
 * parts.
 */
public final class CoinTracker {
  private final TxStore store;
  private final KeyChain keys;
  private final ScriptWatchList watched;

  /** Creates a tracker over the given parts. */
  public CoinTracker(TxStore store, KeyChain keys, ScriptWatchList watched) {
    this.store = Objects.requireNonNull(store, "store");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.watched = Objects.requireNonNull(watched, "watched");
  }

  /** Whether {@code tx} pays the wallet or spends one of its outputs. */
  public boolean isRelevant(Transaction tx) {
    for (TxOutput out : tx.outputs()) {
      if (keys.isMine(out.scriptPubKey()) || watched.isWatched(out.scriptPubKey())) {
        return true;
      }
    }
    for (TxInput in : tx.inputs()) {
      Optional<WalletTransaction> prev = store.get(in.outPoint().txId());
      if (prev.isPresent() && in.outPoint().index() < prev.get().transaction().outputs().size()
          && isOurs(prev.get().transaction().output((int) in.outPoint().index()))) {
        return true;
      }
    }
    return false;
  }

  private boolean isOurs(TxOutput out) {
    return keys.isMine(out.scriptPubKey()) || watched.isWatched(out.scriptPubKey());
  }

  /** Every unspent output paying a wallet key or a watched script. */
  public List<Utxo> unspent() {
    List<WalletTransaction> all = store.all();
    Set<OutPoint> spent = new HashSet<>();
    for (WalletTransaction w : all) {
      if (w.isLive()) {
        w.transaction().inputs().forEach(in -> spent.add(in.outPoint()));
      }
    }
    List<Utxo> out = new ArrayList<>();
    for (WalletTransaction w : all) {
      if (!w.isLive()) {
        continue;
      }
      Transaction tx = w.transaction();
      for (int i = 0; i < tx.outputs().size(); i++) {
        OutPoint op = OutPoint.of(tx.txId(), i);
        TxOutput o = tx.output(i);
        if (spent.contains(op) || !isOurs(o)) {
          continue;
        }
        KeyChain.KeyRef ref = ScriptTemplates.p2pkhHash(o.scriptPubKey())
            .flatMap(keys::find).orElse(null);
        out.add(new Utxo(op, o, w.height(), tx.isCoinbase(), ref));
      }
    }
    return out;
  }

  /**
   * Outputs coin selection may spend at tip height {@code tipHeight}: confirmed key outputs
   * (coinbase ones once mature for the next block) and change of the wallet's own pending
   * transactions, which only this wallet could double-spend.
   */
  public List<Utxo> spendable(int tipHeight, int coinbaseMaturity) {
    List<Utxo> out = new ArrayList<>();
    for (Utxo u : unspent()) {
      if (u.key() == null || isImmature(u, tipHeight, coinbaseMaturity)) {
        continue;
      }
      if (u.height() != WalletTransaction.UNCONFIRMED || isOwnChange(u)) {
        out.add(u);
      }
    }
    return out;
  }

  private boolean isOwnChange(Utxo u) {
    return u.key().purpose() == KeyChain.Purpose.CHANGE;
  }

  private static boolean isImmature(Utxo u, int tipHeight, int maturity) {
    return u.coinbase() && (u.height() == WalletTransaction.UNCONFIRMED
        || tipHeight + 1 - u.height() < maturity);
  }

  /** The balance at tip height {@code tipHeight}. */
  public Balance balance(int tipHeight, int coinbaseMaturity) {
    Amount confirmed = Amount.ZERO;
    Amount unconfirmed = Amount.ZERO;
    Amount immature = Amount.ZERO;
    Amount watchedSum = Amount.ZERO;
    for (Utxo u : unspent()) {
      if (u.key() == null) {
        watchedSum = watchedSum.plus(u.value());
      } else if (isImmature(u, tipHeight, coinbaseMaturity)) {
        immature = immature.plus(u.value());
      } else if (u.height() == WalletTransaction.UNCONFIRMED) {
        unconfirmed = unconfirmed.plus(u.value());
      } else {
        confirmed = confirmed.plus(u.value());
      }
    }
    return new Balance(confirmed, unconfirmed, immature, watchedSum);
  }
}
