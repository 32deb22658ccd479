package org.priwatt.node;

import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of what the node has done since it started: connections, traffic per command, what
 * it relayed, and how long blocks took to reach it and to validate. Immutable; {@link
 * Node#metrics()} takes a new one each time.
 *
 * @param peers connected peers (handshake complete or not)
 * @param inbound of which inbound
 * @param outbound of which outbound (manual ones included)
 * @param bytesReceived bytes received per command, frame headers included ("other" for unknown commands)
 * @param bytesSent bytes sent per command
 * @param messagesReceived messages received per command
 * @param messagesSent messages sent per command
 * @param blocksRelayed blocks announced to peers after validation (one per block, not per peer)
 * @param transactionsRelayed transactions announced after the mempool accepted them
 * @param objectsRelayed message objects announced to peers
 * @param blockPropagation time from the first header (or block) of a block seen to its connection
 * @param blockValidation time {@code ChainState.submitBlock} took for blocks from peers
 * @param transactionValidation time {@code Mempool.accept} took for transactions from peers
 */
public record NodeMetrics(int peers, int inbound, int outbound, Map<String, Long> bytesReceived,
    Map<String, Long> bytesSent, Map<String, Long> messagesReceived, Map<String, Long> messagesSent,
    long blocksRelayed, long transactionsRelayed, long objectsRelayed, Timing blockPropagation,
    Timing blockValidation, Timing transactionValidation) {

  /** Copies the maps. */
  public NodeMetrics {
    bytesReceived = Map.copyOf(bytesReceived);
    bytesSent = Map.copyOf(bytesSent);
    messagesReceived = Map.copyOf(messagesReceived);
    messagesSent = Map.copyOf(messagesSent);
    Objects.requireNonNull(blockPropagation, "blockPropagation");
    Objects.requireNonNull(blockValidation, "blockValidation");
    Objects.requireNonNull(transactionValidation, "transactionValidation");
  }

  /**
   * Durations of one kind: how many, and their mean, median (of the latest 1,024) and maximum.
   *
   * @param count samples since start
   * @param meanMillis mean, milliseconds (0 without samples)
   * @param medianMillis median of the latest 1,024 samples, milliseconds
   * @param maxMillis largest, milliseconds
   */
  public record Timing(long count, double meanMillis, double medianMillis, double maxMillis) {
    /** No samples. */
    public static final Timing NONE = new Timing(0, 0, 0, 0);
  }
}
