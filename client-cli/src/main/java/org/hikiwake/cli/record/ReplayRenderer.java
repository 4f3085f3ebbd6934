package org.hikiwake.cli.record;

import static org.hikiwake.cli.text.Sanitizer.line;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hikiwake.cli.report.AnalysisReport;
import org.hikiwake.cli.text.Sanitizer;
import org.hikiwake.engine.analysis.Analysis;
import org.hikiwake.engine.analysis.Assessment;
import org.hikiwake.engine.analysis.Point;
import org.hikiwake.engine.game.Event;
import org.hikiwake.engine.game.GameState;
import org.hikiwake.engine.game.Outcome;
import org.hikiwake.engine.game.Result;
import org.hikiwake.engine.scenario.Issue;
import org.hikiwake.engine.scenario.News;
import org.hikiwake.engine.scenario.Package;
import org.hikiwake.engine.scenario.PointChange;
import org.hikiwake.engine.scenario.PointsTable;
import org.hikiwake.engine.scenario.Role;
import org.hikiwake.engine.scenario.Scenario;
import org.hikiwake.proto.recording.RecordingEntry;

/**
 * Turns a replayed recording into text: a header, one block per record with
 * the points of the chosen roles, and an ending with the analysis. Pure.
 */
public final class ReplayRenderer {
  private ReplayRenderer() {}

  /** The title, settings and roles. */
  public static List<String> header(LoadedGame g) {
    List<String> out = new ArrayList<>();
    Scenario s = g.scenario();
    out.add("Game " + line(g.header().getGameCode()) + ": " + line(s.title()) + " ("
        + line(s.id()) + ")");
    out.add("Created " + Instant.ofEpochMilli(g.header().getCreatedAtMillis()) + "; "
        + g.settings().rounds() + " rounds, "
        + g.settings().turnLimit().map(d -> d.toSeconds() + " s per turn").orElse("untimed")
        + "; " + roleName(s, s.firstMover()) + " moves first.");
    List<String> roles = new ArrayList<>();
    for (Role r : s.roles()) {
      roles.add(line(r.name()) + " (reservation value " + r.reservationValue() + ")");
    }
    out.add("Roles: " + String.join(", ", roles) + ".");
    return out;
  }

  /** True if a replay should pause after this step: a move, chat, news or the end. */
  public static boolean isPause(LoadedGame.Step step) {
    if (step.event().isEmpty()) {
      return false;
    }
    Event e = step.event().get();
    return e instanceof Event.OfferMade || e instanceof Event.ChatPosted
        || e instanceof Event.NewsArrived || e instanceof Event.TurnTimedOut
        || e instanceof Event.GameEnded;
  }

  /** The lines for one record, with the points of {@code shown} roles for offers. */
  public static List<String> step(LoadedGame g, LoadedGame.Step step, Set<String> shown) {
    List<String> out = new ArrayList<>();
    Scenario s = g.scenario();
    RecordingEntry r = step.record();
    String at = "[" + elapsed(g, r.getAtMillis()) + "] ";
    if (r.hasSeatTaken()) {
      out.add(at + roleName(s, r.getSeatTaken().getRole()) + " seat taken by "
          + line(r.getSeatTaken().getDisplayName()) + ".");
      return out;
    }
    if (step.event().isEmpty()) {
      return out;
    }
    Event e = step.event().get();
    GameState after = step.after();
    if (e instanceof Event.GameStarted) {
      out.add(at + "The game started.");
    } else if (e instanceof Event.TurnChanged t) {
      out.add(at + "Round " + t.round() + " of " + g.settings().rounds() + ": "
          + roleName(s, t.role()) + " to move.");
    } else if (e instanceof Event.OfferMade o) {
      out.add(at + roleName(s, o.role()) + " offers" + pointsSummary(s, after, o.pkg(), shown)
          + ":");
      out.addAll(packageLines(s, after.pointsInForce(), o.pkg(), shown));
    } else if (e instanceof Event.ChatPosted c) {
      out.add(at + roleName(s, c.role()) + " says: " + line(c.text()));
    } else if (e instanceof Event.NewsArrived n) {
      Optional<News> news = s.newsItem(n.newsId());
      out.add(at + "NEWS: " + news.map(x -> line(x.headline())).orElse(line(n.newsId())));
      news.ifPresent(x -> {
        for (String l : Sanitizer.text(x.text()).split("\n")) {
          if (!l.isBlank()) {
            out.add("  " + l.strip());
          }
        }
        for (PointChange c : x.pointChanges()) {
          if (shown.contains(c.role())) {
            out.add("  " + roleName(s, c.role()) + ": " + line(c.issue()) + "="
                + line(c.option()) + " " + (c.delta() >= 0 ? "+" : "") + c.delta());
          }
        }
      });
    } else if (e instanceof Event.TurnTimedOut t) {
      out.add(at + roleName(s, t.role()) + " ran out of time; the turn passes.");
    } else if (e instanceof Event.ClockRestarted) {
      out.add(at + "The turn clock was restarted after a server restart.");
    } else if (e instanceof Event.GameEnded ended) {
      out.add(at + outcomeLine(s, ended.result()));
    } else {
      throw new AssertionError(e);
    }
    return out;
  }

