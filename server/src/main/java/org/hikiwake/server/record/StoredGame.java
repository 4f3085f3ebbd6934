package org.hikiwake.server.record;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.time.Instant;
import java.util.Optional;
import org.hikiwake.engine.game.Phase;
import org.hikiwake.engine.game.Result;

/**
 * A game as the store lists it, from durable events only.
 *
 * @param round the current round, 0 before the start
 * @param seats every seat in the scenario's role order
 * @param result how it ended, once it has
 * @param damage why it cannot go on, if it is damaged
 * @param classCode the class it belongs to, if any
 */
public record StoredGame(String gameCode, Instant createdAt, String scenarioId,
    String scenarioTitle, Phase phase, int round, int rounds, ImmutableList<Seat> seats,
    Optional<Result> result, Optional<String> damage, Optional<String> classCode) {
  public StoredGame {
    checkNotNull(gameCode, "gameCode");
    checkNotNull(createdAt, "createdAt");
    checkNotNull(phase, "phase");
    checkNotNull(seats, "seats");
    checkNotNull(result, "result");
    checkNotNull(damage, "damage");
    checkNotNull(classCode, "classCode");
  }

  /** A seat and its player's display name, if taken. */
  public record Seat(String role, String roleName, Optional<String> displayName,
      Optional<String> bot) {}

  public GameQuery.Position position() {
    return new GameQuery.Position(createdAt, gameCode);
  }
}
