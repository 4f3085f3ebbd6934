package org.hikiwake.bench;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hikiwake.engine.analysis.Analysis;
import org.hikiwake.engine.analysis.Assessment;
import org.hikiwake.engine.scenario.Issue;
import org.hikiwake.engine.scenario.Package;
import org.hikiwake.engine.scenario.Scenario;
import org.hikiwake.engine.scenario.ScenarioException;
import org.hikiwake.engine.scenario.ScenarioLoader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Time of the full package-space analysis of the built-in japan-russia-2013
 * scenario (1,620 packages), which debriefs, scenario checks and bots run.
 * The goal is under 10 ms per analysis.
 *
 * <p>Run: {@code ./mvnw -B -q -pl bench -am install -DskipTests && ./mvnw -B -q -pl bench exec:exec}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class AnalysisBenchmark {
  private static final String SCENARIO = "japan-russia-2013";
  private static final double GOAL_MILLIS = 10.0;

  private Scenario scenario;
  private Package split;
  private Analysis analysis;

  @Setup
  public void load() throws ScenarioException {
    scenario = ScenarioLoader.fromClasspath(SCENARIO);
    // "Split the difference": the middle option of every issue, off the frontier.
    Map<String, String> middle = new LinkedHashMap<>();
    for (Issue issue : scenario.issues()) {
      middle.put(issue.id(), issue.options().get((issue.options().size() - 1) / 2).id());
    }
    split = Package.of(middle);
    analysis = Analysis.of(scenario);
  }

  /** Enumeration, frontier, ZOPA, Nash and Kalai-Smorodinsky. */
  @Benchmark
  public Analysis analyse() {
    return Analysis.of(scenario);
  }

  /** What a debrief needs: the full analysis, both bargaining packages and one assessment. */
  @Benchmark
  public void analyseAndAssess(Blackhole bh) {
    Analysis a = Analysis.of(scenario);
    bh.consume(a.nash());
    bh.consume(a.kalaiSmorodinsky());
    bh.consume(a.zopaSize());
    bh.consume(a.assess(split));
  }

  /** The analysis plus every one of the 1,620 packages as a point, which points() builds lazily. */
  @Benchmark
  public void analyseAndListEveryPackage(Blackhole bh) {
    Analysis a = Analysis.of(scenario);
    bh.consume(a.assess(split));
    bh.consume(a.points());
  }

  /** One assessment against an analysis already made, as a bot does for each offer. */
  @Benchmark
  public Assessment assess() {
    return analysis.assess(split);
  }

  public static void main(String[] args) throws RunnerException {
    Options options = new OptionsBuilder()
        .include(AnalysisBenchmark.class.getName() + "\\.")
        .build();
    Collection<RunResult> results = new Runner(options).run();
    System.out.println();
    for (RunResult result : results) {
      String name = result.getParams().getBenchmark();
      double micros = result.getPrimaryResult().getScore();
      double error = result.getPrimaryResult().getScoreError();
      System.out.printf("%-28s %10.1f us/op (+- %.1f) = %7.3f ms%n",
          name.substring(name.lastIndexOf('.') + 1), micros, error, micros / 1000);
    }
    results.stream()
        .filter(r -> r.getParams().getBenchmark().endsWith(".analyseAndAssess"))
        .findFirst()
        .ifPresent(r -> {
          double millis = r.getPrimaryResult().getScore() / 1000;
          System.out.printf("Full analysis of %s: %.3f ms (goal under %.0f ms): %s%n",
              SCENARIO, millis, GOAL_MILLIS, millis < GOAL_MILLIS ? "met" : "MISSED");
        });
  }
}
