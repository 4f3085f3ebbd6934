package org.hikiwake.cli.play;

import static org.hikiwake.cli.text.Sanitizer.line;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.hikiwake.cli.text.Sanitizer;
import org.hikiwake.engine.scenario.Package;
import org.hikiwake.proto.game.GameOutcome;
import org.hikiwake.proto.game.GameResult;
import org.hikiwake.proto.game.RoleScore;
import org.hikiwake.proto.wire.AnalysedPackage;
import org.hikiwake.proto.wire.Debrief;
import org.hikiwake.proto.wire.EventView;
import org.hikiwake.proto.wire.GameOver;
import org.hikiwake.proto.wire.IssueView;
import org.hikiwake.proto.wire.NewsView;
import org.hikiwake.proto.wire.OptionView;
import org.hikiwake.proto.wire.PointDelta;
import org.hikiwake.proto.wire.RevealedRole;

/**
 * Turns a game's state and events into lines of text for a terminal, from
 * the point of view of the model's seat (or a watcher's). Pure: no terminal,
 * no clock (the time comes in as an argument). Everything that comes from the
 * server passes through {@link Sanitizer} here.
 */
public final class Renderer {
  private Renderer() {}

  // ------------------------------------------------------------------ events

  /**
   * The lines for one event. {@code model} is the state after the event, so an
   * offer is priced with the points in force.
   */
  public static List<String> event(GameModel model, EventView e) {
    List<String> out = new ArrayList<>();
    switch (e.getKindCase()) {
      case SEAT_FILLED: {
        String role = e.getSeatFilled().getRole();
        String name = line(e.getSeatFilled().getDisplayName());
        if (isMe(model, role)) {
          out.add("You took the " + roleName(model, role) + " seat as " + name + ".");
        } else {
          out.add(roleName(model, role) + " seat taken by " + name + ".");
        }
        break;
      }
      case GAME_STARTED:
        out.add("The game has started: " + model.settings().getRounds() + " rounds"
            + (model.settings().getTurnLimitMillis() > 0
                ? ", " + duration(model.settings().getTurnLimitMillis()) + " per turn" : "")
            + "; " + roleName(model, model.scenario().getFirstMover()) + " moves first.");
        break;
      case TURN_CHANGED: {
        String role = e.getTurnChanged().getRole();
        String when = "Round " + e.getTurnChanged().getRound() + " of "
            + model.settings().getRounds() + ": ";
        String time = e.getTurnChanged().getDeadlineMillis() > 0
            ? " (" + duration(e.getTurnChanged().getDeadlineMillis() - e.getAtMillis())
                + " to move)" : "";
        if (isMe(model, role)) {
          out.add(when + "your turn" + time + ". Make an offer"
              + (canAccept(model) ? ", accept the one on the table" : "") + " or walk away.");
        } else {
          out.add(when + roleName(model, role) + "'s turn" + time + ".");
        }
        break;
      }
      case OFFER_MADE: {
        String role = e.getOfferMade().getRole();
        Package pkg = GameModel.toPackage(e.getOfferMade().getPackage());
        String who = isMe(model, role) ? "You offered" : roleName(model, role) + " offers";
        out.addAll(packageLines(model, who, pkg));
        break;
      }
      case CHAT_POSTED: {
        String role = e.getChatPosted().getRole();
        String text = line(e.getChatPosted().getText());
        if (isMe(model, role)) {
          out.add("You said: " + text);
        } else {
          out.add(speaker(model, role) + " says: " + text);
        }
        break;
      }
      case NEWS_ARRIVED:
        out.addAll(news(e.getNewsArrived()));
        break;
      case TURN_TIMED_OUT: {
        String role = e.getTurnTimedOut().getRole();
        out.add((isMe(model, role) ? "You" : roleName(model, role))
            + " ran out of time; the turn passes and the offer on the table stays.");
        break;
      }
      case CLOCK_RESTARTED:
        out.add("The turn clock was restarted after a server restart: "
            + duration(e.getClockRestarted().getDeadlineMillis() - e.getAtMillis()) + " left.");
        break;
      case PRESENCE_CHANGED: {
        String role = e.getPresenceChanged().getRole();
        if (!isMe(model, role)) {
          out.add(speaker(model, role)
              + (e.getPresenceChanged().getConnected() ? " is connected." : " disconnected."));
        }
        break;
      }
      case GAME_ENDED:
        out.addAll(gameOver(model, e.getGameEnded()));
        break;
      default:
        out.add("(an event this client does not know: " + e.getKindCase() + ")");
        break;
    }
    return out;
  }

