package org.hikiwake.engine.scenario;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.hikiwake.engine.analysis.Analysis;
import org.hikiwake.engine.analysis.Point;
import org.hikiwake.engine.analysis.RoundAnalysis;

/**
 * The figures a scenario file's header comment quotes, computed by the engine:
 * each role's totals, weights and links, "split the difference", and round by
 * round the ZOPA, the Nash and Kalai-Smorodinsky packages with shares of the
 * largest possible gain, chosen packages and chosen sets of packages.
 * {@link ScenarioFiguresTest} prints them for every built-in scenario.
 */
final class ScenarioFigures {
  private ScenarioFigures() {}

  /** The package that takes the first option of every issue: "nothing agreed". */
  static Package firstOptions(Scenario scenario) {
    Map<String, String> choices = new LinkedHashMap<>();
    scenario.issues().forEach(i -> choices.put(i.id(), i.options().get(0).id()));
    return Package.of(choices);
  }

  /** The middle option of every issue (the lower middle for an even count). */
  static Package splitTheDifference(Scenario scenario) {
    Map<String, String> choices = new LinkedHashMap<>();
    scenario.issues().forEach(i ->
        choices.put(i.id(), i.options().get((i.options().size() - 1) / 2).id()));
    return Package.of(choices);
  }

  /**
   * The figures, one per line.
   *
   * @param named packages to score in every round, by name
   * @param sets sets of packages, by name: in every round, how many of them
   *     are in the ZOPA and the best points each role gets from any of them
   */
  static List<String> of(Scenario scenario, Map<String, Package> named,
      Map<String, Predicate<Package>> sets) {
    List<String> out = new ArrayList<>();
    String first = scenario.roles().get(0).id();
    String second = scenario.roles().get(1).id();
    out.add("== " + scenario.id() + ": " + Analysis.packageCount(scenario) + " packages, "
        + scenario.rounds() + " rounds, first mover " + scenario.firstMover());
    Package nothing = firstOptions(scenario);
    for (Role role : scenario.roles()) {
      PointsTable table = scenario.pointsOf(role.id());
      out.add(role.id() + ": reservation value " + role.reservationValue() + "; best package "
          + table.bestTotal() + ", worst " + table.worstTotal() + "; nothing agreed ("
          + nothing + ") " + table.score(nothing));
      List<String> weights = new ArrayList<>();
      scenario.issues().forEach(i -> weights.add(i.id() + " " + table.weight(i.id())));
      out.add("  weights (best option less worst, links aside): " + String.join(", ", weights));
      for (Link link : table.links()) {
        out.add("  link " + link.id() + " " + link.delta() + " when " + link.conditions());
      }
    }
    Analysis base = Analysis.of(scenario, scenario.pointsInForce(1));
    Point split = base.pointOf(splitTheDifference(scenario));
    List<Point> better = base.points().stream()
        .filter(p -> p.first() > split.first() && p.second() > split.second()).toList();
    out.add("split the difference (" + split.pkg() + "): " + first + " " + split.first() + ", "
        + second + " " + split.second() + "; strictly better for both: " + better.size()
        + " packages");
    better.stream()
        .max(Comparator.comparingInt((Point p) -> Math.min(p.first() - split.first(),
            p.second() - split.second())).thenComparingInt(Point::sum))
        .ifPresent(p -> out.add("  most even improvement: " + p.pkg() + ": " + first + " "
            + p.first() + " (+" + (p.first() - split.first()) + "), " + second + " "
            + p.second() + " (+" + (p.second() - split.second()) + ")"));
    for (RoundAnalysis r : RoundAnalysis.of(scenario)) {
      round(out, scenario, r, named, sets);
    }
    return out;
  }

  private static void round(List<String> out, Scenario scenario, RoundAnalysis r,
      Map<String, Package> named, Map<String, Predicate<Package>> sets) {
    Analysis a = r.analysis();
    String first = scenario.roles().get(0).id();
    String second = scenario.roles().get(1).id();
    int rvFirst = scenario.roles().get(0).reservationValue();
    int rvSecond = scenario.roles().get(1).reservationValue();
    Issue lead = scenario.issues().get(0);
    List<String> byLead = new ArrayList<>();
    for (Option o : lead.options()) {
      long n = a.zopa().stream().filter(p -> p.pkg().option(lead.id()).orElseThrow()
          .equals(o.id())).count();
      byLead.add(o.id() + " " + n);
    }
    List<String> news = r.news().stream().map(News::id).toList();
    out.add("round " + r.round() + " (" + (news.isEmpty() ? "start" : String.join(", ", news))
        + "): ZOPA " + a.zopaSize() + " of " + Analysis.packageCount(scenario) + "; by "
        + lead.id() + ": " + String.join(", ", byLead) + "; frontier " + a.frontier().size());
    long firstAhead = a.zopa().stream().filter(p -> p.first() > p.second()).count();
    long secondAhead = a.zopa().stream().filter(p -> p.second() > p.first()).count();
    out.add("  raw points in the ZOPA: " + first + " ahead in " + firstAhead + ", " + second
        + " ahead in " + secondAhead);
    a.largestGain(first).ifPresent(g -> out.add("  largest possible gain: " + first + " " + g
        + ", " + second + " " + a.largestGain(second).orElseThrow()));
    out.add("  " + bargain(a, scenario, "Nash", a.nash()));
    a.nash().ifPresent(n -> {
      Comparator<Point> byProduct = Comparator.comparingLong(
          p -> (long) (p.first() - rvFirst) * (p.second() - rvSecond));
      a.zopa().stream().filter(p -> !p.equals(n)).max(byProduct).ifPresent(p -> out.add(
          "    Nash product " + product(n, rvFirst, rvSecond) + "; runner-up " + p.pkg()
              + " (" + p.first() + "/" + p.second() + ") " + product(p, rvFirst, rvSecond)));
    });
    out.add("  " + bargain(a, scenario, "K-S", a.kalaiSmorodinsky()));
    named.forEach((name, pkg) -> {
      Point p = a.pointOf(pkg);
      out.add("  " + name + ": " + first + " " + p.first() + ", " + second + " " + p.second());
    });
    sets.forEach((name, set) -> {
      List<Point> members = a.points().stream().filter(p -> set.test(p.pkg())).toList();
      long inZopa = a.zopa().stream().filter(p -> set.test(p.pkg())).count();
      out.add("  " + name + ": " + members.size() + " packages, " + inZopa + " in the ZOPA; best "
          + first + " " + members.stream().mapToInt(Point::first).max().orElseThrow() + ", best "
          + second + " " + members.stream().mapToInt(Point::second).max().orElseThrow());
    });
  }

  private static long product(Point p, int rvFirst, int rvSecond) {
    return (long) (p.first() - rvFirst) * (p.second() - rvSecond);
  }

  private static String bargain(Analysis a, Scenario scenario, String label,
      Optional<Point> point) {
    if (point.isEmpty()) {
      return label + ": none";
    }
    Point p = point.get();
    String first = scenario.roles().get(0).id();
    String second = scenario.roles().get(1).id();
    return String.format(Locale.ROOT, "%s: %s %d (share %.2f), %s %d (share %.2f): %s", label,
        first, p.first(), a.shareOfGain(first, p.first()).orElse(Double.NaN), second,
        p.second(), a.shareOfGain(second, p.second()).orElse(Double.NaN), p.pkg());
  }
}
