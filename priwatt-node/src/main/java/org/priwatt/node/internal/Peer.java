package org.priwatt.node.internal;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.priwatt.chain.block.BlockHash;
import org.priwatt.msg.InventoryHash;
import org.priwatt.node.NodeError;
import org.priwatt.node.p2p.InventoryVector;
import org.priwatt.node.p2p.P2pMessage;
import org.priwatt.node.p2p.Payloads;
import org.priwatt.node.p2p.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection and everything the node knows about the peer on it: the handshake, what it
 * has (bounded inventories), its misbehaviour score, its ping, its part in the block download,
 * its queued getdata requests, and traffic counters. Protocol state is confined to the logic
 * thread; counters and the fields {@link org.priwatt.node.rpc.PeerInfo} reads are atomic or volatile.
 */
final class Peer {
  private static final Logger LOG = LoggerFactory.getLogger(Peer.class);
  /** Inventory remembered per peer (Core keeps 50,000 per peer in a rolling filter). */
  static final int KNOWN_INVENTORY = 50_000;
  /** Requested objects remembered per peer; what was not requested is not accepted. */
  static final int MAX_OBJECT_REQUESTS = 10_000;
  /** Block hashes the peer said it does not have (notfound). */
  static final int MAX_LACKS = 1_000;

  enum Kind { INBOUND, OUTBOUND, MANUAL }

  final long id;
  final Channel channel;
  final Kind kind;
  final InetSocketAddress address;
  /** The address dialled, for outbound peers (matched against manual peers); null inbound. */
  final InetSocketAddress target;
  final long connectedMillis;
  final long ourNonce;
  private final int magic;
  private final long maxSendBuffer;
  private final Traffic traffic;
  final PeerHandler handler;

  // Handshake (logic thread; the version is read by PeerInfo).
  volatile Version version;
  boolean verackReceived;
  volatile boolean established;
  volatile String closeReason;

  // Misbehaviour (logic thread; read by PeerInfo).
  volatile int score;

  // Ping (logic thread).
  long pingNonce;
  long pingSentNanos;
  long lastPingSentNanos;
  volatile long pingMicros = -1;
  volatile long minPingMicros = -1;

  // Sync (logic thread).
  volatile int bestKnownHeight = -1;
  BlockHash bestKnownHash;
  int blocksInFlight;
  int unconnectingHeaders;
  final KnownInventory<BlockHash> lacks = new KnownInventory<>(MAX_LACKS);
  boolean sentGetAddrAnswer;

  final KnownInventory<InventoryVector> known = new KnownInventory<>(KNOWN_INVENTORY);
  final KnownInventory<InventoryHash> requestedObjects = new KnownInventory<>(MAX_OBJECT_REQUESTS);
  final Deque<InventoryVector> getDataQueue = new ArrayDeque<>();

  // Back-pressure (the peer's event loop and the logic thread).
  final AtomicInteger pendingMessages = new AtomicInteger();
  final AtomicLong pendingBytes = new AtomicLong();
  volatile long unwritableSinceNanos;

  final AtomicLong bytesIn = new AtomicLong();
  final AtomicLong bytesOut = new AtomicLong();
  /** Times of the last frame sent and received, Unix milliseconds, 0 for never (getpeerinfo). */
  volatile long lastSendMillis;
  volatile long lastRecvMillis;

  Peer(long id, Channel channel, Kind kind, InetSocketAddress address, InetSocketAddress target, long nowMillis,
      long ourNonce,
      int magic, long maxSendBuffer, Traffic traffic, PeerHandler handler) {
    this.id = id;
    this.channel = channel;
    this.kind = kind;
    this.address = address;
    this.target = target;
    this.connectedMillis = nowMillis;
    this.ourNonce = ourNonce;
    this.magic = magic;
    this.maxSendBuffer = maxSendBuffer;
    this.traffic = traffic;
    this.handler = handler;
  }

  /** The name the message node knows this peer by. */
  String name() {
    return "peer" + id;
  }

  boolean inbound() {
    return kind == Kind.INBOUND;
  }

  /** Whether the peer asked for transactions (its version's relay flag). */
  boolean relaysTransactions() {
    Version v = version;
    return v != null && v.relay();
  }

  /**
   * Frames and queues {@code message}. A peer whose unsent bytes already exceed the send bound
   * does not read what it asked for: it is disconnected rather than buffered for.
   */
  void send(P2pMessage message) {
    if (!channel.isActive()) {
      return;
    }
    if (channel.bytesBeforeWritable() > maxSendBuffer) {
      close(NodeError.SLOW_READER, channel.bytesBeforeWritable() + " bytes unsent");
      return;
    }
    byte[] frame = Payloads.frame(magic, message);
    bytesOut.addAndGet(frame.length);
    lastSendMillis = System.currentTimeMillis();
    traffic.sent(message.command().wireName(), frame.length);
    channel.writeAndFlush(Unpooled.wrappedBuffer(frame), channel.voidPromise());
  }

  /** Closes the connection, recording why. */
  void close(NodeError reason, String detail) {
    if (closeReason == null) {
      closeReason = reason + ": " + detail;
      LOG.debug("closing {} ({}): {} {}", name(), address, reason, detail);
    }
    channel.close();
  }

  /** Closes the connection because the operator asked to (no fault of the peer). */
  void disconnect(String why) {
    if (closeReason == null) {
      closeReason = why;
    }
    channel.close();
  }

  @Override
  public String toString() {
    return name() + "(" + address + ", " + kind + ")";
  }
}
