package org.hikiwake.cli.play;

import static org.hikiwake.cli.text.Sanitizer.line;

import com.google.common.collect.ImmutableMap;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.hikiwake.cli.net.ServerAddress;
import org.hikiwake.cli.text.EndText;
import org.hikiwake.cli.text.EventText;
import org.hikiwake.cli.text.Sanitizer;
import org.hikiwake.engine.game.Offer;
import org.hikiwake.engine.scenario.Issue;
import org.hikiwake.engine.scenario.Option;
import org.hikiwake.engine.scenario.Package;
import org.hikiwake.engine.view.GameView;
import org.hikiwake.engine.view.RoleSheet;
import org.hikiwake.engine.view.Seen;
import org.hikiwake.engine.view.Sighting;
import org.hikiwake.proto.wire.EventView;

/**
 * The play prompt's text, from the point of view of the game's seat (or a
 * watcher's): what an event pushed live looks like (the shared
 * {@link EventText}), and the answers to {@code brief}, {@code issues},
 * {@code table}, {@code score}, {@code history} and {@code help}. Pure: no
 * terminal, no clock (the time comes in as an argument).
 */
public final class Renderer {
  private Renderer() {}

  /** The lines for an event pushed live; {@code after} is the game with it applied. */
  public static List<String> event(LiveGame after, EventView e) {
    if (e.hasPresenceChanged()) {
      return EventText.presence(after.view(), e.getPresenceChanged().getRole(),
          e.getPresenceChanged().getConnected());
    }
    Sighting s = after.lastSighting().orElseThrow(
        () -> new IllegalArgumentException("no recorded event was applied"));
    return EventText.lines(after.view(), s);
  }

  /** The lines shown after joining or resuming a seat (or starting to watch). */
  public static List<String> welcome(LiveGame game, boolean resumed) {
    GameView v = game.view();
    List<String> out = new ArrayList<>();
    String title = line(v.scenario().title());
    String timing = v.settings().turnLimit().map(d -> EventText.duration(d.toMillis())
        + " per turn").orElse("untimed turns");
    Optional<RoleSheet> sheet = v.mySheet();
    if (sheet.isPresent()) {
      out.add((resumed ? "Resumed your seat: " : "You are ")
          + EventText.roleName(v, v.myRole().orElseThrow()) + " in game " + line(game.code())
          + " (" + title + "): " + EventText.rounds(v) + ", " + timing + ".");
      out.add("Your reservation value (your score if there is no agreement) is "
          + sheet.get().reservationValue() + ". Type `brief` for your instructions, `issues`"
          + " for your points, `help` for the commands.");
    } else {
      out.add("Watching game " + line(game.code()) + " (" + title + "): "
          + EventText.rounds(v) + ", " + timing + ".");
    }
    if (!v.isInProgress() && !v.isOver()) {
      out.add(sheet.isPresent() ? "Waiting for the other side to join."
          : "Waiting for the players: " + v.seats().size() + " of "
              + v.scenario().roles().size() + " seats taken.");
    }
    return out;
  }

  /** The scenario background and the seat's confidential brief. */
  public static List<String> brief(GameView v) {
    List<String> out = new ArrayList<>();
    out.add(line(v.scenario().title()));
    addParagraphs(out, v.scenario().background());
    v.mySheet().ifPresent(sheet -> {
      out.add("");
      out.add("Your role: " + EventText.roleName(v, v.myRole().orElseThrow())
          + " (confidential brief)");
      addParagraphs(out, sheet.brief());
      out.add("");
      out.add("Your reservation value: " + sheet.reservationValue()
          + " points. That is your score if there is no agreement; do not accept less.");
    });
    out.add("");
    out.add("How this game ends: " + howItEnds(v));
    return out;
  }

  /**
   * The deadline rules of this game in a few sentences: what ends it, and
   * that an offer made on the very last turn can never be accepted.
   */
  static String howItEnds(GameView v) {
    String last = v.scenario().secondMover();
    String ends = "when an offer is accepted (an agreement), when a side walks away, or at the"
        + " deadline after the last turn (no agreement). ";
    if (v.settings().uncertainEnd().isPresent()) {
      int earliest = v.settings().uncertainEnd().get().earliest();
      return ends + "This game has an uncertain end: any round from " + earliest + " on may be"
          + " the last (at most " + v.settings().rounds() + "), and nobody knows which. If a"
          + " round turns out to be the last, an offer made on its last turn ("
          + EventText.roleName(v, last) + "'s) can never be accepted.";
    }
    return ends + "There are " + v.settings().rounds() + " rounds; an offer made on the last"
        + " turn (" + EventText.roleName(v, last) + "'s, in round " + v.settings().rounds()
        + ") can never be accepted, because the deadline follows it.";
  }

  private static void addParagraphs(List<String> out, String untrusted) {
    for (String l : Sanitizer.text(untrusted).strip().split("\n")) {
      out.add("  " + l.stripTrailing());
    }
  }

