package org.hikiwake.bench;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.ArrayList;
import java.util.List;
import org.hikiwake.engine.bot.Boulware;
import org.hikiwake.engine.bot.Conceder;
import org.hikiwake.engine.bot.Expert;
import org.hikiwake.engine.bot.Level;
import org.hikiwake.engine.bot.Linear;
import org.hikiwake.engine.bot.TitForTat;
import org.hikiwake.engine.bot.Tournament;
import org.hikiwake.engine.bot.Tournament.Entrant;
import org.hikiwake.engine.bot.Tournament.Game;
import org.hikiwake.engine.bot.Tournament.Tally;
import org.hikiwake.engine.scenario.Role;
import org.hikiwake.engine.scenario.Scenario;
import org.hikiwake.engine.scenario.ScenarioException;
import org.hikiwake.engine.scenario.ScenarioLoader;

/**
 * Plays every bot level and strategy against every other, in both roles, over
 * many seeds, on every built-in scenario, and prints a table per pairing and
 * the ladder (each entrant's mean score in each role against the whole
 * field).
 *
 * <p>Run: {@code ./mvnw -B -q -pl bench exec:exec -Dbench.main=org.hikiwake.bench.BotTournament}
 * (arguments: {@code [seeds] [first seed]}, default 20 seeds from 20131102);
 * see bench/RESULTS.md for running it without the server module.
 */
public final class BotTournament {
  private BotTournament() {}

  public static void main(String[] args) throws ScenarioException {
    int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    long firstSeed = args.length > 1 ? Long.parseLong(args[1]) : 20131102L;
    for (String id : ScenarioLoader.builtInIds()) {
      print(ScenarioLoader.fromClasspath(id), seeds, firstSeed);
    }
  }

  /** Every level, then every strategy with its default parameters. */
  static ImmutableList<Entrant> entrants() {
    ImmutableList.Builder<Entrant> out = ImmutableList.builder();
    for (Level level : Level.values()) {
      out.add(Entrant.of(level));
    }
    return out.add(Entrant.of(Boulware::new), Entrant.of(Linear::new),
        Entrant.of(Conceder::new), Entrant.of(TitForTat::new), Entrant.of(Expert::new)).build();
  }

  private static void print(Scenario scenario, int seeds, long firstSeed) {
    List<Entrant> entrants = entrants();
    long start = System.nanoTime();
    ImmutableList<Game> games = Tournament.roundRobin(scenario, entrants, firstSeed, seeds);
    double seconds = (System.nanoTime() - start) / 1e9;
    String a = scenario.roles().get(0).id();
    String b = scenario.roles().get(1).id();
    System.out.printf("%s: %d entrants, each pairing in both roles, seeds %d to %d: %d games"
            + " in %.1f s%n", scenario.id(), entrants.size(), firstSeed, firstSeed + seeds - 1,
        games.size(), seconds);
    System.out.printf("reservation values: %s %d, %s %d; distances in points on the"
            + " (%s, %s) plane, outcome = the two scores%n%n", a,
        scenario.roles().get(0).reservationValue(), b, scenario.roles().get(1).reservationValue(),
        a, b);
    System.out.printf("%-12s %-12s %6s %6s %6s %6s %6s %7s %7s %6s%n", a, b, "agree",
        "score " + a.charAt(0), "score " + b.charAt(0), "gain " + a.charAt(0),
        "gain " + b.charAt(0), "pareto", "nash", "rounds");
    List<String> rows = new ArrayList<>();
    for (Entrant first : entrants) {
      for (Entrant second : entrants) {
        Tally t = Tally.of(Tournament.between(games,
            ImmutableMap.of(a, first.name(), b, second.name())));
        rows.add(String.format("%-12s %-12s %5.0f%% %6.1f %6.1f %6.1f %6.1f %7.2f %7.2f %6.2f",
            first.name(), second.name(), 100 * t.agreementRate(), t.meanScore().get(a),
            t.meanScore().get(b), t.meanGain().get(a), t.meanGain().get(b),
            t.meanFrontierDistance(), t.meanNashDistance(), t.meanRounds()));
      }
    }
    rows.forEach(System.out::println);
    Tally all = Tally.of(games);
    System.out.printf("%-25s %5.0f%% %6.1f %6.1f %6.1f %6.1f %7.2f %7.2f %6.2f%n%n", "all games",
        100 * all.agreementRate(), all.meanScore().get(a), all.meanScore().get(b),
        all.meanGain().get(a), all.meanGain().get(b), all.meanFrontierDistance(),
        all.meanNashDistance(), all.meanRounds());
    System.out.println("ladder: mean score against the whole field");
    System.out.printf("%-12s", "");
    for (Role role : scenario.roles()) {
      System.out.printf(" %10s", "as " + role.id());
    }
    System.out.println();
    for (Entrant e : entrants) {
      System.out.printf("%-12s", e.name());
      for (Role role : scenario.roles()) {
        System.out.printf(" %10.2f", Tournament.meanScore(games, e.name(), role.id()));
      }
      System.out.println();
    }
    System.out.println();
  }
}
