package org.priwatt.node.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.priwatt.chain.mempool.Mempool;
import org.priwatt.chain.state.ChainState;
import org.priwatt.chain.wallet.Wallet;
import org.priwatt.node.rpc.ChainAccess;

/**
 * The RPC's view of a running node's chain: its chain state, mempool and wallet, the best header
 * a syncing node knows beyond its blocks, and the chain's size on disk. Blocks mined through
 * {@code generatetoaddress} go to the chain state like any other, so the P2P network announces
 * them; transactions sent through {@code sendrawtransaction} enter the mempool, whose listener
 * relays them.
 */
final class NodeChainAccess implements ChainAccess {
  private final ChainState chain;
  private final Mempool mempool;
  private final Wallet wallet;
  private final Path chainDir;

  /** {@code chainDir}: the chain store's directory, null for a chain in memory. */
  NodeChainAccess(ChainState chain, Mempool mempool, Wallet wallet, Path chainDir) {
    this.chain = chain;
    this.mempool = mempool;
    this.wallet = wallet;
    this.chainDir = chainDir;
  }

  @Override
  public ChainState chain() {
    return chain;
  }

  @Override
  public Mempool mempool() {
    return mempool;
  }

  @Override
  public Optional<Wallet> wallet() {
    return Optional.of(wallet);
  }

  @Override
  public int headers() {
    return chain.bestHeader().height();
  }

  @Override
  public long sizeOnDisk() {
    if (chainDir == null) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(chainDir)) {
      return files.filter(Files::isRegularFile).mapToLong(NodeChainAccess::size).sum();
    } catch (IOException | UncheckedIOException e) {
      // RocksDB replaces files while it compacts: a size is an estimate either way.
      return 0;
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0; // removed by a compaction since the walk listed it
    }
  }
}
