package org.hikiwake.cli.text;

import static com.google.common.base.Preconditions.checkArgument;
import static org.hikiwake.cli.text.Sanitizer.line;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.hikiwake.engine.analysis.Assessment;
import org.hikiwake.engine.analysis.Debrief;
import org.hikiwake.engine.analysis.Point;
import org.hikiwake.engine.game.Outcome;
import org.hikiwake.engine.game.Result;
import org.hikiwake.engine.scenario.Issue;
import org.hikiwake.engine.scenario.Option;
import org.hikiwake.engine.scenario.Package;
import org.hikiwake.engine.scenario.PointsTable;
import org.hikiwake.engine.scenario.PublicScenario;
import org.hikiwake.engine.view.GameView;
import org.hikiwake.engine.view.Reveal;

/**
 * The end of a game in words, written once for live play, watching, replays
 * and exports: the outcome, the agreed package, the scores, both points
 * tables and the debrief, from a {@link GameView} that holds the game's
 * {@link Reveal}. Pure.
 */
public final class EndText {
  private EndText() {}

  /** Everything the end of the game revealed, from an ended game's view. */
  public static List<String> lines(GameView ended) {
    checkArgument(ended.result().isPresent() && ended.reveal().isPresent(),
        "the game has not ended");
    PublicScenario s = ended.scenario();
    Result r = ended.result().get();
    Reveal reveal = ended.reveal().get();
    List<String> out = new ArrayList<>();
    out.add("=== Game over: " + outcome(s, r) + " ===");
    r.agreed().ifPresent(p -> {
      out.add("Agreed package (" + PackageText.scores(s, r.scores()) + "):");
      out.addAll(PackageText.lines(s, tables(s, reveal.points()), p));
    });
    List<String> scores = new ArrayList<>();
    for (PublicScenario.RoleName role : s.roles()) {
      Integer rv = reveal.reservationValues().get(role.id());
      scores.add(line(s.roleName(role.id())) + " " + r.scores().getOrDefault(role.id(), 0)
          + (rv == null ? "" : " (reservation value " + rv + ")"));
    }
    out.add("Scores: " + String.join(" | ", scores));
    ended.myRole().ifPresent(me -> {
      int score = r.scores().getOrDefault(me, 0);
      Integer rv = reveal.reservationValues().get(me);
      String vs = "";
      if (rv != null) {
        int d = score - rv;
        vs = d > 0 ? ", " + d + " above your reservation value"
            : d < 0 ? ", " + (-d) + " below your reservation value"
            : ", exactly your reservation value";
      }
      out.add("You scored " + score + vs + ".");
      shareOfGain(s, reveal, me, score).ifPresent(out::add);
    });
    out.addAll(pointsTables(s, reveal.points(), r.agreed()));
    out.addAll(debrief(s, reveal.debrief(), Optional.of(r), reveal.points(),
        "Debrief (under the points in force at the end):"));
    return out;
  }

  /**
   * The student's gain as a share of the most their role could have gained,
   * the figure to compare with other players of the same role: raw points are
   * not comparable across roles (one side's table may simply run higher).
   */
  private static Optional<String> shareOfGain(PublicScenario s, Reveal reveal, String me,
      int score) {
    Integer rv = reveal.reservationValues().get(me);
    int index = -1;
    for (int i = 0; i < s.roles().size(); i++) {
      if (s.roles().get(i).id().equals(me)) {
        index = i;
      }
    }
    if (rv == null || index < 0 || index > 1 || score < rv || s.roles().size() != 2) {
      return Optional.empty();
    }
    Integer otherRv = reveal.reservationValues().get(s.roles().get(1 - index).id());
    if (otherRv == null) {
      return Optional.empty();
    }
    // the best this role gets in the zone of agreement, as the class debrief measures it:
    // a package on the frontier that the other side would also take
    boolean first = index == 0;
    java.util.OptionalInt best = reveal.debrief().frontier().stream()
        .filter(p -> (first ? p.second() : p.first()) >= otherRv
            && (first ? p.first() : p.second()) >= rv)
        .mapToInt(p -> first ? p.first() : p.second()).max();
    if (best.isEmpty() || best.getAsInt() <= rv) {
      return Optional.empty();
    }
    double share = (score - rv) / (double) (best.getAsInt() - rv);
    return Optional.of(String.format(Locale.ROOT, "That is %.2f of the most your role could"
        + " have gained in an agreement (%d points, at %d): compare it with other players of"
        + " your role, not with the other side's score.", share, best.getAsInt() - rv,
        best.getAsInt()));
  }

