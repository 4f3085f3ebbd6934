package org.hikiwake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlayCommandTest {
  @Test
  void defaultName_keepsApostrophesHyphensAndAccents() {
    assertThat(PlayCommand.defaultName("zo\u00eb.o'neil-smith")).isEqualTo("zo\u00eb.o'neil-smith");
  }

  @Test
  void defaultName_dropsWhatNamesCannotHold() {
    assertThat(PlayCommand.defaultName("ab$c@d")).isEqualTo("abcd");
    assertThat(PlayCommand.defaultName("$$$")).isEqualTo("player");
    assertThat(PlayCommand.defaultName("x".repeat(40))).hasSize(32);
  }
}
