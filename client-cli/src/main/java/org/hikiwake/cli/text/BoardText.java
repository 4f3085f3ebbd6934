package org.hikiwake.cli.text;

import static org.hikiwake.cli.text.Sanitizer.line;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hikiwake.proto.game.GameOutcome;
import org.hikiwake.proto.game.RoleScore;
import org.hikiwake.proto.wire.ClassBoard;
import org.hikiwake.proto.wire.ClassGameRow;
import org.hikiwake.proto.wire.ClassPhase;
import org.hikiwake.proto.wire.GamePhase;
import org.hikiwake.proto.wire.SeatInfo;

/**
 * A class's board as a table for the instructor's terminal: one row per
 * game with both players, the round, whose turn and the time left, the offer
 * on the table with both sides' points, and the state; {@code *} marks a
 * disconnected player. Fits 80 columns; names are cut to fit. Pure: the time
 * comes in as an argument.
 */
public final class BoardText {
  /** The width the table is made for. */
  public static final int WIDTH = 80;

  private BoardText() {}

  public static List<String> lines(ClassBoard b, long nowMillis) {
    List<String> out = new ArrayList<>();
    String phase = b.getPhase() == ClassPhase.CLASS_PHASE_OPEN ? "open (students arriving)"
        : b.getPhase() == ClassPhase.CLASS_PHASE_ENDED ? "ended" : "running";
    String left = b.getEndsAtMillis() > 0
        ? " | " + EventText.duration(b.getEndsAtMillis() - nowMillis) + " left" : "";
    out.add(cut("Class " + line(b.getClassCode()) + " | " + line(b.getScenarioTitle()), WIDTH));
    long deals = b.getGamesList().stream().filter(g -> g.getResult().getOutcome()
        == GameOutcome.GAME_OUTCOME_AGREEMENT).count();
    long running = b.getGamesList().stream().filter(g -> g.getPhase()
        != GamePhase.GAME_PHASE_ENDED).count();
    long away = b.getStudentsList().stream().filter(s -> !s.getConnected()).count();
    out.add(cut(phase + " | " + count(b.getGamesCount(), "game", "games") + ": "
        + count(deals, "deal", "deals") + ", " + running
        + " on" + left + " | " + away + " away", WIDTH));
    if (b.getWaitingCount() > 0) {
      out.add(cut("Waiting (" + b.getWaitingCount() + "): " + String.join(", ",
          b.getWaitingList().stream().map(Sanitizer::line).toList()), WIDTH));
    }
    if (b.getGamesCount() == 0) {
      out.add("No games yet: `hikiwake class start` pairs the students who are here.");
      return out;
    }
    // #  first role  second role  rnd  turn  time  table  state
    int nameWidth = 13;
    out.add(String.format(Locale.ROOT, "%3s %-" + nameWidth + "s %-" + nameWidth
        + "s %5s %-7s %5s %-9s %s", "#", role(b, 0), role(b, 1), "round", "turn", "time",
        "table", "state"));
    int n = 0;
    for (ClassGameRow g : b.getGamesList()) {
      n++;
      out.add(String.format(Locale.ROOT, "%3d %-" + nameWidth + "s %-" + nameWidth
          + "s %5s %-7s %5s %-9s %s", n, player(g, 0, nameWidth), player(g, 1, nameWidth),
          g.getRound() + "/" + g.getRounds(), turn(g), time(g, nowMillis), table(g),
          state(g)));
    }
    out.add("* = disconnected. Points on the table are Japan/Russia as each side scores them.");
    return out.stream().map(l -> cut(l, WIDTH)).toList();
  }

  /** The scenario's news, for the instructor to release early, one line each. */
  public static List<String> newsLines(ClassBoard b) {
    List<String> out = new ArrayList<>();
    out.add("News (release one now with: hikiwake class news ID):");
    for (org.hikiwake.proto.wire.NewsInfo n : b.getNewsList()) {
      out.add(cut("  " + line(n.getId()) + (n.getRound() == 0 ? " (not scheduled): "
          : " (round " + n.getRound() + "): ") + line(n.getHeadline()), WIDTH));
    }
    return out;
  }

  private static String role(ClassBoard b, int i) {
    ClassGameRow first = b.getGames(0);
    return i < first.getSeatsCount() ? line(first.getSeats(i).getRoleName()) : "";
  }

  private static String player(ClassGameRow g, int i, int width) {
    if (i >= g.getSeatsCount()) {
      return "";
    }
    SeatInfo s = g.getSeats(i);
    if (!s.getTaken()) {
      return "(empty)";
    }
    // cut the name, not the mark: a disconnected player must show even with a long name
    boolean away = !s.getConnected() && s.getBot().isEmpty();
    return cut(line(s.getDisplayName()), away ? width - 1 : width) + (away ? "*" : "");
  }

  private static String turn(ClassGameRow g) {
    if (g.getPhase() != GamePhase.GAME_PHASE_IN_PROGRESS) {
      return "-";
    }
    if (g.getPaused()) {
      return "paused";
    }
    for (SeatInfo s : g.getSeatsList()) {
      if (s.getRole().equals(g.getToMove())) {
        return cut(line(s.getRoleName()), 7);
      }
    }
    return cut(line(g.getToMove()), 7);
  }

  private static String time(ClassGameRow g, long now) {
    if (g.getDeadlineMillis() == 0 || g.getPhase() != GamePhase.GAME_PHASE_IN_PROGRESS
        || g.getPaused()) {
      return "-";
    }
    return EventText.duration(g.getDeadlineMillis() - now);
  }

  private static String table(ClassGameRow g) {
    if (g.getOnTablePointsCount() < 2) {
      return "-";
    }
    List<String> pts = new ArrayList<>();
    for (RoleScore s : g.getOnTablePointsList()) {
      pts.add(Integer.toString(s.getScore()));
    }
    return String.join("/", pts);
  }

  private static String state(ClassGameRow g) {
    if (!g.getDamage().isEmpty()) {
      return "DAMAGED";
    }
    switch (g.getPhase()) {
      case GAME_PHASE_WAITING:
        return "waiting";
      case GAME_PHASE_IN_PROGRESS:
        return "negotiating";
      case GAME_PHASE_ENDED:
        switch (g.getResult().getOutcome()) {
          case GAME_OUTCOME_AGREEMENT:
            return "AGREED " + table(g.getResult());
          case GAME_OUTCOME_WALK_OUT:
            return "walked out";
          case GAME_OUTCOME_DEADLINE:
            return "deadline";
          case GAME_OUTCOME_ABANDONED:
            return "abandoned";
          default:
            return "ended";
        }
      default:
        return "?";
    }
  }

  private static String table(org.hikiwake.proto.game.GameResult r) {
    return String.join("/", r.getScoresList().stream().map(s -> Integer.toString(s.getScore()))
        .toList());
  }

  private static String cut(String s, int width) {
    if (s.codePointCount(0, s.length()) <= width) {
      return s;
    }
    int end = s.offsetByCodePoints(0, width - 1);
    return s.substring(0, end) + "~";
  }

  private static String count(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }
}
