package org.hikiwake.cli.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hikiwake.cli.text.EndText;
import org.hikiwake.cli.text.PackageText;
import org.hikiwake.engine.analysis.Analysis;
import org.hikiwake.engine.analysis.Assessment;
import org.hikiwake.engine.analysis.Point;
import org.hikiwake.engine.scenario.News;
import org.hikiwake.engine.scenario.Package;
import org.hikiwake.engine.scenario.PointChange;
import org.hikiwake.engine.scenario.PointsTable;
import org.hikiwake.engine.scenario.Role;
import org.hikiwake.engine.scenario.Scenario;

/**
 * Text reports from the engine's analysis of a scenario: the zone of possible
 * agreement, the Nash and Kalai-Smorodinsky packages with both sides' points,
 * and how the news moves the zone. Pure.
 */
public final class AnalysisReport {
  private AnalysisReport() {}

  /** The full report of {@code hikiwake scenarios analyze}. */
  public static List<String> of(Scenario scenario) {
    List<String> out = new ArrayList<>();
    Role first = scenario.roles().get(0);
    Role second = scenario.roles().get(1);
    Analysis analysis = Analysis.of(scenario);
    out.add("Scenario " + scenario.id() + ": " + scenario.title());
    out.add("Roles: " + first.name() + " (reservation value " + first.reservationValue() + "), "
        + second.name() + " (reservation value " + second.reservationValue() + "); "
        + scenario.rounds() + " rounds, "
        + scenario.role(scenario.firstMover()).map(Role::name).orElse(scenario.firstMover())
        + " moves first.");
    out.add("Issues: " + scenario.issues().size() + "; packages: "
        + Analysis.packageCount(scenario) + "; on the Pareto frontier: "
        + analysis.frontier().size() + ".");
    out.add("ZOPA size: " + analysis.zopaSize() + " packages clear both reservation values.");
    out.addAll(packageBlock(scenario, "Nash bargaining package", analysis.nash()));
    out.addAll(packageBlock(scenario, "Kalai-Smorodinsky package",
        analysis.kalaiSmorodinsky()));
    if (!scenario.news().isEmpty()) {
      out.add("News and the ZOPA (cumulative points after each round's news):");
      Map<String, PointsTable> points = new LinkedHashMap<>(scenario.points());
      int lastRound = scenario.news().stream().mapToInt(News::round).max().orElse(0);
      for (int round = 1; round <= lastRound; round++) {
        List<News> arriving = scenario.newsFor(round);
        if (arriving.isEmpty()) {
          continue;
        }
        for (News n : arriving) {
          for (PointChange c : n.pointChanges()) {
            points.put(c.role(), points.get(c.role()).plus(c.issue(), c.option(), c.delta()));
          }
        }
        Analysis a = Analysis.of(scenario, points);
        List<String> ids = arriving.stream().map(News::id).toList();
        out.add("  round " + round + " (" + String.join(", ", ids) + "): ZOPA "
            + a.zopaSize() + a.nash().map(p -> "; Nash " + first.name() + " " + p.first()
                + ", " + second.name() + " " + p.second()).orElse("; no Nash package"));
      }
    }
    return out;
  }

  /** A heading with both sides' points, then one line per issue with both sides' points. */
  public static List<String> packageBlock(Scenario scenario, String heading,
      Optional<Point> point) {
    List<String> out = new ArrayList<>();
    if (point.isEmpty()) {
      out.add(heading + ": none (no package clears both reservation values).");
      return out;
    }
    Point p = point.get();
    Role first = scenario.roles().get(0);
    Role second = scenario.roles().get(1);
    out.add(heading + " (" + first.name() + " " + p.first() + ", " + second.name() + " "
        + p.second() + "):");
    out.addAll(choiceLines(scenario, scenario.points(), p.pkg()));
    return out;
  }

  /** One line per issue: {@code issue = option  first | second  label} (see {@link PackageText}). */
  public static List<String> choiceLines(Scenario scenario, Map<String, PointsTable> points,
      Package pkg) {
    return PackageText.lines(scenario.publicPart(), List.of(
        points.get(scenario.roles().get(0).id()), points.get(scenario.roles().get(1).id())), pkg);
  }

  /** Where a package sits against the frontier, in one line (as every debrief says it). */
  public static String assessment(Assessment a) {
    return EndText.assessment(a);
  }
}
