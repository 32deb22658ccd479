package org.priwatt.energy.registry;

import java.util.Objects;
import org.priwatt.chain.Amount;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.energy.ChannelId;
import org.priwatt.script.ChannelScript;
import org.priwatt.script.Script;

/**
 * The lock of an entry's parts to one payment channel (Case 2): the channel's output (server and
 * client keys, refund height), the capacity the client must fund, and the two bounds of the lock.
 * Until the lock expires only the channel's client can claim a part, with the part's ownership
 * secret (released by the seller per paid increment) and her signature; after it, parts nobody
 * claimed are their owner's again. The lock expires at the first of:
 *
 * <ul>
 *   <li>the chain passing {@link #expiryHeight()} (set by the seller to cover the refund height
 *       and a margin for the client's last claims);</li>
 *   <li>the DSO's clock passing {@link #fundingDeadline()} while no confirmed output of at least
 *       the capacity pays the channel's script, so a client who opens a channel and never funds it
 *       cannot hold the seller's energy until the expiry height.</li>
 * </ul>
 *
 * Immutable.
 *
 * @param channel the channel's id
 * @param script the channel's output script (server key, client key, refund height)
 * @param capacity the least the funding output must pay into the channel
 * @param lockedAt the DSO's clock when the lock was granted
 * @param fundingDeadline the DSO's clock by which a confirmed funding output must exist
 * @param expiryHeight the last block height at which the lock holds
 */
public record PartLock(ChannelId channel, ChannelScript script, Amount capacity, long lockedAt, long fundingDeadline,
    long expiryHeight) {
  /**
   * Validates the fields.
   *
   * @throws IllegalArgumentException if the capacity is not positive, the deadline precedes the
   *     lock time, or the expiry height is not above the refund height
   */
  public PartLock {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(script, "script");
    Objects.requireNonNull(capacity, "capacity");
    if (capacity.sat() <= 0) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    if (lockedAt < 0 || fundingDeadline < lockedAt) {
      throw new IllegalArgumentException("funding deadline before the lock time");
    }
    if (expiryHeight <= script.refundHeight() || expiryHeight >= ChannelScript.LOCKTIME_THRESHOLD) {
      throw new IllegalArgumentException("expiry height must be above the refund height");
    }
  }

  /** The channel's client key (pubKeyA): the only key that can claim a part. */
  public EcPublicKey client() {
    return script.client();
  }

  /** The P2SH output the client funds. */
  public Script scriptPubKey() {
    return script.scriptPubKey();
  }

  /**
   * Whether the lock has expired at DSO time {@code now} and chain height {@code height}, given
   * whether a confirmed funding output exists.
   */
  public boolean isExpired(long now, long height, boolean funded) {
    return height > expiryHeight || now > fundingDeadline && !funded;
  }
}
