package org.priwatt.benchmarks.runner;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * What a run will execute: its JMH runs (selections), the benchmarks each matches in the jar's
 * benchmark list with the number of parameter combinations, and an estimate of the wall time from
 * the iterations, times and forks that will apply. The estimate assumes 1.2 s per fork for JVM
 * start-up and setup; setups that generate keys or data (RSA-4096, the relay's objects) take longer.
 *
 * @param selections the JMH runs, in order
 * @param timing the timing forced on every benchmark, or empty for the classes' own
 * @param matched per selection, the benchmarks it runs with their parameter combinations
 */
record Plan(List<Suite.Selection> selections, Optional<Suite.Timing> timing,
    Map<Suite.Selection, List<Map.Entry<String, Integer>>> matched) {
  private static final double FORK_OVERHEAD_SECONDS = 1.2;

  /** Looks the selections up in the benchmark list compiled into the jar. */
  static Plan of(List<Suite.Selection> selections, Optional<Suite.Timing> timing) {
    BenchmarkList list = BenchmarkList.defaultList();
    OutputFormat quiet = OutputFormatFactory.createFormatInstance(new PrintStream(PrintStream.nullOutputStream()),
        VerboseMode.SILENT);
    Map<Suite.Selection, List<Map.Entry<String, Integer>>> matched = new LinkedHashMap<>();
    for (Suite.Selection s : selections) {
      SortedSet<BenchmarkListEntry> found = list.find(quiet, List.of(s.include()), List.of());
      List<Map.Entry<String, Integer>> entries = new ArrayList<>();
      for (BenchmarkListEntry e : found) {
        entries.add(Map.entry(e.getUsername(), combinations(e, s.params())));
      }
      matched.put(s, entries);
    }
    return new Plan(selections, timing, matched);
  }

  private static int combinations(BenchmarkListEntry e, Map<String, String> overrides) {
    int n = 1;
    if (e.getParams().hasValue()) {
      for (Map.Entry<String, String[]> p : e.getParams().get().entrySet()) {
        String o = overrides.get(p.getKey());
        n *= o != null ? o.split(",").length : p.getValue().length;
      }
    }
    return n;
  }

  /** The selections that match at least one benchmark. */
  List<Suite.Selection> runnable() {
    return selections.stream().filter(s -> !matched.get(s).isEmpty()).toList();
  }

  /** How many benchmark runs (method × parameter combination) the plan makes. */
  int benchmarkCount() {
    return matched.values().stream().flatMap(List::stream).mapToInt(Map.Entry::getValue).sum();
  }

  /** The estimated wall time in seconds. */
  long estimatedSeconds() {
    BenchmarkList list = BenchmarkList.defaultList();
    OutputFormat quiet = OutputFormatFactory.createFormatInstance(new PrintStream(PrintStream.nullOutputStream()),
        VerboseMode.SILENT);
    double total = 0;
    for (Suite.Selection s : selections) {
      for (BenchmarkListEntry e : list.find(quiet, List.of(s.include()), List.of())) {
        int forks;
        double perFork;
        if (timing.isPresent()) {
          Suite.Timing t = timing.get();
          forks = t.forks();
          perFork = (t.warmupIterations() * t.warmupMillis() + t.iterations() * t.iterationMillis()) / 1000.0;
        } else {
          forks = e.getForks().orElse(5);
          perFork = e.getWarmupIterations().orElse(5) * seconds(e.getWarmupTime().orElse(TimeValue.seconds(10)))
              + e.getMeasurementIterations().orElse(5) * seconds(e.getMeasurementTime().orElse(TimeValue.seconds(10)));
        }
        total += combinations(e, s.params()) * Math.max(1, forks) * (perFork + FORK_OVERHEAD_SECONDS);
      }
    }
    return Math.round(total);
  }

  private static double seconds(TimeValue t) {
    return t.convertTo(TimeUnit.MILLISECONDS) / 1000.0;
  }
}
