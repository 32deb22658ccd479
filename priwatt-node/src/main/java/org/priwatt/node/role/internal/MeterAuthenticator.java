package org.priwatt.node.role.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.priwatt.crypto.AtomicFiles;
import org.priwatt.crypto.CryptoException;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.crypto.Hex;
import org.priwatt.energy.EnergyError;
import org.priwatt.energy.EnergyException;
import org.priwatt.node.role.MeterKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DSO's gate on meter readings: a reading becomes an injection only if its meter key is
 * registered (configured, or in {@code roles/meters.txt}, which is read again when it changed, so
 * an operator registers or removes a meter without a restart; a changed file with a bad line is
 * ignored with a warning and the previous list stays), its signature verifies for this network, this DSO and the session that sent it, its
 * sequence number is above and its interval after the last accepted of that meter, and it ends no
 * more than {@link #MAX_FUTURE_SECONDS} ahead of the DSO's clock. Each meter's last sequence and
 * interval end live in {@value #STATE_FILE} beside the registry's log, rewritten atomically before
 * a reading is admitted, so a restart (or a crash right after) never admits a reading twice: a
 * crash between saving and recording loses that reading instead, the safe side. Entries of meters
 * no longer registered are kept, so registering a meter again does not reopen its old readings.
 * Thread-safe.
 */
final class MeterAuthenticator {
  private static final Logger LOG = LoggerFactory.getLogger(MeterAuthenticator.class);
  /** The meters' last accepted readings, in the {@code roles} directory. */
  static final String STATE_FILE = "meters.state";
  /** How far a reading's interval may end ahead of the DSO's clock (clock skew), seconds. */
  static final long MAX_FUTURE_SECONDS = 600;
  /** Most meters the state file may hold (it holds at most every meter ever registered). */
  static final int MAX_STATE_ENTRIES = 100_000;
  private static final String HEADER = "# priwatt meter state v1: meter-key sequence interval-end";

  private record Last(long sequence, long intervalEnd) {}

  private final Set<EcPublicKey> configured;
  private final Path metersFile;
  private final Path stateFile;
  private final LongSupplier clock;
  private final Map<EcPublicKey, Last> last;
  private Set<EcPublicKey> listed;
  private FileTime listedAt;

  private MeterAuthenticator(Set<EcPublicKey> configured, Path metersFile, Path stateFile, LongSupplier clock,
      Map<EcPublicKey, Last> last) {
    this.configured = configured;
    this.metersFile = metersFile;
    this.stateFile = stateFile;
    this.clock = clock;
    this.last = last;
  }

  /**
   * The gate for the meters {@code configured} (compressed keys) and those in {@code metersFile}
   * ({@link MeterKeys#read}), its state in {@code stateFile}, {@code clock} in unix seconds.
   *
   * @throws EnergyException as {@link MeterKeys#read} for the meters file, {@link
   *     EnergyError#OVERSIZED} for more than {@link MeterKeys#MAX_METERS} meters in all, {@link
   *     EnergyError#CORRUPT_LOG} if the state file is damaged (left for an operator: starting
   *     without it would admit replays), {@link EnergyError#STORAGE} if it cannot be read
   */
  static MeterAuthenticator open(Set<EcPublicKey> configured, Path metersFile, Path stateFile, LongSupplier clock)
      throws EnergyException {
    Map<EcPublicKey, Last> last = new HashMap<>();
    try {
      if (Files.exists(stateFile)) {
        if (Files.size(stateFile) > (long) MAX_STATE_ENTRIES * 128) {
          throw new EnergyException(EnergyError.CORRUPT_LOG, stateFile + " is larger than any meter state");
        }
        String[] lines = Files.readString(stateFile, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
          String line = lines[i].strip();
          if (line.isEmpty() || line.startsWith("#")) {
            continue;
          }
          String[] f = line.split(" ");
          try {
            if (f.length != 3) {
              throw new IllegalArgumentException("3 fields expected");
            }
            EcPublicKey k = EcPublicKey.decode(Hex.decode(f[0])).withCompression(true);
            Last l = new Last(Long.parseLong(f[1]), Long.parseLong(f[2]));
            if (l.sequence() < 1 || l.intervalEnd() < 1 || last.put(k, l) != null || last.size() > MAX_STATE_ENTRIES) {
              throw new IllegalArgumentException("out of range or repeated");
            }
          } catch (IllegalArgumentException | CryptoException e) {
            throw new EnergyException(EnergyError.CORRUPT_LOG, stateFile + " line " + (i + 1) + ": " + e.getMessage());
          }
        }
      }
    } catch (IOException e) {
      throw new EnergyException(EnergyError.STORAGE, "cannot read " + stateFile + ": " + e.getMessage(), e);
    }
    MeterAuthenticator a = new MeterAuthenticator(Set.copyOf(configured), metersFile, stateFile, clock, last);
    a.listedAt = modified(metersFile);
    a.listed = a.bounded(MeterKeys.read(metersFile));
    return a;
  }

  private Set<EcPublicKey> bounded(Set<EcPublicKey> fromFile) throws EnergyException {
    Set<EcPublicKey> all = new java.util.HashSet<>(configured);
    all.addAll(fromFile);
    if (all.size() > MeterKeys.MAX_METERS) {
      throw new EnergyException(EnergyError.OVERSIZED, "more than " + MeterKeys.MAX_METERS + " meter keys");
    }
    return fromFile;
  }

  private static FileTime modified(Path file) throws EnergyException {
    try {
      return Files.exists(file) ? Files.getLastModifiedTime(file) : null;
    } catch (IOException e) {
      throw new EnergyException(EnergyError.STORAGE, "cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** How many meters are registered now. */
  synchronized int registered() {
    Set<EcPublicKey> all = new java.util.HashSet<>(configured);
    all.addAll(listed);
    return all.size();
  }

  /**
   * Whether {@code key} is registered, reading the meters file again first if it changed (a stat
   * per reading, so a key the operator removed stops being accepted at once).
   */
  private boolean registered(EcPublicKey key) {
    try {
      FileTime now = modified(metersFile);
      if (!java.util.Objects.equals(now, listedAt)) {
        listedAt = now;
        listed = bounded(MeterKeys.read(metersFile));
        LOG.info("{} read again: {} meters", metersFile, listed.size());
      }
    } catch (EnergyException e) {
      // The operator's edit is wrong: keep the meters registered so far, say so once per change.
      LOG.warn("{} ignored, the previous meters stay registered: {}", metersFile, e.getMessage());
    }
    return configured.contains(key) || listed.contains(key);
  }

  /**
   * Admits {@code r}, sent in {@code context}, or says why not. {@code withinRate} is asked only
   * for an authentic, fresh reading (so strangers cannot use up the honest meters' rate); once
   * admitted, the meter's sequence and interval end are saved before this returns.
   */
  synchronized Optional<MeterRefusal> admit(MeterReading r, MeterReading.Context context, BooleanSupplier withinRate) {
    if (!registered(r.meterKey())) {
      return Optional.of(MeterRefusal.UNREGISTERED);
    }
    if (!r.verifies(context)) {
      return Optional.of(MeterRefusal.BAD_SIGNATURE);
    }
    Last l = last.get(r.meterKey());
    if (l != null && r.sequence() <= l.sequence()) {
      return Optional.of(MeterRefusal.REPLAYED);
    }
    if (l != null && r.intervalStart() < l.intervalEnd()) {
      return Optional.of(MeterRefusal.OVERLAPPING);
    }
    if (r.intervalEnd() > clock.getAsLong() + MAX_FUTURE_SECONDS) {
      return Optional.of(MeterRefusal.FUTURE);
    }
    if (!withinRate.getAsBoolean()) {
      return Optional.of(MeterRefusal.RATE_LIMITED);
    }
    Last next = new Last(r.sequence(), r.intervalEnd());
    Map<EcPublicKey, Last> updated = new HashMap<>(last);
    updated.put(r.meterKey(), next);
    try {
      save(updated);
    } catch (IOException e) {
      return Optional.of(MeterRefusal.STORAGE);
    }
    last.put(r.meterKey(), next);
    return Optional.empty();
  }

  private void save(Map<EcPublicKey, Last> state) throws IOException {
    StringBuilder b = new StringBuilder(HEADER).append('\n');
    Map<String, Last> sorted = new TreeMap<>();
    state.forEach((k, v) -> sorted.put(Hex.encode(k.encoded()), v));
    sorted.forEach((k, v) -> b.append(k).append(' ').append(v.sequence()).append(' ').append(v.intervalEnd()).append('\n'));
    AtomicFiles.write(stateFile, b.toString().getBytes(StandardCharsets.UTF_8));
  }
}
