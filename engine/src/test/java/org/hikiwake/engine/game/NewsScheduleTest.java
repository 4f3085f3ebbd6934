package org.hikiwake.engine.game;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableMap;
import com.google.common.hash.HashCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hikiwake.engine.scenario.Package;
import org.hikiwake.engine.scenario.Scenario;
import org.hikiwake.engine.view.GameView;
import org.hikiwake.engine.view.Projection;
import org.hikiwake.engine.view.Viewer;
import org.junit.jupiter.api.Test;

/** The instructor's rearranged news and the uncertain end, through the rules. */
class NewsScheduleTest {
  private static final Scenario JR = GameFixtures.japanRussia();
  private static final Instant T0 = Instant.parse("2013-11-02T09:00:00Z");
  private static final HashCode TOKEN = HashCode.fromString("0123456789abcdef");

  @Test
  void shuffled_sameSeed_sameRoundsDealtToTheItemsInAnotherOrder() {
    Map<String, Integer> history = NewsSchedule.asScenario().asMap(JR);

    NewsSchedule a = NewsSchedule.asScenario().shuffled(JR, 99);
    NewsSchedule b = NewsSchedule.asScenario().shuffled(JR, 99);

    assertThat(a).isEqualTo(b);
    assertThat(a.asMap(JR).keySet()).isEqualTo(history.keySet());
    assertThat(new ArrayList<>(a.asMap(JR).values())).containsExactlyInAnyOrderElementsOf(
        history.values());
    List<NewsSchedule> seeds = new ArrayList<>();
    for (long seed = 0; seed < 20; seed++) {
      seeds.add(NewsSchedule.asScenario().shuffled(JR, seed));
    }
    assertThat(seeds.stream().filter(s -> !s.asMap(JR).equals(history)).count())
        .as("some seed changes the order").isPositive();
  }

  @Test
  void shiftedAndWithout_moveAndDropItems_andProblemsNameBadOnes() {
    NewsSchedule earlier = NewsSchedule.shifted(JR, -1, JR.rounds());
    assertThat(earlier.asMap(JR)).containsEntry("crimea-sanctions", 3);
    NewsSchedule noCrimea = earlier.without(JR, List.of("crimea-sanctions"));
    assertThat(noCrimea.asMap(JR)).doesNotContainKey("crimea-sanctions");
    assertThat(NewsSchedule.of(ImmutableMap.of("tsunami", 2, "china-adiz", 9))
        .problemsWith(JR, 6)).containsExactly("the scenario has no news 'tsunami'",
            "news 'china-adiz' is set for round 9 but the game has rounds 1 to 6");
  }

  @Test
  void decide_droppedNews_neverArrives() {
    GameSettings settings = GameSettings.untimed(6).withNews(NewsSchedule.asScenario()
        .without(JR, List.of("china-adiz")));
    GameState s = playTurns(started(settings), 6);

    assertThat(s.newsArrived()).doesNotContain("china-adiz").contains("sochi-olympics");
  }

  @Test
  void uncertainEnd_gameEndsAtTheDrawnRoundAndPlayersAreNotTold() {
    GameSettings settings = GameSettings.untimed(7).withUncertainEnd(5, 5);
    GameState s = started(settings);

    GameView japan = Projection.view(s, Viewer.player("japan"),
        com.google.common.collect.ImmutableList.of(), () -> null);
    GameView umpire = Projection.view(s, Viewer.umpire(),
        com.google.common.collect.ImmutableList.of(), () -> null);
    assertThat(japan.settings().uncertainEnd()).hasValueSatisfying(u -> {
      assertThat(u.earliest()).isEqualTo(5);
      assertThat(u.lastRound()).as("hidden from a player").isEmpty();
    });
    assertThat(umpire.settings().lastRound()).isEqualTo(5);

    s = playTurns(s, 9);
    assertThat(s.isOver()).isFalse();
    s = playTurns(s, 1);
    assertThat(s.result().orElseThrow().outcome()).as("after round 5 of a possible 7")
        .isEqualTo(Outcome.DEADLINE);
  }

  @Test
  void extend_withAnUncertainEnd_movesTheEndOnToo() {
    GameSettings settings = GameSettings.untimed(7).withUncertainEnd(5, 6).withRounds(9);

    assertThat(settings.lastRound()).isEqualTo(8);
    assertThat(settings.uncertainEnd().orElseThrow().earliest()).isEqualTo(7);
  }

  private static GameState started(GameSettings settings) {
    GameState s = GameState.initial(JR, settings);
    s = play(s, new Move.TakeSeat("japan", "A", Optional.empty(), TOKEN, T0));
    return play(s, new Move.TakeSeat("russia", "B", Optional.empty(), TOKEN, T0));
  }

  private static GameState playTurns(GameState s, int turns) {
    Package pkg = Package.of("territory", "status_quo", "peace_treaty", "none", "energy",
        "none", "far_east", "none", "security", "dialogue_only", "missile_defence",
        "no_statement");
    GameState out = s;
    for (int i = 0; i < turns && !out.isOver(); i++) {
      out = play(out, new Move.Propose(out.toMove().orElseThrow(), pkg, T0));
    }
    return out;
  }

  private static GameState play(GameState s, Move m) {
    Decision d = Rules.decide(s, m);
    assertThat(d.isAccepted()).as("%s: %s", m, d).isTrue();
    return Rules.applyAll(s, ((Decision.Accepted) d).events());
  }
}
