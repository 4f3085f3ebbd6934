package org.hikiwake.server.room;

import com.google.common.collect.ImmutableList;
import java.time.Instant;
import java.util.Optional;
import org.hikiwake.engine.game.Phase;
import org.hikiwake.engine.game.Result;

/**
 * A game as a listing shows it: only what anyone may see.
 *
 * @param round the current round, 0 before the start
 * @param seats every seat, taken or not, in the scenario's role order
 * @param result how it ended, once it has
 * @param damage why it cannot go on, if its recording is damaged
 * @param classCode the class it belongs to, if any
 */
public record GameListing(
    String gameCode,
    Instant createdAt,
    String scenarioId,
    String scenarioTitle,
    Phase phase,
    int round,
    int rounds,
    ImmutableList<SeatListing> seats,
    Optional<Result> result,
    Optional<String> damage,
    Optional<String> classCode) {

  /** A seat and who holds it. */
  public record SeatListing(String role, String roleName, Optional<String> displayName,
      Optional<String> bot, boolean connected) {
    public boolean isTaken() {
      return displayName.isPresent();
    }
  }

  public boolean isOver() {
    return phase == Phase.ENDED;
  }
}
