package org.hikiwake.engine.game;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;
import java.util.Optional;

/**
 * Per-game settings chosen by whoever creates the game.
 *
 * @param rounds number of rounds; a round is one turn for each role
 * @param turnLimit how long a side may take over a turn; empty for untimed turns
 */
public record GameSettings(int rounds, Optional<Duration> turnLimit) {
  /** The most rounds a game may have. */
  public static final int MAX_ROUNDS = 100;

  public GameSettings {
    checkArgument(rounds >= 1 && rounds <= MAX_ROUNDS,
        "rounds must be in [1, %s] but was %s", MAX_ROUNDS, rounds);
    checkNotNull(turnLimit, "turnLimit");
    turnLimit.ifPresent(d -> checkArgument(!d.isNegative() && !d.isZero(),
        "turn limit must be positive but was %s", d));
  }

  public static GameSettings untimed(int rounds) {
    return new GameSettings(rounds, Optional.empty());
  }

  public static GameSettings timed(int rounds, Duration turnLimit) {
    return new GameSettings(rounds, Optional.of(turnLimit));
  }
}
