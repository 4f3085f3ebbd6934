package org.hikiwake.engine.analysis;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hikiwake.engine.scenario.Issue;
import org.hikiwake.engine.scenario.Package;
import org.hikiwake.engine.scenario.PointsTable;
import org.hikiwake.engine.scenario.Scenario;

/**
 * The whole package space of a scenario under given points, enumerated: every
 * package with both roles' points, the Pareto frontier, the zone of possible
 * agreement, and the Nash and Kalai-Smorodinsky bargaining packages measured
 * from the reservation values. Scenario issue spaces are small (the 2013
 * scenario has 1,620 packages), so enumeration is exact and fast.
 *
 * <p>Ties between packages are broken the same way everywhere: a larger joint
 * sum first, then the earlier package in enumeration order (the first
 * option of the first issue varies slowest), so results are deterministic.
 */
public final class Analysis {
  /** The largest package space this class will enumerate. */
  public static final int MAX_PACKAGES = 1_000_000;

  private final Scenario scenario;
  private final int reservationFirst;
  private final int reservationSecond;
  private final ImmutableList<Point> points;
  private final ImmutableList<Point> frontier;
  private final ImmutableList<Point> zopa;
  private final Optional<Point> nash;
  private final Optional<Point> kalaiSmorodinsky;

  private Analysis(Scenario scenario, Map<String, PointsTable> pointsInForce) {
    this.scenario = scenario;
    String first = scenario.roles().get(0).id();
    String second = scenario.roles().get(1).id();
    this.reservationFirst = scenario.roles().get(0).reservationValue();
    this.reservationSecond = scenario.roles().get(1).reservationValue();
    this.points = enumerate(scenario, pointsInForce.get(first), pointsInForce.get(second));
    this.frontier = paretoFrontier(points);
    this.zopa = points.stream()
        .filter(p -> p.first() >= reservationFirst && p.second() >= reservationSecond)
        .collect(ImmutableList.toImmutableList());
    this.nash = best(zopa, p -> (double) (p.first() - reservationFirst)
        * (p.second() - reservationSecond));
    this.kalaiSmorodinsky = kalaiSmorodinsky(zopa, reservationFirst, reservationSecond);
  }

  /** Analyses the scenario under its base points. */
  public static Analysis of(Scenario scenario) {
    return new Analysis(scenario, scenario.points());
  }

  /** Analyses the scenario under the given points in force (after news). */
  public static Analysis of(Scenario scenario, Map<String, PointsTable> pointsInForce) {
    checkArgument(pointsInForce.keySet().equals(scenario.points().keySet()),
        "points must cover exactly the scenario's roles");
    return new Analysis(scenario, pointsInForce);
  }

  /** Number of packages: the product of the issues' option counts. */
  public static long packageCount(Scenario scenario) {
    long count = 1;
    for (Issue issue : scenario.issues()) {
      count *= issue.options().size();
    }
    return count;
  }

  public Scenario scenario() {
    return scenario;
  }

  /** Every package with its points, in enumeration order. */
  public ImmutableList<Point> points() {
    return points;
  }

  /** Packages no other package dominates, by descending points for the first role. */
  public ImmutableList<Point> frontier() {
    return frontier;
  }

  /** Packages that clear both reservation values (points at least the reservation value). */
  public ImmutableList<Point> zopa() {
    return zopa;
  }

  public int zopaSize() {
    return zopa.size();
  }

  /** The package with the largest product of gains over the reservation values. */
  public Optional<Point> nash() {
    return nash;
  }

  /**
   * The package that gives both sides the largest equal share of their
   * possible gain: maximises the smaller of (points - reservation) / (ideal -
   * reservation), where a role's ideal is its best points within the ZOPA.
   */
  public Optional<Point> kalaiSmorodinsky() {
    return kalaiSmorodinsky;
  }

  /** Points of a complete package under the analysed points. */
  public Point pointOf(Package pkg) {
    Package canonical = scenario.canonical(pkg);
    return points.get(indexOf(canonical));
  }

