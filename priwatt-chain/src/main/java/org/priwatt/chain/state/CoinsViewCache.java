package org.priwatt.chain.state;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.priwatt.chain.Coin;
import org.priwatt.chain.OutPoint;

/**
 * A scratch layer of coin changes over a base {@link CoinsView} (Core's {@code
 * CCoinsViewCache}): reads fall through to the base unless the outpoint was added or spent
 * here. Block connection and disconnection write into one, and only a fully validated result is
 * flushed to the store; discarding the layer undoes everything. Not thread-safe.
 */
final class CoinsViewCache implements CoinsView {
  private final CoinsView base;
  /** Final state per touched outpoint: present = unspent here, empty = spent here. */
  private final Map<OutPoint, Optional<Coin>> changes = new LinkedHashMap<>();

  private CoinsViewCache(CoinsView base) {
    this.base = base;
  }

  /** Returns an empty layer over {@code base}. */
  static CoinsViewCache over(CoinsView base) {
    return new CoinsViewCache(Objects.requireNonNull(base, "base"));
  }

  @Override
  public Optional<Coin> coin(OutPoint outPoint) {
    Optional<Coin> c = changes.get(outPoint);
    return c != null ? c : base.coin(outPoint);
  }

  /** Makes {@code coin} unspent at {@code outPoint}, replacing whatever was there. */
  public void addCoin(OutPoint outPoint, Coin coin) {
    changes.put(Objects.requireNonNull(outPoint, "outPoint"), Optional.of(coin));
  }

  /** Spends {@code outPoint} and returns the coin it held, or empty if it held none. */
  public Optional<Coin> spendCoin(OutPoint outPoint) {
    Optional<Coin> c = coin(outPoint);
    if (c.isPresent()) {
      changes.put(outPoint, Optional.empty());
    }
    return c;
  }

  /** The final state of every outpoint touched, in first-touch order; unmodifiable view. */
  public Map<OutPoint, Optional<Coin>> changes() {
    return Collections.unmodifiableMap(changes);
  }
}