  /** How the game ended, e.g. {@code AGREEMENT. Russia accepted Japan's offer.}. */
  public static String outcome(PublicScenario s, Result r) {
    String what = what(s, r);
    return r.outcome().name().replace('_', '-') + ". "
        + Character.toUpperCase(what.charAt(0)) + what.substring(1);
  }

  /**
   * How the game ended, as the end of a sentence that begins "The game ended",
   * e.g. {@code in an agreement: Russia accepted Japan's offer.}.
   */
  public static String howItEnded(PublicScenario s, Result r) {
    String how = switch (r.outcome()) {
      case AGREEMENT -> "in an agreement: ";
      case WALK_OUT -> "in a walk-out: ";
      case DEADLINE -> "at the deadline: ";
      case ABANDONED -> "early: ";
    };
    return how + what(s, r);
  }

  /** What ended the game, in words, e.g. {@code Russia accepted Japan's offer.}. */
  private static String what(PublicScenario s, Result r) {
    String by = r.endedBy().map(role -> line(s.roleName(role))).orElse("");
    switch (r.outcome()) {
      case AGREEMENT:
        return by + " accepted "
            + r.endedBy().map(role -> line(s.roleName(s.opponentOf(role))) + "'s")
                .orElse("the") + " offer.";
      case WALK_OUT:
        return by + " walked away; no agreement.";
      case DEADLINE:
        return "the talks ran out of time with no agreement.";
      case ABANDONED:
        return "the instructor ended the game; no agreement.";
      default:
        throw new AssertionError(r.outcome());
    }
  }

  /** What the debrief's terms mean, one line each, for a reader meeting them for the first time. */
  public static final List<String> TERMS = List.of(
      "  What the terms mean:",
      "  - Zone of possible agreement (ZOPA): the packages worth more than no agreement to both"
          + " sides.",
      "  - Nash bargaining package: the package that makes the product of both sides' gains"
          + " over no agreement largest.",
      "  - Kalai-Smorodinsky package: the package that gives both sides the same share of the"
          + " most each could gain.",
      "  - Pareto frontier: the packages that no other package beats for both sides at once.",
      "  - Points from the frontier: how far a package falls short of the frontier; 0 means no"
          + " package is better for both sides.");

  /**
   * The debrief: the zone of possible agreement, the Nash and
   * Kalai-Smorodinsky packages (once if they coincide) and, for a result,
   * where it sits against them.
   *
   * @param result the result, or empty for a game that has not ended
   * @param points the points in force the debrief is under, for the package lines
   */
  public static List<String> debrief(PublicScenario s, Debrief d, Optional<Result> result,
      Map<String, PointsTable> points, String heading) {
    List<PointsTable> columns = tables(s, points);
    List<String> out = new ArrayList<>();
    out.add(heading);
    out.add("  Zone of possible agreement: " + d.zopaSize() + " of " + d.packageCount()
        + " packages clear both reservation values.");
    out.addAll(bargainingPackage(s, "Nash bargaining package", d.nash(), columns));
    if (d.bargainingPackagesCoincide()) {
      out.add("  The Kalai-Smorodinsky package is the same package.");
    } else {
      out.addAll(bargainingPackage(s, "Kalai-Smorodinsky package", d.kalaiSmorodinsky(),
          columns));
    }
    if (result.isEmpty()) {
      out.addAll(TERMS);
      return out;
    }
    Result r = result.get();
    if (r.outcome() == Outcome.AGREEMENT) {
      d.agreement().ifPresent(a -> out.add("  The agreement is " + assessment(a) + "."));
      d.nash().ifPresent(n -> {
        Point agreed = d.agreement().map(Assessment::point).orElse(n);
        out.add("  Against the Nash package: " + line(s.roles().get(0).name()) + " "
            + signed(agreed.first() - n.first()) + ", " + line(s.roles().get(1).name()) + " "
            + signed(agreed.second() - n.second()) + ".");
      });
    } else if (d.zopaSize() > 0) {
      out.add("  No agreement, although " + d.zopaSize()
          + " packages would have given both sides more than no agreement.");
    } else {
      out.add("  No agreement; no package cleared both reservation values.");
    }
    out.addAll(TERMS);
    return out;
  }