  private static List<String> news(NewsView n) {
    List<String> out = new ArrayList<>();
    out.add("NEWS (round " + n.getRound() + "): " + line(n.getHeadline()));
    for (String l : Sanitizer.text(n.getText()).split("\n")) {
      if (!l.isBlank()) {
        out.add("  " + l.strip());
      }
    }
    if (!n.getYourNote().isBlank()) {
      out.add("  For you: " + line(n.getYourNote()));
    }
    if (n.getYourChangesCount() > 0) {
      List<String> changes = new ArrayList<>();
      for (PointDelta d : n.getYourChangesList()) {
        changes.add(line(d.getIssue()) + "=" + line(d.getOption()) + " "
            + (d.getDelta() >= 0 ? "+" : "") + d.getDelta());
      }
      out.add("  Your points change: " + String.join(", ", changes)
          + ". Type `issues` to see them.");
    }
    return out;
  }

  // ------------------------------------------------------------ the end

  /** The outcome, both scores, both points tables and the debrief. */
  public static List<String> gameOver(GameModel model, GameOver over) {
    List<String> out = new ArrayList<>();
    GameResult r = over.getResult();
    String endedBy = r.getEndedBy().isBlank() ? "" : roleName(model, r.getEndedBy());
    String opponent = r.getEndedBy().isBlank() ? ""
        : model.opponentOf(r.getEndedBy()).map(o -> roleName(model, o)).orElse("the other side");
    if (r.getOutcome() == GameOutcome.GAME_OUTCOME_AGREEMENT) {
      out.add("=== Game over: AGREEMENT. " + endedBy + " accepted " + opponent + "'s offer. ===");
    } else if (r.getOutcome() == GameOutcome.GAME_OUTCOME_WALK_OUT) {
      out.add("=== Game over: WALK-OUT. " + endedBy + " walked away; no agreement. ===");
    } else if (r.getOutcome() == GameOutcome.GAME_OUTCOME_DEADLINE) {
      out.add("=== Game over: DEADLINE. The last round passed with no agreement. ===");
    } else {
      out.add("=== Game over. ===");
    }
    if (r.hasAgreed()) {
      out.addAll(agreedLines(model, over));
    }
    List<String> scores = new ArrayList<>();
    for (RoleScore s : r.getScoresList()) {
      OptionalInt rv = reservation(over, s.getRole());
      scores.add(roleName(model, s.getRole()) + " " + s.getScore()
          + (rv.isPresent() ? " (reservation value " + rv.getAsInt() + ")" : ""));
    }
    out.add("Scores: " + String.join(" | ", scores));
    model.myRole().ifPresent(me -> {
      for (RoleScore s : r.getScoresList()) {
        if (s.getRole().equals(me)) {
          OptionalInt rv = reservation(over, me);
          String vs = "";
          if (rv.isPresent()) {
            int d = s.getScore() - rv.getAsInt();
            vs = d > 0 ? ", " + d + " above your reservation value"
                : d < 0 ? ", " + (-d) + " below your reservation value"
                : ", exactly your reservation value";
          }
          out.add("You scored " + s.getScore() + vs + ".");
        }
      }
    });
    out.addAll(revealedTables(model, over));
    out.addAll(debrief(model, over));
    return out;
  }

