package org.hikiwake.engine.view;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.hikiwake.engine.game.Event;
import org.hikiwake.engine.game.GameSettings;
import org.hikiwake.engine.game.Offer;
import org.hikiwake.engine.game.Phase;
import org.hikiwake.engine.game.Result;
import org.hikiwake.engine.game.Rules;
import org.hikiwake.engine.scenario.News;
import org.hikiwake.engine.scenario.Package;
import org.hikiwake.engine.scenario.PointsTable;
import org.hikiwake.engine.scenario.PublicScenario;

/**
 * A game as one {@link Viewer} knows it: the public scenario, the confidential
 * sheets of the roles the viewer may see, and everything that has happened,
 * folded from {@link Seen} events with {@link #apply}. A player's client, a
 * bot and a replay shown from one side all hold one of these; it has no way
 * to reach the other side's points before the game ends, because it never
 * holds them.
 *
 * @param viewer who is looking
 * @param scenario the public part of the scenario
 * @param settings rounds and turn limit
 * @param seats who holds each taken seat, by role id
 * @param phase waiting, in progress or ended
 * @param turn turn number from 0, or -1 before the start
 * @param round round number from 1, or 0 before the start
 * @param toMove the side to move, while in progress
 * @param deadline when the current turn times out, in timed games
 * @param onTable the offer on the table
 * @param offers every offer made so far, oldest first
 * @param sheets the confidential sheets this viewer holds, by role id, points in force
 * @param news the news so far as this viewer sees it, oldest first
 * @param pausedAt when the instructor paused the game, while it is paused
 * @param result how the game ended, once it has
 * @param reveal what the end revealed, once the game has ended
 */
