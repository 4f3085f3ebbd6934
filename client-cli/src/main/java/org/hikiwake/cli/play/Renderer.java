package org.hikiwake.cli.play;

import static org.hikiwake.cli.text.Sanitizer.line;

import com.google.common.collect.ImmutableMap;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
      out.add("Waiting for the other side to join.");
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
    return out;
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
        out.add("The game ended: " + EndText.outcome(then.scenario(), ended.result()));
      } else {
        out.addAll(EventText.lines(then, s));
      }
    }
    return out;
  }

  /** A package with this seat's points for it. */
  public static List<String> score(GameView v, Package pkg) {
    List<String> missing = v.scenario().missingIssues(pkg);
    if (!missing.isEmpty()) {
      return List.of("That package is incomplete; it lacks " + String.join(", ", missing) + ".");
    }
    return EventText.packageLines(v, "That package", pkg);
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
   * time left at {@code now}.
   */
  public static String prompt(LiveGame game, Instant now) {
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
      p.append(" | round ").append(v.round()).append('/')
          .append(v.settings().hasUncertainEnd() ? "?" : "").append(v.settings().rounds());
      p.append(" | ").append(v.isMyTurn() ? "YOUR TURN"
          : v.toMove().map(r -> EventText.roleName(v, r) + "'s turn").orElse(""));
      v.deadline().ifPresent(d -> p.append(' ')
          .append(EventText.duration(d.toEpochMilli() - now.toEpochMilli())));
    }
    return p.append(" > ").toString();
  }
}
