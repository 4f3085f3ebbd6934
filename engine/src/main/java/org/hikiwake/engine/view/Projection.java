package org.hikiwake.engine.view;

import com.google.common.base.Supplier;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.hikiwake.engine.game.Event;
import org.hikiwake.engine.game.GameState;
import org.hikiwake.engine.game.Offer;
import org.hikiwake.engine.game.Seat;
import org.hikiwake.engine.scenario.News;
import org.hikiwake.engine.scenario.PointChange;
import org.hikiwake.engine.scenario.Role;
import org.hikiwake.engine.scenario.Scenario;

/**
 * What a viewer may see of a game: the one place that turns the rules' events
 * and state, which hold every secret, into {@link Seen} events and
 * {@link GameView}s, which hold only what the viewer may know.
 */
public final class Projection {
  private Projection() {}

  /**
   * One event as the viewer sees it.
   *
   * @param reveal what the end reveals; asked for only for the end of the game
   */
  public static Seen of(Scenario scenario, Event event, Viewer viewer, Supplier<Reveal> reveal) {
    if (event instanceof Event.SeatTaken seat) {
      return new Seen.SeatFilled(seat.role(), seat.displayName(), seat.bot());
    } else if (event instanceof Event.NewsArrived arrived) {
      News news = scenario.newsItem(arrived.newsId()).orElseThrow(
          () -> new IllegalArgumentException("unknown news " + arrived.newsId()));
      return new Seen.NewsArrived(newsFor(news, viewer));
    } else if (event instanceof Event.GameEnded ended) {
      return new Seen.GameEnded(ended.result(), reveal.get());
    }
    return new Seen.Public(event);
  }

  /** A news item with only the point changes and notes of roles the viewer may see. */
  public static News newsFor(News news, Viewer viewer) {
    ImmutableList<PointChange> changes = news.pointChanges().stream()
        .filter(c -> viewer.sees(c.role())).collect(ImmutableList.toImmutableList());
    Map<String, String> notes = new LinkedHashMap<>();
    news.privateNotes().forEach((role, text) -> {
      if (viewer.sees(role)) {
        notes.put(role, text);
      }
    });
    return new News(news.id(), news.round(), news.headline(), news.text(), changes,
        ImmutableMap.copyOf(notes));
  }

  /** The sheets a viewer holds before any news: base points. */
  public static ImmutableMap<String, RoleSheet> baseSheets(Scenario scenario, Viewer viewer) {
    Map<String, RoleSheet> sheets = new LinkedHashMap<>();
    for (Role role : scenario.roles()) {
      if (viewer.sees(role.id())) {
        sheets.put(role.id(), new RoleSheet(role.brief(), role.reservationValue(),
            scenario.pointsOf(role.id())));
      }
    }
    return ImmutableMap.copyOf(sheets);
  }

  /** A game that has not begun, as the viewer knows it. */
  public static GameView initialView(Scenario scenario, GameState initial, Viewer viewer) {
    return GameView.initial(viewer, scenario.publicPart(), settingsFor(initial.settings(), viewer),
        baseSheets(scenario, viewer));
  }

  /**
   * The settings as the viewer may know them: an umpire sees the news schedule
   * and a drawn last round; players and watchers do not.
   */
  public static org.hikiwake.engine.game.GameSettings settingsFor(
      org.hikiwake.engine.game.GameSettings settings, Viewer viewer) {
    return viewer instanceof Viewer.Umpire ? settings : settings.publicPart();
  }

  /**
   * The game as the viewer knows it now, built from the state directly. It is
   * the same view as folding {@link #of} over every event so far.
   *
   * @param offers every offer made so far, oldest first (the state keeps only the latest)
   * @param reveal what the end reveals, asked for only if the game has ended
   */
  public static GameView view(GameState state, Viewer viewer, ImmutableList<Offer> offers,
      Supplier<Reveal> reveal) {
    Scenario scenario = state.scenario();
    Map<String, RoleSheet> sheets = new LinkedHashMap<>();
    baseSheets(scenario, viewer).forEach((role, sheet) ->
        sheets.put(role, sheet.withPoints(state.pointsOf(role))));
    Map<String, GameView.Occupant> seats = new LinkedHashMap<>();
    for (Map.Entry<String, Seat> e : state.seats().entrySet()) {
      seats.put(e.getKey(), new GameView.Occupant(e.getValue().displayName(),
          e.getValue().bot()));
    }
    ImmutableList<News> news = state.newsArrived().stream()
        .map(id -> newsFor(scenario.newsItem(id).orElseThrow(), viewer))
        .collect(ImmutableList.toImmutableList());
    Optional<Reveal> revealed = state.isOver() ? Optional.of(reveal.get()) : Optional.empty();
    return new GameView(viewer, scenario.publicPart(), settingsFor(state.settings(), viewer),
        ImmutableMap.copyOf(seats), state.phase(), state.turn(), state.round(), state.toMove(),
        state.deadline(), state.onTable(), offers, ImmutableMap.copyOf(sheets), news,
        state.pausedAt(), state.result(), revealed);
  }
}
