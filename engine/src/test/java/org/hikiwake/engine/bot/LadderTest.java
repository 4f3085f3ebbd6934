package org.hikiwake.engine.bot;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableList;
import java.util.List;
import org.hikiwake.engine.scenario.Role;
import org.hikiwake.engine.scenario.Scenario;
import org.junit.jupiter.api.Test;

/**
 * The difficulty ladder is real: on every built-in scenario, in a round robin
 * of every level and strategy (each against every one, in both roles, over
 * {@code hikiwake.ladder.seeds} seeds from {@code hikiwake.seed}), a higher
 * level's mean score beats a lower one's in each role. The table is printed.
 */
class LadderTest {
  private static final int SEEDS = Integer.getInteger("hikiwake.ladder.seeds", 20);

  /** Every level and every built-in strategy. */
  private static List<Tournament.Entrant> everyEntrant() {
    ImmutableList.Builder<Tournament.Entrant> out = ImmutableList.builder();
    for (Level level : Level.values()) {
      out.add(Tournament.Entrant.of(level));
    }
    return out.add(Tournament.Entrant.of(Boulware::new), Tournament.Entrant.of(Linear::new),
        Tournament.Entrant.of(Conceder::new), Tournament.Entrant.of(TitForTat::new),
        Tournament.Entrant.of(Expert::new)).build();
  }

  @Test
  void roundRobin_everyBuiltInScenario_higherLevelsScoreHigherInBothRoles() {
    List<Scenario> scenarios = Players.builtIns();
    assertThat(scenarios).isNotEmpty();
    List<Tournament.Entrant> entrants = everyEntrant();
    for (Scenario scenario : scenarios) {
      ImmutableList<Tournament.Game> games =
          Tournament.roundRobin(scenario, entrants, Players.BASE_SEED, SEEDS);
      StringBuilder table = new StringBuilder(String.format(
          "%s, %d games, seeds %d to %d: mean score by level%n", scenario.id(), games.size(),
          Players.BASE_SEED, Players.BASE_SEED + SEEDS - 1));
      for (Role role : scenario.roles()) {
        for (Level level : Level.values()) {
          table.append(String.format("  %-7s as %-8s %6.2f%n", level.id(), role.id(),
              Tournament.meanScore(games, level.id(), role.id())));
        }
      }
      System.out.print(table);
      for (Role role : scenario.roles()) {
        for (int i = 1; i < Level.values().length; i++) {
          Level lower = Level.values()[i - 1];
          Level higher = Level.values()[i];
          assertThat(Tournament.meanScore(games, higher.id(), role.id()))
              .as("%s above %s as %s on %s, seeds from %s:%n%s", higher.id(), lower.id(),
                  role.id(), scenario.id(), Players.BASE_SEED, table)
              .isGreaterThan(Tournament.meanScore(games, lower.id(), role.id()));
        }
      }
    }
  }
}
