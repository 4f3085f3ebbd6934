package org.hikiwake.engine.scenario;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One role's points: for every option of every issue (issue id to option id to
 * points), and the role's {@link Link links}, which adjust the score of
 * packages that combine certain options. A package's score is the sum of its
 * options' points plus the delta of every link it meets.
 *
 * <p>Points and scores may be negative: a link may take a package below 0,
 * and news changes the points in force and may turn an option into a cost.
 * News produces new tables; a table is a plain immutable value, never
 * changed in place, and holds everything needed to score a package for its
 * role (so it is what a player may be shown of their own side).
 *
 * @param points issue id to option id to points, in the scenario's issue order
 * @param links the role's links, in file order; ids are unique
 */
public record PointsTable(
    ImmutableMap<String, ImmutableMap<String, Integer>> points, ImmutableList<Link> links) {

  public PointsTable {
    checkNotNull(points, "points");
    checkNotNull(links, "links");
    Set<String> ids = new HashSet<>();
    for (Link link : links) {
      checkArgument(ids.add(link.id()), "two links have the id %s", link.id());
      link.conditions().forEach((issue, options) -> {
        ImmutableMap<String, Integer> row = points.get(issue);
        checkArgument(row != null, "link %s names unknown issue %s", link.id(), issue);
        for (String option : options) {
          checkArgument(row.containsKey(option), "link %s names unknown option %s of issue %s",
              link.id(), option, issue);
        }
      });
    }
  }

  /** A table without links. */
  public PointsTable(ImmutableMap<String, ImmutableMap<String, Integer>> points) {
    this(points, ImmutableList.of());
  }

  /** A table without links. */
  public static PointsTable of(Map<String, ? extends Map<String, Integer>> points) {
    return of(points, List.of());
  }

  /** A table with links. */
  public static PointsTable of(Map<String, ? extends Map<String, Integer>> points,
      List<Link> links) {
    ImmutableMap.Builder<String, ImmutableMap<String, Integer>> b = ImmutableMap.builder();
    points.forEach((issue, options) -> b.put(issue, ImmutableMap.copyOf(options)));
    return new PointsTable(b.buildOrThrow(), ImmutableList.copyOf(links));
  }

  /** Points for one option, leaving links aside. */
  public int points(String issueId, String optionId) {
    ImmutableMap<String, Integer> options = points.get(issueId);
    checkArgument(options != null, "unknown issue %s", issueId);
    Integer p = options.get(optionId);
    checkArgument(p != null, "unknown option %s of issue %s", optionId, issueId);
    return p;
  }

  /**
   * Points for a complete package: the sum of its options' points plus the
   * delta of every link it meets.
   */
  public int score(Package pkg) {
    int total = 0;
    for (String issue : points.keySet()) {
      String option = pkg.option(issue)
          .orElseThrow(() -> new IllegalArgumentException("package lacks issue " + issue));
      total += points(issue, option);
    }
    for (Link link : links) {
      if (link.isMetBy(pkg)) {
        total += link.delta();
      }
    }
    return total;
  }

  /** The links a package meets, in table order: why its score is not the sum of its options. */
  public ImmutableList<Link> linksMetBy(Package pkg) {
    return links.stream().filter(l -> l.isMetBy(pkg)).collect(ImmutableList.toImmutableList());
  }

  /** The highest points any option of the issue is worth, leaving links aside. */
  public int best(String issueId) {
    return row(issueId).values().stream().mapToInt(Integer::intValue).max().orElse(0);
  }

  /** The lowest points any option of the issue is worth, leaving links aside. */
  public int worst(String issueId) {
    return row(issueId).values().stream().mapToInt(Integer::intValue).min().orElse(0);
  }

  /** Points of the best package, links included (computed over packages). */
  public int bestTotal() {
    return extremeTotal(true);
  }

  /** Points of the worst package, links included (computed over packages). */
  public int worstTotal() {
    return extremeTotal(false);
  }

  /**
   * How much the issue matters on its own: its best option's points less its
   * worst's. Links are left aside; they make an issue matter more or less
   * depending on the options chosen elsewhere.
   */
  public int weight(String issueId) {
    return best(issueId) - worst(issueId);
  }

  /** A copy with one option's points moved by {@code delta}; the links stay. */
  public PointsTable plus(String issueId, String optionId, int delta) {
    points(issueId, optionId); // validates
    // only the changed row is new; the others are shared, as every game a news item
    // reaches keeps the table it makes
    ImmutableMap.Builder<String, ImmutableMap<String, Integer>> copy =
        ImmutableMap.builderWithExpectedSize(points.size());
    points.forEach((issue, options) -> {
      if (!issue.equals(issueId)) {
        copy.put(issue, options);
        return;
      }
      ImmutableMap.Builder<String, Integer> row =
          ImmutableMap.builderWithExpectedSize(options.size());
      options.forEach((option, p) -> row.put(option, option.equals(optionId) ? p + delta : p));
      copy.put(issue, row.buildOrThrow());
    });
    return new PointsTable(copy.buildOrThrow(), links);
  }

  private ImmutableMap<String, Integer> row(String issueId) {
    ImmutableMap<String, Integer> row = points.get(issueId);
    checkArgument(row != null, "unknown issue %s", issueId);
    return row;
  }

  /**
   * The best or worst package's points. An issue no link names adds its own
   * best (or worst) option; the issues the links name are enumerated
   * together, so the result is exact.
   */
  private int extremeTotal(boolean best) {
    Set<String> linked = new LinkedHashSet<>();
    links.forEach(l -> linked.addAll(l.conditions().keySet()));
    int total = 0;
    for (String issue : points.keySet()) {
      if (!linked.contains(issue)) {
        total += best ? best(issue) : worst(issue);
      }
    }
    if (linked.isEmpty()) {
      return total;
    }
    List<String> issues = new ArrayList<>(linked);
    List<List<String>> options = new ArrayList<>();
    List<int[]> optionPoints = new ArrayList<>();
    for (String issue : issues) {
      List<String> ids = List.copyOf(points.get(issue).keySet());
      options.add(ids);
      optionPoints.add(ids.stream().mapToInt(o -> points.get(issue).get(o)).toArray());
    }
    // met[l][i][o]: option o of linked issue i satisfies link l's condition on it.
    boolean[][][] met = new boolean[links.size()][issues.size()][];
    for (int l = 0; l < links.size(); l++) {
      for (int i = 0; i < issues.size(); i++) {
        ImmutableSet<String> allowed = links.get(l).conditions().get(issues.get(i));
        met[l][i] = new boolean[options.get(i).size()];
        for (int o = 0; o < options.get(i).size(); o++) {
          met[l][i][o] = allowed == null || allowed.contains(options.get(i).get(o));
        }
      }
    }
    int[] choice = new int[issues.size()];
    int extreme = best ? Integer.MIN_VALUE : Integer.MAX_VALUE;
    while (true) {
      int sum = 0;
      for (int i = 0; i < choice.length; i++) {
        sum += optionPoints.get(i)[choice[i]];
      }
      for (int l = 0; l < met.length; l++) {
        boolean all = true;
        for (int i = 0; i < choice.length && all; i++) {
          all = met[l][i][choice[i]];
        }
        if (all) {
          sum += links.get(l).delta();
        }
      }
      extreme = best ? Math.max(extreme, sum) : Math.min(extreme, sum);
      // Next combination, the last linked issue varying fastest.
      int i = choice.length - 1;
      while (i >= 0 && ++choice[i] == options.get(i).size()) {
        choice[i] = 0;
        i--;
      }
      if (i < 0) {
        return total + extreme;
      }
    }
  }
}
