package org.hikiwake.cli.record;

import static org.hikiwake.cli.text.Sanitizer.line;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.hikiwake.cli.text.EndText;
import org.hikiwake.cli.text.EventText;
import org.hikiwake.engine.analysis.Analysis;
import org.hikiwake.engine.analysis.Debrief;
import org.hikiwake.engine.game.Event;
import org.hikiwake.engine.game.GameState;
import org.hikiwake.engine.scenario.PublicScenario;
import org.hikiwake.engine.scenario.Scenario;
import org.hikiwake.engine.view.GameView;
import org.hikiwake.engine.view.Seen;
import org.hikiwake.engine.view.Viewer;

/**
 * A replay as text: a header, then each step as the shared {@link EventText}
 * (the same words live play printed) after the time since the game was
 * created, and, for a recording that stops before the game ended, what
 * there is to say about that. Pure.
 */
public final class ReplayText {
  private ReplayText() {}

  /** The title, settings and roles (with the reservation values the viewer may see). */
  public static List<String> header(ViewedReplay r) {
    List<String> out = new ArrayList<>();
    GameView v = r.initial();
    PublicScenario s = v.scenario();
    out.add("Game " + line(r.recording().gameCode()) + ": " + line(s.title()) + " ("
        + line(s.id()) + ")");
    out.add("Created " + r.recording().createdAt() + "; " + v.settings().rounds() + " rounds, "
        + v.settings().turnLimit().map(d -> d.toSeconds() + " s per turn").orElse("untimed")
        + "; " + EventText.roleName(v, s.firstMover()) + " moves first.");
    List<String> roles = new ArrayList<>();
    for (PublicScenario.RoleName role : s.roles()) {
      roles.add(line(role.name()) + v.reservationValueOf(role.id())
          .map(rv -> " (reservation value " + rv + ")").orElse(""));
    }
    out.add("Roles: " + String.join(", ", roles) + ".");
    return out;
  }

  /** True if a replay should pause after this step: a move, chat, news or the end. */
  public static boolean isPause(ViewedReplay.Step step) {
    Seen seen = step.sighting().seen();
    if (seen instanceof Seen.Public p) {
      Event e = p.event();
      return e instanceof Event.OfferMade || e instanceof Event.ChatPosted
          || e instanceof Event.TurnTimedOut;
    }
    return seen instanceof Seen.NewsArrived || seen instanceof Seen.GameEnded;
  }

  /** True for the step that ends the game. */
  public static boolean isEnd(ViewedReplay.Step step) {
    return step.sighting().seen() instanceof Seen.GameEnded;
  }

  /** One step: the event's text, its first line after the time since the game was created. */
  public static List<String> step(ViewedReplay r, ViewedReplay.Step step) {
    List<String> lines = EventText.lines(step.after(), step.sighting());
    List<String> out = new ArrayList<>(lines.size());
    String at = "[" + elapsed(r.recording().createdAt(), step.sighting().at()) + "] ";
    String actor = step.replayed().recorded().actor();
    // a stand-in played this move for an away student: say so, or the move reads as theirs
    String by = actor.startsWith(STAND_IN) && !lines.isEmpty()
        ? " (played by a stand-in " + line(actor.substring(STAND_IN.length())) + " bot)" : "";
    for (int i = 0; i < lines.size(); i++) {
      out.add(i == 0 ? at + lines.get(i) + by : lines.get(i));
    }
    return out;
  }

  /** How the recording names a stand-in bot as the actor of a move, e.g. bot:medium. */
  private static final String STAND_IN = "bot:";

  /**
   * What follows the last step: nothing if the game ended in the recording
   * (the last step said it all); else that the recording stops early and,
   * for a viewer who may see both sides, the analysis under the points in
   * force where it stops.
   */
  public static List<String> ending(ViewedReplay r) {
    List<String> out = new ArrayList<>();
    if (r.last().isOver()) {
      return out;
    }
    out.add("");
    out.add("The recording ends before the game did (" + r.steps().size() + " records).");
    if (r.viewer() instanceof Viewer.Umpire) {
      Scenario s = r.recording().scenario();
      GameState last = r.recording().last();
      Analysis a = Analysis.of(s, last.pointsInForce());
      Debrief d = new Debrief(a.zopaSize(), Analysis.packageCount(s), a.nash(),
          a.kalaiSmorodinsky(), a.frontier(), Optional.empty());
      out.addAll(EndText.debrief(s.publicPart(), d, Optional.empty(), last.pointsInForce(),
          "Analysis (points in force where the recording ends):"));
    }
    return out;
  }

  /** {@code m:ss} since the game was created. */
  static String elapsed(Instant created, Instant at) {
    long seconds = Math.max(0, Duration.between(created, at).toSeconds());
    return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
  }
}
