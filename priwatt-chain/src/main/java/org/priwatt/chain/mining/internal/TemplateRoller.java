package org.priwatt.chain.mining.internal;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.priwatt.chain.block.BlockHeader;
import org.priwatt.crypto.Sha256Hash;

/**
 * Supplies a fresh header template when a {@link NonceSearcher} has tried every nonce of the
 * current one, as Bitcoin miners roll the time or the coinbase extra nonce (which changes the
 * Merkle root).
 *
 * <p>Called from the searcher's coordinator thread, one call at a time.
 */
@FunctionalInterface
public interface TemplateRoller {
  /**
   * Returns the next template to search, or empty to end the search without a result.
   *
   * @param exhausted the template whose whole nonce range failed
   */
  Optional<BlockHeader> next(BlockHeader exhausted);

  /** Gives up once the first template's nonces are exhausted. */
  static TemplateRoller giveUp() {
    return exhausted -> Optional.empty();
  }

  /**
   * Advances the time by one second per exhausted template, up to {@code maxTime} (callers pass
   * their clock plus the two-hour future limit so the result stays valid).
   */
  static TemplateRoller rollTime(long maxTime) {
    return exhausted -> exhausted.time() < Math.min(maxTime, BlockHeader.MAX_TIME)
        ? Optional.of(exhausted.withTime(exhausted.time() + 1))
        : Optional.empty();
  }

  /**
   * Rolls Bitcoin's extra nonce: for each exhausted template, increments a counter starting at
   * {@code firstExtraNonce} and asks {@code merkleRootFor} for the Merkle root of the block whose
   * coinbase carries that extra nonce; the time is left unchanged. {@code merkleRootFor} may
   * return null to end the search (for example when the counter reaches its field's limit).
   *
   * @param firstExtraNonce the extra nonce of the first rolled template
   * @param merkleRootFor builds the Merkle root for an extra nonce
   */
  static TemplateRoller rollExtraNonce(long firstExtraNonce, LongFunction<Sha256Hash> merkleRootFor) {
    Objects.requireNonNull(merkleRootFor, "merkleRootFor");
    AtomicLong extraNonce = new AtomicLong(firstExtraNonce);
    return exhausted -> Optional.ofNullable(merkleRootFor.apply(extraNonce.getAndIncrement()))
        .map(exhausted::withMerkleRoot);
  }
}
