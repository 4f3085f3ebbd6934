package org.hikiwake.cli.text;

import static org.hikiwake.cli.text.Sanitizer.line;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.hikiwake.engine.game.Event;
import org.hikiwake.engine.game.GameSettings;
import org.hikiwake.engine.game.Offer;
import org.hikiwake.engine.scenario.News;
import org.hikiwake.engine.scenario.Package;
import org.hikiwake.engine.scenario.PointChange;
import org.hikiwake.engine.scenario.PointsTable;
import org.hikiwake.engine.scenario.PublicScenario;
import org.hikiwake.engine.view.GameView;
import org.hikiwake.engine.view.RoleSheet;
import org.hikiwake.engine.view.Seen;
import org.hikiwake.engine.view.Sighting;

/**
 * What happened in a game, in words: the one text of an event for live play,
 * watching, replays and Markdown exports. It is written from the viewer's
 * side, from the viewer's {@link GameView} just after the event (so an offer
 * is priced with the points in force when it was made). Pure: the time comes
 * with the event; text from the server or the other side is sanitized.
 */
public final class EventText {
  private EventText() {}

  /** The lines for one recorded event, given the viewer's view just after it. */
  public static List<String> lines(GameView after, Sighting sighting) {
    Seen seen = sighting.seen();
    Instant at = sighting.at();
    List<String> out = new ArrayList<>();
    if (seen instanceof Seen.SeatFilled filled) {
      if (after.isMe(filled.role())) {
        out.add("You took the " + roleName(after, filled.role()) + " seat as "
            + line(filled.displayName()) + ".");
      } else {
        out.add(roleName(after, filled.role()) + " seat taken by "
            + line(filled.displayName()) + (filled.bot().isPresent()
                ? " (a " + line(filled.bot().get()) + " bot)" : "") + ".");
      }
    } else if (seen instanceof Seen.NewsArrived arrived) {
      out.addAll(news(after, arrived.news()));
    } else if (seen instanceof Seen.GameEnded) {
      out.addAll(EndText.lines(after));
    } else if (seen instanceof Seen.Public p) {
      out.addAll(publicEvent(after, p.event(), at));
    } else {
      throw new AssertionError(seen);
    }
    return out;
  }

  private static List<String> publicEvent(GameView after, Event e, Instant at) {
    List<String> out = new ArrayList<>();
    if (e instanceof Event.GameStarted) {
      out.add("The game has started: " + rounds(after)
          + after.settings().turnLimit().map(d -> ", " + duration(d.toMillis()) + " per turn")
              .orElse("")
          + "; " + roleName(after, after.scenario().firstMover()) + " moves first.");
    } else if (e instanceof Event.TurnChanged t) {
      out.add(turnChanged(after, t, at));
    } else if (e instanceof Event.OfferMade o) {
      String who = after.isMe(o.role()) ? "You offered" : roleName(after, o.role()) + " offers";
      out.addAll(packageLines(after, who, o.pkg()));
    } else if (e instanceof Event.ChatPosted c) {
      out.add(after.isMe(c.role()) ? "You said: " + line(c.text())
          : speaker(after, c.role()) + " says: " + line(c.text()));
    } else if (e instanceof Event.TurnTimedOut t) {
      out.add((after.isMe(t.role()) ? "You" : roleName(after, t.role()))
          + " ran out of time; the turn passes" + (after.onTable().isPresent()
              ? " and the offer on the table stays." : ", with nothing on the table yet."));
    } else if (e instanceof Event.ClockRestarted c) {
      // Said as of the restart: by the time a client hears of it, some of that has gone.
      out.add("The server restarted; the turn clock started again with "
          + duration(Duration.between(at, c.deadline()).toMillis()) + " on it.");
    } else if (e instanceof Event.Announced a) {
      out.add("INSTRUCTOR: " + line(a.text()));
    } else if (e instanceof Event.Paused) {
      out.add("The instructor paused the game: the clock is stopped and turn moves wait"
          + " (you can still talk).");
    } else if (e instanceof Event.Resumed r) {
      out.add("The instructor resumed the game" + r.deadline().map(d -> ": "
          + duration(Duration.between(at, d).toMillis()) + " left on the turn").orElse("")
          + ".");
    } else if (e instanceof Event.RoundsExtended x) {
      out.add("The instructor extended the game: it now has "
          + (after.settings().hasUncertainEnd() ? "up to " : "") + x.rounds() + " rounds.");
    } else if (e instanceof Event.SeatReleased r) {
      out.add(after.isMe(r.role()) ? "The instructor freed your seat; it will be taken"
          + " over from another laptop." : "The instructor freed the " + roleName(after,
              r.role()) + " seat; its player comes back on another laptop.");
    } else {
      throw new AssertionError(e);
    }
    return out;
  }

