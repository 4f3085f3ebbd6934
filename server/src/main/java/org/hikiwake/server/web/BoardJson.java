package org.hikiwake.server.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hikiwake.engine.game.Outcome;
import org.hikiwake.engine.game.Phase;
import org.hikiwake.engine.game.Result;
import org.hikiwake.engine.scenario.News;
import org.hikiwake.server.classroom.ClassBoard;
import org.hikiwake.server.room.GameListing;
import org.hikiwake.server.room.GameProgress;

/**
 * A class's board as the dashboard's JSON. The instructor's view has
 * everything; the projector view is made for the room to see while games
 * run, so it leaves out, here on the server, every name (students are "Pair
 * 3 Japan"), every game code, every point and the news schedule: a
 * projector's browser never holds them.
 */
final class BoardJson {
  private BoardJson() {}

  /** Which view a page asked for. */
  enum View {
    INSTRUCTOR, PROJECTOR;

    boolean isPrivate() {
      return this == INSTRUCTOR;
    }
  }

  static String of(ClassBoard board, View view) {
    boolean all = view.isPrivate();
    Json j = new Json().object()
        .field("type", "board")
        .field("view", all ? "instructor" : "projector")
        .field("classCode", board.classCode())
        .field("scenario", board.scenarioTitle())
        .field("phase", board.phase().name().toLowerCase(java.util.Locale.ROOT))
        .field("at", board.at().toEpochMilli())
        .field("endsAt", board.endsAt().map(Instant::toEpochMilli).orElse(0L));
    strip(j, board);
    List<String> disconnected = new ArrayList<>();
    j.name("games").array();
    int pair = 0;
    for (GameProgress g : board.games()) {
      pair++;
      game(j, g, pair, all, disconnected);
    }
    j.endArray();
    j.name("disconnected").array();
    disconnected.forEach(j::value);
    j.endArray();
    j.field("waitingCount", board.waiting().size());
    if (all) {
      j.name("waiting").array();
      board.waiting().forEach(j::value);
      j.endArray();
      j.name("news").array();
      for (ClassBoard.NewsItem n : board.news()) {
        j.object().field("id", n.id()).field("round", n.round())
            .field("headline", n.headline()).endObject();
      }
      j.endArray();
    }
    board.released().ifPresent(r -> j.name("released").object().field("headline", r.headline())
        .field("at", r.at().toEpochMilli()).endObject());
    return j.endObject().toString();
  }

  private static void strip(Json j, ClassBoard board) {
    int deals = 0;
    int noDeal = 0;
    int negotiating = 0;
    int waiting = 0;
    int disconnected = 0;
    for (GameProgress g : board.games()) {
      GameListing l = g.listing();
      if (l.isOver()) {
        if (l.result().map(Result::outcome).orElse(null) == Outcome.AGREEMENT) {
          deals++;
        } else {
          noDeal++;
        }
        continue;
      }
      if (l.phase() == Phase.IN_PROGRESS) {
        negotiating++;
      } else {
        waiting++;
      }
      disconnected += (int) l.seats().stream().filter(s -> isAbsent(s)).count();
    }
    j.name("strip").object()
        .field("games", board.games().size())
        .field("deals", deals)
        .field("noDeal", noDeal)
        .field("negotiating", negotiating)
        .field("notStarted", waiting)
        .field("disconnected", disconnected)
        .field("waitingStudents", board.waiting().size())
        .endObject();
  }

  /** A person who holds a seat of a game still being played but is not connected. */
  private static boolean isAbsent(GameListing.SeatListing s) {
    return s.isTaken() && s.bot().isEmpty() && !s.connected();
  }

  private static void game(Json j, GameProgress g, int pair, boolean all,
      List<String> disconnected) {
    GameListing l = g.listing();
    j.object().field("pair", pair);
    if (all) {
      j.field("code", l.gameCode());
    }
    j.field("state", state(l, g))
        .field("round", l.round())
        .field("rounds", l.rounds())
        .field("turn", g.turn())
        .field("toMove", g.toMove().map(r -> roleName(l, r)).orElse(""))
        .field("deadline", g.deadline().map(Instant::toEpochMilli).orElse(0L))
        .field("paused", g.paused());
    j.name("seats").array();
    for (GameListing.SeatListing s : l.seats()) {
      String label = all && s.displayName().isPresent()
          ? s.bot().isPresent() ? "Bot (" + s.bot().get() + ")" : s.displayName().get()
          : "Pair " + pair + " " + s.roleName();
      j.object().field("roleId", s.role()).field("role", s.roleName()).field("label", label)
          .field("taken", s.isTaken()).field("connected", s.connected() || s.bot().isPresent())
          .field("bot", s.bot().isPresent()).endObject();
      if (!l.isOver() && isAbsent(s)) {
        disconnected.add(label);
      }
    }
    j.endArray();
    j.field("offerOnTable", g.onTable().isPresent());
    if (all) {
      g.onTable().ifPresent(o -> {
        j.name("onTable").object().field("by", roleName(l, o.proposer()));
        int joint = 0;
        j.name("points").array();
        for (GameListing.SeatListing s : l.seats()) {
          Integer p = g.onTablePoints().get(s.role());
          if (p != null) {
            joint += p;
            j.object().field("role", s.roleName()).field("points", p).endObject();
          }
        }
        j.endArray().field("joint", joint).endObject();
      });
      l.result().ifPresent(r -> {
        j.name("scores").array();
        for (GameListing.SeatListing s : l.seats()) {
          Integer p = r.scores().get(s.role());
          if (p != null) {
            j.object().field("role", s.roleName()).field("points", p).endObject();
          }
        }
        j.endArray();
      });
      l.damage().ifPresent(d -> j.field("damage", d));
    }
    j.endObject();
  }

  private static String state(GameListing l, GameProgress g) {
    if (l.damage().isPresent()) {
      return "damaged";
    }
    if (!l.isOver()) {
      return l.phase() == Phase.IN_PROGRESS ? g.paused() ? "paused" : "negotiating"
          : "waiting";
    }
    // "agreement", "walk out", "deadline", "abandoned"
    return l.result().map(Result::outcome).orElse(Outcome.DEADLINE).name()
        .toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }

  private static String roleName(GameListing l, String role) {
    return l.seats().stream().filter(s -> s.role().equals(role)).map(GameListing.SeatListing::roleName)
        .findFirst().orElse(role);
  }
}
