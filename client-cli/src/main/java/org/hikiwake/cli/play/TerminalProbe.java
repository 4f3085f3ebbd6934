package org.hikiwake.cli.play;

import java.io.IOException;
import org.jline.terminal.Terminal;

/** Opens the system terminal as {@code play} would, says what drives it, and closes it. */
public final class TerminalProbe {
  private TerminalProbe() {}

  /**
   * What drives the terminal with these JLine providers, e.g. {@code jni (xterm-256color)}.
   *
   * @throws IOException if none of them can
   */
  public static String open(String providers) throws IOException {
    try (Terminal t = TerminalConsole.openTerminal(providers)) {
      return TerminalConsole.describe(t);
    }
  }
}