public record GameView(
    Viewer viewer,
    PublicScenario scenario,
    GameSettings settings,
    ImmutableMap<String, Occupant> seats,
    Phase phase,
    int turn,
    int round,
    Optional<String> toMove,
    Optional<Instant> deadline,
    Optional<Offer> onTable,
    ImmutableList<Offer> offers,
    ImmutableMap<String, RoleSheet> sheets,
    ImmutableList<News> news,
    Optional<Instant> pausedAt,
    Optional<Result> result,
    Optional<Reveal> reveal) {

  /** Who holds a seat. */
  public record Occupant(String displayName, Optional<String> bot) {
    public Occupant {
      checkNotNull(displayName, "displayName");
      checkNotNull(bot, "bot");
    }
  }

  public GameView {
    checkNotNull(viewer, "viewer");
    checkNotNull(scenario, "scenario");
    checkNotNull(settings, "settings");
    sheets.keySet().forEach(role -> checkState(viewer.sees(role) || reveal.isPresent(),
        "a %s may not hold the sheet of %s", viewer, role));
  }

  /**
   * A game that has not begun, as a viewer holding these sheets (base points,
   * before any news) knows it.
   */
  public static GameView initial(Viewer viewer, PublicScenario scenario, GameSettings settings,
      Map<String, RoleSheet> sheets) {
    return new GameView(viewer, scenario, settings, ImmutableMap.of(), Phase.WAITING, -1, 0,
        Optional.empty(), Optional.empty(), Optional.empty(), ImmutableList.of(),
        ImmutableMap.copyOf(sheets), ImmutableList.of(), Optional.empty(), Optional.empty(),
        Optional.empty());
  }

  /** The view after one more seen event. */
  public GameView apply(Seen seen) {
    if (seen instanceof Seen.SeatFilled filled) {
      Map<String, Occupant> newSeats = new LinkedHashMap<>(seats);
      newSeats.put(filled.role(), new Occupant(filled.displayName(), filled.bot()));
      return new GameView(viewer, scenario, settings, ImmutableMap.copyOf(newSeats), phase, turn,
          round, toMove, deadline, onTable, offers, sheets, news, pausedAt, result, reveal);
    } else if (seen instanceof Seen.NewsArrived arrived) {
      Map<String, RoleSheet> newSheets = new LinkedHashMap<>(sheets);
      Map<String, PointsTable> points = new LinkedHashMap<>();
      sheets.forEach((role, sheet) -> points.put(role, sheet.points()));
      Rules.withChanges(points, arrived.news().pointChanges())
          .forEach((role, table) -> newSheets.put(role, sheets.get(role).withPoints(table)));
      ImmutableList<News> newNews = ImmutableList.<News>builder().addAll(news)
          .add(arrived.news()).build();
      return new GameView(viewer, scenario, settings, seats, phase, turn, round, toMove,
          deadline, onTable, offers, ImmutableMap.copyOf(newSheets), newNews, pausedAt, result,
          reveal);
    } else if (seen instanceof Seen.GameEnded ended) {
      return new GameView(viewer, scenario, settings, seats, Phase.ENDED, turn, round,
          Optional.empty(), Optional.empty(), onTable, offers, sheets, news, Optional.empty(),
          Optional.of(ended.result()), Optional.of(ended.reveal()));
    } else if (seen instanceof Seen.Public p) {
      return applyPublic(p.event());
    }
    throw new AssertionError(seen);
  }

  private GameView applyPublic(Event e) {
    if (e instanceof Event.GameStarted) {
      return new GameView(viewer, scenario, settings, seats, Phase.IN_PROGRESS, turn, round,
          toMove, deadline, onTable, offers, sheets, news, pausedAt, result, reveal);
    } else if (e instanceof Event.OfferMade o) {
      Offer offer = new Offer(o.role(), o.pkg());
      return new GameView(viewer, scenario, settings, seats, phase, turn, round, toMove,
          deadline, Optional.of(offer), ImmutableList.<Offer>builder().addAll(offers).add(offer)
              .build(), sheets, news, pausedAt, result, reveal);
    } else if (e instanceof Event.TurnChanged t) {
      return new GameView(viewer, scenario, settings, seats, phase, t.turn(), t.round(),
          Optional.of(t.role()), t.deadline(), onTable, offers, sheets, news, pausedAt, result, reveal);
    } else if (e instanceof Event.ClockRestarted c) {
      return new GameView(viewer, scenario, settings, seats, phase, turn, round, toMove,
          Optional.of(c.deadline()), onTable, offers, sheets, news, pausedAt, result, reveal);
    } else if (e instanceof Event.Paused p) {
      return new GameView(viewer, scenario, settings, seats, phase, turn, round, toMove,
          deadline, onTable, offers, sheets, news, Optional.of(p.at()), result, reveal);
    } else if (e instanceof Event.Resumed r) {
      return new GameView(viewer, scenario, settings, seats, phase, turn, round, toMove,
          r.deadline(), onTable, offers, sheets, news, Optional.empty(), result, reveal);
    } else if (e instanceof Event.RoundsExtended x) {
      return new GameView(viewer, scenario, settings.withRounds(x.rounds()),
          seats, phase, turn, round, toMove, deadline, onTable, offers, sheets, news, pausedAt,
          result, reveal);
    } else if (e instanceof Event.SeatReleased released) {
      Map<String, Occupant> newSeats = new LinkedHashMap<>(seats);
      newSeats.remove(released.role());
      return new GameView(viewer, scenario, settings, ImmutableMap.copyOf(newSeats), phase,
          turn, round, toMove, deadline, onTable, offers, sheets, news, pausedAt, result, reveal);
    } else if (e instanceof Event.ChatPosted || e instanceof Event.TurnTimedOut
        || e instanceof Event.Announced) {
      return this;
    }
    throw new AssertionError(e);
  }

  public boolean isOver() {
    return phase == Phase.ENDED;
  }

  public boolean isInProgress() {
    return phase == Phase.IN_PROGRESS;
  }

  /** True while the instructor has the game paused. */
  public boolean isPaused() {
    return pausedAt.isPresent();
  }

  /** The role this viewer plays, for a player. */
  public Optional<String> myRole() {
    return viewer instanceof Viewer.Player p ? Optional.of(p.role()) : Optional.empty();
  }

  /** The player's own sheet, for a player. */
  public Optional<RoleSheet> mySheet() {
    return myRole().map(sheets::get);
  }

  /** True if this viewer plays the role. */
  public boolean isMe(String roleId) {
    return myRole().map(roleId::equals).orElse(false);
  }

  /** True if this viewer is a player and it is their turn. */
  public boolean isMyTurn() {
    return isInProgress() && myRole().isPresent() && toMove.equals(myRole());
  }

  /** True if the offer on the table is the other side's, so this player could accept it. */
  public boolean canAccept() {
    return myRole().isPresent() && onTable.isPresent()
        && !onTable.get().proposer().equals(myRole().get());
  }

  /**
   * The number of the last turn the game can have, counted from 0 (with an
   * uncertain end the game may stop sooner; nobody at the table knows).
   */
  public int lastTurn() {
    return settings.rounds() * 2 - 1;
  }

  /**
   * True on the game's last turn: an offer made now can never be accepted,
   * because the deadline follows it.
   */
  public boolean isLastTurn() {
    return isInProgress() && turn == lastTurn();
  }

  /** True during the game's last round. */
  public boolean isFinalRound() {
    return isInProgress() && round == settings.rounds();
  }

  /**
   * A role's points in force, if this viewer may see them: its own while
   * playing, every role's after the end.
   */
  public Optional<PointsTable> pointsOf(String roleId) {
    RoleSheet sheet = sheets.get(roleId);
    if (sheet != null) {
      return Optional.of(sheet.points());
    }
    return reveal.map(r -> r.points().get(roleId));
  }

  /** A role's reservation value, if this viewer may see it. */
  public Optional<Integer> reservationValueOf(String roleId) {
    RoleSheet sheet = sheets.get(roleId);
    if (sheet != null) {
      return Optional.of(sheet.reservationValue());
    }
    return reveal.map(r -> r.reservationValues().get(roleId));
  }

  /** A complete package's points for a role, if this viewer may see that role's points. */
  public Optional<Integer> scoreOf(String roleId, Package pkg) {
    return pointsOf(roleId).map(p -> p.score(scenario.canonical(pkg)));
  }

  /** The last offer a role made, if any. */
  public Optional<Offer> lastOfferOf(String roleId) {
    for (int i = offers.size() - 1; i >= 0; i--) {
      if (offers.get(i).proposer().equals(roleId)) {
        return Optional.of(offers.get(i));
      }
    }
    return Optional.empty();
  }
}
