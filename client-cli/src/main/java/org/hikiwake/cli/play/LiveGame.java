package org.hikiwake.cli.play;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hikiwake.codec.EventCodec;
import org.hikiwake.codec.wire.WireDecoder;
import org.hikiwake.codec.wire.WireViews;
import org.hikiwake.engine.game.Offer;
import org.hikiwake.engine.scenario.PointsTable;
import org.hikiwake.engine.view.GameView;
import org.hikiwake.engine.view.RoleSheet;
import org.hikiwake.engine.view.Seen;
import org.hikiwake.engine.view.Sighting;
import org.hikiwake.proto.wire.EventView;
import org.hikiwake.proto.wire.GameSnapshot;
import org.hikiwake.proto.wire.Joined;
import org.hikiwake.proto.wire.PointsView;
import org.hikiwake.proto.wire.SeatInfo;
import org.hikiwake.proto.wire.Watching;

/**
 * A game as this client follows it: the engine's {@link GameView}, folded
 * with the engine's own {@code GameView.apply} from the seat's view before
 * any event over every event the server sent, plus what the engine does not
 * keep: the join code, the seat token, who is connected, and the events seen
 * (for {@code history}). Immutable: {@link #apply} returns a new game.
 *
 * @param token the seat token, for a player; empty for a watcher
 * @param initial the viewer's view before the first event
 * @param view the viewer's view after every event in {@code sightings}
 * @param sightings every recorded event seen, in order
 * @param connected whether each seated role's holder is connected, by role id
 */
public record LiveGame(
    String code,
    Optional<String> token,
    GameView initial,
    GameView view,
    ImmutableList<Sighting> sightings,
    ImmutableMap<String, Boolean> connected) {

  /** The game of a seat just joined or resumed: its history folded over its base points. */
  public static LiveGame fromJoined(Joined joined) {
    GameView initial = WireDecoder.initialView(joined);
    return start(joined.getGame(), Optional.of(joined.getSeatToken()), initial,
        Optional.of(joined.getRole()));
  }

  /** The game of a watcher. */
  public static LiveGame fromWatching(Watching watching) {
    return start(watching.getGame(), Optional.empty(),
        WireDecoder.initialWatcherView(watching.getGame()), Optional.empty());
  }

  private static LiveGame start(GameSnapshot game, Optional<String> token, GameView initial,
      Optional<String> role) {
    LiveGame g = new LiveGame(game.getGameCode(), token, initial, initial, ImmutableList.of(),
        connected(game));
    for (Sighting s : WireDecoder.history(game, role)) {
      g = g.apply(s);
    }
    return g;
  }

  private static ImmutableMap<String, Boolean> connected(GameSnapshot game) {
    Map<String, Boolean> out = new LinkedHashMap<>();
    for (SeatInfo seat : game.getSeatsList()) {
      if (seat.getTaken()) {
        out.put(seat.getRole(), seat.getConnected());
      }
    }
    return ImmutableMap.copyOf(out);
  }

  /** The sequence number of the last recorded event seen, or 0. */
  public long lastSeq() {
    return sightings.isEmpty() ? 0 : sightings.get(sightings.size() - 1).seq();
  }

  /** The last recorded event seen. */
  public Optional<Sighting> lastSighting() {
    return sightings.isEmpty() ? Optional.empty()
        : Optional.of(sightings.get(sightings.size() - 1));
  }

  /**
   * True if the pushed event changes this game: a presence change, or a
   * recorded event not seen yet. Seat moves are the session's business.
   */
  public boolean isNew(EventView e) {
    if (e.hasPresenceChanged()) {
      return true;
    }
    return WireDecoder.isRecorded(e) && e.getSeq() > lastSeq();
  }

  /**
   * The game after a pushed event; this game for one already seen or one
   * that changes nothing here (a seat move).
   *
   * @throws IllegalArgumentException if the event is malformed
   */
  public LiveGame apply(EventView e) {
    if (!isNew(e)) {
      return this;
    }
    if (e.hasPresenceChanged()) {
      Map<String, Boolean> now = new LinkedHashMap<>(connected);
      now.put(e.getPresenceChanged().getRole(), e.getPresenceChanged().getConnected());
      return new LiveGame(code, token, initial, view, sightings, ImmutableMap.copyOf(now));
    }
    return apply(WireDecoder.sighting(e, view.myRole()));
  }

  /** The game after one more recorded event, which must come after the last one seen. */
  public LiveGame apply(Sighting s) {
    checkArgument(s.seq() > lastSeq(), "event %s comes after event %s", s.seq(), lastSeq());
    Map<String, Boolean> now = connected;
    if (s.seen() instanceof Seen.SeatFilled filled) {
      Map<String, Boolean> m = new LinkedHashMap<>(connected);
      m.putIfAbsent(filled.role(), true);
      now = m;
    }
    return new LiveGame(code, token, initial, view.apply(s.seen()),
        ImmutableList.<Sighting>builder().addAll(sightings).add(s).build(),
        ImmutableMap.copyOf(now));
  }

  /** This game with who is connected as the server last said. */
  public LiveGame withConnected(GameSnapshot game) {
    return new LiveGame(code, token, initial, view, sightings, connected(game));
  }

  /**
   * Where the folded view disagrees with the snapshot the server sent with
   * it (phase, turn, round, side to move, offer on the table, and a player's
   * own points in force), for people; empty when they agree. A disagreement
   * is a bug on one side or the other.
   *
   * @param ownPoints a player's points in force as the server sent them
   */
  public List<String> differencesFrom(GameSnapshot snapshot, Optional<PointsView> ownPoints) {
    List<String> out = new ArrayList<>();
    if (WireViews.phase(view.phase()) != snapshot.getPhase()) {
      out.add("phase " + view.phase() + " but the server says " + snapshot.getPhase());
    }
    if (view.turn() != snapshot.getTurn()) {
      out.add("turn " + view.turn() + " but the server says " + snapshot.getTurn());
    }
    if (view.round() != snapshot.getRound()) {
      out.add("round " + view.round() + " but the server says " + snapshot.getRound());
    }
    if (!view.toMove().orElse("").equals(snapshot.getToMove())) {
      out.add("to move " + view.toMove().orElse("nobody") + " but the server says "
          + (snapshot.getToMove().isEmpty() ? "nobody" : snapshot.getToMove()));
    }
    Optional<Offer> table = snapshot.hasOnTable()
        ? Optional.of(new Offer(snapshot.getOnTable().getRole(),
            EventCodec.strictPackage(snapshot.getOnTable().getPackage())))
        : Optional.empty();
    if (!view.onTable().equals(table)) {
      out.add("on the table " + view.onTable().map(LiveGame::describe).orElse("nothing")
          + " but the server says " + table.map(LiveGame::describe).orElse("nothing"));
    }
    if (ownPoints.isPresent()) {
      PointsTable theirs = WireDecoder.pointsTable(ownPoints.get());
      Optional<PointsTable> mine = view.mySheet().map(RoleSheet::points);
      if (!mine.equals(Optional.of(theirs))) {
        out.add("own points in force differ from the server's");
      }
    }
    return out;
  }

  private static String describe(Offer o) {
    return o.proposer() + "'s " + o.pkg();
  }

  public boolean isOver() {
    return view.isOver();
  }

  public boolean isInProgress() {
    return view.isInProgress();
  }

  public boolean isMyTurn() {
    return view.isMyTurn();
  }

  public Optional<String> myRole() {
    return view.myRole();
  }

  /** When the current turn times out, in timed games. */
  public Optional<Instant> deadline() {
    return view.deadline();
  }
}
