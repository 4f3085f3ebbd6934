package org.hikiwake.cli.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SanitizerTest {
  private static final String ESC = "\u001b";

  @Test
  void line_plainText_isUnchanged() {
    assertThat(Sanitizer.line("Two islands, plus talks: 引き分け (hikiwake) 100%"))
        .isEqualTo("Two islands, plus talks: 引き分け (hikiwake) 100%");
  }

  @Test
  void line_csiSequences_areRemoved() {
    assertThat(Sanitizer.line(ESC + "[2J" + ESC + "[1;31mred" + ESC + "[0m text" + ESC + "[?25l"))
        .isEqualTo("red text");
  }

  @Test
  void line_oscTitleWithBel_isRemoved() {
    assertThat(Sanitizer.line("a" + ESC + "]0;you have been pwned\u0007b")).isEqualTo("ab");
  }

  @Test
  void line_oscHyperlinkWithStringTerminator_isRemoved() {
    assertThat(Sanitizer.line(ESC + "]8;;http://evil.example" + ESC + "\\click" + ESC + "]8;;"
        + ESC + "\\")).isEqualTo("click");
  }

  @Test
  void line_dcsAndApcStrings_areRemoved() {
    assertThat(Sanitizer.line("x" + ESC + "Pq#0;2;0;0;0" + ESC + "\\y" + ESC + "_hidden" + ESC
        + "\\z")).isEqualTo("xyz");
  }

  @Test
  void line_eightBitCsiAndC1Controls_areRemoved() {
    assertThat(Sanitizer.line("a\u009b31mb\u0085c\u009d0;title\u009cd")).isEqualTo("abcd");
  }

  @Test
  void line_twoCharacterEscapes_areRemoved() {
    // ESC c resets the terminal; ESC ( B selects a character set.
    assertThat(Sanitizer.line("a" + ESC + "cb" + ESC + "(Bc")).isEqualTo("abc");
  }

  @Test
  void line_c0ControlsAndDelete_areRemoved() {
    assertThat(Sanitizer.line("a\u0007b\u0008c\u0000d\u007fe")).isEqualTo("abcde");
  }

  @Test
  void line_lineBreaksAndTabs_becomeSpaces() {
    assertThat(Sanitizer.line("one\ntwo\r\nthree\rfour\tfive")).isEqualTo("one two three four five");
  }

  @Test
  void text_lineBreaks_areKeptAndNormalized() {
    assertThat(Sanitizer.text("one\r\ntwo\rthree\n\tfour")).isEqualTo("one\ntwo\nthree\n  four");
  }

  @Test
  void line_bidiOverrides_areRemoved() {
    assertThat(Sanitizer.line("accept\u202e tpecca\u202c\u2066x\u2069")).isEqualTo("accept tpeccax");
  }

  @Test
  void line_unfinishedEscapeAtEnd_isRemoved() {
    assertThat(Sanitizer.line("abc" + ESC + "[31")).isEqualTo("abc");
    assertThat(Sanitizer.line("abc" + ESC)).isEqualTo("abc");
    assertThat(Sanitizer.line("abc" + ESC + "]0;never terminated")).isEqualTo("abc");
  }

  @Test
  void line_null_isEmpty() {
    assertThat(Sanitizer.line(null)).isEmpty();
  }
}
