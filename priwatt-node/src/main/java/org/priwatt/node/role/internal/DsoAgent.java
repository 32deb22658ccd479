package org.priwatt.node.role.internal;

import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.priwatt.chain.ChainException;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.energy.EnergyError;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.ledger.ChainPaymentLedger;
import org.priwatt.energy.market.AuctionBoard;
import org.priwatt.energy.market.Offer;
import org.priwatt.energy.registry.DsoRegistry;
import org.priwatt.energy.registry.DsoService;
import org.priwatt.energy.registry.EnergyEntry;
import org.priwatt.energy.registry.EnergyInjection;
import org.priwatt.msg.BitmessageAddress;
import org.priwatt.msg.Identity;
import org.priwatt.msg.MessageListener;
import org.priwatt.msg.ReceivedMessage;
import org.priwatt.node.role.MeterKeys;
import org.priwatt.node.role.Role;
import org.priwatt.node.role.RoleConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DSO on a node: the energy module's {@link DsoRegistry} (write-ahead log in the data
 * directory, keys derived from the role seed so a restart is the same DSO) and {@link DsoService}
 * answering registry requests on the node's message node, plus the meter link: {@link
 * MeterReading}s from prosumer nodes, signed by meter keys registered at this DSO ({@link
 * RoleConfig#meters()} and {@code roles/meters.txt}) and admitted by the {@link
 * MeterAuthenticator}, become injections whose secrets the service sends to the reading's session
 * address; every other reading is dropped and counted by {@link MeterRefusal}. Publishes its pubkey and writes {@code dso.properties}; reads the
 * auction board to show the offers. Decides disputes half and half.
 */
final class DsoAgent extends AgentBase implements MessageListener {
  private static final Logger LOG = LoggerFactory.getLogger(DsoAgent.class);
  /** Most authentic meter readings recorded per minute (a bound on a compromised meter key). */
  static final int MAX_READINGS_PER_MINUTE = 600;
  private static final int DISPUTE_BUYER_SHARE = 5_000;

  private final EcKey key;
  private final Identity identity;
  private final DsoRegistry registry;
  private final DsoService service;
  private final AuctionBoard board;
  private final AtomicLong readings = new AtomicLong();
  private final AtomicLong refusedReadings = new AtomicLong();
  private final Map<MeterRefusal, AtomicLong> refusals = new EnumMap<>(MeterRefusal.class);
  private final MeterAuthenticator meters;
  private long minute;
  private int readingsThisMinute;

  private DsoAgent(RoleHost host, RoleConfig config, RoleFiles files, SecureRandom random) throws EnergyException {
    super(host, config, files, random);
    for (MeterRefusal r : MeterRefusal.values()) {
      refusals.put(r, new AtomicLong());
    }
    meters = MeterAuthenticator.open(config.meters(), files.rolesDir().resolve(MeterKeys.METERS_FILE),
        files.rolesDir().resolve(MeterAuthenticator.STATE_FILE), this::now);
    try {
      ChainPaymentLedger ledger = own(ChainPaymentLedger.attach(host.chain(), host.mempool()));
      key = files.dsoKey();
      identity = files.dsoIdentity(host.pow());
      registry = own(DsoRegistry.builder().log(files.wal()).dsoKey(key).ledger(ledger)
          .confirmations(config.confirmations()).lockSeconds(config.lockSeconds()).clock(this::now).random(random)
          .open());
      service = own(DsoService.start(host.messages(), identity, registry, (e, l, f, p, ev) -> DISPUTE_BUYER_SHARE));
      board = AuctionBoard.attach(host.messages(), BOARD, ledger, key.publicKey(), this::now);
    } catch (ChainException e) {
      throw new EnergyException(EnergyError.CHAIN, "cannot follow the chain: " + e.getMessage(), e);
    }
  }

  static DsoAgent start(RoleHost host, RoleConfig config, RoleFiles files, SecureRandom random)
      throws EnergyException {
    DsoAgent a = new DsoAgent(host, config, files, random);
    try {
      files.writeDsoFile(a.identity.address().toString(), a.key);
      host.messages().addListener(a);
      a.own(() -> host.messages().removeListener(a));
      host.messages().publishPubkeyAsync(a.identity, 2 * 24 * 3600);
      a.startTicking();
      LOG.info("{}: DSO {} key {}, {} entries in the registry, {} meters registered", host.name(),
          a.identity.address(), org.priwatt.crypto.Hex.encode(a.dsoKey().encoded()), a.registry.entries().size(),
          a.meters.registered());
      if (a.meters.registered() == 0) {
        LOG.warn("{}: no meter keys registered yet (--meter, roles/{}): meter readings are refused",
            host.name(), MeterKeys.METERS_FILE);
      }
      return a;
    } catch (EnergyException | RuntimeException e) {
      a.close();
      throw e;
    }
  }

  @Override
  public void onMessage(ReceivedMessage m) {
    if (!m.recipient().equals(identity.address())) {
      return;
    }
    Optional<MeterReading> reading;
    try {
      reading = MeterReading.parse(m.content());
    } catch (EnergyException e) {
      refuse(e.failure() == EnergyError.OUT_OF_RANGE ? MeterRefusal.OUT_OF_RANGE : MeterRefusal.UNDECODABLE, m,
          e.getMessage());
      return;
    }
    reading.ifPresent(r -> record(r, m));
  }

  private void record(MeterReading r, ReceivedMessage m) {
    MeterReading.Context context = new MeterReading.Context(host.network().id(), host.network().magic(),
        identity.address(), m.sender().address());
    Optional<MeterRefusal> refused = meters.admit(r, context, this::withinRate);
    if (refused.isPresent()) {
      refuse(refused.get(), m, r.toString());
      return;
    }
    try {
      service.recordInjection(new EnergyInjection(r.ownerKey(), m.sender().address(), r.energy(), r.intervalEnd()),
          m.sender());
      readings.incrementAndGet();
    } catch (EnergyException e) {
      refuse(MeterRefusal.REGISTRY_REFUSED, m, e.getMessage());
    }
  }

  private void refuse(MeterRefusal why, ReceivedMessage m, String detail) {
    refusedReadings.incrementAndGet();
    refusals.get(why).incrementAndGet();
    // Debug only: anyone may send readings, and a flood must not flood the log too.
    LOG.debug("{}: refused a meter reading from {} ({}): {}", host.name(), m.sender().address(), why, detail);
    if (why == MeterRefusal.STORAGE) {
      LOG.warn("{}: cannot save {}: meter readings are refused", host.name(), MeterAuthenticator.STATE_FILE);
    }
  }

  /** How many readings were refused for {@code why} (for tests in this package). */
  long refused(MeterRefusal why) {
    return refusals.get(why).get();
  }

  private synchronized boolean withinRate() {
    long m = now() / 60;
    if (m != minute) {
      minute = m;
      readingsThisMinute = 0;
    }
    return ++readingsThisMinute <= MAX_READINGS_PER_MINUTE;
  }

  @Override
  void tick() {
    // The service answers on its own thread; nothing waits on time here.
  }

  @Override
  public Role role() {
    return Role.DSO;
  }

  @Override
  public BitmessageAddress dsoAddress() {
    return identity.address();
  }

  @Override
  public EcPublicKey dsoKey() {
    return key.publicKey().withCompression(true);
  }

  /** The registry (for tests in this package). */
  DsoRegistry registry() {
    return registry;
  }

  @Override
  public List<Offer> offers() {
    return live(board);
  }

  @Override
  public List<Trade> trades() {
    return List.of();
  }

  @Override
  public Map<String, Object> summary() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("role", Role.DSO.id());
    s.put("dso", identity.address().toString());
    s.put("offers", offers().size());
    s.put("readings", readings.get());
    s.put("refusedReadings", refusedReadings.get());
    Map<String, Long> why = new TreeMap<>();
    refusals.forEach((k, v) -> {
      if (v.get() > 0) {
        why.put(k.name(), v.get());
      }
    });
    s.put("readingRefusals", why);
    s.put("answered", service.answered());
    Map<String, Integer> byStatus = new TreeMap<>();
    for (EnergyEntry e : registry.entries()) {
      byStatus.merge(e.status().name(), 1, Integer::sum);
    }
    s.put("entries", byStatus);
    return s;
  }
}
