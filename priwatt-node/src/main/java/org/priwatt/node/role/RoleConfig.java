package org.priwatt.node.role;

import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.priwatt.chain.Amount;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.msg.BitmessageAddress;

/**
 * What a node's energy role needs beside the node itself: the DSO it trusts (its messaging
 * address, from which its public messaging keys are fetched, and its certificate key) for a
 * prosumer or consumer; the PV system and asking price of a prosumer; the budget, demand and
 * price limit of a consumer; the trade parameters all parties share. Immutable; each setter of
 * {@link Builder} names its default.
 */
public final class RoleConfig {
  private final Role role;
  private final BitmessageAddress dso;
  private final EcPublicKey dsoKey;
  private final Set<EcPublicKey> meters;
  private final int confirmations;
  private final Amount fee;
  private final Duration tradeTimeout;
  private final Duration tick;
  private final long lockSeconds;
  private final double pvArea;
  private final double pvYield;
  private final double latitude;
  private final double longitude;
  private final LocalDate pvDay;
  private final Duration meterInterval;
  private final long pricePerKwh;
  private final long offerTtlSeconds;
  private final int maxOpenOffers;
  private final Amount budget;
  private final EnergyAmount demand;
  private final long maxPricePerKwh;
  private final boolean fundByMining;
  private final boolean channels;
  private final Duration channelPayInterval;
  private final long channelRefundDelayBlocks;

  private RoleConfig(Builder b) {
    role = b.role;
    dso = b.dso;
    dsoKey = b.dsoKey;
    meters = Set.copyOf(b.meters);
    confirmations = b.confirmations;
    fee = b.fee;
    tradeTimeout = b.tradeTimeout;
    tick = b.tick;
    lockSeconds = b.lockSeconds;
    pvArea = b.pvArea;
    pvYield = b.pvYield;
    latitude = b.latitude;
    longitude = b.longitude;
    pvDay = b.pvDay;
    meterInterval = b.meterInterval;
    pricePerKwh = b.pricePerKwh;
    offerTtlSeconds = b.offerTtlSeconds;
    maxOpenOffers = b.maxOpenOffers;
    budget = b.budget;
    demand = b.demand;
    maxPricePerKwh = b.maxPricePerKwh;
    fundByMining = b.fundByMining;
    channels = b.channels;
    channelPayInterval = b.channelPayInterval;
    channelRefundDelayBlocks = b.channelRefundDelayBlocks;
  }

  /** A builder for {@code role} with the defaults. */
  public static Builder builder(Role role) {
    return new Builder(Objects.requireNonNull(role, "role"));
  }

  /** The role. */
  public Role role() {
    return role;
  }

  /** The DSO's messaging address (empty for the DSO itself). */
  public Optional<BitmessageAddress> dso() {
    return Optional.ofNullable(dso);
  }

  /** The DSO's key, signer of certificates and first key of every escrow (empty for the DSO itself). */
  public Optional<EcPublicKey> dsoKey() {
    return Optional.ofNullable(dsoKey);
  }

  /**
   * The meter keys (compressed) whose signed readings a DSO accepts, beside those in its {@code
   * roles/meters.txt} ({@link MeterKeys}); empty for the other roles.
   */
  public Set<EcPublicKey> meters() {
    return meters;
  }

  /** Confirmations an escrow payment needs (DSO and parties). */
  public int confirmations() {
    return confirmations;
  }

  /** The fee of an escrow spend: what a seller asks, the most a buyer accepts. */
  public Amount fee() {
    return fee;
  }

  /** How long a party waits for its counterpart before it unlocks or disputes. */
  public Duration tradeTimeout() {
    return tradeTimeout;
  }

  /** How often the agent advances its sessions. */
  public Duration tick() {
    return tick;
  }

  /** How long a DSO lock holds (DSO only). */
  public long lockSeconds() {
    return lockSeconds;
  }

  /** The prosumer's panel area in square metres. */
  public double pvArea() {
    return pvArea;
  }

  /** The prosumer's panel yield (0..1). */
  public double pvYield() {
    return pvYield;
  }

  /** The prosumer's latitude in degrees. */
  public double latitude() {
    return latitude;
  }

  /** The prosumer's longitude in degrees. */
  public double longitude() {
    return longitude;
  }

  /** The day whose sunshine the prosumer's PV simulation replays. */
  public LocalDate pvDay() {
    return pvDay;
  }

  /** The real time between two meter readings; each reading is the next productive simulated hour. */
  public Duration meterInterval() {
    return meterInterval;
  }

  /** The prosumer's asking price in satoshis per kWh. */
  public long pricePerKwh() {
    return pricePerKwh;
  }