  /** The agreed package, one issue a line, with every revealed role's points. */
  private static List<String> agreedLines(GameModel model, GameOver over) {
    List<String> out = new ArrayList<>();
    Package agreed = model.ordered(GameModel.toPackage(over.getResult().getAgreed()));
    List<String> names = new ArrayList<>();
    List<Points> tables = new ArrayList<>();
    for (RevealedRole rr : over.getRolesList()) {
      names.add(roleName(model, rr.getRole()));
      tables.add(Points.from(rr.getPoints()));
    }
    out.add("Agreed package" + (names.isEmpty() ? "" : " (" + String.join(" | ", names) + ")")
        + ":");
    int issueWidth = 0;
    int optionWidth = 0;
    for (Map.Entry<String, String> c : agreed.choices().entrySet()) {
      issueWidth = Math.max(issueWidth, line(c.getKey()).length());
      optionWidth = Math.max(optionWidth, line(c.getValue()).length());
    }
    for (Map.Entry<String, String> c : agreed.choices().entrySet()) {
      StringBuilder row = new StringBuilder("  ").append(pad(line(c.getKey()), issueWidth))
          .append(" = ").append(pad(line(c.getValue()), optionWidth));
      for (int i = 0; i < tables.size(); i++) {
        OptionalInt p = tables.get(i).of(c.getKey(), c.getValue());
        row.append(i == 0 ? " " : " | ")
            .append(padLeft(p.isPresent() ? Integer.toString(p.getAsInt()) : "?", 4));
      }
      row.append("  ").append(line(model.optionLabel(c.getKey(), c.getValue())));
      out.add(row.toString());
    }
    return out;
  }

  private static OptionalInt reservation(GameOver over, String role) {
    for (RevealedRole rr : over.getRolesList()) {
      if (rr.getRole().equals(role)) {
        return OptionalInt.of(rr.getReservationValue());
      }
    }
    return OptionalInt.empty();
  }

  private static List<String> revealedTables(GameModel model, GameOver over) {
    List<String> out = new ArrayList<>();
    if (over.getRolesCount() == 0) {
      return out;
    }
    List<String> roles = new ArrayList<>();
    List<Points> tables = new ArrayList<>();
    for (RevealedRole rr : over.getRolesList()) {
      roles.add(rr.getRole());
      tables.add(Points.from(rr.getPoints()));
    }
    Optional<Package> agreed = over.getResult().hasAgreed()
        ? Optional.of(GameModel.toPackage(over.getResult().getAgreed())) : Optional.empty();
    StringBuilder head = new StringBuilder("Points tables (");
    for (int i = 0; i < roles.size(); i++) {
      head.append(i == 0 ? "" : " | ").append(roleName(model, roles.get(i)));
    }
    head.append(")").append(agreed.isPresent() ? ", * marks the agreed option:" : ":");
    out.add(head.toString());
    int width = optionWidth(model);
    for (IssueView issue : model.scenario().getIssuesList()) {
      out.add("  " + line(issue.getName().isBlank() ? issue.getId() : issue.getName())
          + " (" + line(issue.getId()) + ")");
      for (OptionView option : issue.getOptionsList()) {
        boolean mark = agreed.flatMap(p -> p.option(issue.getId()))
            .map(option.getId()::equals).orElse(false);
        StringBuilder row = new StringBuilder(mark ? "  * " : "    ");
        row.append(pad(line(option.getId()), width));
        for (int i = 0; i < tables.size(); i++) {
          OptionalInt p = tables.get(i).of(issue.getId(), option.getId());
          row.append(i == 0 ? " " : " | ")
              .append(padLeft(p.isPresent() ? Integer.toString(p.getAsInt()) : "?", 4));
        }
        out.add(row.toString());
      }
    }
    return out;
  }

