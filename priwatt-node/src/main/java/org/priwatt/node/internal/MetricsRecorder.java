package org.priwatt.node.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.priwatt.node.p2p.Command;
import org.priwatt.node.rpc.NodeMetrics;

/**
 * Counts what {@link NodeMetrics} reports of the P2P network: per-command traffic ({@code
 * p2p.bytes.received.<command>}, {@code p2p.messages.sent.<command>}...), relays ({@code
 * p2p.blocks.relayed}...) and timings ({@code p2p.block.propagation}, {@code
 * p2p.block.validation}, {@code p2p.transaction.validation}). Thread-safe: every thread of the
 * node records here.
 */
final class MetricsRecorder implements Traffic {
  private final Map<String, LongAdder> bytesIn = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> bytesOut = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> messagesIn = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> messagesOut = new ConcurrentHashMap<>();
  final LongAdder blocksRelayed = new LongAdder();
  final LongAdder transactionsRelayed = new LongAdder();
  final LongAdder objectsRelayed = new LongAdder();
  final Timer blockPropagation = new Timer();
  final Timer blockValidation = new Timer();
  final Timer transactionValidation = new Timer();

  @Override
  public void sent(String command, int bytes) {
    String key = known(command);
    bytesOut.computeIfAbsent(key, k -> new LongAdder()).add(bytes);
    messagesOut.computeIfAbsent(key, k -> new LongAdder()).increment();
  }

  @Override
  public void received(String command, int bytes) {
    // Unknown command names come from the peer: one bucket for all, so a peer cannot grow the map.
    String key = known(command);
    bytesIn.computeIfAbsent(key, k -> new LongAdder()).add(bytes);
    messagesIn.computeIfAbsent(key, k -> new LongAdder()).increment();
  }

  private static String known(String command) {
    return Command.byWireName(command).isPresent() ? command : "other";
  }

  /** The counters and timings now, with {@code gauges} (the caller's current values) added. */
  NodeMetrics snapshot(Map<String, Double> gauges) {
    Map<String, Long> counters = new HashMap<>();
    sums("p2p.bytes.received.", bytesIn, counters);
    sums("p2p.bytes.sent.", bytesOut, counters);
    sums("p2p.messages.received.", messagesIn, counters);
    sums("p2p.messages.sent.", messagesOut, counters);
    counters.put("p2p.blocks.relayed", blocksRelayed.sum());
    counters.put("p2p.transactions.relayed", transactionsRelayed.sum());
    counters.put("p2p.objects.relayed", objectsRelayed.sum());
    return NodeMetrics.of(counters, gauges, Map.of("p2p.block.propagation", blockPropagation.snapshot(),
        "p2p.block.validation", blockValidation.snapshot(),
        "p2p.transaction.validation", transactionValidation.snapshot()));
  }

  private static void sums(String prefix, Map<String, LongAdder> m, Map<String, Long> out) {
    m.forEach((k, v) -> out.put(prefix + k, v.sum()));
  }

  /** Durations: count, max and the latest 1,024 samples for the median and the 90th percentile. */
  static final class Timer {
    private static final int WINDOW = 1024;
    private final long[] recent = new long[WINDOW];
    private long count;
    private long max;

    synchronized void record(long nanos) {
      recent[(int) (count % WINDOW)] = nanos;
      count++;
      max = Math.max(max, nanos);
    }

    synchronized NodeMetrics.Timing snapshot() {
      if (count == 0) {
        return NodeMetrics.Timing.NONE;
      }
      long[] window = Arrays.copyOf(recent, (int) Math.min(count, WINDOW));
      Arrays.sort(window);
      double median = window.length % 2 == 1 ? window[window.length / 2]
          : (window[window.length / 2 - 1] + window[window.length / 2]) / 2.0;
      long p90 = window[Math.min(window.length - 1, (int) Math.ceil(window.length * 0.9) - 1)];
      return new NodeMetrics.Timing(count, median / 1e6, p90 / 1e6, max / 1e6);
    }
  }
}
