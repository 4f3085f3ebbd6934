package org.hikiwake.engine.game;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.time.Instant;
import java.util.Optional;
import org.hikiwake.engine.scenario.PointsTable;
import org.hikiwake.engine.scenario.Role;
import org.hikiwake.engine.scenario.Scenario;

/**
 * Everything the rules know about one game at one moment. Immutable: every
 * event gives a new state through {@link Rules#apply}.
 *
 * @param scenario the scenario being played
 * @param settings rounds and turn limit
 * @param seats the seats taken so far, by role id
 * @param phase waiting, in progress or ended
 * @param turn turn number from 0, or -1 before the game starts
 * @param round round number from 1, or 0 before the game starts
 * @param toMove the side whose turn it is, while the game is in progress
 * @param deadline when the current turn times out, in timed games
 * @param onTable the latest offer, which an accept would settle on
 * @param pointsInForce each role's points, including the news so far
 * @param newsArrived ids of the news items that have arrived, in order
 * @param pausedAt when the instructor paused the game, while it is paused
 * @param result how the game ended, once it has
 */
public record GameState(
    Scenario scenario,
    GameSettings settings,
    ImmutableMap<String, Seat> seats,
    Phase phase,
    int turn,
    int round,
    Optional<String> toMove,
    Optional<Instant> deadline,
    Optional<Offer> onTable,
    ImmutableMap<String, PointsTable> pointsInForce,
    ImmutableList<String> newsArrived,
    Optional<Instant> pausedAt,
    Optional<Result> result) {

  public GameState {
    checkNotNull(scenario, "scenario");
    checkNotNull(settings, "settings");
    checkNotNull(seats, "seats");
    checkNotNull(phase, "phase");
  }

  /** A new game, waiting for its seats to be taken. */
  public static GameState initial(Scenario scenario, GameSettings settings) {
    return new GameState(
        scenario,
        settings,
        ImmutableMap.of(),
        Phase.WAITING,
        -1,
        0,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        scenario.points(),
        ImmutableList.of(),
        Optional.empty(),
        Optional.empty());
  }

  /** A new game with the scenario's own number of rounds and no turn limit. */
  public static GameState initial(Scenario scenario) {
    return initial(scenario, GameSettings.untimed(scenario.rounds()));
  }

  public boolean isOver() {
    return phase == Phase.ENDED;
  }

  public boolean isInProgress() {
    return phase == Phase.IN_PROGRESS;
  }

  /** True once every role's seat is taken. */
  public boolean isFull() {
    return scenario.roles().stream().allMatch(r -> seats.containsKey(r.id()));
  }

  /** The seat of a role, if taken. */
  public Optional<Seat> seat(String roleId) {
    return Optional.ofNullable(seats.get(roleId));
  }

  /** True if it is this role's turn. */
  public boolean isTurnOf(String roleId) {
    return toMove.map(roleId::equals).orElse(false);
  }

  /** The points a role has in force now. */
  public PointsTable pointsOf(String roleId) {
    PointsTable table = pointsInForce.get(roleId);
    if (table == null) {
      throw new IllegalArgumentException("unknown role " + roleId);
    }
    return table;
  }

  /** The reservation value of a role: its score if no agreement is reached. */
  public int reservationValueOf(String roleId) {
    return scenario.role(roleId).map(Role::reservationValue)
        .orElseThrow(() -> new IllegalArgumentException("unknown role " + roleId));
  }

  // Withers for Rules.apply: each returns a copy with one part changed.

  GameState withSeats(ImmutableMap<String, Seat> newSeats) {
    return new GameState(scenario, settings, newSeats, phase, turn, round, toMove, deadline,
        onTable, pointsInForce, newsArrived, pausedAt, result);
  }

  GameState withPhase(Phase newPhase) {
    return new GameState(scenario, settings, seats, newPhase, turn, round, toMove, deadline,
        onTable, pointsInForce, newsArrived, pausedAt, result);
  }

  GameState withTurn(int newTurn, int newRound, Optional<String> newToMove,
      Optional<Instant> newDeadline) {
    return new GameState(scenario, settings, seats, phase, newTurn, newRound, newToMove,
        newDeadline, onTable, pointsInForce, newsArrived, pausedAt, result);
  }

  GameState withDeadline(Optional<Instant> newDeadline) {
    return new GameState(scenario, settings, seats, phase, turn, round, toMove, newDeadline,
        onTable, pointsInForce, newsArrived, pausedAt, result);
  }

  GameState withOnTable(Optional<Offer> offer) {
    return new GameState(scenario, settings, seats, phase, turn, round, toMove, deadline, offer,
        pointsInForce, newsArrived, pausedAt, result);
  }

  GameState withNews(ImmutableMap<String, PointsTable> points, ImmutableList<String> arrived) {
    return new GameState(scenario, settings, seats, phase, turn, round, toMove, deadline,
        onTable, points, arrived, pausedAt, result);
  }

  GameState withResult(Result ended) {
    return new GameState(scenario, settings, seats, Phase.ENDED, turn, round, Optional.empty(),
        Optional.empty(), onTable, pointsInForce, newsArrived, Optional.empty(),
        Optional.of(ended));
  }

  GameState withPause(Optional<Instant> at, Optional<Instant> newDeadline) {
    return new GameState(scenario, settings, seats, phase, turn, round, toMove, newDeadline,
        onTable, pointsInForce, newsArrived, at, result);
  }

  GameState withSettings(GameSettings newSettings) {
    return new GameState(scenario, newSettings, seats, phase, turn, round, toMove, deadline,
        onTable, pointsInForce, newsArrived, pausedAt, result);
  }

  /** True while the instructor has the game paused. */
  public boolean isPaused() {
    return pausedAt.isPresent();
  }
}
