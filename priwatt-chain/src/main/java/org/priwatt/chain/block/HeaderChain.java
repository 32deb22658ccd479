package org.priwatt.chain.block;

/**
 * Read access to one branch of a header chain, from the point of view of its tip: what difficulty
 * retargeting, median-time-past and contextual header checks need from the chain state.
 *
 * <p>Implementations may be sparse: callers ask only for the tip, the previous 10 headers
 * (median time past), the first header of the current retarget window ({@code tip - interval +
 * 1}) and, on minimum-difficulty networks, headers walking back to the last window boundary.
 */
public interface HeaderChain {
  /** Returns the tip's height (genesis is 0). */
  int tipHeight();

  /**
   * Returns the header at {@code height} on this branch.
   *
   * @throws IllegalArgumentException if {@code height} is outside {@code 0..tipHeight()} or not
   *     available in a sparse view
   */
  BlockHeader headerAt(int height);

  /** Returns the tip header. */
  default BlockHeader tip() {
    return headerAt(tipHeight());
  }
}
