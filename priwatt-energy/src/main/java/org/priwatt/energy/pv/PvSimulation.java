package org.priwatt.energy.pv;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.priwatt.energy.EnergyAmount;

/**
 * PV generation of one installation over a period, stepping through time as a simulated smart
 * meter would (paper §4, "Simulation of solar energy generation").
 *
 * <p>The user gives the paper's five parameters: location, start and end with a time step, total
 * panel area, panel yield and performance ratio (plus, optionally, panel orientation, site
 * atmosphere and ΔT). For every step the Sun's position comes from {@link
 * SolarPositionCalculator} (NREL SPA), the clear-sky beam irradiance on the tilted panel from
 * {@link ClearSkyIrradiance} and the output from {@link PvSystem#power(double)}.
 *
 * <p>Samples are produced lazily: a year of one-second steps never materialises as a list.
 * Immutable and thread-safe; {@link #samples()} may be called repeatedly.
 */
public final class PvSimulation {

  private final SolarPositionCalculator calculator;
  private final PvSystem system;
  private final Instant start;
  private final Instant end;
  private final Duration step;
  private final long stepCount;

  private PvSimulation(Builder b, double deltaT) {
    this.calculator = SolarPositionCalculator.create(b.observer, deltaT);
    this.system =
        new PvSystem(b.panelArea, b.panelYield, b.performanceRatio, b.orientation);
    this.start = b.start;
    this.end = b.end;
    this.step = b.step;
    Duration period = Duration.between(start, end);
    long whole = period.dividedBy(step);
    this.stepCount = period.equals(step.multipliedBy(whole)) ? whole : whole + 1;
  }

  /** Starts describing a simulation. */
  public static Builder builder() {
    return new Builder();
  }

  /** The installation being simulated. */
  public PvSystem system() {
    return system;
  }

  /** The observer (site) of the installation. */
  public Observer observer() {
    return calculator.observer();
  }

  /** ΔT in seconds used for the solar positions. */
  public double deltaT() {
    return calculator.deltaT();
  }

  /** Number of samples: the period divided by the step, rounded up. */
  public long stepCount() {
    return stepCount;
  }

  /**
   * The per-step samples in time order, computed lazily. The last sample is shortened so that the
   * samples cover exactly [start, end).
   *
   * @return a sequential, ordered, sized stream
   */
  public Stream<PvSample> samples() {
    return StreamSupport.stream(
        Spliterators.spliterator(
            new SampleIterator(),
            stepCount,
            Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.IMMUTABLE),
        false);
  }

  /**
   * Total energy over the period: the per-step energies summed with compensated (Kahan)
   * summation and rounded once to the nearest milliwatt-hour.
   *
   * @return the generated energy, exact from here on
   */
  public EnergyAmount totalEnergy() {
    double sum = 0;
    double compensation = 0;
    Iterator<PvSample> it = new SampleIterator();
    while (it.hasNext()) {
      double term = it.next().energyWattHours() - compensation;
      double next = sum + term;
      compensation = (next - sum) - term;
      sum = next;
    }
    return EnergyAmount.roundedFromWattHours(Math.max(0.0, sum));
  }

  private PvSample sampleAt(Instant from, Duration length) {
    Instant middle = from.plus(length.dividedBy(2));
    SolarPosition sun = calculator.position(middle.getEpochSecond(), middle.getNano());
    double irradiance = ClearSkyIrradiance.onPanel(sun, system.orientation());
    return new PvSample(from, length, sun, irradiance, system.power(irradiance));
  }

  /** Walks the steps; not thread-safe (each stream gets its own). */
  private final class SampleIterator implements Iterator<PvSample> {
    private Instant next = start;

    @Override
    public boolean hasNext() {
      return next.isBefore(end);
    }

    @Override
    public PvSample next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Instant from = next;
      Instant to = from.plus(step);
      if (to.isAfter(end)) {
        to = end;
      }
      next = to;
      return sampleAt(from, Duration.between(from, to));
    }
  }

  /**
   * Collects the parameters of a {@link PvSimulation}. Mutable, not thread-safe. Location, period,
   * panel area, panel yield and performance ratio are required; orientation defaults to a
   * horizontal panel and ΔT to {@link DeltaT#estimate(Instant)} at the start.
   */
  public static final class Builder {
    private Observer observer;
    private Instant start;
    private Instant end;
    private Duration step;
    private double panelArea = Double.NaN;
    private double panelYield = Double.NaN;
    private double performanceRatio = Double.NaN;
    private PanelOrientation orientation = PanelOrientation.HORIZONTAL;
    private Double deltaT;

    private Builder() {}

    /**
     * Sets the site as latitude and longitude at sea level in the default atmosphere.
     *
     * @throws IllegalArgumentException if a coordinate is out of range
     */
    public Builder location(double latitude, double longitude) {
      return observer(Observer.at(latitude, longitude));
    }

    /** Sets the site with elevation and atmosphere. */
    public Builder observer(Observer observer) {
      this.observer = Objects.requireNonNull(observer, "observer");
      return this;
    }

    /**
     * Sets the simulated period [start, end) and the time step.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code end} is not after {@code start} or the step is
     *     not positive
     */
    public Builder period(Instant start, Instant end, Duration step) {
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(end, "end");
      Objects.requireNonNull(step, "step");
      if (!end.isAfter(start)) {
        throw new IllegalArgumentException("end must be after start");
      }
      if (step.isNegative() || step.isZero()) {
        throw new IllegalArgumentException("step must be positive: " + step);
      }
      this.start = start;
      this.end = end;
      this.step = step;
      return this;
    }

    /** Sets the total panel area in m² (validated by {@link #build()}). */
    public Builder panelArea(double squareMetres) {
      this.panelArea = squareMetres;
      return this;
    }

    /** Sets the panel yield (module efficiency) in (0, 1] (validated by {@link #build()}). */
    public Builder panelYield(double panelYield) {
      this.panelYield = panelYield;
      return this;
    }

    /** Sets the performance ratio in (0, 1] (validated by {@link #build()}). */
    public Builder performanceRatio(double performanceRatio) {
      this.performanceRatio = performanceRatio;
      return this;
    }

    /** Sets the panel orientation; the default is horizontal. */
    public Builder orientation(PanelOrientation orientation) {
      this.orientation = Objects.requireNonNull(orientation, "orientation");
      return this;
    }

    /** Sets ΔT (TT − UT) in seconds instead of the estimate (validated by {@link #build()}). */
    public Builder deltaT(double seconds) {
      this.deltaT = seconds;
      return this;
    }

    /**
     * Builds the simulation.
     *
     * @return the simulation
     * @throws IllegalStateException if location or period is missing
     * @throws IllegalArgumentException if a number is out of range, or ΔT was not given and the
     *     start lies outside the years {@link DeltaT} can estimate
     */
    public PvSimulation build() {
      if (observer == null) {
        throw new IllegalStateException("location not set");
      }
      if (start == null) {
        throw new IllegalStateException("period not set");
      }
      double dt = deltaT != null ? deltaT : DeltaT.estimate(start);
      return new PvSimulation(this, dt);
    }
  }
}
