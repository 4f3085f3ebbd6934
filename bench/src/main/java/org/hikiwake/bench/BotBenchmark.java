package org.hikiwake.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.hikiwake.engine.bot.Bot;
import org.hikiwake.engine.bot.BotAction;
import org.hikiwake.engine.bot.Level;
import org.hikiwake.engine.bot.Match;
import org.hikiwake.engine.scenario.Scenario;
import org.hikiwake.engine.scenario.ScenarioException;
import org.hikiwake.engine.scenario.ScenarioLoader;
import org.hikiwake.engine.view.GameView;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Time a bot takes to choose a move on the built-in japan-russia-2013
 * scenario (1,620 packages), without any thinking delay: mid-game, for each
 * level, with its package space already scored (every move but the first
 * and those after news) and from cold (a new bot, which scores the package
 * space first). The goal is under 1 ms per move. JMH times the wall clock;
 * the CPU time of the deciding thread is printed after it, since on a shared
 * machine the wall clock also counts waiting for a core.
 *
 * <p>Run: {@code ./mvnw -B -q -pl bench exec:exec -Dbench.main=org.hikiwake.bench.BotBenchmark};
 * see bench/RESULTS.md for running it without the server module.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class BotBenchmark {
  private static final String SCENARIO = "japan-russia-2013";
  private static final double GOAL_MICROS = 1000;

  @Param({"easy", "medium", "hard"})
  public String level;

  private GameView japanAtTurn6;
  private GameView russiaAtTurn7;
  private Bot warmJapan;
  private Bot warmRussia;

  @Setup
  public void setUp() throws ScenarioException {
    Scenario scenario = ScenarioLoader.fromClasspath(SCENARIO);
    // A game between two stubborn-enough bots, so that turns 6 and 7 exist.
    Match match = Match.play(scenario, Map.of("japan", Bot.of(Level.HARD, 1),
        "russia", Bot.of(Level.HARD, 2)));
    for (Match.Turn turn : match.turns()) {
      if (turn.view().turn() == 6) {
        japanAtTurn6 = turn.view();
      } else if (turn.view().turn() == 7) {
        russiaAtTurn7 = turn.view();
      }
    }
    Level l = Level.parse(level).orElseThrow();
    warmJapan = Bot.of(l, 3);
    warmRussia = Bot.of(l, 4);
    warmJapan.decide(japanAtTurn6);
    warmRussia.decide(russiaAtTurn7);
  }

  /** A move by a bot that already holds its scored package space. */
  @Benchmark
  public Optional<BotAction> decideWarm() {
    warmJapan.decide(japanAtTurn6);
    return warmRussia.decide(russiaAtTurn7);
  }

  /**
   * A move by a new bot, which scores all 1,620 packages first (the
   * enumeration itself is shared between bots once made).
   */
  @Benchmark
  public Optional<BotAction> decideCold() {
    return Bot.of(Level.parse(level).orElseThrow(), 5).decide(japanAtTurn6);
  }

  public static void main(String[] args) throws RunnerException, ScenarioException {
    Options options = new OptionsBuilder()
        .include(BotBenchmark.class.getName() + "\\.")
        .build();
    Collection<RunResult> results = new Runner(options).run();
    System.out.println();
    for (RunResult result : results) {
      String name = result.getParams().getBenchmark();
      double micros = result.getPrimaryResult().getScore();
      // decideWarm makes two moves (one for each side) per operation.
      double perMove = name.endsWith("decideWarm") ? micros / 2 : micros;
      System.out.printf("%-7s %-11s %9.1f us per move (+- %.1f us/op): %s%n",
          result.getParams().getParam("level"), name.substring(name.lastIndexOf('.') + 1),
          perMove, result.getPrimaryResult().getScoreError(),
          perMove < GOAL_MICROS ? "under 1 ms" : "OVER 1 ms");
    }
    printCpuTimes();
  }

  /**
   * The same moves timed by the CPU time of the thread that makes them, which
   * on a shared machine leaves out the time spent waiting for a core.
   */
  private static void printCpuTimes() throws ScenarioException {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    System.out.println();
    System.out.println("CPU time of the deciding thread, per move:");
    for (String level : new String[] {"easy", "medium", "hard"}) {
      BotBenchmark b = new BotBenchmark();
      b.level = level;
      b.setUp();
      for (int i = 0; i < 2_000; i++) {
        b.decideWarm();
        b.decideCold();
      }
      long start = threads.getCurrentThreadCpuTime();
      int warm = 5_000;
      for (int i = 0; i < warm; i++) {
        b.decideWarm();
      }
      long middle = threads.getCurrentThreadCpuTime();
      int cold = 1_000;
      for (int i = 0; i < cold; i++) {
        b.decideCold();
      }
      long end = threads.getCurrentThreadCpuTime();
      double warmMicros = (middle - start) / 1e3 / (2 * warm);
      double coldMicros = (end - middle) / 1e3 / cold;
      System.out.printf("%-7s warm %7.1f us, cold %7.1f us: %s%n", level, warmMicros, coldMicros,
          Math.max(warmMicros, coldMicros) < GOAL_MICROS ? "under 1 ms" : "OVER 1 ms");
    }
  }
}