  /** Where a package sits against the Pareto frontier, as a clause. */
  public static String assessment(Assessment a) {
    if (!a.dominated()) {
      return "on the Pareto frontier: no package is better for both sides";
    }
    return String.format(Locale.ROOT,
        "%.1f points from the Pareto frontier; together the sides left %d points on the table",
        a.distanceToFrontier(), a.jointGainLeft());
  }

  private static List<String> bargainingPackage(PublicScenario s, String name,
      Optional<Point> point, List<PointsTable> columns) {
    if (point.isEmpty()) {
      return List.of("  " + name + ": none (no package clears both reservation values).");
    }
    Point p = point.get();
    List<String> out = new ArrayList<>();
    out.add("  " + name + " (" + line(s.roles().get(0).name()) + " " + p.first() + ", "
        + line(s.roles().get(1).name()) + " " + p.second() + "):");
    for (String l : PackageText.lines(s, columns, p.pkg())) {
      out.add("  " + l);
    }
    return out;
  }

  /** Every role's points for every option; * marks the agreed option. */
  private static List<String> pointsTables(PublicScenario s, Map<String, PointsTable> points,
      Optional<Package> agreed) {
    List<String> out = new ArrayList<>();
    List<PointsTable> tables = tables(s, points);
    if (tables.isEmpty()) {
      return out;
    }
    List<String> names = new ArrayList<>();
    for (PublicScenario.RoleName role : s.roles()) {
      if (points.containsKey(role.id())) {
        names.add(line(s.roleName(role.id())));
      }
    }
    out.add("Points tables (" + String.join(" | ", names) + ")"
        + (agreed.isPresent() ? ", * marks the agreed option:" : ":"));
    int width = s.issues().stream().flatMap(i -> i.options().stream())
        .mapToInt(o -> line(o.id()).length()).max().orElse(0);
    for (Issue issue : s.issues()) {
      out.add("  " + line(issue.name().isBlank() ? issue.id() : issue.name()) + " ("
          + line(issue.id()) + ")");
      for (Option option : issue.options()) {
        boolean mark = agreed.flatMap(p -> p.option(issue.id())).map(option.id()::equals)
            .orElse(false);
        StringBuilder row = new StringBuilder(mark ? "  * " : "    ");
        row.append(String.format(Locale.ROOT, "%-" + width + "s", line(option.id())));
        for (int i = 0; i < tables.size(); i++) {
          Integer p = Optional.ofNullable(tables.get(i).points().get(issue.id()))
              .map(m -> m.get(option.id())).orElse(null);
          row.append(i == 0 ? " " : " | ")
              .append(String.format(Locale.ROOT, "%4s", p == null ? "?" : p));
        }
        out.add(row.toString());
      }
    }
    return out;
  }

  private static List<PointsTable> tables(PublicScenario s, Map<String, PointsTable> points) {
    List<PointsTable> out = new ArrayList<>();
    for (PublicScenario.RoleName role : s.roles()) {
      if (points.containsKey(role.id())) {
        out.add(points.get(role.id()));
      }
    }
    return out;
  }

  private static String signed(int n) {
    return (n >= 0 ? "+" : "") + n;
  }
}
