package org.priwatt.node.role.internal;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.priwatt.chain.mempool.Mempool;
import org.priwatt.chain.params.ChainParameters;
import org.priwatt.chain.state.ChainState;
import org.priwatt.chain.wallet.Wallet;
import org.priwatt.msg.MessageNode;
import org.priwatt.msg.PowParameters;

/**
 * The parts of a running node a role agent uses: its chain, mempool, wallet and message node,
 * where its files go, and the proof of work its identities demand. Built by the node's runtime.
 * The passphrase seals the role's keys and sessions; never in {@link #toString()}.
 */
public final class RoleHost {
  private final String name;
  private final ChainParameters network;
  private final Path dataDir;
  private final ChainState chain;
  private final Mempool mempool;
  private final Wallet wallet;
  private final MessageNode messages;
  private final PowParameters pow;
  private final String passphrase;

  /**
   * The parts; {@code dataDir} null for a node in memory (the role keeps its files in a
   * temporary directory removed when it stops).
   */
  public RoleHost(String name, ChainParameters network, Path dataDir, ChainState chain, Mempool mempool, Wallet wallet,
      MessageNode messages, PowParameters pow, String passphrase) {
    this.name = Objects.requireNonNull(name, "name");
    this.network = Objects.requireNonNull(network, "network");
    this.dataDir = dataDir;
    this.chain = Objects.requireNonNull(chain, "chain");
    this.mempool = Objects.requireNonNull(mempool, "mempool");
    this.wallet = Objects.requireNonNull(wallet, "wallet");
    this.messages = Objects.requireNonNull(messages, "messages");
    this.pow = Objects.requireNonNull(pow, "pow");
    this.passphrase = Objects.requireNonNull(passphrase, "passphrase");
  }

  String name() {
    return name;
  }

  ChainParameters network() {
    return network;
  }

  Optional<Path> dataDir() {
    return Optional.ofNullable(dataDir);
  }

  ChainState chain() {
    return chain;
  }

  Mempool mempool() {
    return mempool;
  }

  Wallet wallet() {
    return wallet;
  }

  MessageNode messages() {
    return messages;
  }

  PowParameters pow() {
    return pow;
  }

  String passphrase() {
    return passphrase;
  }

  @Override
  public String toString() {
    return "RoleHost{" + name + "}";
  }
}