  private static List<String> debrief(GameModel model, GameOver over) {
    List<String> out = new ArrayList<>();
    if (!over.hasDebrief()) {
      return out;
    }
    Debrief d = over.getDebrief();
    out.add("Debrief (under the points in force at the end):");
    out.add("  Zone of possible agreement: " + d.getZopaSize() + " of " + d.getPackageCount()
        + " packages clear both reservation values.");
    if (d.hasNash()) {
      out.add("  Nash bargaining package: " + analysed(model, d.getNash()));
    }
    if (d.hasKalaiSmorodinsky()) {
      out.add("  Kalai-Smorodinsky package: " + analysed(model, d.getKalaiSmorodinsky()));
    }
    GameResult r = over.getResult();
    if (r.getOutcome() == GameOutcome.GAME_OUTCOME_AGREEMENT) {
      if (!d.getAgreedDominated() && d.getAgreedDistanceToFrontier() == 0) {
        out.add("  The agreement is on the Pareto frontier: no package is better for both"
            + " sides.");
      } else {
        out.add(String.format(Locale.ROOT,
            "  The agreement is %.1f points from the Pareto frontier; together the sides left"
                + " %d points on the table.",
            d.getAgreedDistanceToFrontier(), d.getAgreedJointGainLeft()));
      }
      if (d.hasNash()) {
        List<String> gaps = new ArrayList<>();
        for (RoleScore nashScore : d.getNash().getPointsList()) {
          for (RoleScore s : r.getScoresList()) {
            if (s.getRole().equals(nashScore.getRole())) {
              int diff = s.getScore() - nashScore.getScore();
              gaps.add(roleName(model, s.getRole()) + " " + (diff >= 0 ? "+" : "") + diff);
            }
          }
        }
        out.add("  Against the Nash package: " + String.join(", ", gaps) + ".");
      }
    } else if (d.getZopaSize() > 0) {
      out.add("  No agreement, although " + d.getZopaSize()
          + " packages would have given both sides more than no agreement.");
    } else {
      out.add("  No agreement; no package cleared both reservation values.");
    }
    return out;
  }

  private static String analysed(GameModel model, AnalysedPackage a) {
    Package pkg = model.ordered(GameModel.toPackage(a.getPackage()));
    List<String> pts = new ArrayList<>();
    for (RoleScore s : a.getPointsList()) {
      pts.add(roleName(model, s.getRole()) + " " + s.getScore());
    }
    return line(pkg.toString()) + " (" + String.join(", ", pts) + ")";
  }

  // ---------------------------------------------------------- commands

  /** The lines shown after joining or resuming a seat (or starting to watch). */
  public static List<String> welcome(GameModel model, boolean resumed) {
    List<String> out = new ArrayList<>();
    String title = line(model.scenario().getTitle());
    String timing = model.settings().getTurnLimitMillis() > 0
        ? duration(model.settings().getTurnLimitMillis()) + " per turn" : "untimed turns";
    if (model.seat().isPresent()) {
      Seat seat = model.seat().get();
      out.add((resumed ? "Resumed your seat: " : "You are ") + roleName(model, seat.role())
          + " in game " + line(model.code()) + " (" + title + "): "
          + model.settings().getRounds() + " rounds, " + timing + ".");
      out.add("Your reservation value (your score if there is no agreement) is "
          + seat.reservationValue() + ". Type `brief` for your instructions, `issues` for"
          + " your points, `help` for the commands.");
    } else {
      out.add("Watching game " + line(model.code()) + " (" + title + "): "
          + model.settings().getRounds() + " rounds, " + timing + ".");
    }
    if (model.phase() == org.hikiwake.proto.wire.GamePhase.GAME_PHASE_WAITING) {
      out.add("Waiting for the other side to join.");
    }
    return out;
  }

  /** The scenario background and the seat's confidential brief. */
  public static List<String> brief(GameModel model) {
    List<String> out = new ArrayList<>();
    out.add(line(model.scenario().getTitle()));
    addParagraphs(out, model.scenario().getBackground());
    model.seat().ifPresent(seat -> {
      out.add("");
      out.add("Your role: " + roleName(model, seat.role()) + " (confidential brief)");
      addParagraphs(out, seat.brief());
      out.add("");
      out.add("Your reservation value: " + seat.reservationValue()
          + " points. That is your score if there is no agreement; do not accept less.");
    });
    return out;
  }

