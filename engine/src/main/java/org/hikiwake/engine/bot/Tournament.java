package org.hikiwake.engine.bot;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.hikiwake.engine.analysis.Debrief;
import org.hikiwake.engine.analysis.Point;
import org.hikiwake.engine.game.GameSettings;
import org.hikiwake.engine.game.Outcome;
import org.hikiwake.engine.game.Result;
import org.hikiwake.engine.scenario.Role;
import org.hikiwake.engine.scenario.Scenario;

/**
 * A round robin of bots: every entrant plays every entrant (itself
 * included) in each role, once per seed, each game a {@link Match}. Pure and
 * deterministic: the same entrants, scenario and seeds give the same games.
 * Each game is measured against the debrief the end reveals.
 */
public final class Tournament {
  private Tournament() {}

  /**
   * Someone to play: a name and how to make its bot from a seed.
   *
   * @param bot makes a fresh bot for one game from that game's seed
   */
  public record Entrant(String name, LongFunction<Bot> bot) {
    public Entrant {
      checkNotNull(name, "name");
      checkNotNull(bot, "bot");
    }

    /** A level's bot. */
    public static Entrant of(Level level) {
      return new Entrant(level.id(), seed -> Bot.of(level, seed));
    }

    /** A strategy's bot, made fresh for each game. */
    public static Entrant of(Supplier<Strategy> strategy) {
      return new Entrant(strategy.get().name(), seed -> Bot.of(strategy.get(), seed));
    }
  }

  /**
   * One game of the tournament, measured.
   *
   * @param entrants who played each role, by role id, in the scenario's role order
   * @param seed the game's seed; each bot's seed is derived from it and its role
   * @param result how the game ended
   * @param reservationValues each role's reservation value
   * @param roundsUsed the round the game ended in
   * @param frontierDistance distance in points from the outcome (the two scores) to the
   *     nearest Pareto-frontier package at least as good for both; 0 on the frontier
   * @param nashDistance distance in points from the outcome to the Nash package;
   *     NaN if there is none (no zone of agreement)
   */
  public record Game(
      ImmutableMap<String, String> entrants,
      long seed,
      Result result,
      ImmutableMap<String, Integer> reservationValues,
      int roundsUsed,
      double frontierDistance,
      double nashDistance) {

    public boolean isAgreement() {
      return result.outcome() == Outcome.AGREEMENT;
    }

    /** A role's score. */
    public int score(String role) {
      return result.scores().get(role);
    }

    /** A role's score less its reservation value. */
    public int gain(String role) {
      return score(role) - reservationValues.get(role);
    }
  }

  /** Plays every ordered pair of entrants once per seed, seeds {@code baseSeed} onwards. */
  public static ImmutableList<Game> roundRobin(Scenario scenario, List<Entrant> entrants,
      long baseSeed, int seeds) {
    checkArgument(seeds >= 1, "seeds must be >= 1 but was %s", seeds);
    ImmutableList.Builder<Game> games = ImmutableList.builder();
    for (Entrant first : entrants) {
      for (Entrant second : entrants) {
        for (int i = 0; i < seeds; i++) {
          games.add(play(scenario, first, second, baseSeed + i));
        }
      }
    }
    return games.build();
  }

  /** One game: {@code first} plays the scenario's first role, {@code second} the other. */
  public static Game play(Scenario scenario, Entrant first, Entrant second, long seed) {
    return play(scenario, GameSettings.untimed(scenario.rounds()), first, second, seed);
  }

  /** One game under the given settings (e.g. an uncertain end). */
  public static Game play(Scenario scenario, GameSettings settings, Entrant first,
      Entrant second, long seed) {
    String a = scenario.roles().get(0).id();
    String b = scenario.roles().get(1).id();
    Match match = Match.play(scenario, settings, ImmutableMap.of(
        a, first.bot().apply(Draws.derive(seed, 0)),
        b, second.bot().apply(Draws.derive(seed, 1))));
    match.rejected().ifPresent(r -> {
      throw new IllegalStateException(r.role() + " played " + r.move() + ", which the rules"
          + " refused: " + r.rejection().message() + " (seed " + seed + ")");
    });
    Result result = match.end().result().orElseThrow();
    Debrief debrief = match.views().get(a).reveal().orElseThrow().debrief();
    int x = result.scores().get(a);
    int y = result.scores().get(b);
    ImmutableMap.Builder<String, Integer> rvs = ImmutableMap.builder();
    for (Role role : scenario.roles()) {
      rvs.put(role.id(), role.reservationValue());
    }
    double nash = debrief.nash().map(p -> Math.hypot(x - p.first(), y - p.second()))
        .orElse(Double.NaN);
    return new Game(ImmutableMap.of(a, first.name(), b, second.name()), seed, result,
        rvs.buildOrThrow(), match.roundsUsed(), frontierDistance(debrief.frontier(), x, y),
        nash);
  }

  /** Mean figures over games, for each of the scenario's roles. */
  public record Tally(
      int games,
      double agreementRate,
      ImmutableMap<String, Double> meanScore,
      ImmutableMap<String, Double> meanGain,
      double meanFrontierDistance,
      double meanNashDistance,
      double meanRounds) {

    /** The tally of some games of one scenario (at least one). */
    public static Tally of(List<Game> games) {
      checkArgument(!games.isEmpty(), "no games to tally");
      ImmutableList<String> roles = games.get(0).entrants().keySet().asList();
      ImmutableMap.Builder<String, Double> score = ImmutableMap.builder();
      ImmutableMap.Builder<String, Double> gain = ImmutableMap.builder();
      for (String role : roles) {
        score.put(role, games.stream().mapToInt(g -> g.score(role)).average().orElseThrow());
        gain.put(role, games.stream().mapToInt(g -> g.gain(role)).average().orElseThrow());
      }
      return new Tally(games.size(),
          games.stream().filter(Game::isAgreement).count() / (double) games.size(),
          score.buildOrThrow(), gain.buildOrThrow(),
          games.stream().mapToDouble(Game::frontierDistance).average().orElseThrow(),
          games.stream().mapToDouble(Game::nashDistance).filter(d -> !Double.isNaN(d))
              .average().orElse(Double.NaN),
          games.stream().mapToInt(Game::roundsUsed).average().orElseThrow());
    }
  }

  /**
   * An entrant's mean score in one role over all its games in that role:
   * against every entrant, so every entrant faces the same opponents.
   */
  public static double meanScore(List<Game> games, String entrant, String role) {
    return games.stream().filter(g -> g.entrants().get(role).equals(entrant))
        .mapToInt(g -> g.score(role)).average()
        .orElseThrow(() -> new IllegalArgumentException("no games of " + entrant + " as " + role));
  }

  /** Games where these entrants played these roles. */
  public static ImmutableList<Game> between(List<Game> games, Map<String, String> entrants) {
    return games.stream().filter(g -> g.entrants().equals(entrants))
        .collect(ImmutableList.toImmutableList());
  }

  private static double frontierDistance(List<Point> frontier, int x, int y) {
    double distance = 0;
    boolean dominated = false;
    for (Point f : frontier) {
      if (f.first() >= x && f.second() >= y) {
        double d = Math.hypot(f.first() - x, f.second() - y);
        distance = dominated ? Math.min(distance, d) : d;
        dominated = true;
      }
    }
    return distance;
  }
}
