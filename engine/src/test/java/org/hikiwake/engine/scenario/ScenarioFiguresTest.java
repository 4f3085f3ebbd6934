package org.hikiwake.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableMap;
import java.util.List;
import org.hikiwake.engine.analysis.RoundAnalysis;
import org.junit.jupiter.api.Test;

/**
 * Prints the figures that the built-in scenarios' header comments quote, so
 * they are never guessed:
 * {@code ./mvnw -B -pl proto,scenarios,engine verify -Dtest=ScenarioFiguresTest
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ScenarioFiguresTest {

  @Test
  void of_japanRussia2013_printsEveryRoundWithNews() throws ScenarioException {
    Scenario s = ScenarioLoader.fromClasspath(JapanRussia2013ScenarioTest.ID);
    List<String> lines = ScenarioFigures.of(s, ImmutableMap.of(
            "1956 deal (two islands and a treaty, nothing else)",
            JapanRussia2013ScenarioTest.twoIslandsNothingMore(s),
            "two islands, no treaty, nothing else",
            ScenarioFigures.firstOptions(s).with("territory", "two_islands")),
        ImmutableMap.of(
            "four islands", p -> p.option("territory").orElseThrow().equals("four_islands"),
            "signed treaty with the status quo", p ->
                p.option("territory").orElseThrow().equals("status_quo")
                    && p.option("peace_treaty").orElseThrow().equals("treaty_signed"),
            "signed treaty with two islands (plus)", p ->
                p.option("territory").orElseThrow().startsWith("two_islands")
                    && p.option("peace_treaty").orElseThrow().equals("treaty_signed")));

    print(lines);
    assertRoundsPrinted(s, lines);
  }

  @Test
  void of_japanRussia2018_printsEveryRoundWithNews() throws ScenarioException {
    Scenario s = ScenarioLoader.fromClasspath(JapanRussia2018ScenarioTest.ID);
    List<String> lines = ScenarioFigures.of(s, ImmutableMap.of(
            "Moscow's reading of 1956 (use of two islands, a treaty, nothing else)",
            JapanRussia2018ScenarioTest.moscowsReading(s),
            "Tokyo's reading of 1956 (two islands, a treaty, nothing else)",
            JapanRussia2018ScenarioTest.tokyosReading(s)),
        ImmutableMap.of(
            "four islands", p -> p.option("islands").orElseThrow().equals("four_islands"),
            "sovereignty handed over with no security commitment",
            p -> JapanRussia2018ScenarioTest.handsOverSovereignty(p)
                && p.option("security").orElseThrow().equals("no_commitment"),
            "signed treaty without sovereignty for Japan", p ->
                p.option("peace_treaty").orElseThrow().equals("treaty_signed")
                    && !JapanRussia2018ScenarioTest.handsOverSovereignty(p)));

    print(lines);
    assertRoundsPrinted(s, lines);
  }

  private static void print(List<String> lines) {
    lines.forEach(System.out::println);
  }

  private static void assertRoundsPrinted(Scenario s, List<String> lines) {
    for (RoundAnalysis r : RoundAnalysis.of(s)) {
      assertThat(lines).anyMatch(l -> l.startsWith("round " + r.round() + " (")
          && l.contains("ZOPA " + r.analysis().zopaSize() + " of"));
    }
  }
}