  private static void addParagraphs(List<String> out, String untrusted) {
    for (String l : Sanitizer.text(untrusted).strip().split("\n")) {
      out.add("  " + l.stripTrailing());
    }
  }

  /** Every issue with its options and, for a player, their points; * marks the table. */
  public static List<String> issues(GameModel model) {
    List<String> out = new ArrayList<>();
    Optional<Package> table = model.onTablePackage();
    boolean player = model.seat().isPresent();
    out.add(player ? "Issues with your points (* = in the offer on the table):"
        : "Issues (* = in the offer on the table):");
    int width = optionWidth(model);
    for (IssueView issue : model.scenario().getIssuesList()) {
      String desc = line(issue.getDescription());
      out.add(line(issue.getId()) + ": " + line(issue.getName())
          + (desc.isBlank() ? "" : " - " + desc));
      for (OptionView option : issue.getOptionsList()) {
        boolean mark = table.flatMap(p -> p.option(issue.getId()))
            .map(option.getId()::equals).orElse(false);
        StringBuilder row = new StringBuilder(mark ? "  * " : "    ");
        row.append(pad(line(option.getId()), width));
        if (player) {
          OptionalInt p = model.seat().get().points().of(issue.getId(), option.getId());
          row.append(padLeft(p.isPresent() ? Integer.toString(p.getAsInt()) : "?", 4));
        }
        row.append("  ").append(line(option.getLabel()));
        out.add(row.toString());
      }
    }
    return out;
  }

  /** The offer on the table. */
  public static List<String> table(GameModel model) {
    if (model.onTable().isEmpty()) {
      return List.of("Nothing is on the table yet.");
    }
    String role = model.onTable().get().getRole();
    String whose = isMe(model, role) ? "your own offer" : roleName(model, role) + "'s offer";
    return packageLines(model, "On the table, " + whose, model.onTablePackage().orElseThrow());
  }

  /** Every event so far, each as it was when it happened (points in force then). */
  public static List<String> history(GameModel model) {
    List<String> out = new ArrayList<>();
    if (model.history().isEmpty()) {
      out.add("Nothing has happened yet.");
    }
    GameModel then = model.rewound();
    for (EventView e : model.history()) {
      then = then.apply(e);
      if (e.hasGameEnded()) {
        out.add("The game ended (" + e.getGameEnded().getResult().getOutcome() + ").");
      } else {
        out.addAll(event(then, e));
      }
    }
    return out;
  }

  /** A package with this seat's points for it. */
  public static List<String> score(GameModel model, Package pkg) {
    List<String> missing = model.missingIssues(pkg);
    if (!missing.isEmpty()) {
      return List.of("That package is incomplete; it lacks " + String.join(", ", missing) + ".");
    }
    return packageLines(model, "That package", pkg);
  }

  /**
   * A heading with the seat's points for the package, then one line per issue:
   * {@code issue = option  points  label}.
   */
  public static List<String> packageLines(GameModel model, String heading, Package pkg) {
    List<String> out = new ArrayList<>();
    Package ordered = model.ordered(pkg);
    Optional<Points> points = model.seat().map(Seat::points);
    if (points.isPresent()) {
      OptionalInt total = points.get().score(ordered);
      int rv = model.seat().get().reservationValue();
      if (total.isPresent()) {
        int t = total.getAsInt();
        String vs = t > rv ? (t - rv) + " above" : t < rv ? (rv - t) + " below" : "equal to";
        out.add(heading + ": worth " + t + " points to you (" + vs
            + " your reservation value of " + rv + ")");
      } else {
        out.add(heading + ":");
      }
    } else {
      out.add(heading + ":");
    }
    int issueWidth = 0;
    int optionWidth = 0;
    for (Map.Entry<String, String> c : ordered.choices().entrySet()) {
      issueWidth = Math.max(issueWidth, line(c.getKey()).length());
      optionWidth = Math.max(optionWidth, line(c.getValue()).length());
    }
    for (Map.Entry<String, String> c : ordered.choices().entrySet()) {
      StringBuilder row = new StringBuilder("  ");
      row.append(pad(line(c.getKey()), issueWidth)).append(" = ")
          .append(pad(line(c.getValue()), optionWidth));
      if (points.isPresent()) {
        OptionalInt p = points.get().of(c.getKey(), c.getValue());
        row.append(padLeft(p.isPresent() ? Integer.toString(p.getAsInt()) : "?", 4));
      }
      row.append("  ").append(line(model.optionLabel(c.getKey(), c.getValue())));
      out.add(row.toString());
    }
    return out;
  }

