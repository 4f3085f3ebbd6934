package org.hikiwake.cli.play;

import com.google.common.collect.ImmutableList;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hikiwake.codec.recording.RecordedGames;
import org.hikiwake.codec.wire.WireViews;
import org.hikiwake.engine.game.GameState;
import org.hikiwake.engine.game.Rules;
import org.hikiwake.engine.replay.Recorded;
import org.hikiwake.engine.scenario.Package;
import org.hikiwake.engine.scenario.Scenario;
import org.hikiwake.engine.view.GameView;
import org.hikiwake.engine.view.Projection;
import org.hikiwake.engine.view.Reveal;
import org.hikiwake.engine.view.Sighting;
import org.hikiwake.engine.view.Viewer;
import org.hikiwake.proto.wire.EventView;
import org.hikiwake.proto.wire.GameSnapshot;
import org.hikiwake.proto.wire.Joined;
import org.hikiwake.proto.wire.Watching;

/**
 * Games of the built-in scenario played through the rules, and the wire
 * messages a server sends about them (made with the server's own mapping),
 * so the client's fold and text are tested on what they really receive.
 */
final class Fixtures {
  static final String CODE = RecordedGames.CODE;
  /** The Nash package of the built-in scenario: Japan 57, Russia 82. */
  static final Package NASH = RecordedGames.NASH;

  private Fixtures() {}

  /** Aiko (Japan) and Boris (Russia) sit; the game starts, Japan to move in round 1. */
  static RecordedGames.Game seated() {
    return RecordedGames.japanRussia().seat("japan", "Aiko").seat("russia", "Boris");
  }

  /** Like {@link #seated()}, with 90 seconds per turn. */
  static RecordedGames.Game seatedTimed() {
    return RecordedGames.japanRussia(Duration.ofSeconds(90)).seat("japan", "Aiko")
        .seat("russia", "Boris");
  }

  /** The game as a seat gets it on joining (or resuming) now. */
  static LiveGame joined(String role, RecordedGames.Game game) {
    return LiveGame.fromJoined(joinedMessage(role, game));
  }

  /** The Joined message a server sends to a seat of the game now. */
  static Joined joinedMessage(String role, RecordedGames.Game game) {
    Scenario s = game.scenario();
    GameState state = game.state();
    return Joined.newBuilder().setSeatToken("secret-token").setRole(role)
        .setBrief(s.role(role).orElseThrow().brief())
        .setReservationValue(s.role(role).orElseThrow().reservationValue())
        .setPoints(WireViews.pointsView(s.publicPart(), state.pointsOf(role)))
        .setInitialPoints(WireViews.pointsView(s.publicPart(), s.pointsOf(role)))
        .setGame(snapshot(Viewer.player(role), game))
        .build();
  }

  /** The game as a watcher gets it now. */
  static LiveGame watching(RecordedGames.Game game) {
    return LiveGame.fromWatching(Watching.newBuilder()
        .setGame(snapshot(Viewer.watcher(), game)).build());
  }

  /** The snapshot a server sends a viewer: its view now and every event as it saw it. */
  static GameSnapshot snapshot(Viewer viewer, RecordedGames.Game game) {
    Scenario s = game.scenario();
    GameView view = Projection.initialView(s, GameState.initial(s, game.state().settings()),
        viewer);
    List<Sighting> history = sightings(viewer, game, 0);
    for (Sighting h : history) {
      view = view.apply(h.seen());
    }
    Map<String, Boolean> connected = new LinkedHashMap<>();
    view.seats().keySet().forEach(r -> connected.put(r, true));
    return WireViews.snapshot(CODE, view, history, connected);
  }

  /** The events recorded after {@code afterSeq}, as a viewer is sent them. */
  static List<EventView> pushed(Viewer viewer, RecordedGames.Game game, long afterSeq) {
    List<EventView> out = new ArrayList<>();
    for (Sighting s : sightings(viewer, game, afterSeq)) {
      out.add(WireViews.eventView(CODE, s, game.scenario().publicPart()));
    }
    return out;
  }

  /** The live game after the events recorded since it last saw one, each pushed as a server does. */
  static LiveGame caughtUp(LiveGame live, RecordedGames.Game game) {
    LiveGame g = live;
    for (EventView e : pushed(live.view().viewer(), game, live.lastSeq())) {
      g = g.apply(e);
    }
    return g;
  }

  private static ImmutableList<Sighting> sightings(Viewer viewer, RecordedGames.Game game,
      long afterSeq) {
    Scenario s = game.scenario();
    GameState state = GameState.initial(s, game.state().settings());
    ImmutableList.Builder<Sighting> out = ImmutableList.builder();
    for (Recorded r : game.events()) {
      GameState after = Rules.apply(state, r.event());
      if (r.seq() > afterSeq) {
        out.add(new Sighting(r.seq(), r.at(),
            Projection.of(s, r.event(), viewer, () -> Reveal.of(after))));
      }
      state = after;
    }
    return out.build();
  }

  /**
   * The live text of the first event of a kind recorded since the live game
   * last saw one, pushed to it as a server does, with the events before it.
   */
  static List<String> textOf(LiveGame live, RecordedGames.Game game, EventView.KindCase kind) {
    LiveGame g = live;
    for (EventView e : pushed(live.view().viewer(), game, live.lastSeq())) {
      g = g.apply(e);
      if (e.getKindCase() == kind) {
        return Renderer.event(g, e);
      }
    }
    throw new AssertionError("no " + kind + " event after " + live.lastSeq());
  }

}