  /** The outcome in one line, e.g. {@code Agreement: Japan accepted Russia's offer.}. */
  public static String outcomeLine(Scenario s, Result result) {
    String by = result.endedBy().map(r -> roleName(s, r)).orElse("");
    switch (result.outcome()) {
      case AGREEMENT:
        return "AGREEMENT: " + by + " accepted "
            + result.endedBy().map(r -> roleName(s, s.opponentOf(r))).orElse("the") + "'s offer.";
      case WALK_OUT:
        return "WALK-OUT: " + by + " walked away; no agreement.";
      case DEADLINE:
        return "DEADLINE: the last round passed with no agreement.";
      default:
        throw new AssertionError(result.outcome());
    }
  }

  /** The result, the scores, and the analysis under the points in force at the end. */
  public static List<String> ending(LoadedGame g) {
    List<String> out = new ArrayList<>();
    Scenario s = g.scenario();
    GameState last = g.last();
    out.add("");
    if (last.result().isEmpty()) {
      out.add("The recording ends before the game did (" + g.steps().size() + " records).");
    } else {
      Result r = last.result().get();
      out.add("=== " + outcomeLine(s, r) + " ===");
      List<String> scores = new ArrayList<>();
      for (Role role : s.roles()) {
        scores.add(line(role.name()) + " " + r.scores().getOrDefault(role.id(), 0)
            + " (reservation value " + role.reservationValue() + ")");
      }
      out.add("Scores: " + String.join(" | ", scores));
      r.agreed().ifPresent(p -> {
        out.add("Agreed package:");
        out.addAll(packageLines(s, last.pointsInForce(), p, Set.copyOf(s.points().keySet())));
      });
    }
    Analysis a = Analysis.of(s, last.pointsInForce());
    out.add("Analysis (points in force at the end):");
    out.add("  ZOPA size: " + a.zopaSize() + " of " + Analysis.packageCount(s) + " packages.");
    out.addAll(indent(packageBlock(s, last.pointsInForce(), "Nash bargaining package",
        a.nash())));
    out.addAll(indent(packageBlock(s, last.pointsInForce(), "Kalai-Smorodinsky package",
        a.kalaiSmorodinsky())));
    last.result().flatMap(Result::agreed).ifPresent(p -> {
      Assessment as = a.assess(p);
      out.add("  The agreement is " + AnalysisReport.assessment(as) + ".");
      a.nash().ifPresent(n -> out.add("  Against the Nash package: "
          + line(s.roles().get(0).name()) + " " + signed(as.point().first() - n.first()) + ", "
          + line(s.roles().get(1).name()) + " " + signed(as.point().second() - n.second())
          + "."));
    });
    if (last.result().isPresent() && last.result().get().outcome() != Outcome.AGREEMENT
        && a.zopaSize() > 0) {
      out.add("  No agreement, although " + a.zopaSize()
          + " packages would have given both sides more than no agreement.");
    }
    return out;
  }

  private static List<String> packageBlock(Scenario s, Map<String, PointsTable> points,
      String heading, Optional<Point> p) {
    List<String> out = new ArrayList<>();
    if (p.isEmpty()) {
      out.add(heading + ": none.");
      return out;
    }
    out.add(heading + " (" + line(s.roles().get(0).name()) + " " + p.get().first() + ", "
        + line(s.roles().get(1).name()) + " " + p.get().second() + "):");
    out.addAll(packageLines(s, points, p.get().pkg(), Set.copyOf(s.points().keySet())));
    return out;
  }

  private static List<String> indent(List<String> lines) {
    return lines.stream().map(l -> "  " + l).toList();
  }

  private static String signed(int n) {
    return (n >= 0 ? "+" : "") + n;
  }

  private static String pointsSummary(Scenario s, GameState state, Package pkg,
      Set<String> shown) {
    List<String> parts = new ArrayList<>();
    for (Role r : s.roles()) {
      if (shown.contains(r.id())) {
        parts.add(line(r.name()) + " " + state.pointsOf(r.id()).score(pkg));
      }
    }
    return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
  }

  /** One line per issue with the shown roles' points: {@code issue = option  a | b  label}. */
  public static List<String> packageLines(Scenario s, Map<String, PointsTable> points,
      Package pkg, Set<String> shown) {
    List<String> out = new ArrayList<>();
    int issueWidth = s.issues().stream().mapToInt(i -> i.id().length()).max().orElse(0);
    int optionWidth = s.issues().stream().flatMap(i -> i.options().stream())
        .mapToInt(o -> o.id().length()).max().orElse(0);
    for (Issue issue : s.issues()) {
      Optional<String> option = pkg.option(issue.id());
      if (option.isEmpty()) {
        continue;
      }
      StringBuilder row = new StringBuilder(String.format(Locale.ROOT,
          "  %-" + issueWidth + "s = %-" + optionWidth + "s", line(issue.id()),
          line(option.get())));
      List<String> pts = new ArrayList<>();
      for (Role r : s.roles()) {
        if (shown.contains(r.id())) {
          pts.add(String.format(Locale.ROOT, "%3d", points.get(r.id()).points(issue.id(),
              option.get())));
        }
      }
      if (!pts.isEmpty()) {
        row.append(' ').append(String.join(" | ", pts));
      }
      row.append("  ").append(issue.option(option.get()).map(o -> line(o.label())).orElse(""));
      out.add(row.toString().stripTrailing());
    }
    return out;
  }

  static String roleName(Scenario s, String roleId) {
    return line(s.role(roleId).map(Role::name).orElse(roleId));
  }

  /** {@code m:ss} since the game was created. */
  static String elapsed(LoadedGame g, long atMillis) {
    long seconds = Math.max(0, (atMillis - g.header().getCreatedAtMillis()) / 1000);
    return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
  }
}