  /**
   * A new turn, with what the deadline means for it: the final round and the
   * very last turn (when an offer can no longer be accepted) are said in so
   * many words; with an uncertain end, that any round from the earliest on
   * may be the last.
   */
  private static String turnChanged(GameView after, Event.TurnChanged t, Instant at) {
    String round = "Round " + t.round() + " of " + (after.settings().hasUncertainEnd()
        ? "up to " : "") + after.settings().rounds();
    String time = t.deadline().map(d -> " (" + duration(Duration.between(at, d).toMillis())
        + " to move)").orElse("");
    boolean mine = after.isMe(t.role());
    String who = mine ? "your turn" : roleName(after, t.role()) + "'s turn";
    if (after.isLastTurn()) {
      String then;
      if (mine) {
        then = "An offer now could never be accepted: the game ends right after it with no"
            + " agreement. " + (after.canAccept()
                ? "Accept the offer on the table, or the game ends with no agreement."
                : "There is no offer to accept, so the game ends with no agreement.");
      } else if (after.onTable().isPresent() && !after.onTable().get().proposer()
          .equals(t.role())) {
        String offer = after.isMe(after.onTable().get().proposer()) ? "your offer"
            : roleName(after, after.onTable().get().proposer()) + "'s offer";
        then = "Unless " + roleName(after, t.role()) + " accepts " + offer
            + ", the game ends with no agreement.";
      } else {
        then = "The game ends after it with no agreement.";
      }
      return round + ", the last turn of the game: " + who + time + ". " + then;
    }
    if (after.isFinalRound()) {
      String other = roleName(after, after.scenario().opponentOf(t.role()));
      return round + ", the final round: " + who + time + (mine ? ". Make an offer (" + other
          + " has one turn left to accept it)" + (after.canAccept()
              ? ", accept the one on the table" : "") + " or walk away." : ".");
    }
    String line = round + ": " + who + time + (mine ? ". Make an offer" + (after.canAccept()
        ? ", accept the one on the table" : "") + " or walk away." : ".");
    Optional<Integer> earliest = after.settings().uncertainEnd()
        .map(GameSettings.UncertainEnd::earliest).filter(e -> t.round() >= e);
    if (earliest.isPresent()) {
      line += " Any round from " + earliest.get() + " on may be the last"
          + (mine && t.turn() % 2 == 1
              ? ": if this one is, an offer made now can never be accepted." : ".");
    }
    return line;
  }

  /**
   * How many rounds the game has, as the table knows it: "6 rounds", or
   * "5 to 7 rounds (the end is not known in advance)".
   */
  public static String rounds(GameView view) {
    return view.settings().uncertainEnd().map(u -> u.earliest() + " to "
        + view.settings().rounds() + " rounds (it may end after any of them: nobody knows"
        + " when)").orElse(view.settings().rounds() + " rounds");
  }

  /** News as the viewer sees it: public headline and text, then what it may see of the rest. */
  private static List<String> news(GameView after, News n) {
    List<String> out = new ArrayList<>();
    // the round it arrived in: an instructor may release news before its scheduled round
    int round = after.round() > 0 ? after.round() : n.round();
    out.add("NEWS (round " + round + "): " + line(n.headline()));
    for (String l : Sanitizer.text(n.text()).split("\n")) {
      if (!l.isBlank()) {
        out.add("  " + l.strip());
      }
    }
    for (PublicScenario.RoleName role : after.scenario().roles()) {
      String note = n.privateNotes().get(role.id());
      if (note != null && !note.isBlank()) {
        out.add("  For " + (after.isMe(role.id()) ? "you" : roleName(after, role.id())) + ": "
            + line(note));
      }
    }
    for (PublicScenario.RoleName role : after.scenario().roles()) {
      List<String> changes = new ArrayList<>();
      for (PointChange c : n.changesFor(role.id())) {
        changes.add(line(c.issue()) + "=" + line(c.option()) + " "
            + (c.delta() >= 0 ? "+" : "") + c.delta());
      }
      if (changes.isEmpty()) {
        continue;
      }
      out.add(after.isMe(role.id())
          ? "  Your points change: " + String.join(", ", changes)
              + ". Type `issues` to see them."
          : "  " + roleName(after, role.id()) + "'s points change: " + String.join(", ", changes)
              + ".");
    }
    out.addAll(revalued(after, n));
    return out;
  }

