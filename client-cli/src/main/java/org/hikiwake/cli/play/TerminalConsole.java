package org.hikiwake.cli.play;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.hikiwake.cli.text.Wrap;
import org.hikiwake.proto.wire.EventView;
import org.jline.reader.Completer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.spi.TerminalExt;
import org.jline.utils.InfoCmp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A console on a real terminal, with JLine: a prompt that shows the game's
 * state, Tab completion, history kept in a file, and events printed above the
 * line being typed without disturbing it. Text is word-wrapped to the
 * terminal's width; long text goes through a simple pager. Ctrl-C cancels the
 * line being typed, as in a shell; Ctrl-D (or {@code quit}) leaves.
 */
public final class TerminalConsole implements Console {
  private static final Logger log = LoggerFactory.getLogger(TerminalConsole.class);

  private final Terminal terminal;
  private final LineReader reader;
  private final Supplier<String> prompt;
  private volatile boolean reading;
  private volatile boolean woken;
  private volatile boolean confirming;
  /** Lines shown while the pager holds the screen, shown when it lets go. Guarded by this. */
  private final List<String> held = new ArrayList<>();
  private boolean paging;

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
    return on(openTerminal(providers), historyFile, completer, prompt);
  }

  /** A console on the given terminal (tests use one made of pipes). */
  static TerminalConsole on(Terminal terminal, Path historyFile, Completer completer,
      Supplier<String> prompt) {
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
        // Groups would be listed by name; ungrouped, candidates keep the scenario's order.
        .option(LineReader.Option.GROUP, false)
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
    boolean hint = false;
    try {
      return reader.readLine(prompt.get());
    } catch (UserInterruptException e) {
      if (woken) {
        return "";
      }
      // Ctrl-C cancels the line being typed, as in a shell; on an empty line the student
      // may have meant to leave, so say how.
      hint = e.getPartialLine() == null || e.getPartialLine().isBlank();
      return "";
    } catch (EndOfFileException e) {
      return null;
    } finally {
      reading = false;
      if (hint) {
        show(List.of("Ctrl-C only cancels the line; to leave, type quit or press Ctrl-D."));
      }
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
    List<String> wrapped = Wrap.lines(lines, width());
    synchronized (this) {
      if (paging) {
        held.addAll(wrapped);
        return;
      }
    }
    String text = String.join("\n", wrapped);
    if (reading) {
      reader.printAbove(text);
    } else {
      terminal.writer().println(text);
      terminal.writer().flush();
    }
  }

  /**
   * Shows the lines a screenful at a time: after each, a line asks for Space
   * or Enter (the next screenful) or q (stop). What arrives meanwhile is held
   * and shown after.
   */
  @Override
  public void page(List<String> lines) {
    List<String> wrapped = Wrap.lines(lines, width());
    int screen = terminal.getHeight() - 1;
    if (reading || screen < 4 || wrapped.size() <= screen) {
      show(lines);
      return;
    }
    synchronized (this) {
      paging = true;
    }
    Attributes saved = terminal.enterRawMode();
    try {
      // Ctrl-C stops the pager rather than the program.
      Attributes raw = new Attributes(terminal.getAttributes());
      raw.setLocalFlag(Attributes.LocalFlag.ISIG, false);
      terminal.setAttributes(raw);
      PrintWriter w = terminal.writer();
      int shown = 0;
      while (shown < wrapped.size()) {
        int end = Math.min(shown + screen, wrapped.size());
        for (String l : wrapped.subList(shown, end)) {
          w.print(l);
          w.print('\n');
        }
        shown = end;
        if (shown == wrapped.size()) {
          break;
        }
        w.print("-- more (" + shown + " of " + wrapped.size() + " lines): Space or Enter for"
            + " more, q to stop --");
        w.flush();
        int key = terminal.reader().read();
        w.print("\r");
        terminal.puts(InfoCmp.Capability.clr_eol);
        if (key < 0 || key == 'q' || key == 'Q' || key == 3 || key == 4 || key == 27) {
          break;
        }
      }
      w.flush();
    } catch (IOException e) {
      log.warn("the pager could not read the terminal", e);
    } finally {
      terminal.setAttributes(saved);
      List<String> later;
      synchronized (this) {
        paging = false;
        later = List.copyOf(held);
        held.clear();
      }
      if (!later.isEmpty()) {
        terminal.writer().println(String.join("\n", later));
      }
      terminal.writer().flush();
    }
  }

  @Override
  public void bell() {
    if (terminal.puts(InfoCmp.Capability.bell)) {
      terminal.flush();
    }
  }

  /** The width text is wrapped to: the terminal's, or 80 when it does not say. */
  private int width() {
    int w = terminal.getWidth();
    return w < 20 ? 80 : w;
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