  /** Where a complete package sits against the frontier and the reservation values. */
  public Assessment assess(Package pkg) {
    Point p = pointOf(pkg);
    double distance = Double.MAX_VALUE;
    int gainLeft = 0;
    for (Point f : frontier) {
      if (f.first() >= p.first() && f.second() >= p.second()) {
        double d = Math.hypot(f.first() - p.first(), f.second() - p.second());
        distance = Math.min(distance, d);
        gainLeft = Math.max(gainLeft, f.sum() - p.sum());
      }
    }
    boolean dominated = gainLeft > 0 || distance > 0;
    return new Assessment(p, dominated, distance, gainLeft,
        p.first() >= reservationFirst && p.second() >= reservationSecond);
  }

  private int indexOf(Package canonical) {
    int index = 0;
    for (Issue issue : scenario.issues()) {
      index = index * issue.options().size()
          + issue.indexOf(canonical.option(issue.id()).orElseThrow());
    }
    return index;
  }

  private static ImmutableList<Point> enumerate(
      Scenario scenario, PointsTable first, PointsTable second) {
    long count = packageCount(scenario);
    checkArgument(count <= MAX_PACKAGES, "%s packages are too many to enumerate", count);
    List<Issue> issues = scenario.issues();
    int n = issues.size();
    int[][] a = new int[n][];
    int[][] b = new int[n][];
    for (int i = 0; i < n; i++) {
      Issue issue = issues.get(i);
      a[i] = new int[issue.options().size()];
      b[i] = new int[issue.options().size()];
      for (int o = 0; o < issue.options().size(); o++) {
        a[i][o] = first.points(issue.id(), issue.options().get(o).id());
        b[i][o] = second.points(issue.id(), issue.options().get(o).id());
      }
    }
    ImmutableList.Builder<Point> out = ImmutableList.builderWithExpectedSize((int) count);
    int[] choice = new int[n];
    for (long k = 0; k < count; k++) {
      int sa = 0;
      int sb = 0;
      Map<String, String> map = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        sa += a[i][choice[i]];
        sb += b[i][choice[i]];
        map.put(issues.get(i).id(), issues.get(i).options().get(choice[i]).id());
      }
      out.add(new Point(Package.of(map), sa, sb));
      // Odometer: the last issue varies fastest.
      for (int i = n - 1; i >= 0; i--) {
        if (++choice[i] < a[i].length) {
          break;
        }
        choice[i] = 0;
      }
    }
    return out.build();
  }

  private static ImmutableList<Point> paretoFrontier(List<Point> all) {
    List<Point> sorted = new ArrayList<>(all);
    sorted.sort(Comparator.comparingInt(Point::first).reversed()
        .thenComparing(Comparator.comparingInt(Point::second).reversed()));
    ImmutableList.Builder<Point> out = ImmutableList.builder();
    int bestSecondAbove = Integer.MIN_VALUE; // best second among strictly larger first
    int i = 0;
    while (i < sorted.size()) {
      int groupFirst = sorted.get(i).first();
      int groupBest = sorted.get(i).second();
      int j = i;
      while (j < sorted.size() && sorted.get(j).first() == groupFirst) {
        Point p = sorted.get(j);
        if (p.second() == groupBest && groupBest > bestSecondAbove) {
          out.add(p);
        }
        j++;
      }
      bestSecondAbove = Math.max(bestSecondAbove, groupBest);
      i = j;
    }
    return out.build();
  }

  private interface Objective {
    double of(Point p);
  }

  private static Optional<Point> best(List<Point> candidates, Objective objective) {
    Point best = null;
    double bestValue = Double.NEGATIVE_INFINITY;
    for (Point p : candidates) {
      double v = objective.of(p);
      if (best == null || v > bestValue || (v == bestValue && p.sum() > best.sum())) {
        best = p;
        bestValue = v;
      }
    }
    return Optional.ofNullable(best);
  }

  private static Optional<Point> kalaiSmorodinsky(List<Point> zopa, int rvFirst, int rvSecond) {
    if (zopa.isEmpty()) {
      return Optional.empty();
    }
    int idealFirst = zopa.stream().mapToInt(Point::first).max().orElseThrow();
    int idealSecond = zopa.stream().mapToInt(Point::second).max().orElseThrow();
    double spanFirst = Math.max(1, idealFirst - rvFirst);
    double spanSecond = Math.max(1, idealSecond - rvSecond);
    return best(zopa, p -> Math.min((p.first() - rvFirst) / spanFirst,
        (p.second() - rvSecond) / spanSecond));
  }
}
