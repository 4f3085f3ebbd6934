package org.hikiwake.app.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hikiwake.engine.scenario.Scenario;
import org.hikiwake.engine.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

/**
 * A six-package scenario with one link and one news item, worked out by hand.
 *
 * <pre>
 *   a/b: x1 30/60, x2 0/0, x3 90/0; y1 0/40, y2 10/20; reservation a 0, b 25.
 *   Link: x1 with y1 is worth 10 more to a, so x1y1 is 40/100.
 *   Round 1: ZOPA x1y1 40/100, x1y2 40/80, x2y1 0/40, x3y1 90/40. Nash x1y1
 *     (40 * 75); a's largest gain 90, b's 75: shares 44% and 100%.
 *   Round 2, "boom": x3 is worth 60 more to b: x3y1 90/100, x3y2 100/80 join.
 *     Nash x3y1 (90 * 75); a's largest gain is now 100: shares 90% and 100%.
 * </pre>
 */
class AnalysisReportTest {
  private static final String TEXT = """
      id: "tiny"
      title: "Tiny"
      roles { id: "a" name: "A" reservation_value: 0 }
      roles { id: "b" name: "B" reservation_value: 25 }
      issues { id: "x" name: "X"
        options { id: "x1" label: "X1"
          points { role: "a" value: 30 } points { role: "b" value: 60 } }
        options { id: "x2" label: "X2"
          points { role: "a" value: 0 } points { role: "b" value: 0 } }
        options { id: "x3" label: "X3"
          points { role: "a" value: 90 } points { role: "b" value: 0 } }
      }
      issues { id: "y" name: "Y"
        options { id: "y1" label: "Y1"
          points { role: "a" value: 0 } points { role: "b" value: 40 } }
        options { id: "y2" label: "Y2"
          points { role: "a" value: 10 } points { role: "b" value: 20 } }
      }
      links { id: "a-bonus" role: "a" delta: 10
        conditions { issue: "x" options: "x1" } conditions { issue: "y" options: "y1" } }
      rounds: 3
      first_mover: "a"
      news { id: "boom" round: 2 headline: "Boom"
        point_changes { role: "b" issue: "x" option: "x3" delta: 60 } }
      """;

  @Test
  void of_scenarioWithNewsAndALink_printsEachRoundsZopaBargainingPackagesAndShares()
      throws Exception {
    Scenario scenario = ScenarioLoader.fromText(TEXT, "tiny");

    List<String> lines = AnalysisReport.of(scenario);

    assertThat(lines).contains(
        "ZOPA size: 4 packages clear both reservation values.",
        "Nash bargaining package (A 40, B 100):",
        "  + link a-bonus: A +10",
        "  round 1 (start): ZOPA 4",
        "    Nash  A 40 (44%), B 100 (100%)",
        "          x=x1 y=y1",
        "  round 2 (boom): ZOPA 5",
        "    Nash  A 90 (90%), B 100 (100%)",
        "          x=x3 y=y1");
    // Round 3 has no news, so it has no line of its own.
    assertThat(lines).noneMatch(l -> l.startsWith("  round 3"));
    assertThat(lines).anyMatch(l -> l.contains("links: A 1, B 0"));
  }

  @Test
  void of_bargainingPackagesCoincide_printsThePackageOnce() throws Exception {
    Scenario scenario = ScenarioLoader.fromText(TEXT, "tiny");

    List<String> lines = AnalysisReport.of(scenario);

    assertThat(lines).contains("Kalai-Smorodinsky package: the same package as the Nash"
        + " package.");
    assertThat(lines).noneMatch(l -> l.startsWith("Kalai-Smorodinsky package ("));
    int roundByRound = lines.indexOf(lines.stream().filter(l -> l.startsWith("Round by round"))
        .findFirst().orElseThrow());
    assertThat(lines.subList(0, roundByRound)).filteredOn(l -> l.matches("  x\\s+= x1.*"))
        .hasSize(1);
  }
}