  /** How long a prosumer's offer stands, seconds. */
  public long offerTtlSeconds() {
    return offerTtlSeconds;
  }

  /**
   * Most unsold generation sessions a prosumer keeps before it stops metering new ones; an offer
   * that expired, or a reading unanswered past the trade timeout, no longer counts.
   */
  public int maxOpenOffers() {
    return maxOpenOffers;
  }

  /** The most a consumer spends in total. */
  public Amount budget() {
    return budget;
  }

  /** The least energy a consumer buys per offer. */
  public EnergyAmount demand() {
    return demand;
  }

  /** The highest price per kWh a consumer pays, satoshis. */
  public long maxPricePerKwh() {
    return maxPricePerKwh;
  }

  /** Whether a consumer on regtest mines coins to its wallet when its balance is below the budget. */
  public boolean fundByMining() {
    return fundByMining;
  }

  /**
   * Case 2 (paper §3.2): a prosumer serves each metered entry over a payment channel (an offer on
   * the channel board) instead of selling it whole; a consumer buys by channel instead of escrow,
   * opening one on the cheapest matching channel offer and paying one increment every {@link
   * #channelPayInterval()}. Either way a consumer opens and pays channels asked over RPC.
   */
  public boolean channels() {
    return channels;
  }

  /**
   * How often a consumer with {@link #channels()} pays the next increment of its channel (the
   * energy delivered meanwhile), closing it after the last.
   */
  public Duration channelPayInterval() {
    return channelPayInterval;
  }

  /**
   * The refund height's distance from the tip a client sets, and the most a server accepts, in
   * blocks; 0 for the chain's default ({@code ChannelPolicy.forChain}: 24 hours of blocks).
   */
  public long channelRefundDelayBlocks() {
    return channelRefundDelayBlocks;
  }

  @Override
  public String toString() {
    return "RoleConfig{" + role.id() + (dso == null ? "" : ", dso " + dso) + "}";
  }

  /** Builds a {@link RoleConfig}. Not thread-safe. */
  public static final class Builder {
    private final Role role;
    private BitmessageAddress dso;
    private EcPublicKey dsoKey;
    private final Set<EcPublicKey> meters = new LinkedHashSet<>();
    private int confirmations = 1;
    private Amount fee = Amount.ofSat(1_000);
    private Duration tradeTimeout = Duration.ofSeconds(120);
    private Duration tick = Duration.ofMillis(500);
    private long lockSeconds = 3_600;
    private double pvArea = 10;
    private double pvYield = 0.2;
    private double latitude = 48.137;
    private double longitude = 11.575;
    private LocalDate pvDay = LocalDate.of(2025, 6, 21);
    private Duration meterInterval = Duration.ofSeconds(60);
    private long pricePerKwh = 20_000;
    private long offerTtlSeconds = 3_600;
    private int maxOpenOffers = 3;
    private Amount budget = Amount.ofSat(200_000);
    private EnergyAmount demand = EnergyAmount.ofWattHours(100);
    private long maxPricePerKwh = 25_000;
    private boolean fundByMining = true;
    private boolean channels;
    private Duration channelPayInterval = Duration.ofSeconds(10);
    private long channelRefundDelayBlocks;

    private Builder(Role role) {
      this.role = role;
    }

    /** The DSO's messaging address (required for a prosumer or consumer; none by default). */
    public Builder dso(BitmessageAddress value) {
      this.dso = value;
      return this;
    }

    /** The DSO's certificate key (required for a prosumer or consumer; none by default). */
    public Builder dsoKey(EcPublicKey value) {
      this.dsoKey = value == null ? null : value.withCompression(true);
      return this;
    }

    /**
     * Registers a meter key at a DSO (none by default; at most {@link MeterKeys#MAX_METERS}).
     *
     * @throws IllegalArgumentException if more than {@link MeterKeys#MAX_METERS} are registered
     */
    public Builder meter(EcPublicKey value) {
      meters.add(value.withCompression(true));
      if (meters.size() > MeterKeys.MAX_METERS) {
        throw new IllegalArgumentException("more than " + MeterKeys.MAX_METERS + " meter keys");
      }
      return this;
    }

    /** Confirmations of an escrow payment (default 1). */
    public Builder confirmations(int value) {
      this.confirmations = positive(value, "confirmations");
      return this;
    }

    /** The fee of an escrow spend (default 1,000 sat). */
    public Builder fee(Amount value) {
      this.fee = Objects.requireNonNull(value, "fee");
      return this;
    }

    /** How long a party waits for its counterpart (default 120 s; at least 1 s). */
    public Builder tradeTimeout(Duration value) {
      if (value.toSeconds() < 1) {
        throw new IllegalArgumentException("tradeTimeout must be at least 1 s");
      }
      this.tradeTimeout = value;
      return this;
    }