  /**
   * For a player whose points the news changed: what the offer on the table
   * and the player's own last offer are worth now, against before, and where
   * that leaves them against the reservation value.
   */
  private static List<String> revalued(GameView after, News n) {
    List<String> out = new ArrayList<>();
    Optional<String> me = after.myRole();
    Optional<RoleSheet> sheet = after.mySheet();
    if (me.isEmpty() || sheet.isEmpty() || n.changesFor(me.get()).isEmpty()) {
      return out;
    }
    PointsTable now = sheet.get().points();
    PointsTable was = now;
    for (PointChange c : n.changesFor(me.get())) {
      was = was.plus(c.issue(), c.option(), -c.delta());
    }
    int rv = sheet.get().reservationValue();
    Optional<Offer> table = after.onTable();
    if (table.isPresent()) {
      String whose = after.isMe(table.get().proposer()) ? "Your offer on the table"
          : roleName(after, table.get().proposer()) + "'s offer on the table";
      out.add(revalued(after.scenario(), whose, table.get().pkg(), was, now, rv));
    }
    Optional<Offer> mine = after.lastOfferOf(me.get());
    if (mine.isPresent() && !(table.isPresent() && after.isMe(table.get().proposer()))) {
      out.add(revalued(after.scenario(), "Your last offer", mine.get().pkg(), was, now, rv));
    }
    return out;
  }

  private static String revalued(PublicScenario scenario, String what, Package pkg,
      PointsTable was, PointsTable now, int rv) {
    int before = was.score(scenario.canonical(pkg));
    int after = now.score(scenario.canonical(pkg));
    if (before == after) {
      return "  " + what + " is still worth " + after + " points to you (the news does not"
          + " touch it).";
    }
    String where;
    if (after > rv) {
      where = (before > rv ? "still" : "now") + " above";
    } else if (after < rv) {
      where = (before < rv ? "still" : "now") + " below";
    } else {
      where = "now equal to";
    }
    return "  " + what + " is now worth " + after + " points to you, was " + before + ": "
        + where + " your reservation value of " + rv + ".";
  }

  /** A player connected or disconnected (presence is not recorded, so it has no sighting). */
  public static List<String> presence(GameView view, String role, boolean connected) {
    if (view.isMe(role)) {
      return List.of();
    }
    return List.of(speaker(view, role) + (connected ? " is connected." : " disconnected."));
  }

  /**
   * A heading with what the package is worth, then one line per issue. A
   * player sees its own points against its reservation value; anyone else
   * sees the points of every role it may see, one column each.
   */
  public static List<String> packageLines(GameView view, String heading, Package pkg) {
    List<String> out = new ArrayList<>();
    PublicScenario scenario = view.scenario();
    Optional<RoleSheet> mine = view.mySheet();
    if (mine.isPresent()) {
      boolean complete = scenario.problemsWith(pkg).isEmpty();
      if (complete) {
        int t = mine.get().points().score(scenario.canonical(pkg));
        int rv = mine.get().reservationValue();
        String vs = t > rv ? (t - rv) + " above" : t < rv ? (rv - t) + " below" : "equal to";
        out.add(heading + ": worth " + t + " points to you (" + vs
            + " your reservation value of " + rv + ")");
      } else {
        out.add(heading + ":");
      }
      out.addAll(PackageText.lines(scenario, List.of(mine.get().points()), pkg));
      return out;
    }
    Map<String, PointsTable> shown = visiblePoints(view);
    if (shown.isEmpty() || !scenario.problemsWith(pkg).isEmpty()) {
      out.add(heading + ":");
    } else {
      out.add(heading + " (" + PackageText.scores(scenario,
          PackageText.worth(scenario, shown, pkg)) + "):");
    }
    out.addAll(PackageText.lines(scenario, List.copyOf(shown.values()), pkg));
    return out;
  }

  /** The points tables the viewer may see now, in the scenario's role order. */
  static Map<String, PointsTable> visiblePoints(GameView view) {
    Map<String, PointsTable> out = new java.util.LinkedHashMap<>();
    for (PublicScenario.RoleName role : view.scenario().roles()) {
      view.pointsOf(role.id()).ifPresent(p -> out.put(role.id(), p));
    }
    return out;
  }

  /** A role's display name, sanitized. */
  public static String roleName(GameView view, String role) {
    return line(view.scenario().roleName(role));
  }

  /** A role's name with its player's, e.g. {@code Russia (Boris)}. */
  public static String speaker(GameView view, String role) {
    GameView.Occupant who = view.seats().get(role);
    return roleName(view, role) + (who == null || who.displayName().isBlank() ? ""
        : " (" + line(who.displayName()) + ")");
  }

  /** {@code m:ss}, rounded up and never negative. */
  public static String duration(long millis) {
    long seconds = Math.max(0, (millis + 999) / 1000);
    return seconds / 60 + ":" + String.format(Locale.ROOT, "%02d", seconds % 60);
  }
}
