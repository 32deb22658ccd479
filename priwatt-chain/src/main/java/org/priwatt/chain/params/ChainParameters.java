package org.priwatt.chain.params;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.priwatt.chain.Amount;
import org.priwatt.chain.block.Block;
import org.priwatt.chain.block.BlockHash;
import org.priwatt.chain.block.BlockHeader;
import org.priwatt.chain.block.DifficultyParameters;
import org.priwatt.crypto.Hex;
import org.priwatt.crypto.NetworkParameters;
import org.priwatt.script.Script;
import org.priwatt.script.VerifyFlag;

/**
 * Everything that makes one chain differ from another: the address and key version bytes
 * ({@link NetworkParameters}), the genesis block, proof-of-work parameters, the subsidy schedule,
 * coinbase maturity, block limits, the P2P port and message magic, and the heights at which the
 * BIP 34, 66, 65 and 112 soft forks take effect (Bitcoin Core's {@code CChainParams} and {@code
 * Consensus::Params}).
 *
 * <p>An immutable value passed explicitly to every component; there is no "current network".
 * Presets: {@link #PRIWATT}, {@link #REGTEST} and {@link #BITCOIN_MAINNET}; {@link #toBuilder()}
 * derives variants (tests use it to move activation heights).
 */
public final class ChainParameters {
  /** A height no chain reaches: the soft fork never activates. */
  public static final int NEVER = Integer.MAX_VALUE;

  /** Bitcoin mainnet, with its real genesis block reproduced bit for bit. */
  public static final ChainParameters BITCOIN_MAINNET = ChainPresets.bitcoinMainnet();
  /**
   * Bitcoin's regression-test network: Bitcoin's regtest genesis block (hash {@code
   * 0f9188f1...2206}), a pow limit met by about every second hash, no retargeting, halving every
   * 150 blocks, every soft fork active from height 1. Mining a block takes microseconds, which is
   * what tests need.
   */
  public static final ChainParameters REGTEST = ChainPresets.regtest();
  /**
   * The PriWatt private network: 30-second blocks retargeted every 144 blocks ({@link
   * DifficultyParameters#PRIWATT}), a subsidy of 2.5 coins halving every 4,200,000 blocks (the
   * same issuance per unit of time as Bitcoin, 21 million coins in all), every soft fork active
   * from height 1, and a genesis block built by {@link GenesisBuilder}.
   */
  public static final ChainParameters PRIWATT = ChainPresets.priwatt();

  private final String id;
  private final NetworkParameters network;
  private final Block genesis;
  private final DifficultyParameters difficulty;
  private final Amount initialSubsidy;
  private final int halvingInterval;
  private final int coinbaseMaturity;
  private final int maxBlockSize;
  private final int maxBlockSigOps;
  private final int p2pPort;
  private final int magic;
  private final int bip34Height;
  private final int bip66Height;
  private final int bip65Height;
  private final int csvHeight;
  private final boolean coinbaseHeightRequired;

  private ChainParameters(Builder b) {
    this.id = b.id;
    this.network = b.network;
    this.genesis = b.genesis;
    this.difficulty = b.difficulty;
    this.initialSubsidy = b.initialSubsidy;
    this.halvingInterval = b.halvingInterval;
    this.coinbaseMaturity = b.coinbaseMaturity;
    this.maxBlockSize = b.maxBlockSize;
    this.maxBlockSigOps = b.maxBlockSigOps;
    this.p2pPort = b.p2pPort;
    this.magic = b.magic;
    this.bip34Height = b.bip34Height;
    this.bip66Height = b.bip66Height;
    this.bip65Height = b.bip65Height;
    this.csvHeight = b.csvHeight;
    this.coinbaseHeightRequired = b.coinbaseHeightRequired;
  }

  /** Returns a builder with no defaults for the identifying fields; see {@link Builder}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder initialised with these parameters. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Short identifier, e.g. {@code "priwatt"}, {@code "regtest"}, {@code "bitcoin-mainnet"}. */
  public String id() {
    return id;
  }

