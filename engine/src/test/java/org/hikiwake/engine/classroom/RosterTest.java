package org.hikiwake.engine.classroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RosterTest {
  @Test
  void parse_namesPairsCommentsAndBlankLines_keepsFileOrder() throws RosterException {
    Roster roster = Roster.parse("""
        # Seminar 3, Tuesday
        Aiko Tanaka, Boris Ivanov

        Zoë O'Neil
        Jean-Luc   Picard   # a late add
        """, "class.txt");

    assertThat(roster.names()).containsExactly("Aiko Tanaka", "Boris Ivanov", "Zoë O'Neil",
        "Jean-Luc Picard");
    assertThat(roster.pairs()).containsExactly(new Roster.Pair("Aiko Tanaka", "Boris Ivanov"));
    assertThat(roster.find("zoe oneil")).contains("Zoë O'Neil");
    assertThat(roster.pairOf("boris ivanov")).contains(roster.pairs().get(0));
  }

  @Test
  void parse_malformedLines_reportEveryOneWithFileAndLine() {
    assertThatThrownBy(() -> Roster.parse("""
        Aiko
        A, B, C
        <script>
        aiko
        """, "roster.txt"))
        .isInstanceOf(RosterException.class)
        .satisfies(e -> assertThat(((RosterException) e).problems()).containsExactly(
            "roster.txt:2: a line holds one name, or two names separated by a comma (a pair),"
                + " but this one has 3 parts",
            "roster.txt:3: '<script>' is not a usable name: A display name needs 1 to 32"
                + " letters, digits, spaces, '.', '-', '_' and apostrophes, with no space at"
                + " either end.",
            "roster.txt:4: 'aiko' is already on the roster (line 1)"));
  }

  @Test
  void parse_aFileSavedByWindowsNotepad_ignoresTheByteOrderMarkAndCarriageReturns()
      throws RosterException {
    Roster roster = Roster.parse("\uFEFFAiko Tanaka, Boris Ivanov\r\nChen Wei\r\n", "r.txt");
    assertThat(roster.names()).containsExactly("Aiko Tanaka", "Boris Ivanov", "Chen Wei");
    assertThat(roster.find("aiko tanaka")).contains("Aiko Tanaka");
  }

  @Test
  void parse_nothingButComments_isAProblem() {
    assertThatThrownBy(() -> Roster.parse("# nobody yet\n\n", "empty.txt"))
        .hasMessageContaining("empty.txt: the roster names no students");
  }

  @Test
  void nearest_typo_suggestsTheCloseNames() {
    assertThat(Names.nearest("Aiko Tanka", java.util.List.of("Aiko Tanaka", "Boris Ivanov",
        "Aiko Sato"))).first().isEqualTo("Aiko Tanaka");
    assertThat(Names.nearest("Xavier", java.util.List.of("Aiko Tanaka", "Boris Ivanov")))
        .isEmpty();
  }
}