  /** The commands of the play prompt. */
  public static List<String> help() {
    return List.of(
        "Commands:",
        "  brief                        your confidential brief and reservation value",
        "  issues                       every issue and option with your points",
        "  offer issue=option ...       propose a complete package (one option per issue)",
        "  offer --from-table i=o ...   propose the offer on the table with some issues changed",
        "  accept                       accept the other side's offer on the table (ends the game)",
        "  walkaway                     walk away with no agreement (asks first)",
        "  say TEXT                     say something to the other side (uses no turn)",
        "  score [issue=option ...]     your points for a package (default: the table)",
        "  table                        the offer on the table",
        "  history                      everything that has happened so far",
        "  help                         this list",
        "  quit                         leave; `hikiwake play --resume CODE` takes the seat back",
        "Names may be shortened to any unambiguous prefix; Tab completes them.");
  }

  /**
   * The prompt: game code, role, round, whose turn, and for a timed turn the
   * time left at {@code nowMillis}.
   */
  public static String prompt(GameModel model, long nowMillis) {
    StringBuilder p = new StringBuilder();
    p.append(line(model.code()));
    p.append(' ').append(model.myRole().map(Renderer::lower).orElse("watching"));
    if (model.isOver()) {
      p.append(" | game over");
    } else if (!model.isInProgress()) {
      p.append(" | waiting for players");
    } else {
      p.append(" | round ").append(model.round()).append('/').append(model.settings().getRounds());
      p.append(" | ").append(model.isMyTurn() ? "YOUR TURN"
          : roleName(model, model.toMove()) + "'s turn");
      if (model.deadlineMillis() > 0) {
        p.append(' ').append(duration(model.deadlineMillis() - nowMillis));
      }
    }
    return p.append(" > ").toString();
  }

  // ---------------------------------------------------------- helpers

  /** {@code m:ss}, never negative. */
  public static String duration(long millis) {
    long seconds = Math.max(0, (millis + 999) / 1000);
    return seconds / 60 + ":" + String.format(Locale.ROOT, "%02d", seconds % 60);
  }

  private static String lower(String s) {
    return line(s).toLowerCase(Locale.ROOT);
  }

  private static boolean isMe(GameModel model, String role) {
    return model.myRole().map(role::equals).orElse(false);
  }

  private static boolean canAccept(GameModel model) {
    return model.onTable().isPresent() && !isMe(model, model.onTable().get().getRole());
  }

  static String roleName(GameModel model, String role) {
    return line(model.roleName(role));
  }

  private static String speaker(GameModel model, String role) {
    return roleName(model, role) + model.playerName(role).map(n -> " (" + line(n) + ")")
        .orElse("");
  }

  private static int optionWidth(GameModel model) {
    int w = 0;
    for (IssueView issue : model.scenario().getIssuesList()) {
      for (OptionView o : issue.getOptionsList()) {
        w = Math.max(w, line(o.getId()).length());
      }
    }
    return w;
  }

  static String pad(String s, int width) {
    StringBuilder b = new StringBuilder(s);
    while (b.length() < width) {
      b.append(' ');
    }
    return b.toString();
  }

  static String padLeft(String s, int width) {
    StringBuilder b = new StringBuilder();
    while (b.length() + s.length() < width) {
      b.append(' ');
    }
    return b.append(s).toString();
  }
}
