package org.hikiwake.cli.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class WrapTest {
  private static List<String> words(List<String> lines) {
    return Arrays.stream(String.join(" ", lines).strip().split("\\s+")).toList();
  }

  @Test
  void lines_longParagraph_breaksBetweenWordsAndKeepsTheIndent() {
    String paragraph = "  In 2012 Putin said the territorial question should end in a"
        + " \"hikiwake\", a judo word for a draw. What a draw would look like is anyone's"
        + " guess. Beyond the islands there is much to trade.";
    List<String> out = Wrap.lines(List.of(paragraph), 40);
    assertThat(out).hasSizeGreaterThan(3).allMatch(l -> l.length() <= 40)
        .allMatch(l -> l.startsWith("  ") && !l.startsWith("   "));
    assertThat(words(out)).isEqualTo(words(List.of(paragraph)));
  }

  @Test
  void lines_numberedItem_hangsUnderItsText() {
    List<String> out = Wrap.lines(List.of("  1. Territory. All four islands is the national"
        + " position (40 points); the status quo is worth nothing."), 40);
    assertThat(out.get(0)).startsWith("  1. Territory.");
    assertThat(out.subList(1, out.size())).allMatch(l -> l.startsWith("     ")
        && !l.startsWith("      "));
  }

  @Test
  void lines_unindentedSentence_continuesIndentedByTwo() {
    List<String> out = Wrap.lines(List.of("Round 6 of 6, the last turn of the game: your"
        + " turn. An offer now could never be accepted."), 30);
    assertThat(out.get(0)).doesNotStartWith(" ");
    assertThat(out.subList(1, out.size())).allMatch(l -> l.startsWith("  "));
    assertThat(out).allMatch(l -> l.length() <= 30);
  }

  @Test
  void lines_shortLinesAndBlankLines_areKept() {
    assertThat(Wrap.lines(List.of("short", "", "  also short"), 80))
        .containsExactly("short", "", "  also short");
  }

  @Test
  void lines_wordLongerThanTheWidth_isCutOnlyThen() {
    List<String> out = Wrap.lines(List.of("see " + "x".repeat(25) + " end"), 10);
    assertThat(out).allMatch(l -> l.length() <= 10);
    assertThat(String.join("", out).replace(" ", "")).isEqualTo("see" + "x".repeat(25) + "end");
  }

  @Test
  void lines_countsCodePointsNotChars() {
    String name = "Zo\u00eb O'Neil \ud835\udc00\ud835\udc01";
    assertThat(Wrap.lines(List.of(name), 14)).containsExactly(name);
  }
}