  /** Every issue with its options and, for a player, their points; * marks the table. */
  public static List<String> issues(GameView v) {
    List<String> out = new ArrayList<>();
    Optional<Package> table = v.onTable().map(Offer::pkg);
    Optional<RoleSheet> sheet = v.mySheet();
    out.add(sheet.isPresent() ? "Issues with your points (* = in the offer on the table):"
        : "Issues (* = in the offer on the table):");
    int width = v.scenario().issues().stream().flatMap(i -> i.options().stream())
        .mapToInt(o -> line(o.id()).length()).max().orElse(0);
    for (Issue issue : v.scenario().issues()) {
      String desc = line(issue.description());
      out.add(line(issue.id()) + ": " + line(issue.name())
          + (desc.isBlank() ? "" : " - " + desc));
      for (Option option : issue.options()) {
        boolean mark = table.flatMap(p -> p.option(issue.id())).map(option.id()::equals)
            .orElse(false);
        StringBuilder row = new StringBuilder(mark ? "  * " : "    ");
        row.append(String.format(Locale.ROOT, "%-" + width + "s", line(option.id())));
        sheet.ifPresent(s -> {
          Integer p = s.points().points().getOrDefault(issue.id(),
              ImmutableMap.of()).get(option.id());
          row.append(String.format(Locale.ROOT, "%4s", p == null ? "?" : p));
        });
        row.append("  ").append(line(option.label()));
        out.add(row.toString());
      }
    }
    return out;
  }

  /** The offer on the table. */
  public static List<String> table(GameView v) {
    if (v.onTable().isEmpty()) {
      return List.of("Nothing is on the table yet.");
    }
    Offer offer = v.onTable().get();
    String whose = v.isMe(offer.proposer()) ? "your own offer"
        : EventText.roleName(v, offer.proposer()) + "'s offer";
    return EventText.packageLines(v, "On the table, " + whose, offer.pkg());
  }

  /** Every event so far, each as it was when it happened (points in force then). */
  public static List<String> history(LiveGame game) {
    List<String> out = new ArrayList<>();
    if (game.sightings().isEmpty()) {
      out.add("Nothing has happened yet.");
    }
    GameView then = game.initial();
    for (Sighting s : game.sightings()) {
      then = then.apply(s.seen());
      if (s.seen() instanceof Seen.GameEnded ended) {
        out.add("The game ended " + EndText.howItEnded(then.scenario(), ended.result()));
      } else {
        out.addAll(EventText.lines(then, s));
      }
    }
    return out;
  }

  /**
   * A package with this seat's points for it; for part of a package, the
   * points of the issues it names and what it lacks.
   */
  public static List<String> score(GameView v, Package pkg) {
    List<String> missing = v.scenario().missingIssues(pkg);
    if (missing.isEmpty()) {
      return EventText.packageLines(v, "That package", pkg);
    }
    List<String> out = new ArrayList<>();
    int named = v.scenario().issues().size() - missing.size();
    Optional<RoleSheet> sheet = v.mySheet();
    if (sheet.isPresent()) {
      int sum = 0;
      for (Map.Entry<String, String> c : pkg.choices().entrySet()) {
        sum += sheet.get().points().points(c.getKey(), c.getValue());
      }
      out.add("Part of a package (" + named + " of " + v.scenario().issues().size()
          + " issues): " + sum + " points to you from these issues.");
    } else {
      out.add("Part of a package (" + named + " of " + v.scenario().issues().size()
          + " issues):");
    }
    List<String> lines = EventText.packageLines(v, "", pkg);
    out.addAll(lines.subList(1, lines.size()));
    out.add("It lacks " + String.join(", ", missing) + ": name them (or use `score --from-table"
        + " issue=option ...`) for the package's total"
        + (sheet.isPresent() && !sheet.get().points().links().isEmpty()
            ? ", which also counts the links between issues." : "."));
    return out;
  }

  /**
   * What {@code accept} would agree to, before the player says yes: the offer
   * on the table with its points, and a plain warning when it is worth less
   * than walking away.
   */
  public static List<String> acceptCheck(GameView v) {
    Offer offer = v.onTable().orElseThrow();
    List<String> out = new ArrayList<>(EventText.packageLines(v, "You would accept "
        + EventText.roleName(v, offer.proposer()) + "'s offer", offer.pkg()));
    v.mySheet().ifPresent(sheet -> {
      int points = sheet.points().score(v.scenario().canonical(offer.pkg()));
      int rv = sheet.reservationValue();
      if (points < rv) {
        out.add("That is " + (rv - points) + " points below your reservation value: you would"
            + " do better by walking away (you would score " + rv + ").");
      }
    });
    return out;
  }

  /** The question {@code accept} asks after {@link #acceptCheck}. */
  public static String acceptQuestion(GameView v) {
    return "Accept it? The game ends at once in this agreement.";
  }

