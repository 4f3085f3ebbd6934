package org.hikiwake.engine.bot;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.cache.CacheBuilder;
import com.google.common.cache.CacheLoader;
import com.google.common.cache.LoadingCache;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.List;
import org.hikiwake.engine.scenario.Issue;
import org.hikiwake.engine.scenario.Package;
import org.hikiwake.engine.scenario.PointsTable;
import org.hikiwake.engine.scenario.PublicScenario;

/**
 * Every complete package of a scenario with what it is worth to one role, as
 * that role's own sheet scores it ({@link PointsTable#score}, so any scoring
 * rule of the table, such as linked issues, counts). Packages are numbered in
 * enumeration order (the first issue's option varies slowest); each knows its
 * option index per issue, which opponent models read.
 */
public final class OwnPackages {
  private final PublicScenario scenario;
  private final PointsTable table;
  private final ImmutableList<Package> packages;
  private final int[][] options;
  private final int[] points;
  private final int best;

  private OwnPackages(PublicScenario scenario, PointsTable table, ImmutableList<Package> packages,
      int[][] options) {
    this.scenario = scenario;
    this.table = table;
    this.packages = packages;
    this.options = options;
    this.points = new int[packages.size()];
    int max = Integer.MIN_VALUE;
    for (int k = 0; k < points.length; k++) {
      points[k] = table.score(packages.get(k));
      max = Math.max(max, points[k]);
    }
    this.best = max;
  }

  /**
   * The scenario's packages scored by the table. Enumerating a scenario's
   * packages is the costly part of a bot's first move, so enumerations are
   * shared between bots (a small cache keyed by the public scenario; a pure
   * memo that changes no result), and {@link Bot} keeps its last scoring so
   * that only news makes it score again.
   */
  public static OwnPackages of(PublicScenario scenario, PointsTable table) {
    Enumeration e = ENUMERATIONS.getUnchecked(scenario);
    return new OwnPackages(scenario, table, e.packages(), e.options());
  }

  /** Every package of a scenario and its option index per issue. */
  private record Enumeration(ImmutableList<Package> packages, int[][] options) {}

  private static final LoadingCache<PublicScenario, Enumeration> ENUMERATIONS =
      CacheBuilder.newBuilder().maximumSize(16).build(CacheLoader.from(OwnPackages::enumerate));

  private static Enumeration enumerate(PublicScenario scenario) {
    List<Issue> issues = scenario.issues();
    long count = 1;
    for (Issue issue : issues) {
      count *= issue.options().size();
    }
    checkArgument(count <= Integer.MAX_VALUE, "%s packages are too many to enumerate", count);
    int size = (int) count;
    int[][] options = new int[size][issues.size()];
    ImmutableList.Builder<Package> packages = ImmutableList.builderWithExpectedSize(size);
    for (int k = 0; k < size; k++) {
      int rest = k;
      for (int i = issues.size() - 1; i >= 0; i--) {
        int n = issues.get(i).options().size();
        options[k][i] = rest % n;
        rest /= n;
      }
      ImmutableMap.Builder<String, String> choices =
          ImmutableMap.builderWithExpectedSize(issues.size());
      for (int i = 0; i < issues.size(); i++) {
        choices.put(issues.get(i).id(), issues.get(i).options().get(options[k][i]).id());
      }
      packages.add(new Package(choices.buildOrThrow()));
    }
    return new Enumeration(packages.build(), options);
  }

  /** The same packages scored by another table of the same scenario (after news). */
  public OwnPackages rescored(PointsTable newTable) {
    return new OwnPackages(scenario, newTable, packages, options);
  }

  /** True if these are the packages of this scenario scored by this table. */
  public boolean isFor(PublicScenario otherScenario, PointsTable otherTable) {
    return (scenario == otherScenario || scenario.equals(otherScenario))
        && (table == otherTable || table.equals(otherTable));
  }

  public PublicScenario scenario() {
    return scenario;
  }

  /** Number of packages. */
  public int size() {
    return points.length;
  }

  /** The package with this number. */
  public Package pkg(int k) {
    return packages.get(k);
  }

  /** The package's points for this role. */
  public int points(int k) {
    return points[k];
  }

  /** The index, in its issue's option list, of the option package {@code k} picks for issue {@code i}. */
  public int option(int k, int issue) {
    return options[k][issue];
  }

  /** The points of this role's best package. */
  public int best() {
    return best;
  }

  /** The number of a complete package of the scenario. */
  public int indexOf(Package pkg) {
    int index = 0;
    for (Issue issue : scenario.issues()) {
      String option = pkg.option(issue.id()).orElseThrow(
          () -> new IllegalArgumentException("package lacks issue " + issue.id()));
      int o = issue.indexOf(option);
      checkArgument(o >= 0, "unknown option %s of issue %s", option, issue.id());
      index = index * issue.options().size() + o;
    }
    return index;
  }

  /** A complete package's points for this role. */
  public int pointsOf(Package pkg) {
    return points[indexOf(pkg)];
  }
}
