package org.hikiwake.cli.play;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jline.reader.Candidate;
import org.junit.jupiter.api.Test;

class PlayCompleterTest {
  private final PlayCompleter completer = new PlayCompleter(
      () -> Fixtures.joined("japan", Fixtures.seated()));

  private static List<String> values(List<Candidate> candidates) {
    return candidates.stream().map(Candidate::value).toList();
  }

  @Test
  void firstWord_completesCommands() {
    assertThat(values(completer.candidates(List.of(""), 0)))
        .containsExactlyElementsOf(PromptCommand.NAMES);
  }

  @Test
  void offer_completesIssueOptionPairsWithMyPoints() {
    List<Candidate> c = completer.candidates(List.of("offer", ""), 1);
    assertThat(values(c)).contains("--from-table", "territory=four_islands",
        "missile_defence=written_assurance");
    assertThat(c).filteredOn(x -> x.value().equals("territory=four_islands"))
        .singleElement().extracting(Candidate::descr).asString().endsWith("  40 pts");
  }

  @Test
  void offer_leavesOutIssuesAlreadyNamed() {
    List<String> v = values(completer.candidates(
        List.of("offer", "territory=area_split", "ener"), 2));
    assertThat(v).noneMatch(s -> s.startsWith("territory="));
    assertThat(v).contains("energy=pipeline");
  }

  @Test
  void say_completesNothing() {
    assertThat(completer.candidates(List.of("say", ""), 1)).isEmpty();
  }

  @Test
  void offer_candidatesSortInScenarioOrder() {
    List<Candidate> c = completer.candidates(List.of("offer", ""), 1);
    List<String> sorted = c.stream().sorted().map(Candidate::value).toList();
    assertThat(sorted.get(0)).isEqualTo("--from-table");
    assertThat(sorted.subList(1, 6)).containsExactly("territory=status_quo",
        "territory=two_islands", "territory=two_islands_plus", "territory=area_split",
        "territory=four_islands");
    assertThat(sorted.get(6)).startsWith("peace_treaty=");
    // JLine lists groups by name (energy before territory), and prints their names as lines.
    assertThat(c).allMatch(x -> x.group() == null);
  }

  @Test
  void offer_pointsEndEachDescriptionRightAligned() {
    // JLine right-aligns descriptions: points of one width at the end make one column.
    List<Candidate> c = completer.candidates(List.of("offer", ""), 1);
    assertThat(c).filteredOn(x -> x.value().contains("="))
        .allMatch(x -> x.descr().matches(".*  [ \\d]{2}\\d pts"));
  }

  @Test
  void score_offersFromTableToo() {
    assertThat(values(completer.candidates(List.of("score", ""), 1))).contains("--from-table");
  }
}
