package org.hikiwake.engine.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.hash.HashCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hikiwake.engine.game.Decision;
import org.hikiwake.engine.game.Event;
import org.hikiwake.engine.game.GameSettings;
import org.hikiwake.engine.game.GameState;
import org.hikiwake.engine.game.Move;
import org.hikiwake.engine.game.Phase;
import org.hikiwake.engine.game.Rules;
import org.hikiwake.engine.scenario.Package;
import org.hikiwake.engine.scenario.Scenario;
import org.hikiwake.engine.scenario.ScenarioException;
import org.hikiwake.engine.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

class ReplayTest {
  private static final Instant T0 = Instant.parse("2013-11-02T09:00:00Z");
  private static final HashCode TOKEN = HashCode.fromString("abcdef0123456789");
  private static final Scenario SCENARIO = japanRussia();
  private static final GameState INITIAL =
      GameState.initial(SCENARIO, GameSettings.untimed(2));

  @Test
  void of_recordedGame_endsInTheLiveState() {
    List<Recorded> recorded = new ArrayList<>();
    GameState live = play(INITIAL, recorded,
        seat("japan"), seat("russia"),
        new Move.Propose("japan", somePackage(), T0.plusSeconds(1)),
        new Move.Say("russia", "Let us think.", T0.plusSeconds(2)),
        new Move.Accept("russia", T0.plusSeconds(3)));

    Replay replay = Replay.of(INITIAL, recorded);

    assertThat(replay.isComplete()).isTrue();
    assertThat(replay.last()).isEqualTo(live);
    assertThat(replay.steps()).hasSize(recorded.size());
    assertThat(replay.lastSeq()).isEqualTo(recorded.size());
    for (Replay.Step step : replay.steps()) {
      assertThat(step.after()).isEqualTo(Rules.apply(step.before(), step.recorded().event()));
    }
  }

  @Test
  void of_eventThatBreaksTheRules_stopsBeforeItWithTheProblem() {
    List<Recorded> recorded = new ArrayList<>();
    play(INITIAL, recorded, seat("japan"), seat("russia"));
    long bad = recorded.size() + 1;
    // A second start cannot happen.
    recorded.add(new Recorded(bad, T0, "", new Event.GameStarted(T0)));
    recorded.add(new Recorded(bad + 1, T0, "japan", new Event.ChatPosted("japan", "hello")));

    Replay replay = Replay.of(INITIAL, recorded);

    assertThat(replay.steps()).hasSize((int) bad - 1);
    assertThat(replay.last().phase()).isEqualTo(Phase.IN_PROGRESS);
    assertThat(replay.problem()).hasValueSatisfying(p -> {
      assertThat(p.seq()).isEqualTo(bad);
      assertThat(p.toString()).contains("record " + bad).contains("does not follow the rules");
    });
  }

  @Test
  void of_recordsOutOfOrder_stopsAtTheFirstOutOfPlace() {
    List<Recorded> recorded = new ArrayList<>();
    play(INITIAL, recorded, seat("japan"));
    recorded.add(new Recorded(1, T0, "russia", new Event.ChatPosted("russia", "again")));

    Replay replay = Replay.of(INITIAL, recorded);

    assertThat(replay.steps()).hasSize(1);
    assertThat(replay.problem().orElseThrow().message()).contains("numbered in order");
  }

  @Test
  void of_noEvents_isTheInitialState() {
    Replay replay = Replay.of(INITIAL, List.of());

    assertThat(replay.last()).isEqualTo(INITIAL);
    assertThat(replay.lastSeq()).isZero();
    assertThat(replay.isComplete()).isTrue();
  }

  private static Move seat(String role) {
    return new Move.TakeSeat(role, "Player " + role, Optional.empty(), TOKEN, T0);
  }

  private static Package somePackage() {
    return Package.of("territory", "two_islands_plus", "peace_treaty", "roadmap",
        "energy", "lng_contracts", "far_east", "modest", "security", "joint_exercises",
        "missile_defence", "briefings");
  }

  private static GameState play(GameState state, List<Recorded> out, Move... moves) {
    GameState s = state;
    for (Move m : moves) {
      Decision d = Rules.decide(s, m);
      assertThat(d.isAccepted()).as("%s: %s", m, d).isTrue();
      for (Event e : ((Decision.Accepted) d).events()) {
        out.add(new Recorded(out.size() + 1, m.at(), "", e));
        s = Rules.apply(s, e);
      }
    }
    return s;
  }

  private static Scenario japanRussia() {
    try {
      return ScenarioLoader.fromClasspath("japan-russia-2013");
    } catch (ScenarioException e) {
      throw new IllegalStateException(e);
    }
  }
}
