package org.priwatt.node.internal;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.priwatt.node.NodeMetrics;
import org.priwatt.node.p2p.Command;

/** Counts what {@link NodeMetrics} reports. Thread-safe: every thread of the node records here. */
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

  NodeMetrics snapshot(int peers, int inbound, int outbound) {
    return new NodeMetrics(peers, inbound, outbound, sums(bytesIn), sums(bytesOut), sums(messagesIn),
        sums(messagesOut), blocksRelayed.sum(), transactionsRelayed.sum(), objectsRelayed.sum(),
        blockPropagation.snapshot(), blockValidation.snapshot(), transactionValidation.snapshot());
  }

  private static Map<String, Long> sums(Map<String, LongAdder> m) {
    Map<String, Long> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  /** Durations: count, sum, max and the latest 1,024 samples for the median. */
  static final class Timer {
    private static final int WINDOW = 1024;
    private final long[] recent = new long[WINDOW];
    private long count;
    private long sum;
    private long max;

    synchronized void record(long nanos) {
      recent[(int) (count % WINDOW)] = nanos;
      count++;
      sum += nanos;
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
      return new NodeMetrics.Timing(count, sum / (double) count / 1e6, median / 1e6, max / 1e6);
    }
  }
}
