package org.priwatt.energy.regtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.priwatt.chain.Amount;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.params.ChainParameters;
import org.priwatt.chain.OutPoint;
import org.priwatt.chain.Transaction;
import org.priwatt.chain.TransactionSigner;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.mempool.ChainStateBridge;
import org.priwatt.chain.mempool.FeeRate;
import org.priwatt.chain.mempool.Mempool;
import org.priwatt.chain.mempool.MempoolPolicy;
import org.priwatt.chain.mining.Miner;
import org.priwatt.chain.state.ChainState;
import org.priwatt.chain.store.MemoryChainStore;
import org.priwatt.chain.wallet.KeyChain;
import org.priwatt.chain.wallet.Wallet;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.SecretBytes;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.ledger.ChainPaymentLedger;
import org.priwatt.energy.ledger.FundingSource;
import org.priwatt.energy.ledger.Payment;
import org.priwatt.energy.ledger.WalletFundingSource;
import org.priwatt.energy.market.AuctionBoard;
import org.priwatt.energy.registry.DisputePolicy;
import org.priwatt.energy.registry.DsoRegistry;
import org.priwatt.energy.registry.DsoService;
import org.priwatt.energy.trade.TradeContext;
import org.priwatt.msg.Identity;
import org.priwatt.msg.MessageNetwork;
import org.priwatt.msg.MessageNode;
import org.priwatt.msg.ObjectRules;
import org.priwatt.msg.PowParameters;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptTemplates;

/**
 * A whole PriWatt world in one process, in a few lines: a REGTEST chain in memory with its
 * mempool, a miner paying a faucet key (101 blocks mined at the start, so the faucet can pay), the
 * {@link ChainPaymentLedger} over both, an in-process messaging network with a hub every party
 * node connects to, and the DSO's registry (write-ahead log in a temporary directory) and service.
 * A clock that the caller can move forward lets timeouts and lock expiries happen in a test.
 *
 * <pre>{@code
 * try (RegtestWorld world = RegtestWorld.builder().build()) {
 *   MessageNode alice = world.node("alice");
 *   Wallet wallet = world.wallet();
 *   world.fund(wallet, Amount.ofSat(200_000));
 *   ConsumerSession buy = ConsumerSession.open(world.context(alice), world.identity(), EcKey.generate(),
 *       offer, world.fundingSource(wallet), SessionStore.inMemory());
 * }
 * }</pre>
 *
 * <p>The composition root of the demo, the energy tests, the benchmarks, channels and the
 * simulator; the lower layers stay reachable through its fields' accessors. Not a production
 * setup: the faucet, the clock offset and the light proof of work are for experiments. Thread-safe
 * as its parts are; {@link #close()} stops everything and deletes the directory.
 */
public final class RegtestWorld implements AutoCloseable {
  /** Proof of work light enough for tests: one trial per byte, no extra bytes. */
  public static final PowParameters EASY_POW = new PowParameters(1, 0);
  private static final Amount FAUCET_FEE = Amount.ofSat(10_000);

  private final SecureRandom random;
  private final AtomicLong offset = new AtomicLong();
  private final Path dir;
  private final boolean ownsDir;
  private final PowParameters pow;
  private final Amount fee;
  private final long timeoutSeconds;
  private final int confirmations;
  private final ChainState chain;
  private final Mempool pool;
  private final EcKey faucet;
  private final Script faucetScript;
  private final Miner miner;
  private final ChainPaymentLedger ledger;
  private final MessageNetwork net = new MessageNetwork();
  private final MessageNode hub;
  private final MessageNode dsoNode;
  private final EcKey dsoKey;
  private final Identity board = AuctionBoard.boardIdentity(AuctionBoard.DEFAULT_BOARD);
  private final DsoRegistry registry;
  private final Identity dsoIdentity;
  private final DsoService dso;
  private final List<AutoCloseable> owned = new ArrayList<>();

  private RegtestWorld(Builder b) throws EnergyException, ChainException, IOException, InterruptedException {
    this.random = b.random;
    this.pow = b.pow;
    this.fee = b.fee;
    this.timeoutSeconds = b.timeoutSeconds;
    this.confirmations = b.confirmations;
    this.ownsDir = b.dir == null;
    this.dir = b.dir != null ? b.dir : Files.createTempDirectory("priwatt-world");
    this.faucet = EcKey.generate(random);
    this.faucetScript = ScriptTemplates.p2pkhOf(faucet.publicKey());
    this.dsoKey = EcKey.generate(random);
    this.chain = ChainState.open(ChainParameters.REGTEST, MemoryChainStore.create());
    this.pool = ChainStateBridge.attach(chain, MempoolPolicy.DEFAULT);
    this.miner = Miner.create(chain, pool, faucetScript, 1, this::now);
    this.ledger = ChainPaymentLedger.attach(chain, pool);
    this.hub = net.add(newNode("hub"));
    this.dsoNode = node("dso");
    this.registry = DsoRegistry.builder().log(dir.resolve("dso.wal")).dsoKey(dsoKey).ledger(ledger)
        .confirmations(confirmations).lockSeconds(b.lockSeconds).clock(this::now).random(random).open();
    this.dsoIdentity = identity();
    this.dso = DsoService.start(dsoNode, dsoIdentity, registry, b.policy);
    miner.mine(ChainParameters.REGTEST.coinbaseMaturity() + 1);
  }

