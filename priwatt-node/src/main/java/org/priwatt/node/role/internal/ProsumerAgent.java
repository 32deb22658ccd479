package org.priwatt.node.role.internal;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.priwatt.chain.Amount;
import org.priwatt.channels.ChannelError;
import org.priwatt.channels.ChannelException;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.crypto.Hex;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.EnergyError;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.EntryId;
import org.priwatt.energy.market.Offer;
import org.priwatt.energy.pv.PanelOrientation;
import org.priwatt.energy.pv.PvSample;
import org.priwatt.energy.pv.PvSimulation;
import org.priwatt.energy.registry.IssuedSecrets;
import org.priwatt.energy.trade.ProsumerSession;
import org.priwatt.energy.trade.SealedFileSessionStore;
import org.priwatt.energy.trade.TradeContext;
import org.priwatt.msg.Identity;
import org.priwatt.node.role.MeterKeys;
import org.priwatt.node.role.Role;
import org.priwatt.node.role.RoleConfig;
import org.priwatt.node.rpc.ChannelAccess.ChannelInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prosumer (Bob) on a node: replays the configured day of its simulated PV system hour by
 * hour, one productive hour per {@link RoleConfig#meterInterval()} starting at the sunniest; for
 * each a fresh transaction key and messaging identity (the paper's per-session txAddrB and
 * msgAddrB), a {@link ProsumerSession} saved in {@code roles/sessions}, and a {@link MeterReading}
 * to the DSO, whose notice brings the secrets and certificate. A ready session posts its signed
 * offer on the board; the session sells to the buyer who comes. With {@link RoleConfig#channels()}
 * a ready session's entry goes to a payment channel server instead ({@link ServerChannels}, Case
 * 2), its offer on the channel board. Metering pauses while {@link RoleConfig#maxOpenOffers()}
 * sessions or channel offers are unsold.
 */
final class ProsumerAgent extends PartyAgent {
  private static final Logger LOG = LoggerFactory.getLogger(ProsumerAgent.class);
  private static final String PREFIX = "seller-";

  /** One generation session and what the agent knows of it. */
  private record Generation(String file, EnergyAmount energy, ProsumerSession session, AtomicReference<Offer> posted,
      long since) {}

  private final List<EnergyAmount> hours;
  private final int sunniest;
  /** Signs each reading with the node's meter key, which the DSO's operator registered. */
  private final MeterSigner meter;
  private final List<Generation> sessions = new CopyOnWriteArrayList<>();
  private final ServerChannels channels = new ServerChannels(this);
  private int metered;
  private long nextReading;

  private ProsumerAgent(RoleHost host, RoleConfig config, RoleFiles files, SecureRandom random)
      throws EnergyException {
    super(host, config, files, random);
    this.hours = productiveHours(config);
    if (hours.isEmpty()) {
      throw new EnergyException(EnergyError.OUT_OF_RANGE, "the PV system produces nothing on " + config.pvDay()
          + " at " + config.latitude() + ", " + config.longitude());
    }
    int best = 0;
    for (int i = 1; i < hours.size(); i++) {
      if (hours.get(i).compareTo(hours.get(best)) > 0) {
        best = i;
      }
    }
    this.sunniest = best;
    this.meter = own(MeterSigner.open(files.base(), host.passphrase(), random));
  }

  static ProsumerAgent start(RoleHost host, RoleConfig config, RoleFiles files, SecureRandom random)
      throws EnergyException {
    ProsumerAgent a = new ProsumerAgent(host, config, files, random);
    try {
      MeterKeys.writeKeyFile(files.base(), a.meter.publicKey());
    } catch (EnergyException e) {
      a.close();
      throw e;
    }
    LOG.info("{}: meter key {} (register it at the DSO: --meter)", host.name(), Hex.encode(a.meter.publicKey().encoded()));
    a.startTicking();
    LOG.info("{}: prosumer with {} m2 at {}, {}: {} productive hours on {}", host.name(), config.pvArea(),
        config.latitude(), config.longitude(), a.hours.size(), config.pvDay());
    return a;
  }

  /** The energy of each hour of the day that produced any, in time order. */
  static List<EnergyAmount> productiveHours(RoleConfig c) {
    Instant start = c.pvDay().atStartOfDay(ZoneOffset.UTC).toInstant();
    PvSimulation sim = PvSimulation.builder().location(c.latitude(), c.longitude())
        .period(start, start.plus(Duration.ofDays(1)), Duration.ofMinutes(5)).panelArea(c.pvArea())
        .panelYield(c.pvYield()).performanceRatio(0.8).orientation(new PanelOrientation(35, 180)).build();
    double[] wh = new double[24];
    for (PvSample s : (Iterable<PvSample>) sim.samples()::iterator) {
      int hour = (int) Math.min(23, Duration.between(start, s.start()).toHours());
      wh[hour] += s.energyWattHours();
    }
    List<EnergyAmount> out = new ArrayList<>();
    for (double h : wh) {
      EnergyAmount e = EnergyAmount.roundedFromWattHours(h);
      if (!e.isZero()) {
        out.add(e);
      }
    }
    return List.copyOf(out);
  }

  @Override
  void resume(TradeContext ctx) throws EnergyException {
    channels.resume(ctx, channelPolicy());
    for (String file : files.sessions(PREFIX)) {
      SealedFileSessionStore store = own(files.store(file));
      ProsumerSession s = own(ProsumerSession.resume(ctx, store));
      sessions.add(new Generation(file, energyOf(file), s, new AtomicReference<>(), now()));
      metered++;
    }
    if (metered > 0) {
      LOG.info("{}: resumed {} generation sessions", host.name(), metered);
    }
  }

  private static EnergyAmount energyOf(String file) {
    // seller-<n>-<mWh>.session: the reading's energy, which a resumed session does not expose.
    String[] parts = file.substring(0, file.length() - ".session".length()).split("-");
    try {
      return EnergyAmount.ofMilliwattHours(Long.parseLong(parts[parts.length - 1]));
    } catch (NumberFormatException e) {
      return EnergyAmount.ZERO;
    }
  }

  @Override
  void step(TradeContext ctx) throws EnergyException {
    channels.tick();
    int unsold = channels.unsold();
    for (Generation g : sessions) {
      ProsumerSession s = g.session();
      s.tick();
      ProsumerSession.State st = s.state();
      if (config.channels() && st == ProsumerSession.State.READY) {
        handOver(ctx, g);
        unsold++;
        continue;
      }
      if (st == ProsumerSession.State.READY) {
        g.posted().set(s.offer(BOARD, config.pricePerKwh(), config.offerTtlSeconds()));
        LOG.info("{}: offered {} at {}/kWh, entry {}", host.name(), g.energy(), config.pricePerKwh(),
            g.posted().get().entry());
      }
      // An offer that expired unsold stays OFFERED (a session re-offers only after an unlock):
      // it no longer holds metering back.
      Offer posted = g.posted().get();
      boolean expired = st == ProsumerSession.State.OFFERED && (posted == null || posted.expiry() <= now());
      // A reading whose notice has not come within the trade timeout (lost, or the DSO away) stops
      // counting too; the session keeps listening, since the DSO may record the reading later.
      boolean unanswered = st == ProsumerSession.State.AWAITING_SECRETS
          && now() - g.since() > config.tradeTimeout().toSeconds();
      if (st.compareTo(ProsumerSession.State.SECRET_DELIVERED) < 0 && !expired && !unanswered) {
        unsold++;
      }
    }
    if (unsold < config.maxOpenOffers() && now() >= nextReading) {
      meter(ctx);
      nextReading = now() + Math.max(1, config.meterInterval().toSeconds());
    }
  }

  /**
   * Case 2: the entry of a generation session that received its secrets goes to a channel server
   * (saved first), then the session is closed and its file deleted, so a restart resumes the
   * server and never offers the entry twice; after a crash between the two, {@link
   * ServerChannels#serves} finds the entry already served.
   */
  private void handOver(TradeContext ctx, Generation g) throws EnergyException {
    ProsumerSession s = g.session();
    IssuedSecrets secrets = s.secrets().orElseThrow(() -> new IllegalStateException("READY without secrets"));
    if (!channels.serves(secrets.entryId())) {
      try {
        channels.serve(ctx, channelPolicy(), walletKeyOf(secrets.certificate().owner()), secrets);
      } catch (ChannelException e) {
        throw new EnergyException(EnergyError.STORAGE, "channel server for " + secrets.entryId() + ": "
            + e.getMessage(), e);
      }
    }
    s.close();
    sessions.remove(g);
    files.delete(g.file());
  }

  @Override
  public List<ChannelInfo> channels() {
    return channels.infos();
  }

  @Override
  public ChannelInfo pay(String name, int count) throws ChannelException {
    if (channels.has(name)) {
      throw new ChannelException(ChannelError.NOT_OPEN, "channel " + name + " is served here: its client pays");
    }
    throw new IllegalArgumentException("no channel " + name);
  }

  @Override
  public ChannelInfo close(String name) throws ChannelException {
    return channels.close(name).orElseThrow(() -> new IllegalArgumentException("no channel " + name));
  }

  private void meter(TradeContext ctx) throws EnergyException {
    EnergyAmount energy = hours.get((sunniest + metered) % hours.size());
    EcKey txKey = walletKey();
    Identity msg = Identity.random(random, 1, Identity.DEFAULT_LEADING_ZEROS).withPow(host.pow());
    MeterReading.Context context = new MeterReading.Context(host.network().id(), host.network().magic(),
        ctx.dso().address(), msg.address());
    Optional<MeterReading> signed = meter.next(context, now(), config.meterInterval().toSeconds(), txKey.publicKey(),
        energy);
    if (signed.isEmpty()) {
      return; // The clock has not passed the last reading's end: meter at the next interval.
    }
    String file = String.format(Locale.ROOT, "%s%06d-%d.session", PREFIX, metered, energy.milliwattHours());
    metered++;
    SealedFileSessionStore store = own(files.store(file));
    ProsumerSession s = own(ProsumerSession.open(ctx, msg, txKey, store));
    sessions.add(new Generation(file, energy, s, new AtomicReference<>(), now()));
    host.messages().sendMessageAsync(msg, ctx.dso(), signed.get().content(), 3600).whenComplete((sent, e) -> {
      if (e != null) {
        LOG.warn("{}: meter reading not sent: {}", host.name(), e.getMessage());
      }
    });
    LOG.info("{}: metered {} ({})", host.name(), energy, file);
  }

  @Override
  public Offer createOffer(EntryId entry, Amount pricePerKwh, long ttlSeconds) throws EnergyException {
    for (Generation g : sessions) {
      ProsumerSession s = g.session();
      if (s.entry().filter(entry::equals).isPresent()) {
        try {
          Offer o = s.offer(BOARD, pricePerKwh.sat(), ttlSeconds);
          g.posted().set(o);
          return o;
        } catch (IllegalStateException | IllegalArgumentException e) {
          throw new EnergyException(EnergyError.OUT_OF_RANGE, "entry " + entry + ": " + e.getMessage());
        }
      }
    }
    throw new EnergyException(EnergyError.OUT_OF_RANGE, "this node owns no entry " + entry);
  }

  @Override
  public List<Trade> trades() {
    List<Trade> out = new ArrayList<>();
    for (Generation g : sessions) {
      ProsumerSession s = g.session();
      Optional<EntryId> entry = s.entry();
      if (entry.isEmpty()) {
        continue;
      }
      Optional<Amount> price = s.terms().map(t -> t.price())
          .or(() -> Optional.ofNullable(g.posted().get()).map(Offer::totalPrice));
      out.add(new Trade(entry.get(), "seller", s.state().name(), g.energy(), price,
          s.failure().map(Enum::name)));
    }
    return out;
  }

  @Override
  public Role role() {
    return Role.PROSUMER;
  }

  @Override
  public Optional<EcPublicKey> meterKey() {
    return Optional.of(meter.publicKey());
  }

  @Override
  public Map<String, Object> summary() {
    Map<String, Object> s = baseSummary();
    s.put("metered", metered);
    s.put("balance", host.wallet().balance().total().sat());
    s.put("sold", trades().stream().filter(t -> t.state().equals("SETTLED")).count());
    s.put("channels", channels.size());
    return s;
  }
}
