package org.priwatt.node.rpc;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A snapshot of the node's metrics: monotonic counters (messages relayed, blocks validated),
 * gauges (peers, pool size) and timing summaries (propagation delay, validation time), each by
 * a dotted name such as {@code p2p.blocks.relayed}. Maps are sorted by name for stable output.
 *
 * @param counters counts since start
 * @param gauges current values
 * @param timings duration summaries
 */
public record NodeMetrics(SortedMap<String, Long> counters, SortedMap<String, Double> gauges,
    SortedMap<String, Timing> timings) {

  /** Copies the maps into unmodifiable sorted ones. */
  public NodeMetrics {
    counters = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(counters));
    gauges = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(gauges));
    timings = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(timings));
  }

  /** Metrics from plain maps. */
  public static NodeMetrics of(Map<String, Long> counters, Map<String, Double> gauges, Map<String, Timing> timings) {
    return new NodeMetrics(new TreeMap<>(counters), new TreeMap<>(gauges), new TreeMap<>(timings));
  }

  /**
   * A summary of measured durations in milliseconds.
   *
   * @param count how many were measured
   * @param medianMs the median
   * @param p90Ms the 90th percentile
   * @param maxMs the largest
   */
  public record Timing(long count, double medianMs, double p90Ms, double maxMs) {
    /** Nothing measured. */
    public static final Timing NONE = new Timing(0, 0, 0, 0);

    /**
     * Checks the count is not negative.
     *
     * @throws IllegalArgumentException if it is
     */
    public Timing {
      if (count < 0) {
        throw new IllegalArgumentException("negative count");
      }
    }
  }

  /** The counter {@code name}, 0 if nothing was counted under it. */
  public long counter(String name) {
    return counters.getOrDefault(name, 0L);
  }

  /** The timing {@code name}, {@link Timing#NONE} if nothing was measured under it. */
  public Timing timing(String name) {
    return timings.getOrDefault(name, Timing.NONE);
  }

  @Override
  public String toString() {
    return "NodeMetrics[" + counters.size() + " counters, " + gauges.size() + " gauges, " + timings.size()
        + " timings]";
  }

}
