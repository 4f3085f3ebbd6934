package org.hikiwake.cli.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hikiwake.codec.recording.RecordedGames;
import org.hikiwake.engine.analysis.Debrief;
import org.hikiwake.engine.analysis.Point;
import org.hikiwake.engine.scenario.Scenario;
import org.junit.jupiter.api.Test;

class EndTextTest {
  private final Scenario scenario = RecordedGames.japanRussia().scenario();

  @Test
  void debrief_bargainingPackagesCoincide_printsThePackageOnce() {
    Point p = new Point(RecordedGames.NASH, 69, 87);
    Debrief d = new Debrief(87, 1620, Optional.of(p), Optional.of(p), ImmutableList.of(p),
        Optional.empty());
    List<String> lines = EndText.debrief(scenario.publicPart(), d, Optional.empty(),
        scenario.points(), "Debrief:");
    assertThat(lines).contains("  Nash bargaining package (Japan 69, Russia 87):",
        "  The Kalai-Smorodinsky package is the same package.");
    assertThat(lines).noneMatch(l -> l.startsWith("  Kalai-Smorodinsky package ("));
    assertThat(lines.stream().filter(l -> l.contains("two_islands_plus")).count()).isEqualTo(1);
  }

  @Test
  void debrief_noBargainingPackage_saysWhy() {
    Debrief d = new Debrief(0, 1620, Optional.empty(), Optional.empty(), ImmutableList.of(),
        Optional.empty());
    assertThat(EndText.debrief(scenario.publicPart(), d, Optional.empty(), Map.of(), "D:"))
        .startsWith("D:",
            "  Zone of possible agreement: 0 of 1620 packages clear both reservation values.",
            "  Nash bargaining package: none (no package clears both reservation values).",
            "  Kalai-Smorodinsky package: none (no package clears both reservation values).");
  }

  @Test
  void debrief_explainsEachTermInOneLine() {
    Point p = new Point(RecordedGames.NASH, 69, 87);
    Debrief d = new Debrief(87, 1620, Optional.of(p), Optional.of(p), ImmutableList.of(p),
        Optional.empty());
    List<String> lines = EndText.debrief(scenario.publicPart(), d, Optional.empty(),
        scenario.points(), "Debrief:");
    assertThat(lines).anyMatch(l -> l.startsWith("  - Zone of possible agreement (ZOPA): "));
    assertThat(lines).anyMatch(l -> l.startsWith("  - Nash bargaining package: the package that"));
    assertThat(lines).anyMatch(l -> l.startsWith("  - Pareto frontier: "));
    assertThat(lines).anyMatch(l -> l.startsWith("  - Points from the frontier: "));
  }
}
