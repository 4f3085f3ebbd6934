package org.hikiwake.cli.play;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.hikiwake.proto.wire.EventView;
import org.jline.reader.Completer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.spi.TerminalExt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A console on a real terminal, with JLine: a prompt that shows the game's
 * state, Tab completion, history kept in a file, and events printed above the
 * line being typed without disturbing it.
 */
public final class TerminalConsole implements Console {
  private static final Logger log = LoggerFactory.getLogger(TerminalConsole.class);

  private final Terminal terminal;
  private final LineReader reader;
  private final Supplier<String> prompt;
  private volatile boolean reading;
  private volatile boolean woken;
  private volatile boolean confirming;

  private TerminalConsole(Terminal terminal, LineReader reader, Supplier<String> prompt) {
    this.terminal = terminal;
    this.reader = reader;
    this.prompt = prompt;
  }

  /**
   * Opens the system terminal with the first of JLine's providers that can,
   * and never a dumb terminal: then it fails, for line mode to take over.
   *
   * @param providers JLine's providers to try, in order, e.g. {@code jni,exec}
   * @param historyFile where typed lines are kept between runs
   * @param completer completes commands, issues and options
   * @param prompt makes the prompt from the current game state
   * @throws IOException if no provider can drive this terminal, or it is a dumb one
   */
  public static TerminalConsole open(String providers, Path historyFile, Completer completer,
      Supplier<String> prompt) throws IOException {
    Terminal terminal = openTerminal(providers);
    DefaultParser parser = new DefaultParser();
    // Chat is free text: an apostrophe must not open a quote.
    parser.setQuoteChars(new char[0]);
    parser.setEscapeChars(new char[0]);
    LineReader reader = LineReaderBuilder.builder()
        .terminal(terminal)
        .appName("hikiwake")
        .completer(completer)
        .parser(parser)
        .variable(LineReader.HISTORY_FILE, historyFile)
        .variable(LineReader.HISTORY_SIZE, 1000)
        .option(LineReader.Option.HISTORY_IGNORE_DUPS, true)
        .option(LineReader.Option.AUTO_FRESH_LINE, true)
        .build();
    return new TerminalConsole(terminal, reader, prompt);
  }

  /**
   * The system terminal from the first provider that can drive it.
   *
   * @throws IOException if none can, or it would be a dumb terminal
   */
  static Terminal openTerminal(String providers) throws IOException {
    Terminal terminal;
    try {
      terminal = TerminalBuilder.builder().system(true).name("hikiwake").providers(providers)
          .dumb(false).build();
    } catch (IllegalStateException e) {
      throw new IOException(e.getMessage(), e);
    }
    if (terminal.getType() != null && terminal.getType().startsWith(Terminal.TYPE_DUMB)) {
      terminal.close();
      throw new IOException("only a dumb terminal could be opened");
    }
    return terminal;
  }

  /** What drives a terminal, e.g. {@code jni (xterm-256color)}. */
  static String describe(Terminal terminal) {
    String provider = terminal instanceof TerminalExt ext && ext.getProvider() != null
        ? ext.getProvider().name() : terminal.getClass().getSimpleName();
    return provider + " (" + terminal.getType() + ")";
  }

  /** What drives this console's terminal, e.g. {@code jni (xterm-256color)}. */
  public String describe() {
    return describe(terminal);
  }

  @Override
  public String readLine() {
    woken = false;
    reading = true;
    try {
      return reader.readLine(prompt.get());
    } catch (UserInterruptException e) {
      if (woken) {
        return "";
      }
      // Ctrl-C leaves, like quit.
      return null;
    } catch (EndOfFileException e) {
      return null;
    } finally {
      reading = false;
    }
  }

  @Override
  public void wakeUp() {
    woken = true;
    if (reading) {
      terminal.raise(Terminal.Signal.INT);
    }
  }

  @Override
  public void show(List<String> lines) {
    if (lines.isEmpty()) {
      return;
    }
    String text = String.join("\n", lines);
    if (reading) {
      reader.printAbove(text);
    } else {
      terminal.writer().println(text);
      terminal.writer().flush();
    }
  }

  @Override
  public void showEvent(EventView event, List<String> lines) {
    show(lines);
    promptChanged();
  }

  @Override
  public boolean confirm(String question) {
    reading = true;
    confirming = true;
    try {
      String answer = reader.readLine(question + " [y/N] ");
      String a = answer.strip().toLowerCase(Locale.ROOT);
      return a.equals("y") || a.equals("yes");
    } catch (UserInterruptException | EndOfFileException e) {
      return false;
    } finally {
      reading = false;
      confirming = false;
    }
  }

  @Override
  public boolean isInteractive() {
    return true;
  }

  @Override
  public void promptChanged() {
    if (!reading || confirming || !(reader instanceof LineReaderImpl impl)) {
      return;
    }
    try {
      impl.setPrompt(prompt.get());
      // CLEAR erases the old prompt, which may be longer than the new one.
      reader.callWidget(LineReader.CLEAR);
      reader.callWidget(LineReader.REDRAW_LINE);
      reader.callWidget(LineReader.REDISPLAY);
      terminal.writer().flush();
    } catch (IllegalStateException e) {
      // readLine returned between the check and the call; the next prompt is fresh anyway.
      log.debug("prompt not redrawn", e);
    }
  }

  @Override
  public void close() {
    try {
      reader.getHistory().save();
    } catch (IOException e) {
      log.warn("could not save the command history", e);
    }
    try {
      terminal.close();
    } catch (IOException e) {
      log.warn("could not close the terminal", e);
    }
  }
}
