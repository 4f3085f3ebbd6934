package org.hikiwake.engine.classroom;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;
import java.util.Optional;

/**
 * How a class is run, chosen when it is created.
 *
 * @param scenarioId the scenario every game plays
 * @param rounds rounds per game; 0 for the scenario's own
 * @param turnLimit each turn's limit; empty for untimed turns
 * @param pairingSeed the seed pairs are drawn from (the host draws it unless the instructor gives one)
 * @param roster who may join, and the pairs it gives; empty lets anyone join
 * @param oddStudentBot the bot level an odd student plays against; empty: the student waits
 */
public record ClassSettings(
    String scenarioId,
    int rounds,
    Optional<Duration> turnLimit,
    long pairingSeed,
    Optional<Roster> roster,
    Optional<String> oddStudentBot) {

  public ClassSettings {
    checkNotNull(scenarioId, "scenarioId");
    checkArgument(rounds >= 0, "rounds must be >= 0 but was %s", rounds);
    checkNotNull(turnLimit, "turnLimit");
    checkNotNull(roster, "roster");
    checkNotNull(oddStudentBot, "oddStudentBot");
  }
}