  /** Address, WIF and BIP 32 version bytes. */
  public NetworkParameters network() {
    return network;
  }

  /** The genesis block (height 0). */
  public Block genesis() {
    return genesis;
  }

  /** The genesis block's hash. */
  public BlockHash genesisHash() {
    return genesis.hash();
  }

  /** Proof-of-work and retargeting parameters. */
  public DifficultyParameters difficulty() {
    return difficulty;
  }

  /** The block subsidy before the first halving. */
  public Amount initialSubsidy() {
    return initialSubsidy;
  }

  /** Blocks between subsidy halvings. */
  public int halvingInterval() {
    return halvingInterval;
  }

  /**
   * The block subsidy at {@code height}: the initial subsidy shifted right once per completed
   * halving interval, zero after 64 halvings (Core's {@code GetBlockSubsidy}).
   *
   * @throws IllegalArgumentException if {@code height} is negative
   */
  public Amount subsidyAt(int height) {
    if (height < 0) {
      throw new IllegalArgumentException("negative height " + height);
    }
    int halvings = height / halvingInterval;
    if (halvings >= 64) {
      return Amount.ZERO;
    }
    return Amount.ofSat(initialSubsidy.sat() >> halvings);
  }

  /** Confirmations before a coinbase output may be spent (100 in Bitcoin). */
  public int coinbaseMaturity() {
    return coinbaseMaturity;
  }

  /** The largest valid serialized block, in bytes. */
  public int maxBlockSize() {
    return maxBlockSize;
  }

  /** The most signature operations (legacy and P2SH counting) one block may hold. */
  public int maxBlockSigOps() {
    return maxBlockSigOps;
  }

  /** The default TCP port of the peer-to-peer protocol. */
  public int p2pPort() {
    return p2pPort;
  }

  /** The 4 message-start bytes as a big-endian int ({@code 0xf9beb4d9} for Bitcoin mainnet). */
  public int magic() {
    return magic;
  }

  /** The 4 message-start bytes in wire order. */
  public byte[] magicBytes() {
    return new byte[] {(byte) (magic >>> 24), (byte) (magic >>> 16), (byte) (magic >>> 8),
        (byte) magic};
  }

  /** Height from which BIP 34 (block version 2, height in coinbase) applies. */
  public int bip34Height() {
    return bip34Height;
  }

  /** Height from which BIP 66 (strict DER signatures, version 3) applies. */
  public int bip66Height() {
    return bip66Height;
  }

  /** Height from which BIP 65 (OP_CHECKLOCKTIMEVERIFY, version 4) applies. */
  public int bip65Height() {
    return bip65Height;
  }

  /** Height from which BIP 68/112/113 (relative lock-times, CSV, median-time-past) apply. */
  public int csvHeight() {
    return csvHeight;
  }

  /** Whether this chain enforces the BIP 34 coinbase height at all. */
  public boolean coinbaseHeightRequired() {
    return coinbaseHeightRequired;
  }

  /** Whether a block at {@code height} must start its coinbase scriptSig with its height. */
  public boolean requiresCoinbaseHeight(int height) {
    return coinbaseHeightRequired && height >= bip34Height;
  }

  /**
   * The smallest header version a block at {@code height} may carry: 2 after BIP 34, 3 after
   * BIP 66, 4 after BIP 65 (Core's {@code bad-version} rule), otherwise any.
   */
  public int minimumBlockVersion(int height) {
    if (height >= bip65Height) {
      return 4;
    }
    if (height >= bip66Height) {
      return 3;
    }
    if (height >= bip34Height) {
      return 2;
    }
    return Integer.MIN_VALUE;
  }

