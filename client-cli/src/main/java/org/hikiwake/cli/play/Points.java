package org.hikiwake.cli.play;

import com.google.common.collect.ImmutableMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.hikiwake.engine.scenario.Package;
import org.hikiwake.proto.wire.IssuePoints;
import org.hikiwake.proto.wire.OptionPoints;
import org.hikiwake.proto.wire.PointDelta;
import org.hikiwake.proto.wire.PointsView;

/** One role's points for every option, as the server sent them (issue id to option id to points). */
public record Points(ImmutableMap<String, ImmutableMap<String, Integer>> table) {

  public static Points from(PointsView proto) {
    Map<String, Map<String, Integer>> map = new LinkedHashMap<>();
    for (IssuePoints issue : proto.getIssuesList()) {
      Map<String, Integer> row = map.computeIfAbsent(issue.getIssue(), k -> new LinkedHashMap<>());
      for (OptionPoints option : issue.getOptionsList()) {
        row.put(option.getOption(), option.getPoints());
      }
    }
    return of(map);
  }

  public static Points of(Map<String, ? extends Map<String, Integer>> map) {
    ImmutableMap.Builder<String, ImmutableMap<String, Integer>> b = ImmutableMap.builder();
    map.forEach((issue, row) -> b.put(issue, ImmutableMap.copyOf(row)));
    return new Points(b.buildKeepingLast());
  }

  /** Points for one option, if known. */
  public OptionalInt of(String issue, String option) {
    ImmutableMap<String, Integer> row = table.get(issue);
    if (row == null || !row.containsKey(option)) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(row.get(option));
  }

  /** Points of a package: the sum over its issues; empty if it names an unknown option. */
  public OptionalInt score(Package pkg) {
    int total = 0;
    for (Map.Entry<String, String> choice : pkg.choices().entrySet()) {
      OptionalInt p = of(choice.getKey(), choice.getValue());
      if (p.isEmpty()) {
        return OptionalInt.empty();
      }
      total += p.getAsInt();
    }
    return OptionalInt.of(total);
  }

  /** A copy with the news' changes applied. */
  public Points plus(List<PointDelta> deltas) {
    Map<String, Map<String, Integer>> copy = new LinkedHashMap<>();
    table.forEach((issue, row) -> copy.put(issue, new LinkedHashMap<>(row)));
    for (PointDelta d : deltas) {
      Map<String, Integer> row = copy.computeIfAbsent(d.getIssue(), k -> new LinkedHashMap<>());
      row.merge(d.getOption(), d.getDelta(), Integer::sum);
    }
    return of(copy);
  }
}
