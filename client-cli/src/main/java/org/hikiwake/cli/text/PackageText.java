package org.hikiwake.cli.text;

import static org.hikiwake.cli.text.Sanitizer.line;

import com.google.common.collect.ImmutableMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.hikiwake.engine.scenario.Issue;
import org.hikiwake.engine.scenario.Option;
import org.hikiwake.engine.scenario.Package;
import org.hikiwake.engine.scenario.PointsTable;
import org.hikiwake.engine.scenario.PublicScenario;

/**
 * The one layout of a package as text, shared by play, watch, replay, export
 * and the scenario report: one line per issue, in the scenario's order, with
 * a column of points per role shown. Pure; text from elsewhere is sanitized.
 */
public final class PackageText {
  private PackageText() {}

  /**
   * {@code   issue = option    p1 | p2   label}, one line per issue the
   * package names. Widths fit every issue and option of the scenario, so
   * blocks printed one after the other line up.
   *
   * @param columns the points of each role shown, in the order of the columns
   */
  public static List<String> lines(PublicScenario scenario, List<PointsTable> columns,
      Package pkg) {
    List<String> out = new ArrayList<>();
    int issueWidth = scenario.issues().stream().mapToInt(i -> line(i.id()).length()).max()
        .orElse(0);
    int optionWidth = scenario.issues().stream().flatMap(i -> i.options().stream())
        .mapToInt(o -> line(o.id()).length()).max().orElse(0);
    for (Issue issue : scenario.issues()) {
      Optional<String> option = pkg.option(issue.id());
      if (option.isEmpty()) {
        continue;
      }
      StringBuilder row = new StringBuilder(String.format(Locale.ROOT,
          "  %-" + issueWidth + "s = %-" + optionWidth + "s", line(issue.id()),
          line(option.get())));
      for (int c = 0; c < columns.size(); c++) {
        String p = points(columns.get(c), issue.id(), option.get());
        row.append(c == 0 ? String.format(Locale.ROOT, " %4s", p)
            : String.format(Locale.ROOT, " | %-4s", p));
      }
      String label = issue.option(option.get()).map(Option::label).orElse("");
      row.append(' ').append(line(label));
      out.add(row.toString().stripTrailing());
    }
    return out;
  }

  /** Each role's points, e.g. {@code Japan 69, Russia 87}, in the order given. */
  public static String scores(PublicScenario scenario, Map<String, Integer> byRole) {
    List<String> parts = new ArrayList<>();
    byRole.forEach((role, points) -> parts.add(line(scenario.roleName(role)) + " " + points));
    return String.join(", ", parts);
  }

  /** What the package is worth to each role whose table is given, in the scenario's role order. */
  public static ImmutableMap<String, Integer> worth(PublicScenario scenario,
      Map<String, PointsTable> tables, Package pkg) {
    ImmutableMap.Builder<String, Integer> out = ImmutableMap.builder();
    for (PublicScenario.RoleName role : scenario.roles()) {
      PointsTable table = tables.get(role.id());
      if (table != null) {
        out.put(role.id(), table.score(scenario.canonical(pkg)));
      }
    }
    return out.buildOrThrow();
  }

  private static String points(PointsTable table, String issueId, String optionId) {
    Integer p = Optional.ofNullable(table.points().get(issueId)).map(r -> r.get(optionId))
        .orElse(null);
    return p == null ? "?" : Integer.toString(p);
  }
}