  /**
   * The consensus script flags for the inputs of a block at {@code height} (Core's {@code
   * GetBlockScriptFlags} without segwit): P2SH always, DERSIG from BIP 66, CHECKLOCKTIMEVERIFY
   * from BIP 65, CHECKSEQUENCEVERIFY from CSV.
   *
   * @return an unmodifiable set
   */
  public Set<VerifyFlag> scriptFlagsAt(int height) {
    EnumSet<VerifyFlag> flags = EnumSet.of(VerifyFlag.P2SH);
    if (height >= bip66Height) {
      flags.add(VerifyFlag.DERSIG);
    }
    if (height >= bip65Height) {
      flags.add(VerifyFlag.CHECKLOCKTIMEVERIFY);
    }
    if (height >= csvHeight) {
      flags.add(VerifyFlag.CHECKSEQUENCEVERIFY);
    }
    return Collections.unmodifiableSet(flags);
  }

  /**
   * Whether lock-time finality and BIP 68 sequence locks at {@code height} use the median time
   * past (BIP 113) and apply relative lock-times (BIP 68): both arrive with CSV.
   */
  public boolean enforcesSequenceLocks(int height) {
    return height >= csvHeight;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ChainParameters)) {
      return false;
    }
    ChainParameters p = (ChainParameters) o;
    return id.equals(p.id) && network.equals(p.network) && genesis.equals(p.genesis)
        && difficulty.equals(p.difficulty) && initialSubsidy.equals(p.initialSubsidy)
        && halvingInterval == p.halvingInterval && coinbaseMaturity == p.coinbaseMaturity
        && maxBlockSize == p.maxBlockSize && maxBlockSigOps == p.maxBlockSigOps
        && p2pPort == p.p2pPort && magic == p.magic && bip34Height == p.bip34Height
        && bip66Height == p.bip66Height && bip65Height == p.bip65Height
        && csvHeight == p.csvHeight && coinbaseHeightRequired == p.coinbaseHeightRequired;
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, genesis.hash(), magic, bip34Height, bip65Height, csvHeight);
  }

  @Override
  public String toString() {
    return "ChainParameters{" + id + ", genesis=" + genesis.hash() + ", magic="
        + Hex.encode(magicBytes()) + ", port=" + p2pPort + "}";
  }

  /**
   * The mutable path to {@link ChainParameters}. Defaults: Bitcoin's economics (50-coin subsidy
   * halving every 210,000 blocks, maturity 100, 1,000,000-byte blocks, 20,000 sigops) with every
   * soft fork active from height 1 and the coinbase height required; the id, network, genesis,
   * difficulty, port and magic must be set. Not thread-safe.
   */
  public static final class Builder {
    private String id;
    private NetworkParameters network;
    private Block genesis;
    private DifficultyParameters difficulty;
    private Amount initialSubsidy = Amount.ofSat(50 * Amount.COIN);
    private int halvingInterval = 210_000;
    private int coinbaseMaturity = 100;
    private int maxBlockSize = 1_000_000;
    private int maxBlockSigOps = 20_000;
    private int p2pPort = -1;
    private Integer magic;
    private int bip34Height = 1;
    private int bip66Height = 1;
    private int bip65Height = 1;
    private int csvHeight = 1;
    private boolean coinbaseHeightRequired = true;

    private Builder() {}

    private Builder(ChainParameters p) {
      id = p.id;
      network = p.network;
      genesis = p.genesis;
      difficulty = p.difficulty;
      initialSubsidy = p.initialSubsidy;
      halvingInterval = p.halvingInterval;
      coinbaseMaturity = p.coinbaseMaturity;
      maxBlockSize = p.maxBlockSize;
      maxBlockSigOps = p.maxBlockSigOps;
      p2pPort = p.p2pPort;
      magic = p.magic;
      bip34Height = p.bip34Height;
      bip66Height = p.bip66Height;
      bip65Height = p.bip65Height;
      csvHeight = p.csvHeight;
      coinbaseHeightRequired = p.coinbaseHeightRequired;
    }

    /** Sets the identifier. */
    public Builder id(String value) {
      this.id = Objects.requireNonNull(value, "id");
      return this;
    }

    /** Sets the address and key version bytes. */
    public Builder network(NetworkParameters value) {
      this.network = Objects.requireNonNull(value, "network");
      return this;
    }

    /** Sets the genesis block. */
    public Builder genesis(Block value) {
      this.genesis = Objects.requireNonNull(value, "genesis");
      return this;
    }

    /** Sets the proof-of-work parameters. */
    public Builder difficulty(DifficultyParameters value) {
      this.difficulty = Objects.requireNonNull(value, "difficulty");
      return this;
    }

    /**
     * Sets the subsidy schedule.
     *
     * @throws IllegalArgumentException if {@code interval} is not positive
     */
    public Builder subsidy(Amount initial, int interval) {
      if (interval <= 0) {
        throw new IllegalArgumentException("halving interval must be positive");
      }
      this.initialSubsidy = Objects.requireNonNull(initial, "initial");
      this.halvingInterval = interval;
      return this;
    }

    /**
     * Sets the coinbase maturity in blocks.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder coinbaseMaturity(int blocks) {
      if (blocks < 0) {
        throw new IllegalArgumentException("negative maturity");
      }
      this.coinbaseMaturity = blocks;
      return this;
    }

    /**
     * Sets the block size and sigop limits.
     *
     * @throws IllegalArgumentException if the size is not in {@code (80, Block.MAX_SIZE]} or the
     *     sigop limit is not positive
     */
    public Builder blockLimits(int maxSize, int maxSigOps) {
      if (maxSize <= BlockHeader.SIZE || maxSize > Block.MAX_SIZE || maxSigOps <= 0) {
        throw new IllegalArgumentException("bad block limits " + maxSize + "/" + maxSigOps);
      }
      this.maxBlockSize = maxSize;
      this.maxBlockSigOps = maxSigOps;
      return this;
    }

    /**
     * Sets the P2P port and the 4 message-start bytes (big-endian int).
     *
     * @throws IllegalArgumentException if the port is not in {@code 1..65535}
     */
    public Builder p2p(int port, int magicBytes) {
      if (port < 1 || port > 65_535) {
        throw new IllegalArgumentException("bad port " + port);
      }
      this.p2pPort = port;
      this.magic = magicBytes;
      return this;
    }

    /**
     * Sets the soft-fork activation heights ({@link #NEVER} for never).
     *
     * @throws IllegalArgumentException if a height is negative
     */
    public Builder activationHeights(int bip34, int bip66, int bip65, int csv) {
      if (bip34 < 0 || bip66 < 0 || bip65 < 0 || csv < 0) {
        throw new IllegalArgumentException("negative activation height");
      }
      this.bip34Height = bip34;
      this.bip66Height = bip66;
      this.bip65Height = bip65;
      this.csvHeight = csv;
      return this;
    }

    /** Sets whether the BIP 34 coinbase height is enforced at all. */
    public Builder coinbaseHeightRequired(boolean value) {
      this.coinbaseHeightRequired = value;
      return this;
    }

    /**
     * Builds the parameters.
     *
     * @throws IllegalStateException if the id, network, genesis, difficulty, port or magic is
     *     missing, or the genesis block is not a root (its prevBlock is not zero)
     */
    public ChainParameters build() {
      if (id == null || network == null || genesis == null || difficulty == null
          || p2pPort < 0 || magic == null) {
        throw new IllegalStateException("id, network, genesis, difficulty and p2p are required");
      }
      if (!genesis.header().prevBlock().equals(BlockHash.ZERO)) {
        throw new IllegalStateException("genesis must have a zero prevBlock");
      }
      return new ChainParameters(this);
    }
  }

  /** Builds the genesis coinbase output script of Bitcoin's networks (P2PK to Satoshi's key). */
  static Script satoshiScript() {
    return Script.fromHex("4104678afdb0fe5548271967f1a67130b7105cd6a828e03909a67962e0ea1f61deb6"
        + "49f6bc3f4cef38c4f35504e51ec112de5c384df7ba0b8d578a4c702b6bf11d5fac");
  }
}
