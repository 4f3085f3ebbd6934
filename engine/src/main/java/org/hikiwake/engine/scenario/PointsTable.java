package org.hikiwake.engine.scenario;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One role's points for every option of every issue (issue id to option id to
 * points). News events produce new tables; a table is never changed in place.
 */
public record PointsTable(ImmutableMap<String, ImmutableMap<String, Integer>> points) {

  public static PointsTable of(Map<String, ? extends Map<String, Integer>> points) {
    ImmutableMap.Builder<String, ImmutableMap<String, Integer>> b = ImmutableMap.builder();
    points.forEach((issue, options) -> b.put(issue, ImmutableMap.copyOf(options)));
    return new PointsTable(b.buildOrThrow());
  }

  /** Points for one option. */
  public int points(String issueId, String optionId) {
    ImmutableMap<String, Integer> options = points.get(issueId);
    checkArgument(options != null, "unknown issue %s", issueId);
    Integer p = options.get(optionId);
    checkArgument(p != null, "unknown option %s of issue %s", optionId, issueId);
    return p;
  }

  /** Points for a complete package: the sum of its options' points. */
  public int score(Package pkg) {
    int total = 0;
    for (String issue : points.keySet()) {
      String option = pkg.option(issue)
          .orElseThrow(() -> new IllegalArgumentException("package lacks issue " + issue));
      total += points(issue, option);
    }
    return total;
  }

  /** The highest points any option of the issue is worth. */
  public int best(String issueId) {
    return points.get(issueId).values().stream().mapToInt(Integer::intValue).max().orElse(0);
  }

  /** The lowest points any option of the issue is worth. */
  public int worst(String issueId) {
    return points.get(issueId).values().stream().mapToInt(Integer::intValue).min().orElse(0);
  }

  /** Points of the best package: the sum of every issue's best option. */
  public int bestTotal() {
    return points.keySet().stream().mapToInt(this::best).sum();
  }

  /** Points of the worst package. */
  public int worstTotal() {
    return points.keySet().stream().mapToInt(this::worst).sum();
  }

  /** How much the issue matters: its best option's points less its worst's. */
  public int weight(String issueId) {
    return best(issueId) - worst(issueId);
  }

  /** A copy with one option's points moved by {@code delta}. */
  public PointsTable plus(String issueId, String optionId, int delta) {
    points(issueId, optionId); // validates
    Map<String, Map<String, Integer>> copy = new LinkedHashMap<>();
    points.forEach((issue, options) -> {
      Map<String, Integer> row = new LinkedHashMap<>(options);
      if (issue.equals(issueId)) {
        row.put(optionId, row.get(optionId) + delta);
      }
      copy.put(issue, row);
    });
    return of(copy);
  }
}
