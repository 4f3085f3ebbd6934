package org.hikiwake.engine.analysis;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.base.Supplier;
import com.google.common.base.Suppliers;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import org.hikiwake.engine.scenario.Issue;
import org.hikiwake.engine.scenario.Link;
import org.hikiwake.engine.scenario.Option;
import org.hikiwake.engine.scenario.Package;
import org.hikiwake.engine.scenario.PointsTable;
import org.hikiwake.engine.scenario.Scenario;
import org.hikiwake.engine.scenario.ScenarioLoader;

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
  /** The largest package space this class will enumerate; the loader refuses larger ones. */
  public static final int MAX_PACKAGES = ScenarioLoader.MAX_PACKAGES;

  private final Scenario scenario;
  private final int reservationFirst;
  private final int reservationSecond;
  /** Each package's points for the first and the second role, by enumeration index. */
  private final int[] firsts;
  private final int[] seconds;
  // Most callers need only the frontier and the ZOPA, so the full list of
  // points (one Package per package) is built on first use.
  private final Supplier<ImmutableList<Point>> points;
  private final ImmutableList<Point> frontier;
  /** Enumeration indices of the ZOPA's packages, in enumeration order. */
  private final int[] zopaIndices;
  // The ZOPA can hold a third of the space; its points are built on first use.
  private final Supplier<ImmutableList<Point>> zopa;
  /** Best points of each role within the ZOPA (meaningless if it is empty). */
  private final int idealFirst;
  private final int idealSecond;
  private final Optional<Point> nash;
  private final Optional<Point> kalaiSmorodinsky;

  private Analysis(Scenario scenario, Map<String, PointsTable> pointsInForce) {
    this.scenario = scenario;
    String first = scenario.roles().get(0).id();
    String second = scenario.roles().get(1).id();
    this.reservationFirst = scenario.roles().get(0).reservationValue();
    this.reservationSecond = scenario.roles().get(1).reservationValue();
    int count = checkedCount(scenario);
    this.firsts = new int[count];
    this.seconds = new int[count];
    score(scenario, pointsInForce.get(first), firsts);
    score(scenario, pointsInForce.get(second), seconds);
    this.points = Suppliers.memoize(this::allPoints);
    this.frontier = paretoFrontier();
    int[] inZopa = new int[count];
    int size = 0;
    int bestFirst = Integer.MIN_VALUE;
    int bestSecond = Integer.MIN_VALUE;
    for (int k = 0; k < count; k++) {
      if (firsts[k] >= reservationFirst && seconds[k] >= reservationSecond) {
        inZopa[size++] = k;
        bestFirst = Math.max(bestFirst, firsts[k]);
        bestSecond = Math.max(bestSecond, seconds[k]);
      }
    }
    this.zopaIndices = Arrays.copyOf(inZopa, size);
    this.idealFirst = bestFirst;
    this.idealSecond = bestSecond;
    this.zopa = Suppliers.memoize(this::zopaPoints);
    this.nash = best((f, s) -> (double) (f - reservationFirst) * (s - reservationSecond));
    // Kalai-Smorodinsky: the largest equal share of the possible gain.
    double spanFirst = Math.max(1, idealFirst - reservationFirst);
    double spanSecond = Math.max(1, idealSecond - reservationSecond);
    this.kalaiSmorodinsky = best((f, s) -> Math.min((f - reservationFirst) / spanFirst,
        (s - reservationSecond) / spanSecond));
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
    return points.get();
  }

  /** Packages no other package dominates, by descending points for the first role. */
  public ImmutableList<Point> frontier() {
    return frontier;
  }

  /** Packages that clear both reservation values (points at least the reservation value). */
  public ImmutableList<Point> zopa() {
    return zopa.get();
  }

  public int zopaSize() {
    return zopaIndices.length;
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

  /**
   * The most a role can gain over its reservation value in an agreement: its
   * best points among the packages in the ZOPA (those the other side also
   * accepts) less its reservation value. Empty if the ZOPA is empty.
   */
  public OptionalInt largestGain(String roleId) {
    boolean first = isFirst(roleId);
    if (zopaIndices.length == 0) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(first ? idealFirst - reservationFirst : idealSecond - reservationSecond);
  }

  /**
   * A score's gain over the role's reservation value as a share of its
   * {@linkplain #largestGain largest possible gain}: 1 for the most it could
   * get in an agreement, 0 for no better than no agreement (the score of a
   * game without one), negative for a deal worse than none. This is the
   * measure to compare outcomes within a role, across pairs: raw points are
   * on each role's own scale. Empty if the ZOPA is empty or offers the role no
   * gain.
   */
  public OptionalDouble shareOfGain(String roleId, int points) {
    OptionalInt largest = largestGain(roleId);
    if (largest.isEmpty() || largest.getAsInt() == 0) {
      return OptionalDouble.empty();
    }
    int reservation = isFirst(roleId) ? reservationFirst : reservationSecond;
    return OptionalDouble.of((points - reservation) / (double) largest.getAsInt());
  }

  /** {@link #shareOfGain(String, int)} for a complete package under the analysed points. */
  public OptionalDouble shareOfGain(String roleId, Package pkg) {
    Point p = pointOf(pkg);
    return shareOfGain(roleId, isFirst(roleId) ? p.first() : p.second());
  }

  private boolean isFirst(String roleId) {
    checkArgument(scenario.hasRole(roleId), "unknown role %s", roleId);
    return scenario.roles().get(0).id().equals(roleId);
  }

  /** Points of a complete package under the analysed points. */
  public Point pointOf(Package pkg) {
    Package canonical = scenario.canonical(pkg);
    int index = indexOf(canonical);
    return new Point(canonical, firsts[index], seconds[index]);
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

  private static int checkedCount(Scenario scenario) {
    long count = packageCount(scenario);
    checkArgument(count <= MAX_PACKAGES, "%s packages are too many to enumerate", count);
    return (int) count;
  }

  /** Fills in one role's points for every package, in enumeration order. */
  private static void score(Scenario scenario, PointsTable table, int[] out) {
    // Mixed-radix counting with the last issue varying fastest: a package's
    // points are its prefix's points plus the points of its last option.
    out[0] = 0;
    int filled = 1;
    for (Issue issue : scenario.issues()) {
      int size = issue.options().size();
      int[] optionPoints = new int[size];
      for (int o = 0; o < size; o++) {
        optionPoints[o] = table.points(issue.id(), issue.options().get(o).id());
      }
      for (int k = filled - 1; k >= 0; k--) {
        int prefix = out[k];
        for (int o = 0; o < size; o++) {
          out[k * size + o] = prefix + optionPoints[o];
        }
      }
      filled *= size;
    }
    addLinks(scenario, table, out);
  }

  /**
   * Adds each link's delta to the packages that meet it. Those packages form a
   * product of option sets, so they are visited directly rather than by
   * testing every package; the issues after the link's last condition vary
   * freely, which makes each visit a contiguous run of indices.
   */
  private static void addLinks(Scenario scenario, PointsTable table, int[] out) {
    List<Issue> issues = scenario.issues();
    int[] sizes = new int[issues.size()];
    for (int i = 0; i < sizes.length; i++) {
      sizes[i] = issues.get(i).options().size();
    }
    for (Link link : table.links()) {
      int[][] allowed = new int[issues.size()][];
      int last = -1;
      for (int i = 0; i < issues.size(); i++) {
        Issue issue = issues.get(i);
        ImmutableSet<String> options = link.conditions().get(issue.id());
        if (options == null) {
          allowed[i] = IntStream.range(0, sizes[i]).toArray();
        } else {
          allowed[i] = options.stream().mapToInt(issue::indexOf).toArray();
          last = i;
        }
      }
      int run = 1;
      for (int i = last + 1; i < sizes.length; i++) {
        run *= sizes[i];
      }
      addMatching(out, sizes, allowed, last, 0, 0, run, link.delta());
    }
  }

  private static void addMatching(int[] out, int[] sizes, int[][] allowed, int last, int issue,
      int prefix, int run, int delta) {
    if (issue > last) {
      int start = prefix * run;
      for (int k = start; k < start + run; k++) {
        out[k] += delta;
      }
      return;
    }
    for (int o : allowed[issue]) {
      addMatching(out, sizes, allowed, last, issue + 1, prefix * sizes[issue] + o, run, delta);
    }
  }

  private Point point(int index) {
    return new Point(packageAt(index), firsts[index], seconds[index]);
  }

  /** The package with this enumeration index. */
  private Package packageAt(int index) {
    List<Issue> issues = scenario.issues();
    String[] options = new String[issues.size()];
    int rest = index;
    for (int i = issues.size() - 1; i >= 0; i--) {
      List<Option> choices = issues.get(i).options();
      options[i] = choices.get(rest % choices.size()).id();
      rest /= choices.size();
    }
    ImmutableMap.Builder<String, String> map = ImmutableMap.builderWithExpectedSize(options.length);
    for (int i = 0; i < options.length; i++) {
      map.put(issues.get(i).id(), options[i]);
    }
    return new Package(map.buildOrThrow());
  }

  private ImmutableList<Point> allPoints() {
    ImmutableList.Builder<Point> out = ImmutableList.builderWithExpectedSize(firsts.length);
    for (int k = 0; k < firsts.length; k++) {
      out.add(point(k));
    }
    return out.build();
  }

  private ImmutableList<Point> paretoFrontier() {
    Integer[] sorted = new Integer[firsts.length];
    for (int k = 0; k < sorted.length; k++) {
      sorted[k] = k;
    }
    // Stable, so equal points stay in enumeration order.
    Arrays.sort(sorted, (x, y) -> firsts[x] != firsts[y]
        ? Integer.compare(firsts[y], firsts[x])
        : Integer.compare(seconds[y], seconds[x]));
    ImmutableList.Builder<Point> out = ImmutableList.builder();
    int bestSecondAbove = Integer.MIN_VALUE; // best second among strictly larger first
    int i = 0;
    while (i < sorted.length) {
      int groupFirst = firsts[sorted[i]];
      int groupBest = seconds[sorted[i]];
      int j = i;
      while (j < sorted.length && firsts[sorted[j]] == groupFirst) {
        if (seconds[sorted[j]] == groupBest && groupBest > bestSecondAbove) {
          out.add(point(sorted[j]));
        }
        j++;
      }
      bestSecondAbove = Math.max(bestSecondAbove, groupBest);
      i = j;
    }
    return out.build();
  }

  private interface Objective {
    double of(int first, int second);
  }

  /**
   * The ZOPA package with the largest objective; ties go to the larger joint
   * sum, then to the earlier package in enumeration order.
   */
  private Optional<Point> best(Objective objective) {
    int best = -1;
    double bestValue = Double.NEGATIVE_INFINITY;
    for (int k : zopaIndices) {
      double v = objective.of(firsts[k], seconds[k]);
      if (best < 0 || v > bestValue
          || (v == bestValue && firsts[k] + seconds[k] > firsts[best] + seconds[best])) {
        best = k;
        bestValue = v;
      }
    }
    return best < 0 ? Optional.empty() : Optional.of(point(best));
  }

  private ImmutableList<Point> zopaPoints() {
    ImmutableList.Builder<Point> out = ImmutableList.builderWithExpectedSize(zopaIndices.length);
    for (int k : zopaIndices) {
      out.add(point(k));
    }
    return out.build();
  }
}
