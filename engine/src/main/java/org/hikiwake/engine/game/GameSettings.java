package org.hikiwake.engine.game;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;
import java.util.Optional;

/**
 * Per-game settings chosen by whoever creates the game.
 *
 * @param rounds number of rounds; a round is one turn for each role. With an uncertain end,
 *     the most the game can have
 * @param turnLimit how long a side may take over a turn; empty for untimed turns
 * @param news when the news arrives (the scenario's schedule unless the instructor changed it)
 * @param uncertainEnd set for a game whose end is not known in advance
 */
public record GameSettings(int rounds, Optional<Duration> turnLimit, NewsSchedule news,
    Optional<UncertainEnd> uncertainEnd) {
  /** The most rounds a game may have. */
  public static final int MAX_ROUNDS = 100;

  /**
   * An end that nobody at the table knows: the game may end after any round
   * from {@code earliest} to the game's {@code rounds}; the host draws the
   * real last round when the game is created, records it, and shows it to
   * nobody until the game ends. A known last round turns the last turn into
   * an ultimatum; an uncertain one rewards settling early.
   *
   * @param earliest the first round after which the game may end
   * @param lastRound the round after which it does end; empty where it is hidden (in what a
   *     player is shown)
   */
  public record UncertainEnd(int earliest, Optional<Integer> lastRound) {
    public UncertainEnd {
      checkArgument(earliest >= 1, "earliest must be >= 1 but was %s", earliest);
      checkNotNull(lastRound, "lastRound");
      lastRound.ifPresent(r -> checkArgument(r >= earliest,
          "the last round %s is before the earliest end %s", r, earliest));
    }
  }

  public GameSettings {
    checkArgument(rounds >= 1 && rounds <= MAX_ROUNDS,
        "rounds must be in [1, %s] but was %s", MAX_ROUNDS, rounds);
    checkNotNull(turnLimit, "turnLimit");
    turnLimit.ifPresent(d -> checkArgument(!d.isNegative() && !d.isZero(),
        "turn limit must be positive but was %s", d));
    checkNotNull(news, "news");
    checkNotNull(uncertainEnd, "uncertainEnd");
    uncertainEnd.ifPresent(u -> {
      checkArgument(u.earliest() <= rounds, "the earliest end %s is after the last round %s",
          u.earliest(), rounds);
      u.lastRound().ifPresent(r -> checkArgument(r <= rounds,
          "the drawn last round %s is after the game's %s rounds", r, rounds));
    });
  }

  /** Settings with the scenario's news and a known end. */
  public GameSettings(int rounds, Optional<Duration> turnLimit) {
    this(rounds, turnLimit, NewsSchedule.asScenario(), Optional.empty());
  }

  public static GameSettings untimed(int rounds) {
    return new GameSettings(rounds, Optional.empty());
  }

  public static GameSettings timed(int rounds, Duration turnLimit) {
    return new GameSettings(rounds, Optional.of(turnLimit));
  }

  /**
   * The round after which the game ends if nobody settles: {@link #rounds},
   * or the drawn last round of an uncertain end.
   */
  public int lastRound() {
    return uncertainEnd.flatMap(UncertainEnd::lastRound).orElse(rounds);
  }

  /** True if the players do not know when the game ends. */
  public boolean hasUncertainEnd() {
    return uncertainEnd.isPresent();
  }

  /**
   * What a player may know of these settings: the news schedule and the
   * drawn last round are the host's until the game ends.
   */
  public GameSettings publicPart() {
    return new GameSettings(rounds, turnLimit, NewsSchedule.asScenario(),
        uncertainEnd.map(u -> new UncertainEnd(u.earliest(), Optional.empty())));
  }

  /** These settings with another number of rounds (an uncertain end moves on with them). */
  public GameSettings withRounds(int newRounds) {
    int by = newRounds - rounds;
    return new GameSettings(newRounds, turnLimit, news, uncertainEnd.map(u ->
        new UncertainEnd(u.earliest() + by, u.lastRound().map(r -> r + by))));
  }

  public GameSettings withNews(NewsSchedule schedule) {
    return new GameSettings(rounds, turnLimit, schedule, uncertainEnd);
  }

  /** These settings with an uncertain end after round {@code earliest} or later, drawn as given. */
  public GameSettings withUncertainEnd(int earliest, int drawnLastRound) {
    return new GameSettings(rounds, turnLimit, news,
        Optional.of(new UncertainEnd(earliest, Optional.of(drawnLastRound))));
  }
}
