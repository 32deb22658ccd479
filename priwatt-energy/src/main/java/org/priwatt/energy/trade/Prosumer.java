package org.priwatt.energy.trade;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.priwatt.crypto.EcKey;
import org.priwatt.energy.pv.PvSample;
import org.priwatt.energy.pv.PvSimulation;
import org.priwatt.msg.Identity;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.registry.EnergyInjection;
import org.priwatt.msg.PublicIdentity;

/**
 * A prosumer agent (Bob) with a PV system: runs a {@link PvSimulation} over a day, meters the
 * generated energy in fixed intervals and, for each interval that produced energy, creates a
 * fresh pair of session addresses (txAddrB, msgAddrB, as the paper requires for every generation
 * session), opens a {@link ProsumerSession} for it and reports the injection to the DSO's meter
 * endpoint. Not thread-safe.
 */
public final class Prosumer {
  /** Where meter readings go: the DSO's {@link org.priwatt.energy.registry.DsoService#recordInjection}, or a test double. */
  @FunctionalInterface
  public interface Meter {
    /**
     * Records an injection and sends the secrets to {@code prosumer}.
     *
     * @throws EnergyException if the DSO refuses it
     */
    void report(EnergyInjection injection, PublicIdentity prosumer) throws EnergyException;
  }

  /** One metered generation session with its keys and trade session. */
  public record Generation(EnergyInjection injection, EcKey txKey, Identity msg, ProsumerSession session) {}

  private final TradeContext ctx;
  private final Supplier<Identity> identities;

  /**
   * A prosumer trading through {@code ctx}; {@code identities} makes each session's fresh
   * messaging identity (e.g. {@code () -> Identity.newIdentity()}).
   */
  public Prosumer(TradeContext ctx, Supplier<Identity> identities) {
    this.ctx = Objects.requireNonNull(ctx);
    this.identities = Objects.requireNonNull(identities);
  }

  /**
   * Meters {@code day} in intervals of {@code interval}: every interval with non-zero energy
   * becomes one injection, timestamped at the interval's end, reported to {@code meter}.
   *
   * @return the generation sessions in time order
   * @throws IllegalArgumentException if the interval is not positive
   * @throws EnergyException as {@link Meter#report}, or if a session's first snapshot cannot be saved
   */
  public List<Generation> injectDay(PvSimulation day, Duration interval, Meter meter)
      throws EnergyException {
    if (interval.isZero() || interval.isNegative()) {
      throw new IllegalArgumentException("interval must be positive");
    }
    List<Generation> out = new ArrayList<>();
    Instant bucketEnd = null;
    double wattHours = 0;
    for (PvSample s : (Iterable<PvSample>) day.samples()::iterator) {
      if (bucketEnd == null) {
        bucketEnd = s.start().plus(interval);
      }
      while (!s.start().isBefore(bucketEnd)) {
        emit(bucketEnd, wattHours, meter, out);
        wattHours = 0;
        bucketEnd = bucketEnd.plus(interval);
      }
      wattHours += s.energyWattHours();
    }
    if (bucketEnd != null) {
      emit(bucketEnd, wattHours, meter, out);
    }
    return List.copyOf(out);
  }

  private void emit(Instant end, double wattHours, Meter meter, List<Generation> out)
      throws EnergyException {
    EnergyAmount e = EnergyAmount.roundedFromWattHours(wattHours);
    if (e.isZero()) {
      return;
    }
    EcKey txKey = EcKey.generate(ctx.random());
    Identity msg = identities.get();
    ProsumerSession session = ProsumerSession.open(ctx, msg, txKey, SessionStore.inMemory());
    EnergyInjection injection = new EnergyInjection(txKey.publicKey(), msg.address(), e, end.getEpochSecond());
    meter.report(injection, msg.publicIdentity());
    out.add(new Generation(injection, txKey, msg, session));
  }
}