    /** How often sessions advance (default 500 ms). */
    public Builder tick(Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("tick must be positive");
      }
      this.tick = value;
      return this;
    }

    /** How long a DSO lock holds, seconds (default 3,600). */
    public Builder lockSeconds(long value) {
      if (value < 1) {
        throw new IllegalArgumentException("lockSeconds must be positive");
      }
      this.lockSeconds = value;
      return this;
    }

    /** The panel area in m² (default 10). */
    public Builder pvArea(double value) {
      if (!(value > 0 && value <= 1_000_000)) {
        throw new IllegalArgumentException("pvArea must be in (0, 1e6] m2");
      }
      this.pvArea = value;
      return this;
    }

    /** The panel yield (default 0.2). */
    public Builder pvYield(double value) {
      if (!(value > 0 && value <= 1)) {
        throw new IllegalArgumentException("pvYield must be in (0, 1]");
      }
      this.pvYield = value;
      return this;
    }

    /** The location in degrees (default Munich, 48.137 N 11.575 E). */
    public Builder location(double lat, double lon) {
      if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
        throw new IllegalArgumentException("location out of range");
      }
      this.latitude = lat;
      this.longitude = lon;
      return this;
    }

    /** The day the PV simulation replays (default 2025-06-21). */
    public Builder pvDay(LocalDate value) {
      this.pvDay = Objects.requireNonNull(value, "pvDay");
      return this;
    }

    /** Real time between two meter readings (default 60 s). */
    public Builder meterInterval(Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("meterInterval must be positive");
      }
      this.meterInterval = value;
      return this;
    }

    /** The asking price per kWh in satoshis (default 20,000). */
    public Builder pricePerKwh(long value) {
      this.pricePerKwh = positive(value, "pricePerKwh");
      return this;
    }

    /** How long an offer stands, seconds (default 3,600; 60 s to 28 days). */
    public Builder offerTtlSeconds(long value) {
      if (value < 60 || value > 28L * 24 * 3600) {
        throw new IllegalArgumentException("offerTtlSeconds must be between 60 and 2419200");
      }
      this.offerTtlSeconds = value;
      return this;
    }

    /** Most unsold sessions before metering pauses (default 3). */
    public Builder maxOpenOffers(int value) {
      this.maxOpenOffers = positive(value, "maxOpenOffers");
      return this;
    }

    /** The consumer's total budget (default 200,000 sat). */
    public Builder budget(Amount value) {
      this.budget = Objects.requireNonNull(value, "budget");
      return this;
    }

    /** The least energy per purchase (default 100 Wh). */
    public Builder demand(EnergyAmount value) {
      this.demand = Objects.requireNonNull(value, "demand");
      return this;
    }

    /** The highest price per kWh the consumer pays (default 25,000 sat). */
    public Builder maxPricePerKwh(long value) {
      this.maxPricePerKwh = positive(value, "maxPricePerKwh");
      return this;
    }

    /** Whether a consumer on regtest mines its own coins when short (default true). */
    public Builder fundByMining(boolean value) {
      this.fundByMining = value;
      return this;
    }

    /** Case 2: serve or buy by payment channel (default false). */
    public Builder channels(boolean value) {
      this.channels = value;
      return this;
    }

    /** How often a consumer with channels pays the next increment (default 10 s). */
    public Builder channelPayInterval(Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("channelPayInterval must be positive");
      }
      this.channelPayInterval = value;
      return this;
    }

    /** The channels' refund delay in blocks (default 0: the chain's, 24 hours of blocks; else 20..10,000). */
    public Builder channelRefundDelayBlocks(long value) {
      if (value != 0 && (value < 20 || value > 10_000)) {
        throw new IllegalArgumentException("channelRefundDelayBlocks must be 0 or between 20 and 10000");
      }
      this.channelRefundDelayBlocks = value;
      return this;
    }

    /**
     * The configuration.
     *
     * @throws IllegalArgumentException if a prosumer or consumer lacks the DSO's address or key
     */
    public RoleConfig build() {
      if (role != Role.DSO && (dso == null || dsoKey == null)) {
        throw new IllegalArgumentException("a " + role.id() + " needs the DSO's address and key (--dso, --dso-key)");
      }
      if (role != Role.DSO && !meters.isEmpty()) {
        throw new IllegalArgumentException("only a DSO registers meter keys (--meter)");
      }
      return new RoleConfig(this);
    }

    private static int positive(int v, String what) {
      if (v < 1) {
        throw new IllegalArgumentException(what + " must be positive");
      }
      return v;
    }

    private static long positive(long v, String what) {
      if (v < 1) {
        throw new IllegalArgumentException(what + " must be positive");
      }
      return v;
    }
  }
}
