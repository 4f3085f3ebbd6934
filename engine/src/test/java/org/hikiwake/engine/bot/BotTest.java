package org.hikiwake.engine.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.collect.ImmutableList;
import com.google.common.hash.HashCode;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hikiwake.engine.analysis.Analysis;
import org.hikiwake.engine.analysis.Debrief;
import org.hikiwake.engine.game.Decision;
import org.hikiwake.engine.game.GameState;
import org.hikiwake.engine.game.Move;
import org.hikiwake.engine.game.Rules;
import org.hikiwake.engine.scenario.PointsTable;
import org.hikiwake.engine.scenario.Role;
import org.hikiwake.engine.scenario.Scenario;
import org.hikiwake.engine.view.GameView;
import org.hikiwake.engine.view.Projection;
import org.hikiwake.engine.view.Reveal;
import org.hikiwake.engine.view.Viewer;
import org.junit.jupiter.api.Test;

class BotTest {
  private static final Scenario SCENARIO = Players.load("japan-russia-2013");
  private static final Instant T0 = Instant.parse("2013-11-02T09:00:00Z");

  @Test
  void decide_everyTurnOfManyGames_theViewHoldsOnlyTheBotsOwnSheet() {
    Players.forEachSeed(40, seed -> {
      List<Strategy> strategies = Players.everyStrategy().values().stream()
          .map(s -> s.get()).toList();
      Strategy a = strategies.get((int) Math.floorMod(seed, strategies.size()));
      Strategy b = strategies.get((int) Math.floorMod(seed / 7, strategies.size()));
      Match match = Match.play(SCENARIO, Map.of("japan", Bot.of(a, seed), "russia",
          Bot.of(b, seed + 1)));
      for (Match.Turn turn : match.turns()) {
        GameView view = turn.view();
        String other = SCENARIO.opponentOf(turn.role());
        assertThat(view.sheets().keySet()).containsExactly(turn.role());
        assertThat(view.pointsOf(other)).isEmpty();
        assertThat(view.reservationValueOf(other)).isEmpty();
        assertThat(view.reveal()).isEmpty();
        view.news().forEach(n -> assertThat(n.pointChanges())
            .allMatch(c -> c.role().equals(turn.role())));
      }
    });
  }

  @Test
  void strategyApi_noPublicSignatureOrField_carriesAScenarioOrTheGameState() {
    // What a strategy is given (Situation) and everything reachable from it in
    // this package: no method, constructor or field offers a type that holds
    // the other side's table. GameView is the one door, and it holds only the
    // seat's own sheet until the end.
    Set<Class<?>> forbidden = Set.of(Scenario.class, GameState.class, Reveal.class,
        Analysis.class, Debrief.class, Role.class);
    List<String> found = new ArrayList<>();
    for (Class<?> type : List.of(Strategy.class, Situation.class, OwnPackages.class,
        OpponentModel.class, Draws.class, BotAction.class, TargetStrategy.class)) {
      for (Method m : type.getDeclaredMethods()) {
        if (!Modifier.isPrivate(m.getModifiers())) {
          check(found, type + "." + m.getName(), m.getReturnType(), forbidden);
          for (Class<?> p : m.getParameterTypes()) {
            check(found, type + "." + m.getName() + "(...)", p, forbidden);
          }
        }
      }
      for (Constructor<?> c : type.getDeclaredConstructors()) {
        for (Class<?> p : c.getParameterTypes()) {
          check(found, type + " constructor", p, forbidden);
        }
      }
      for (Field f : type.getDeclaredFields()) {
        check(found, type + "." + f.getName(), f.getType(), forbidden);
      }
    }
    assertThat(found).isEmpty();
    assertThat(List.of(Strategy.class.getMethods()))
        .filteredOn(m -> m.getName().equals("choose"))
        .singleElement()
        .satisfies(m -> assertThat(m.getParameterTypes()).containsExactly(Situation.class));
  }

  private static void check(List<String> found, String where, Class<?> type,
      Set<Class<?>> forbidden) {
    if (forbidden.contains(type)) {
      found.add(where + ": " + type.getSimpleName());
    }
  }