  /** A builder with the defaults: easy proof of work, 1,000 sat fee, 60 s timeout, 1 confirmation, 1 h locks, 50/50 disputes. */
  public static Builder builder() {
    return new Builder();
  }

  /** Configures a {@link RegtestWorld}. */
  public static final class Builder {
    private SecureRandom random = new SecureRandom();
    private PowParameters pow = EASY_POW;
    private Amount fee = Amount.ofSat(1_000);
    private long timeoutSeconds = 60;
    private int confirmations = 1;
    private long lockSeconds = DsoRegistry.DEFAULT_LOCK_SECONDS;
    private DisputePolicy policy = (entry, lock, funding, requester, evidence) -> 5_000;
    private Path dir;

    private Builder() {}

    /** The randomness for keys and secrets. */
    public Builder random(SecureRandom r) {
      this.random = Objects.requireNonNull(r);
      return this;
    }

    /** The proof of work every node and identity demands. */
    public Builder pow(PowParameters p) {
      this.pow = Objects.requireNonNull(p);
      return this;
    }

    /** The fee of the escrow spends (seller's ask, buyer's limit). */
    public Builder fee(Amount f) {
      this.fee = Objects.requireNonNull(f);
      return this;
    }

    /** How long parties wait for each other. */
    public Builder timeoutSeconds(long s) {
      this.timeoutSeconds = s;
      return this;
    }

    /** Confirmations the DSO and the parties require of a funding output. */
    public Builder confirmations(int n) {
      this.confirmations = n;
      return this;
    }

    /** How long a lock holds. */
    public Builder lockSeconds(long s) {
      this.lockSeconds = s;
      return this;
    }

    /** How the DSO decides disputes over a current, fully funded lock. */
    public Builder disputePolicy(DisputePolicy p) {
      this.policy = Objects.requireNonNull(p);
      return this;
    }

    /** Where the DSO's log goes (default: a temporary directory deleted on close). */
    public Builder directory(Path d) {
      this.dir = Objects.requireNonNull(d);
      return this;
    }

    /**
     * Builds the world: opens everything and mines the first 101 blocks.
     *
     * @throws EnergyException if the registry cannot open its log
     * @throws IOException if the temporary directory cannot be created
     */
    public RegtestWorld build() throws EnergyException, IOException {
      try {
        return new RegtestWorld(this);
      } catch (ChainException e) {
        throw new EnergyException(org.priwatt.energy.EnergyError.CHAIN, "cannot start the regtest chain", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EnergyException(org.priwatt.energy.EnergyError.CHAIN, "interrupted while mining the first blocks", e);
      }
    }
  }

  private MessageNode newNode(String name) {
    return MessageNode.builder(name).rules(ObjectRules.withMinimum(pow)).clock(this::now).powThreads(1)
        .ackDelay(Duration.ZERO).build();
  }

  /** A new messaging node connected to the hub. */
  public MessageNode node(String name) {
    MessageNode n = net.add(newNode(name));
    net.connect(n, hub);
    return n;
  }

  /** A fresh messaging identity demanding the world's proof of work. */
  public Identity identity() {
    return Identity.random(random, 1, Identity.DEFAULT_LEADING_ZEROS).withPow(pow);
  }

  /** The trade context of a party on {@code node}. */
  public TradeContext context(MessageNode node) {
    return new TradeContext(node, ledger, dso.publicIdentity(), dsoKey.publicKey(), confirmations, fee, timeoutSeconds,
        this::now, random);
  }

  /** An auction board read on {@code node}. */
  public AuctionBoard auctionBoard(MessageNode node) {
    return AuctionBoard.attach(node, board, ledger, dsoKey.publicKey(), this::now);
  }

  /** A new chain wallet with a random seed, following this world's chain and pool. */
  public Wallet wallet() {
    byte[] seed = new byte[32];
    random.nextBytes(seed);
    try (SecretBytes s = SecretBytes.copyOf(seed)) {
      Wallet w = Wallet.create(KeyChain.fromSeed(s, ChainParameters.REGTEST.network()), ChainStateBridge.tipOf(chain),
          pool, ChainParameters.REGTEST.maxBlockSize());
      chain.addListener(w);
      return w;
    } catch (ChainException e) {
      throw new IllegalStateException("a random seed yields no wallet", e);
    } finally {
      java.util.Arrays.fill(seed, (byte) 0);
    }
  }

  /** A funding source paying from {@code wallet} at the minimum relay fee rate (plus margin). */
  public FundingSource fundingSource(Wallet wallet) {
    return WalletFundingSource.of(wallet, FeeRate.ofSatPerKb(2_000));
  }

