package org.hikiwake.cli.play;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.hikiwake.cli.play.TerminalChoice.Kind;
import org.junit.jupiter.api.Test;

/** How play talks to its user, from the environment alone. */
class TerminalChoiceTest {
  @Test
  void decide_terminal_usesJLineWithTheNativeProviderFirst() {
    TerminalChoice c = TerminalChoice.decide(Map.of("TERM", "xterm-256color"), true, false);
    assertThat(c.kind()).isEqualTo(Kind.JLINE);
    assertThat(c.providers()).isEqualTo("jni,exec");
    assertThat(c.colour()).isTrue();
    assertThat(c.isLive()).isTrue();
  }

  @Test
  void decide_windowsConsoleWithoutTerm_usesJLineWithColour() {
    TerminalChoice c = TerminalChoice.decide(Map.of("SystemRoot", "C:\\Windows"), true, false);
    assertThat(c.kind()).isEqualTo(Kind.JLINE);
    assertThat(c.colour()).isTrue();
  }

  @Test
  void decide_noColor_keepsJLineButNoColour() {
    TerminalChoice c = TerminalChoice.decide(Map.of("TERM", "xterm", "NO_COLOR", "1"), true,
        false);
    assertThat(c.kind()).isEqualTo(Kind.JLINE);
    assertThat(c.colour()).isFalse();
    // NO_COLOR counts only when it has a value (no-color.org)
    assertThat(TerminalChoice.decide(Map.of("TERM", "xterm", "NO_COLOR", ""), true, false)
        .colour()).isTrue();
  }

  @Test
  void decide_dumbTerminal_isLineModeWithoutColourOrCountdown() {
    TerminalChoice c = TerminalChoice.decide(Map.of("TERM", "dumb"), true, false);
    assertThat(c.kind()).isEqualTo(Kind.LINES);
    assertThat(c.colour()).isFalse();
    assertThat(c.isLive()).isFalse();
    assertThat(c.reason()).contains("TERM=dumb");
  }

  @Test
  void decide_notATerminal_orJson_isScriptMode() {
    assertThat(TerminalChoice.decide(Map.of("TERM", "xterm"), false, false).kind())
        .isEqualTo(Kind.SCRIPT);
    assertThat(TerminalChoice.decide(Map.of("TERM", "xterm"), true, true).kind())
        .isEqualTo(Kind.SCRIPT);
  }

  @Test
  void decide_forced_winsOverTheTerminal_butNotOverJson() {
    assertThat(TerminalChoice.decide(Map.of(TerminalChoice.ENV, "plain"), false, false).kind())
        .isEqualTo(Kind.LINES);
    assertThat(TerminalChoice.decide(Map.of(TerminalChoice.ENV, "script", "TERM", "xterm"),
        true, false).kind()).isEqualTo(Kind.SCRIPT);
    assertThat(TerminalChoice.decide(Map.of(TerminalChoice.ENV, "plain"), true, true).kind())
        .isEqualTo(Kind.SCRIPT);
  }
}
