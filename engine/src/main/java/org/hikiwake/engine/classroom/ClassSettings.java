package org.hikiwake.engine.classroom;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;
import java.util.Optional;
import org.hikiwake.engine.game.GameSettings;
import org.hikiwake.engine.game.NewsSchedule;

/**
 * How a class is run, chosen when it is created.
 *
 * @param scenarioId the scenario every game plays
 * @param rounds rounds per game (resolved when the class is created)
 * @param turnLimit each turn's limit; empty for untimed turns
 * @param pairingSeed the seed pairs are drawn from (the host draws it unless the instructor gives one)
 * @param roster who may join, and the pairs it gives; empty lets anyone join
 * @param oddStudentBot the bot level an odd student plays against; empty: the student waits
 * @param news when the news arrives in every game of the class
 * @param uncertainEnd every game's uncertain end (the same drawn round for the whole class,
 *     so students of one role are compared under the same game), if the end is uncertain
 * @param standIn the bot that plays for a student who has been away longer than a grace
 *     period, until they come back; empty: their seat waits for them
 */
public record ClassSettings(
    String scenarioId,
    int rounds,
    Optional<Duration> turnLimit,
    long pairingSeed,
    Optional<Roster> roster,
    Optional<String> oddStudentBot,
    NewsSchedule news,
    Optional<GameSettings.UncertainEnd> uncertainEnd,
    Optional<StandIn> standIn) {

  /** How long a student may be away before a stand-in plays for them, unless told otherwise. */
  public static final Duration DEFAULT_STAND_IN_GRACE = Duration.ofSeconds(60);

  /**
   * A bot that takes an away student's seat until they come back.
   *
   * @param level the bot's level, e.g. medium
   * @param grace how long the student may be away before the bot plays for them
   */
  public record StandIn(String level, Duration grace) {
    public StandIn {
      checkNotNull(level, "level");
      checkArgument(!grace.isNegative(), "grace must be >= 0 but was %s", grace);
    }
  }

  /** A class whose games keep the scenario's news and a known end. */
  public ClassSettings(String scenarioId, int rounds, Optional<Duration> turnLimit,
      long pairingSeed, Optional<Roster> roster, Optional<String> oddStudentBot) {
    this(scenarioId, rounds, turnLimit, pairingSeed, roster, oddStudentBot,
        NewsSchedule.asScenario(), Optional.empty(), Optional.empty());
  }

  /** The settings of every game of the class. */
  public GameSettings gameSettings() {
    return new GameSettings(rounds, turnLimit, news, uncertainEnd);
  }

  public ClassSettings {
    checkNotNull(news, "news");
    checkNotNull(uncertainEnd, "uncertainEnd");
    checkNotNull(scenarioId, "scenarioId");
    checkArgument(rounds >= 1, "rounds must be >= 1 but was %s", rounds);
    checkNotNull(turnLimit, "turnLimit");
    checkNotNull(roster, "roster");
    checkNotNull(oddStudentBot, "oddStudentBot");
    checkNotNull(standIn, "standIn");
  }
}
