package org.hikiwake.codec.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.hikiwake.engine.scenario.PointsTable;
import org.hikiwake.engine.scenario.Role;
import org.hikiwake.engine.scenario.Scenario;
import org.hikiwake.engine.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

/** What the server sends a client decodes back to what the engine holds. */
class WireRoundTripTest {
  @Test
  void pointsTable_everyRoleOfEveryBuiltInScenario_linksIncluded_comesBackEqual()
      throws Exception {
    int links = 0;
    for (String id : ScenarioLoader.builtInIds()) {
      Scenario s = ScenarioLoader.fromClasspath(id);
      for (Role role : s.roles()) {
        PointsTable table = s.pointsOf(role.id());
        links += table.links().size();
        assertThat(WireDecoder.pointsTable(WireViews.pointsView(s.publicPart(), table)))
            .as("%s %s", id, role.id()).isEqualTo(table);
      }
    }
    assertThat(links).as("the built-in scenarios have linked issues to carry").isPositive();
  }

  @Test
  void publicScenario_comesBackEqual() throws Exception {
    for (String id : ScenarioLoader.builtInIds()) {
      Scenario s = ScenarioLoader.fromClasspath(id);
      assertThat(WireDecoder.publicScenario(WireViews.scenarioView(s.publicPart())))
          .isEqualTo(s.publicPart());
    }
  }
}
