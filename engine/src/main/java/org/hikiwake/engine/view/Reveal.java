package org.hikiwake.engine.view;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hikiwake.engine.analysis.Analysis;
import org.hikiwake.engine.analysis.Debrief;
import org.hikiwake.engine.game.GameState;
import org.hikiwake.engine.scenario.PointsTable;
import org.hikiwake.engine.scenario.Role;

/**
 * What everyone learns when a game ends: every role's points in force at the
 * end and its reservation value, and the debrief of the result.
 *
 * @param points each role's points in force at the end, in the scenario's role order
 * @param reservationValues each role's reservation value
 * @param debrief where the result sits against the best joint outcomes
 */
public record Reveal(
    ImmutableMap<String, PointsTable> points,
    ImmutableMap<String, Integer> reservationValues,
    Debrief debrief) {

  public Reveal {
    checkNotNull(points, "points");
    checkNotNull(reservationValues, "reservationValues");
    checkNotNull(debrief, "debrief");
  }

  /**
   * The reveal of an ended game. This enumerates the whole package space, so
   * hosts compute it once per game, off any network thread.
   */
  public static Reveal of(GameState ended) {
    return of(ended, Analysis.of(ended.scenario(), ended.pointsInForce()));
  }

  /**
   * The reveal of an ended game from an analysis of its scenario under the
   * points in force at its end (hosts may share one analysis among games).
   */
  public static Reveal of(GameState ended, Analysis analysis) {
    checkArgument(analysis.scenario().equals(ended.scenario()),
        "the analysis is of another scenario");
    Map<String, Integer> rvs = new LinkedHashMap<>();
    for (Role role : ended.scenario().roles()) {
      rvs.put(role.id(), role.reservationValue());
    }
    return new Reveal(ended.pointsInForce(), ImmutableMap.copyOf(rvs),
        Debrief.of(analysis, ended.result().orElseThrow(
            () -> new IllegalArgumentException("the game has not ended"))));
  }
}