  /**
   * Pays {@code amount} from a mature faucet coin to {@code to}, mines it and returns the output.
   *
   * @throws EnergyException if the faucet cannot pay
   */
  public synchronized Payment fund(Script to, Amount amount) throws EnergyException {
    int maturity = ChainParameters.REGTEST.coinbaseMaturity();
    try {
      Payment coin = ledger.unspent(faucetScript, maturity).stream()
          .filter(p -> ledger.transaction(p.outPoint().txId()).map(Transaction::isCoinbase).orElse(false)).findFirst()
          .orElseThrow(() -> new EnergyException(org.priwatt.energy.EnergyError.CHAIN, "no mature coinbase; mine more"));
      Transaction unsigned = Transaction.builder().addInput(coin.outPoint()).addOutput(amount, to)
          .addOutput(Amount.ofSat(coin.output().value() - amount.sat() - FAUCET_FEE.sat()), faucetScript).build();
      Transaction tx = TransactionSigner.signP2pkh(unsigned, 0, faucetScript, faucet);
      var refused = ledger.broadcast(tx);
      if (refused.isPresent()) {
        throw new EnergyException(org.priwatt.energy.EnergyError.CHAIN, "faucet payment refused: " + refused.get());
      }
      mine(1);
      return ledger.output(OutPoint.of(tx.txId(), 0)).orElseThrow();
    } catch (ChainException e) {
      throw new EnergyException(org.priwatt.energy.EnergyError.CHAIN, "faucet cannot sign", e);
    }
  }

  /** Pays {@code amount} from the faucet to a fresh address of {@code wallet} and mines it. */
  public Payment fund(Wallet wallet, Amount amount) throws EnergyException {
    try {
      return fund(org.priwatt.chain.wallet.PaymentBuilder.scriptFor(wallet.freshReceiveAddress()), amount);
    } catch (ChainException e) {
      throw new EnergyException(org.priwatt.energy.EnergyError.CHAIN, "wallet has no fresh address", e);
    }
  }

  /** Mines {@code n} blocks on the tip; returns the last. */
  public Block mine(int n) throws EnergyException {
    try {
      List<Block> blocks = miner.mine(n);
      return blocks.get(blocks.size() - 1);
    } catch (ChainException e) {
      throw new EnergyException(org.priwatt.energy.EnergyError.CHAIN, "mining failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EnergyException(org.priwatt.energy.EnergyError.CHAIN, "interrupted while mining", e);
    }
  }

  /** The world clock: Unix seconds plus however far it was moved forward. */
  public long now() {
    return System.currentTimeMillis() / 1000 + offset.get();
  }

  /** Moves the world clock forward. */
  public void advance(long seconds) {
    offset.addAndGet(seconds);
  }

  /**
   * Runs {@code step} every 10 ms until {@code done} holds, letting the messaging network settle
   * between checks.
   *
   * @throws IllegalStateException after {@code timeout}, naming {@code what}
   */
  public void await(String what, BooleanSupplier done, Runnable step, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new IllegalStateException("timed out waiting for " + what);
      }
      step.run();
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for " + what, e);
      }
    }
  }

  /** Waits until no message is in flight anywhere in the network (at most {@code timeout}). */
  public boolean settle(Duration timeout) {
    try {
      return net.awaitQuiescence(timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Closes {@code c} with the world. */
  public <T extends AutoCloseable> T own(T c) {
    owned.add(c);
    return c;
  }

  // ------------------------------------------------------------------ the parts

  /** The chain state. */
  public ChainState chain() {
    return chain;
  }

  /** The mempool. */
  public Mempool pool() {
    return pool;
  }

  /** The ledger over chain and pool. */
  public ChainPaymentLedger ledger() {
    return ledger;
  }

  /** The messaging network. */
  public MessageNetwork network() {
    return net;
  }

  /** The hub node every party node connects to (an eavesdropper's seat: it relays everything). */
  public MessageNode hub() {
    return hub;
  }

  /** The DSO's node. */
  public MessageNode dsoNode() {
    return dsoNode;
  }

  /** The DSO's key (a test may act as the DSO with it). */
  public EcKey dsoKey() {
    return dsoKey;
  }

  /** The DSO's messaging identity, private keys included (a test may act as the DSO with it). */
  public Identity dsoIdentity() {
    return dsoIdentity;
  }

  /** The DSO's registry. */
  public DsoRegistry registry() {
    return registry;
  }

  /** The DSO's service. */
  public DsoService dso() {
    return dso;
  }

  /** The default auction board identity. */
  public Identity boardIdentity() {
    return board;
  }

  /** The randomness. */
  public SecureRandom random() {
    return random;
  }

  /** The proof of work of the world's nodes and identities. */
  public PowParameters pow() {
    return pow;
  }

  /** The directory holding the DSO's log. */
  public Path directory() {
    return dir;
  }

  @Override
  public void close() throws Exception {
    Exception first = null;
    List<AutoCloseable> all = new ArrayList<>(owned);
    all.addAll(List.of(dso, net, miner, ledger, chain, registry));
    for (AutoCloseable c : all) {
      try {
        c.close();
      } catch (Exception e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (ownsDir) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> {
          try {
            Files.deleteIfExists(p);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
