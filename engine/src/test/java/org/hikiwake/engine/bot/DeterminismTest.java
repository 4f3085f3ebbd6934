package org.hikiwake.engine.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.hikiwake.engine.scenario.Scenario;
import org.junit.jupiter.api.Test;

/** Bots are functions of their seat's view and their seed. */
class DeterminismTest {
  private static final Scenario SCENARIO = Players.load("japan-russia-2013");

  @Test
  void play_sameBotsAndSeeds_sameMovesAndLines() {
    for (Level a : Level.values()) {
      for (Level b : Level.values()) {
        Players.forEachSeed(5, seed -> {
          Match first = Match.play(SCENARIO, Map.of("japan", Bot.of(a, seed), "russia",
              Bot.of(b, seed + 1)));
          Match again = Match.play(SCENARIO, Map.of("japan", Bot.of(a, seed), "russia",
              Bot.of(b, seed + 1)));
          assertThat(actions(again)).isEqualTo(actions(first));
          assertThat(again.end()).isEqualTo(first.end());
        });
      }
    }
  }

  @Test
  void decide_aFreshBotWithTheSameSeed_choosesWhatTheFirstChose() {
    Players.forEachSeed(10, seed -> {
      Match match = Match.play(SCENARIO, Map.of("japan", Bot.of(Level.HARD, seed), "russia",
          Bot.of(Level.MEDIUM, seed + 1)));
      for (Match.Turn turn : match.turns()) {
        Bot fresh = turn.role().equals("japan") ? Bot.of(Level.HARD, seed)
            : Bot.of(Level.MEDIUM, seed + 1);
        assertThat(fresh.decide(turn.view())).contains(turn.action());
      }
    });
  }

  @Test
  void play_otherSeeds_levelsVaryTheirGames() {
    long distinct = java.util.stream.LongStream.range(0, 20)
        .mapToObj(seed -> actions(Match.play(SCENARIO, Map.of(
            "japan", Bot.of(Level.MEDIUM, seed), "russia", Bot.of(Level.MEDIUM, seed + 100)))))
        .distinct().count();

    assertThat(distinct).isGreaterThan(3);
  }

  @Test
  void draws_sameSeedAndStream_sameNumbers() {
    Draws a = Draws.of(42, 3);
    Draws b = Draws.of(42, 3);
    Draws other = Draws.of(42, 4);
    long[] x = {a.nextLong(), a.nextLong(), a.nextLong()};
    long[] y = {b.nextLong(), b.nextLong(), b.nextLong()};

    assertThat(y).isEqualTo(x);
    assertThat(other.nextLong()).isNotEqualTo(x[0]);
    for (int i = 0; i < 1000; i++) {
      assertThat(a.nextInt(7)).isBetween(0, 6);
      assertThat(a.nextDouble()).isGreaterThanOrEqualTo(0).isLessThan(1);
    }
  }

  private static List<Object> actions(Match match) {
    return match.turns().stream().map(t -> (Object) List.of(t.role(), t.view().turn(),
        t.action(), t.action().line().orElse(""))).toList();
  }
}
