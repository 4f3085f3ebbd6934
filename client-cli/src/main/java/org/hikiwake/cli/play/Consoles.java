package org.hikiwake.cli.play;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the console a {@link TerminalChoice} asks for, falling back to line
 * mode when JLine cannot drive the terminal (no native library loads, no
 * {@code stty}, a dumb terminal): the game still plays, one line at a time.
 */
public final class Consoles {
  private static final Logger log = LoggerFactory.getLogger(Consoles.class);

  private Consoles() {}

  /**
   * The console for a game whose live view is in {@code view}.
   *
   * @param home the client's folder, for the command history
   * @param prompt makes the prompt from the current game state (the session's)
   * @param notes where a fallback to line mode is told, in one line
   */
  public static Console open(TerminalChoice choice, InputStream in, PrintStream out,
      PrintStream err, Path home, AtomicReference<LiveGame> view, Supplier<String> prompt,
      PrintStream notes) {
    switch (choice.kind()) {
      case SCRIPT:
        return new StreamConsole(in, out, err, choice.reason().startsWith("--json"));
      case LINES:
        return StreamConsole.forPerson(in, out, prompt);
      case JLINE:
        try {
          SeatStore.ensureDir(home);
          return TerminalConsole.open(choice.providers(), home.resolve("history"),
              new PlayCompleter(view::get), prompt);
        } catch (IOException | RuntimeException e) {
          log.debug("JLine could not open the terminal with {}", choice.providers(), e);
          notes.println("(Plain line mode: this terminal cannot be driven here ("
              + oneLine(e) + "); no Tab completion or live countdown.)");
          notes.flush();
          return StreamConsole.forPerson(in, out, prompt);
        }
      default:
        throw new AssertionError(choice);
    }
  }

  private static String oneLine(Throwable e) {
    String m = e.getMessage();
    return (m == null || m.isBlank() ? e.getClass().getSimpleName() : m)
        .replace('\n', ' ').replace('\r', ' ');
  }
}
