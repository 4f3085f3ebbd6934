package org.hikiwake.engine.analysis;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.util.Map;
import java.util.Optional;
import org.hikiwake.engine.game.Result;
import org.hikiwake.engine.scenario.PointsTable;
import org.hikiwake.engine.scenario.Scenario;

/**
 * Where a game's result sits against the best joint outcomes, under the points
 * in force at its end: the size of the zone of possible agreement, the Nash
 * and Kalai-Smorodinsky packages, the Pareto frontier and, for an agreement,
 * how far the agreed package is from the frontier. Points in {@link Point}s are
 * in the scenario's role order.
 *
 * @param zopaSize packages that clear both reservation values
 * @param packageCount packages in all
 * @param nash the package with the largest product of gains over the reservation values
 * @param kalaiSmorodinsky the package with the largest equal share of possible gain
 * @param frontier the Pareto frontier, by descending points of the first role
 * @param agreement the agreed package's assessment, for an agreement
 */
public record Debrief(
    int zopaSize,
    long packageCount,
    Optional<Point> nash,
    Optional<Point> kalaiSmorodinsky,
    ImmutableList<Point> frontier,
    Optional<Assessment> agreement) {

  public Debrief {
    checkArgument(zopaSize >= 0, "zopaSize must be >= 0 but was %s", zopaSize);
    checkNotNull(nash, "nash");
    checkNotNull(kalaiSmorodinsky, "kalaiSmorodinsky");
    checkNotNull(frontier, "frontier");
    checkNotNull(agreement, "agreement");
  }

  /** The debrief of a result under the given points in force. */
  public static Debrief of(Scenario scenario, Map<String, PointsTable> pointsInForce,
      Result result) {
    return of(Analysis.of(scenario, pointsInForce), result);
  }

  /** The debrief of a result from an analysis under the points in force at the end. */
  public static Debrief of(Analysis analysis, Result result) {
    return of(analysis, result.agreed());
  }

  /**
   * The debrief from an analysis, assessing the agreed package if there is
   * one (a game still running has none).
   */
  public static Debrief of(Analysis analysis, Optional<org.hikiwake.engine.scenario.Package>
      agreed) {
    Scenario scenario = analysis.scenario();
    return new Debrief(analysis.zopaSize(), Analysis.packageCount(scenario), analysis.nash(),
        analysis.kalaiSmorodinsky(), analysis.frontier(),
        agreed.map(analysis::assess));
  }

  /** True if the Nash and Kalai-Smorodinsky packages are the same package. */
  public boolean bargainingPackagesCoincide() {
    return nash.isPresent() && kalaiSmorodinsky.isPresent()
        && nash.get().pkg().equals(kalaiSmorodinsky.get().pkg());
  }
}