  /**
   * On the game's very last turn, why an offer is pointless, for the player
   * to read before spending the turn on one; empty on any other turn.
   */
  public static Optional<String> lastTurnOfferWarning(GameView v) {
    if (!v.isLastTurn() || !v.isMyTurn()) {
      return Optional.empty();
    }
    int rv = v.mySheet().map(RoleSheet::reservationValue).orElse(0);
    return Optional.of("This is the last turn of the game: an offer now can never be accepted,"
        + " and the game ends right after it with no agreement (you score your reservation"
        + " value, " + rv + ").");
  }

  /** What quitting says: the seat is kept, and the command that takes it back. */
  public static String leaving(PlaySession.Attach attach, ServerAddress address) {
    String server = address.equals(ServerAddress.DEFAULT) ? "" : " --server " + address;
    String back = attach.mode() == PlaySession.Mode.CLASS
        ? "hikiwake join " + line(attach.gameCode()) + " --name " + quoted(attach.displayName())
        : "hikiwake play --resume " + line(attach.gameCode());
    return "Leaving. Your seat is kept: `" + back + server + "` takes it back.";
  }

  /** A name as a shell word: quoted unless it is plain letters, digits, dots and dashes. */
  private static String quoted(String name) {
    String n = line(name);
    return n.matches("[A-Za-z0-9._-]+") ? n : "\"" + n.replace("\"", "") + "\"";
  }

  /** The commands of the play prompt, and how the game ends. */
  public static List<String> help(GameView v) {
    List<String> out = new ArrayList<>(List.of(
        "Commands:",
        "  brief                       your confidential brief and reservation value",
        "  issues                      every issue and option with your points",
        "  offer issue=option ...      propose a complete package (one option per issue)",
        "  offer --from-table i=o ...  the offer on the table with some issues changed",
        "  accept                      accept the other side's offer on the table, which",
        "                              ends the game (shows it and asks first; accept --yes",
        "                              does not ask)",
        "  walkaway                    walk away with no agreement (asks first)",
        "  say TEXT                    say something to the other side (uses no turn)",
        "  score [issue=option ...]    your points for a package or part of one (default:",
        "                              the table); score --from-table i=o ... changes some",
        "                              issues of the table's offer",
        "  table                       the offer on the table",
        "  history                     everything that has happened so far",
        "  help                        this list",
        "  quit (or Ctrl-D)            leave; your seat is kept, and it says how to take",
        "                              it back",
        "Ctrl-C cancels the line being typed. Names may be shortened to any unambiguous",
        "prefix; Tab completes them."));
    if (v.isInProgress() || !v.isOver()) {
      out.add("How the game ends: " + howItEnds(v));
    }
    return out;
  }

  /**
   * The prompt: game code, role, round, whose turn, and for a timed turn the
   * time left at {@code now} (the server's time).
   */
  public static String prompt(LiveGame game, Instant now) {
    return prompt(game, now, true);
  }

  /**
   * The prompt; while the connection is down it says so instead of counting
   * down a deadline that the server may move when it is back.
   */
  public static String prompt(LiveGame game, Instant now, boolean connected) {
    GameView v = game.view();
    StringBuilder p = new StringBuilder();
    p.append(line(game.code()));
    p.append(' ').append(v.myRole().map(r -> line(r).toLowerCase(Locale.ROOT))
        .orElse("watching"));
    if (v.isOver()) {
      p.append(" | game over");
    } else if (!v.isInProgress()) {
      p.append(" | waiting for players");
    } else {
      String rounds = v.round() + "/" + (v.settings().hasUncertainEnd() ? "?" : "")
          + v.settings().rounds();
      p.append(" | ");
      if (v.isFinalRound() && !v.isLastTurn()) {
        p.append("FINAL ROUND ").append(rounds);
      } else {
        p.append("round ").append(rounds);
        if (!v.isFinalRound() && v.settings().uncertainEnd()
            .filter(u -> v.round() >= u.earliest()).isPresent()) {
          p.append(", may be the last");
        }
      }
      p.append(" | ");
      if (v.isLastTurn()) {
        p.append(v.isMyTurn() ? connected ? "YOUR LAST TURN: offers can't be accepted"
                : "YOUR LAST TURN"
            : v.toMove().map(r -> EventText.roleName(v, r) + "'s last turn").orElse(""));
      } else {
        p.append(v.isMyTurn() ? "YOUR TURN"
            : v.toMove().map(r -> EventText.roleName(v, r) + "'s turn").orElse(""));
      }
      if (!connected) {
        p.append(" | reconnecting...");
      } else if (v.isPaused()) {
        p.append(" | paused");
      } else {
        v.deadline().ifPresent(d -> p.append(' ')
            .append(EventText.duration(d.toEpochMilli() - now.toEpochMilli())));
      }
    }
    return p.append(" > ").toString();
  }
}
