package org.priwatt.benchmarks;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.priwatt.energy.pv.DeltaT;
import org.priwatt.energy.pv.Observer;
import org.priwatt.energy.pv.SolarPosition;
import org.priwatt.energy.pv.SolarPositionAlgorithm;
import org.priwatt.energy.pv.SolarPositionCalculator;

/**
 * Solar positions per second for one site: {@link SolarPositionCalculator} stepping one second at
 * a time (as a PV simulation does; its six-hour interpolation window is rebuilt every 21,600
 * steps, amortised in the figure), and the full NREL SPA ({@link SolarPositionAlgorithm}) one call
 * per instant, which the calculator approximates to within 1e-6°.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class SolarPositionBenchmark {
  /** 2024-06-01T00:00:00Z; instants advance one second per op and wrap after a year. */
  static final long START = 1_717_200_000L;
  static final long YEAR = 365L * 24 * 3600;

  Observer observer;
  double deltaT;
  SolarPositionCalculator calculator;
  long offset;

  @Setup(Level.Trial)
  public void setUp() {
    observer = new Observer(48.137, 11.575, 519.0, 955.0, 9.0);
    deltaT = DeltaT.estimate(Instant.ofEpochSecond(START));
    calculator = SolarPositionCalculator.create(observer, deltaT);
  }

  private long nextSecond() {
    offset = offset + 1 == YEAR ? 0 : offset + 1;
    return START + offset;
  }

  @Benchmark
  public SolarPosition calculatorStep1s() {
    return calculator.position(nextSecond(), 0);
  }

  @Benchmark
  public SolarPosition fullSpa() {
    return SolarPositionAlgorithm.position(observer, Instant.ofEpochSecond(nextSecond()), deltaT);
  }
}
