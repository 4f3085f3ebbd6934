package org.hikiwake.bench;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hikiwake.engine.analysis.Analysis;
import org.hikiwake.engine.bot.Draws;
import org.hikiwake.engine.bot.Tournament;
import org.hikiwake.engine.bot.Tournament.Entrant;
import org.hikiwake.engine.bot.Tournament.Game;
import org.hikiwake.engine.game.GameSettings;
import org.hikiwake.engine.game.NewsSchedule;
import org.hikiwake.engine.scenario.Scenario;
import org.hikiwake.engine.scenario.ScenarioException;
import org.hikiwake.engine.scenario.ScenarioLoader;

/**
 * Does an uncertain end take the ultimatum out of the last turn? Plays the
 * bot field of {@link BotTournament} on the built-in 2013 scenario twice over
 * the same seeds: with the known end (six rounds) and with an uncertain one
 * (the game may end after round 4, 5 or 6, drawn per seed and told to
 * nobody). For each first-role entrant it prints, against the whole field, the
 * agreement rate and both sides' mean share of the gain they could have had
 * (gain over the reservation value, over the largest gain in the zone of
 * agreement at the start), and how often the deal came on the game's last
 * round.
 *
 * <p>Arguments: {@code [seeds] [first seed]} (default 20 from 20131102).
 */
public final class EndRuleBenchmark {
  private static final int ROUNDS = 6;
  private static final int EARLIEST = 4;

  private EndRuleBenchmark() {}

  public static void main(String[] args) throws ScenarioException {
    int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    long firstSeed = args.length > 1 ? Long.parseLong(args[1]) : 20131102L;
    Scenario scenario = ScenarioLoader.fromClasspath("japan-russia-2013");
    List<Entrant> entrants = BotTournament.entrants();
    String a = scenario.roles().get(0).id();
    String b = scenario.roles().get(1).id();
    Analysis analysis = Analysis.of(scenario);
    double largestA = analysis.largestGain(a).orElseThrow();
    double largestB = analysis.largestGain(b).orElseThrow();

    long start = System.nanoTime();
    List<Game> known = new ArrayList<>();
    List<Game> uncertain = new ArrayList<>();
    List<Integer> lastRounds = new ArrayList<>();
    for (Entrant first : entrants) {
      for (Entrant second : entrants) {
        for (int i = 0; i < seeds; i++) {
          long seed = firstSeed + i;
          int last = EARLIEST + (int) Math.floorMod(Draws.derive(seed, 7), ROUNDS - EARLIEST + 1);
          GameSettings hidden = new GameSettings(ROUNDS, Optional.empty(),
              NewsSchedule.asScenario(), Optional.of(new GameSettings.UncertainEnd(EARLIEST,
                  Optional.of(last))));
          known.add(Tournament.play(scenario, GameSettings.untimed(ROUNDS), first, second,
              seed));
          uncertain.add(Tournament.play(scenario, hidden, first, second, seed));
          lastRounds.add(last);
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("End rules on %s: %d entrants x %d in both roles x %d seeds (%d to %d),"
            + " each game played with a known end of %d rounds and with an uncertain end"
            + " (after round %d to %d, drawn per seed): %d games in %.1f s%n", scenario.id(),
        entrants.size(), entrants.size(), seeds, firstSeed, firstSeed + seeds - 1, ROUNDS,
        EARLIEST, ROUNDS, known.size() + uncertain.size(), seconds);
    System.out.printf("share = gain over the reservation value / largest gain in the zone at"
        + " the start (%s %.0f, %s %.0f); last = deals made in the game's last round%n%n", a,
        largestA, b, largestB);
    System.out.printf("%-12s | %-27s | %-27s%n", a + " entrant", "known end", "uncertain end");
    System.out.printf("%-12s | %5s %6s %6s %6s | %5s %6s %6s %6s%n", "", "agree", "share" + a
        .charAt(0), "share" + b.charAt(0), "last", "agree", "share" + a.charAt(0), "share"
        + b.charAt(0), "last");
    for (Entrant e : entrants) {
      List<Integer> idx = new ArrayList<>();
      for (int i = 0; i < known.size(); i++) {
        if (known.get(i).entrants().get(a).equals(e.name())) {
          idx.add(i);
        }
      }
      System.out.printf("%-12s | %s | %s%n", e.name(),
          row(pick(known, idx), a, b, largestA, largestB, fixedLast(idx.size())),
          row(pick(uncertain, idx), a, b, largestA, largestB, pick(lastRounds, idx)));
    }
    System.out.printf("%-12s | %s | %s%n", "all games",
        row(known, a, b, largestA, largestB, fixedLast(known.size())),
        row(uncertain, a, b, largestA, largestB, lastRounds));
  }

  private static List<Integer> fixedLast(int n) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(ROUNDS);
    }
    return out;
  }

  private static <T> List<T> pick(List<T> from, List<Integer> idx) {
    ImmutableList.Builder<T> out = ImmutableList.builder();
    idx.forEach(i -> out.add(from.get(i)));
    return out.build();
  }

  private static String row(List<Game> games, String a, String b, double largestA,
      double largestB, List<Integer> lastRounds) {
    int deals = 0;
    int lastRoundDeals = 0;
    double shareA = 0;
    double shareB = 0;
    for (int i = 0; i < games.size(); i++) {
      Game g = games.get(i);
      shareA += g.gain(a) / largestA;
      shareB += g.gain(b) / largestB;
      if (g.isAgreement()) {
        deals++;
        if (g.roundsUsed() == lastRounds.get(i)) {
          lastRoundDeals++;
        }
      }
    }
    int n = games.size();
    return String.format("%4.0f%% %6.2f %6.2f %5.0f%%", 100.0 * deals / n, shareA / n,
        shareB / n, deals == 0 ? 0 : 100.0 * lastRoundDeals / deals);
  }
}
