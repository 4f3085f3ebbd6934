package org.hikiwake.app.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.hikiwake.cli.text.EndText;
import org.hikiwake.cli.text.PackageText;
import org.hikiwake.engine.analysis.Analysis;
import org.hikiwake.engine.analysis.Assessment;
import org.hikiwake.engine.analysis.Point;
import org.hikiwake.engine.analysis.RoundAnalysis;
import org.hikiwake.engine.scenario.Issue;
import org.hikiwake.engine.scenario.Link;
import org.hikiwake.engine.scenario.News;
import org.hikiwake.engine.scenario.Package;
import org.hikiwake.engine.scenario.PointsTable;
import org.hikiwake.engine.scenario.Role;
import org.hikiwake.engine.scenario.Scenario;

/**
 * Text reports from the engine's analysis of a scenario: the zone of possible
 * agreement, the Nash and Kalai-Smorodinsky packages with both sides' points,
 * and, round by round, how the news moves them. It prints what the engine
 * computes ({@link RoundAnalysis}) and applies no news itself. Pure.
 */
public final class AnalysisReport {
  private AnalysisReport() {}

  /** The full report of {@code hikiwake scenarios analyze}. */
  public static List<String> of(Scenario scenario) {
    List<String> out = new ArrayList<>();
    Role first = scenario.roles().get(0);
    Role second = scenario.roles().get(1);
    List<RoundAnalysis> rounds = RoundAnalysis.of(scenario);
    // What the players face when the game opens: round 1's points in force.
    Analysis analysis = rounds.get(0).analysis();
    out.add("Scenario " + scenario.id() + ": " + scenario.title());
    out.add("Roles: " + first.name() + " (reservation value " + first.reservationValue() + "), "
        + second.name() + " (reservation value " + second.reservationValue() + "); "
        + scenario.rounds() + " rounds, "
        + scenario.role(scenario.firstMover()).map(Role::name).orElse(scenario.firstMover())
        + " moves first.");
    out.add("Issues: " + scenario.issues().size() + "; packages: "
        + Analysis.packageCount(scenario) + "; on the Pareto frontier: "
        + analysis.frontier().size() + "; links: " + first.name() + " "
        + scenario.pointsOf(first.id()).links().size() + ", " + second.name() + " "
        + scenario.pointsOf(second.id()).links().size() + ".");
    out.add("ZOPA size: " + analysis.zopaSize() + " packages clear both reservation values.");
    Map<String, PointsTable> start = scenario.pointsInForce(1);
    out.addAll(packageBlock(scenario, start, "Nash bargaining package", analysis.nash()));
    if (analysis.nash().isPresent() && analysis.kalaiSmorodinsky().isPresent()
        && analysis.nash().get().pkg().equals(analysis.kalaiSmorodinsky().get().pkg())) {
      out.add("Kalai-Smorodinsky package: the same package as the Nash package.");
    } else {
      out.addAll(packageBlock(scenario, start, "Kalai-Smorodinsky package",
          analysis.kalaiSmorodinsky()));
    }
    out.add("Round by round: the points in force after each round's news. A share is the"
        + " gain over the reservation value as a share of the largest gain the role can get"
        + " in that round's ZOPA (100% = the most it could get, 0% = no deal).");
    for (RoundAnalysis r : rounds) {
      List<String> ids = r.news().stream().map(News::id).toList();
      Analysis a = r.analysis();
      out.add("  round " + r.round() + " (" + (ids.isEmpty() ? "start" : String.join(", ", ids))
          + "): ZOPA " + a.zopaSize());
      out.addAll(figures(scenario, a, "Nash", a.nash()));
      out.addAll(figures(scenario, a, "K-S ", a.kalaiSmorodinsky()));
    }
    return out;
  }

  /**
   * {@code Nash  Japan 69 (45%), Russia 87 (60%)} and the package on the next
   * line, or that there is none.
   */
  private static List<String> figures(Scenario scenario, Analysis a, String label,
      Optional<Point> point) {
    if (point.isEmpty()) {
      return List.of("    " + label + "  none (empty ZOPA)");
    }
    Point p = point.get();
    Role first = scenario.roles().get(0);
    Role second = scenario.roles().get(1);
    return List.of("    " + label + "  " + first.name() + " " + p.first() + " ("
            + share(a, first, p.first()) + "), " + second.name() + " " + p.second() + " ("
            + share(a, second, p.second()) + ")",
        "          " + p.pkg());
  }

  private static String share(Analysis a, Role role, int points) {
    OptionalDouble share = a.shareOfGain(role.id(), points);
    return share.isEmpty() ? "n/a"
        : String.format(Locale.ROOT, "%.0f%%", 100 * share.getAsDouble());
  }

  /**
   * A heading with both sides' points, one line per issue with both sides'
   * points under {@code points}, then one line per link the package meets.
   */
  public static List<String> packageBlock(Scenario scenario, Map<String, PointsTable> points,
      String heading, Optional<Point> point) {
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
    out.addAll(choiceLines(scenario, points, p.pkg()));
    for (Role role : scenario.roles()) {
      for (Link link : points.get(role.id()).linksMetBy(p.pkg())) {
        out.add(String.format(Locale.ROOT, "  + link %s: %s %+d", link.id(), role.name(),
            link.delta()));
      }
    }
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
