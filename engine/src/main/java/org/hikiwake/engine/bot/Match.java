package org.hikiwake.engine.bot;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.base.Supplier;
import com.google.common.base.Suppliers;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.hash.HashCode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hikiwake.engine.game.Decision;
import org.hikiwake.engine.game.Event;
import org.hikiwake.engine.game.GameSettings;
import org.hikiwake.engine.game.GameState;
import org.hikiwake.engine.game.Move;
import org.hikiwake.engine.game.Rejection;
import org.hikiwake.engine.game.Rules;
import org.hikiwake.engine.scenario.Role;
import org.hikiwake.engine.scenario.Scenario;
import org.hikiwake.engine.view.GameView;
import org.hikiwake.engine.view.Projection;
import org.hikiwake.engine.view.Reveal;
import org.hikiwake.engine.view.Viewer;

/**
 * One game between two bots, hosted the way a server hosts one: the moves go
 * through {@link Rules#decide}, every event reaches each seat through
 * {@link Projection}, and each bot is asked, at every step and whether or not
 * it is its turn, with nothing but its own seat's view. Time is a counter
 * from a given start, one second per move, so a match is a pure function of
 * its scenario, settings and bots.
 *
 * @param end the state after the last move
 * @param views each seat's view after the last move, by role id (at the end, with the reveal)
 * @param turns every action a bot took, with the view it took it from, in order
 * @param rejected the rules' rejection of a bot's move, which stops the match; a
 *     correct bot never has one
 */
public record Match(GameState end, ImmutableMap<String, GameView> views, ImmutableList<Turn> turns,
    Optional<Rejected> rejected) {
  /** The time the first seat is taken. */
  public static final Instant START = Instant.parse("2013-11-02T09:00:00Z");
  private static final Duration STEP = Duration.ofSeconds(1);

  /** A bot's action and the view it chose it from. */
  public record Turn(String role, GameView view, BotAction action) {
    public Turn {
      checkNotNull(role, "role");
      checkNotNull(view, "view");
      checkNotNull(action, "action");
    }
  }

  /** A bot's move the rules refused. */
  public record Rejected(String role, Move move, Rejection rejection) {}

  public Match {
    checkNotNull(end, "end");
    checkNotNull(views, "views");
    checkNotNull(turns, "turns");
    checkNotNull(rejected, "rejected");
  }

  /** Plays the scenario with its own number of rounds, untimed. */
  public static Match play(Scenario scenario, Map<String, Bot> bots) {
    return play(scenario, GameSettings.untimed(scenario.rounds()), bots);
  }

  /**
   * Plays a whole game.
   *
   * @param bots a bot for each of the scenario's roles, by role id
   */
  public static Match play(Scenario scenario, GameSettings settings, Map<String, Bot> bots) {
    checkArgument(bots.keySet().equals(roleIds(scenario)), "a bot for each role expected: %s",
        bots.keySet());
    Host host = new Host(scenario, settings);
    for (Role role : scenario.roles()) {
      Bot bot = bots.get(role.id());
      Optional<Rejected> refused = host.submit(role.id(), new Move.TakeSeat(role.id(),
          displayName(bot), Optional.of(bot.name()), HashCode.fromInt(role.id().hashCode()),
          host.now()));
      if (refused.isPresent()) {
        return host.stopped(List.of(), refused);
      }
    }
    List<Turn> turns = new ArrayList<>();
    while (!host.state.isOver()) {
      boolean moved = false;
      for (Role role : scenario.roles()) {
        GameView view = host.views.get(role.id());
        Optional<BotAction> action = bots.get(role.id()).decide(view);
        if (action.isEmpty() || host.state.isOver()) {
          continue;
        }
        turns.add(new Turn(role.id(), view, action.get()));
        moved = true;
        for (Move move : action.get().moves(role.id(), host.now())) {
          Optional<Rejected> refused = host.submit(role.id(), move);
          if (refused.isPresent()) {
            return host.stopped(turns, refused);
          }
        }
      }
      checkState(moved, "neither bot moved at turn %s", host.state.turn());
    }
    return host.stopped(turns, Optional.empty());
  }

  /** The number of the round the game ended in. */
  public int roundsUsed() {
    return end.round();
  }

  private static String displayName(Bot bot) {
    String name = "Bot " + bot.name().replace('-', ' ');
    return Rules.nameProblem(name).isEmpty() ? name : "Bot";
  }

  private static Set<String> roleIds(Scenario scenario) {
    Set<String> ids = new LinkedHashSet<>();
    scenario.roles().forEach(r -> ids.add(r.id()));
    return ids;
  }

  /** The host's side of the table: the state, each seat's view, and the clock. */
  private static final class Host {
    private final Scenario scenario;
    private GameState state;
    private final Map<String, GameView> views = new LinkedHashMap<>();
    private Instant clock = START;

    Host(Scenario scenario, GameSettings settings) {
      this.scenario = scenario;
      this.state = GameState.initial(scenario, settings);
      for (Role role : scenario.roles()) {
        views.put(role.id(), Projection.initialView(scenario, state, Viewer.player(role.id())));
      }
    }

    Instant now() {
      return clock;
    }

    Optional<Rejected> submit(String role, Move move) {
      clock = clock.plus(STEP);
      Decision decision = Rules.decide(state, move);
      if (decision instanceof Decision.Rejected r) {
        return Optional.of(new Rejected(role, move, r.rejection()));
      }
      ImmutableList<Event> events = ((Decision.Accepted) decision).events();
      GameState after = Rules.applyAll(state, events);
      Supplier<Reveal> reveal = Suppliers.memoize(() -> Reveal.of(after));
      for (Event event : events) {
        views.replaceAll((id, view) ->
            view.apply(Projection.of(scenario, event, Viewer.player(id), reveal)));
      }
      state = after;
      return Optional.empty();
    }

    Match stopped(List<Turn> turns, Optional<Rejected> refused) {
      return new Match(state, ImmutableMap.copyOf(views), ImmutableList.copyOf(turns), refused);
    }
  }

}
