package org.hikiwake.cli.play;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jline.reader.Candidate;
import org.junit.jupiter.api.Test;

class PlayCompleterTest {
  private final PlayCompleter completer = new PlayCompleter(() -> Fixtures.inProgress("japan"));

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
        .singleElement().extracting(Candidate::descr).asString().startsWith("40 pts");
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
}