  @Test
  void decide_umpireView_isRefused() {
    GameState state = started();
    GameView umpire = Projection.view(state, Viewer.umpire(), ImmutableList.of(),
        () -> { throw new AssertionError("no reveal before the end"); });

    assertThatThrownBy(() -> Bot.of(Level.HARD, 1).decide(umpire))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seat");
  }

  @Test
  void decide_watcherView_isRefused() {
    GameView watcher = Projection.view(started(), Viewer.watcher(), ImmutableList.of(),
        () -> { throw new AssertionError("no reveal before the end"); });

    assertThatThrownBy(() -> Bot.of(Level.EASY, 1).decide(watcher))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void decide_otherSidesTurn_returnsNothing() {
    GameView russia = view(started(), "russia");

    assertThat(russia.toMove()).contains("japan");
    for (Level level : Level.values()) {
      assertThat(Bot.of(level, 7).decide(russia)).as(level.id()).isEmpty();
    }
  }

  @Test
  void decide_beforeTheStart_returnsNothing() {
    GameState waiting = GameState.initial(SCENARIO);

    assertThat(Bot.of(Level.MEDIUM, 7).decide(view(waiting, "japan"))).isEmpty();
  }

  @Test
  void decide_afterTheEnd_returnsNothing() {
    Match match = Match.play(SCENARIO, Map.of("japan", Bot.of(Level.EASY, 1),
        "russia", Bot.of(Level.EASY, 2)));

    assertThat(match.end().isOver()).isTrue();
    assertThat(Bot.of(Level.HARD, 3).decide(match.views().get("japan"))).isEmpty();
  }

  @Test
  void decide_ownTurn_givesAMoveTheRulesAccept() {
    GameState state = started();
    Optional<BotAction> action = Bot.of(Level.HARD, 11).decide(view(state, "japan"));

    assertThat(action).isPresent();
    for (Move move : action.get().moves("japan", T0)) {
      Decision decision = Rules.decide(state, move);
      assertThat(decision.isAccepted()).as("%s", move).isTrue();
      state = Rules.applyAll(state, ((Decision.Accepted) decision).events());
    }
    assertThat(state.onTable()).isPresent();
  }

  @Test
  void moves_propose_chatLineComesFirst() {
    BotAction.Propose propose = new BotAction.Propose(bestOf(SCENARIO.pointsOf("japan")),
        Optional.of("Here is our opening proposal."));

    ImmutableList<Move> moves = propose.moves("japan", T0);

    assertThat(moves).hasSize(2);
    assertThat(moves.get(0)).isEqualTo(new Move.Say("japan", "Here is our opening proposal.", T0));
    assertThat(moves.get(1)).isInstanceOf(Move.Propose.class);
  }

  @Test
  void level_parse_knowsEveryLevelByItsId() {
    for (Level level : Level.values()) {
      assertThat(Level.parse(level.id())).contains(level);
    }
    assertThat(Level.parse("impossible")).isEmpty();
    assertThat(Bot.of(Level.MEDIUM, 1).name()).isEqualTo("medium");
    assertThat(Bot.of(new Boulware(), 1).name()).isEqualTo("boulware");
  }

  private static org.hikiwake.engine.scenario.Package bestOf(PointsTable table) {
    OwnPackages packages = OwnPackages.of(SCENARIO.publicPart(), table);
    int best = 0;
    for (int k = 0; k < packages.size(); k++) {
      if (packages.points(k) > packages.points(best)) {
        best = k;
      }
    }
    return packages.pkg(best);
  }

  private static GameView view(GameState state, String role) {
    return Projection.view(state, Viewer.player(role), ImmutableList.of(),
        () -> { throw new AssertionError("no reveal before the end"); });
  }

  /** Both seats taken: the game has started and it is japan's turn. */
  private static GameState started() {
    GameState state = GameState.initial(SCENARIO);
    for (Role role : SCENARIO.roles()) {
      Decision d = Rules.decide(state, new Move.TakeSeat(role.id(), "Player " + role.name(),
          Optional.empty(), HashCode.fromInt(role.id().hashCode()), T0));
      state = Rules.applyAll(state, ((Decision.Accepted) d).events());
    }
    return state;
  }
}
