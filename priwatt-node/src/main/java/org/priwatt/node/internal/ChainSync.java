package org.priwatt.node.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.block.BlockError;
import org.priwatt.chain.block.BlockHash;
import org.priwatt.chain.block.BlockHeader;
import org.priwatt.chain.state.BlockAcceptance;
import org.priwatt.chain.state.BlockIndexEntry;
import org.priwatt.chain.state.ChainListener;
import org.priwatt.chain.state.ChainState;
import org.priwatt.node.NodeError;
import org.priwatt.node.p2p.BlockMessage;
import org.priwatt.node.p2p.GetHeaders;
import org.priwatt.node.p2p.Headers;
import org.priwatt.node.p2p.InventoryMessage;
import org.priwatt.node.p2p.InventoryVector;
import org.priwatt.node.p2p.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Headers-first sync and block relay (paper §5.1). A peer's headers are validated into the
 * chain state's index first ({@link ChainState#acceptHeaders}); blocks of the best header chain
 * are then requested across peers in a bounded window ({@value #WINDOW} blocks above the tip, at
 * most {@value #MAX_IN_FLIGHT_PER_PEER} in flight per peer), and a request older than the stall
 * timeout is taken from its peer, which is disconnected, and given to another. A block is
 * announced by inv to every peer that does not know it only after the chain state connected it;
 * peers fetch what they lack with getheaders and getdata. Logic thread only.
 */
final class ChainSync implements ChainListener {
  private static final Logger LOG = LoggerFactory.getLogger(ChainSync.class);
  /** Blocks above the tip that may be downloaded at once (Core's {@code BLOCK_DOWNLOAD_WINDOW}). */
  static final int WINDOW = 1024;
  /** Blocks in flight per peer (Core's {@code MAX_BLOCKS_IN_TRANSIT_PER_PEER}). */
  static final int MAX_IN_FLIGHT_PER_PEER = 16;
  /** Unconnecting headers messages tolerated before each +20 (Core's {@code MAX_NUM_UNCONNECTING_HEADERS_MSGS}). */
  static final int MAX_UNCONNECTING_HEADERS = 10;
  /** First-seen times kept for the propagation metric. */
  private static final int MAX_FIRST_SEEN = 10_000;

  private final P2pNetwork net;
  private final ChainState chain;
  private final MetricsRecorder metrics;
  private final Map<BlockHash, Request> inFlight = new HashMap<>();
  private final Map<BlockHash, Long> firstSeen = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<BlockHash, Long> eldest) {
      return size() > MAX_FIRST_SEEN;
    }
  };

  private record Request(Peer peer, long sentNanos) {}

  ChainSync(P2pNetwork net, ChainState chain, MetricsRecorder metrics) {
    this.net = net;
    this.chain = chain;
    this.metrics = metrics;
  }

  // ------------------------------------------------------------------ headers

  void onEstablished(Peer peer) {
    requestHeaders(peer, BlockHash.ZERO);
  }

  private void requestHeaders(Peer peer, BlockHash stop) {
    peer.send(new GetHeaders(Version.PROTOCOL_VERSION, chain.locator(chain.bestHeader().hash()), stop));
  }

  void onGetHeaders(Peer peer, GetHeaders g) {
    peer.send(new Headers(chain.headersAfter(g.locator(), g.stop(), Headers.MAX_HEADERS)));
  }

  void onHeaders(Peer peer, Headers message) {
    List<BlockHeader> headers = message.headers();
    if (headers.isEmpty()) {
      return;
    }
    for (int i = 1; i < headers.size(); i++) {
      if (!headers.get(i).prevBlock().equals(headers.get(i - 1).hash())) {
        net.misbehave(peer, 20, NodeError.PROTOCOL_VIOLATION, "non-continuous headers");
        return;
      }
    }
    if (chain.entry(headers.get(0).prevBlock()).isEmpty()) {
      // Headers we cannot connect: ask from our best header; a peer that keeps sending them
      // accumulates score (Core's unconnecting headers rule).
      peer.unconnectingHeaders++;
      requestHeaders(peer, BlockHash.ZERO);
      if (peer.unconnectingHeaders % MAX_UNCONNECTING_HEADERS == 0) {
        net.misbehave(peer, 20, NodeError.PROTOCOL_VIOLATION, peer.unconnectingHeaders + " unconnecting headers messages");
      }
      return;
    }
    peer.unconnectingHeaders = 0;
    long now = System.nanoTime();
    for (BlockHeader h : headers) {
      firstSeen.putIfAbsent(h.hash(), now);
    }
    BlockIndexEntry last;
    try {
      last = chain.acceptHeaders(headers);
    } catch (ChainException e) {
      punish(peer, e, "header");
      return;
    }
    noteBest(peer, last);
    if (headers.size() == Headers.MAX_HEADERS) {
      peer.send(new GetHeaders(Version.PROTOCOL_VERSION, chain.locator(last.hash()), BlockHash.ZERO));
    }
    scheduleDownloads();
  }

  private static void noteBest(Peer peer, BlockIndexEntry e) {
    if (e.height() > peer.bestKnownHeight) {
      peer.bestKnownHeight = e.height();
      peer.bestKnownHash = e.hash();
    }
  }

  // ------------------------------------------------------------------ inventory

  void onInv(Peer peer, List<BlockHash> blocks) {
    BlockHash unknown = null;
    for (BlockHash h : blocks) {
      Optional<BlockIndexEntry> e = chain.entry(h);
      if (e.isPresent()) {
        noteBest(peer, e.get());
      } else {
        unknown = h;
      }
    }
    if (unknown != null) {
      // Headers first: learn how the announced block connects before asking for it.
      firstSeen.putIfAbsent(unknown, System.nanoTime());
      requestHeaders(peer, unknown);
    } else {
      scheduleDownloads();
    }
  }

  void onNotFound(Peer peer, List<BlockHash> blocks) {
    for (BlockHash h : blocks) {
      Request r = inFlight.get(h);
      if (r != null && r.peer == peer) {
        inFlight.remove(h);
        peer.blocksInFlight--;
      }
      peer.lacks.add(h);
    }
    scheduleDownloads();
  }

  /** Sends a stored block to {@code peer}; false if it is not stored (or is invalid). */
  boolean serveBlock(Peer peer, BlockHash hash) {
    try {
      if (chain.isInvalid(hash)) {
        return false;
      }
      Optional<Block> b = chain.block(hash);
      if (b.isEmpty()) {
        return false;
      }
      peer.known.add(InventoryVector.block(hash));
      peer.send(new BlockMessage(b.get()));
      return true;
    } catch (ChainException e) {
      LOG.warn("{}: cannot read block {}: {}", net.config().name(), hash, e.getMessage());
      return false;
    }
  }

  // ------------------------------------------------------------------ blocks

  void onBlock(Peer peer, Block block) {
    BlockHash hash = block.hash();
    Request r = inFlight.get(hash);
    if (r != null && r.peer == peer) {
      inFlight.remove(hash);
      peer.blocksInFlight--;
    }
    peer.known.add(InventoryVector.block(hash));
    firstSeen.putIfAbsent(hash, System.nanoTime());
    long start = System.nanoTime();
    BlockAcceptance result;
    try {
      result = chain.submitBlock(block);
    } catch (ChainException e) {
      punish(peer, e, "block");
      scheduleDownloads();
      return;
    } finally {
      metrics.blockValidation.record(System.nanoTime() - start);
    }
    chain.entry(hash).ifPresent(e -> noteBest(peer, e));
    if (result == BlockAcceptance.ORPHAN) {
      requestHeaders(peer, hash);
    }
    scheduleDownloads();
  }

  /**
   * Scores a peer for a header or block the chain state refused: 100 (a ban) for anything
   * provably invalid, nothing for what an honest peer may send (a block too far in the future
   * by our clock, an unknown parent); a store failure is ours, not the peer's.
   */
  private void punish(Peer peer, ChainException e, String what) {
    if (!(e.failure() instanceof BlockError error)) {
      LOG.error("{}: chain state failed on a {} from {}: {}", net.config().name(), what, peer, e.getMessage());
      return;
    }
    switch (error) {
      case TIME_TOO_NEW, PREV_BLOCK_NOT_FOUND -> LOG.debug("{}: {} from {} not accepted: {}", net.config().name(),
          what, peer, e.getMessage());
      default -> net.misbehave(peer, P2pNetwork.BAN_SCORE, NodeError.MISBEHAVING, "invalid " + what + ": "
          + error.reason() + " (" + e.getMessage() + ")");
    }
  }

  /** Requests missing blocks of the best header chain from peers that have them. */
  void scheduleDownloads() {
    List<Peer> peers = net.established();
    if (peers.isEmpty()) {
      return;
    }
    int capacity = 0;
    for (Peer p : peers) {
      capacity += Math.max(0, MAX_IN_FLIGHT_PER_PEER - p.blocksInFlight);
    }
    if (capacity == 0) {
      return;
    }
    List<BlockIndexEntry> missing = chain.blocksToDownload(WINDOW, capacity + inFlight.size());
    if (missing.isEmpty()) {
      return;
    }
    peers.sort(Comparator.comparingInt(p -> p.blocksInFlight));
    Map<Peer, List<InventoryVector>> requests = new HashMap<>();
    long now = System.nanoTime();
    for (BlockIndexEntry e : missing) {
      if (inFlight.containsKey(e.hash())) {
        continue;
      }
      for (Peer p : peers) {
        if (p.blocksInFlight < MAX_IN_FLIGHT_PER_PEER && p.bestKnownHeight >= e.height() && !p.lacks.contains(e.hash())) {
          inFlight.put(e.hash(), new Request(p, now));
          p.blocksInFlight++;
          requests.computeIfAbsent(p, k -> new ArrayList<>()).add(InventoryVector.block(e.hash()));
          break;
        }
      }
    }
    requests.forEach((p, v) -> p.send(InventoryMessage.getData(v)));
  }

  void tick(long nowNanos) {
    long stall = net.config().stallTimeout().toNanos();
    boolean reassigned = false;
    for (Iterator<Map.Entry<BlockHash, Request>> it = inFlight.entrySet().iterator(); it.hasNext();) {
      Request r = it.next().getValue();
      if (nowNanos - r.sentNanos > stall) {
        it.remove();
        r.peer.blocksInFlight--;
        r.peer.close(NodeError.STALLED, "block not delivered within " + net.config().stallTimeout());
        reassigned = true;
      }
    }
    if (reassigned || !inFlight.isEmpty() || !chain.bestHeader().hash().equals(chain.tip().hash())) {
      scheduleDownloads();
    }
  }

  void onClose(Peer peer) {
    inFlight.values().removeIf(r -> r.peer == peer);
    peer.blocksInFlight = 0;
    scheduleDownloads();
  }

  // ------------------------------------------------------------------ relay

  /** From the chain state, on whichever thread connected the block. */
  @Override
  public void blockConnected(Block block, int height) {
    long connected = System.nanoTime();
    net.execute(() -> {
      Long seen = firstSeen.remove(block.hash());
      if (seen != null) {
        metrics.blockPropagation.record(connected - seen);
      }
      announce(block.hash());
    });
  }

  /**
   * Announces the tip (only the tip: blocks connected during a sync or a reorganisation reach
   * peers through their getheaders). Not made to wait until the tip is the best header: a peer
   * can send headers of a better chain and never its blocks, and a node waiting for them would
   * keep every block it mines or receives meanwhile to itself until the stall timeout, or for
   * as long as such peers keep coming.
   */
  private void announce(BlockHash hash) {
    if (!chain.tip().hash().equals(hash)) {
      return;
    }
    InventoryVector v = InventoryVector.block(hash);
    boolean any = false;
    for (Peer p : net.established()) {
      if (p.known.add(v)) {
        p.send(InventoryMessage.inv(List.of(v)));
        any = true;
      }
    }
    if (any) {
      metrics.blocksRelayed.increment();
    }
  }
}
