package org.hikiwake.cli.play;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;
import org.hikiwake.proto.wire.EventView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A console on plain streams, for scripts: one command per line from the
 * input; lines for people on the output, or, in JSON mode, one JSON object
 * per event on the output and the lines for people on the error stream.
 * {@link #forPerson} makes the line mode for a person on a terminal that
 * cannot be driven: a printed prompt, and questions that wait for an answer.
 */
public final class StreamConsole implements Console {
  private static final Logger log = LoggerFactory.getLogger(StreamConsole.class);
  private static final JsonFormat.Printer JSON = JsonFormat.printer()
      .omittingInsignificantWhitespace()
      .preservingProtoFieldNames()
      .alwaysPrintFieldsWithNoPresence();

  /** Marks the end of input in the queue (compared by identity). */
  private static final String END = new String("<end of input>");
  /** Wakes a reader up (compared by identity). */
  private static final String WAKE = new String("");

  private final PrintStream out;
  private final PrintStream human;
  private final boolean json;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final Thread reader;
  /** The prompt before each line read, for a person; null for scripts. */
  private final Supplier<String> prompt;
  private volatile boolean ended;
  /** True while a printed prompt waits for its line: output starts on a new line first. */
  private boolean prompted;

  public StreamConsole(InputStream in, PrintStream out, PrintStream err, boolean json) {
    this(in, out, err, json, null);
  }

  private StreamConsole(InputStream in, PrintStream out, PrintStream err, boolean json,
      Supplier<String> prompt) {
    this.out = out;
    this.human = json ? err : out;
    this.json = json;
    this.prompt = prompt;
    this.reader = new Thread(() -> pump(in), "hikiwake-stdin");
    this.reader.setDaemon(true);
    this.reader.start();
  }

  /**
   * Line mode for a person: prints the prompt before each line it reads (and
   * again below anything shown while it waits), and asks questions.
   */
  public static StreamConsole forPerson(InputStream in, PrintStream out,
      Supplier<String> prompt) {
    return new StreamConsole(in, out, out, false, prompt);
  }

  private void pump(InputStream in) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String l;
      while ((l = r.readLine()) != null) {
        lines.add(l);
      }
    } catch (IOException e) {
      log.warn("cannot read standard input; treating it as ended", e);
    } finally {
      lines.add(END);
    }
  }

  @Override
  public String readLine() throws InterruptedException {
    if (ended) {
      return null;
    }
    if (prompt != null) {
      printPrompt(prompt.get());
    }
    String l = lines.take();
    synchronized (this) {
      prompted = false;
    }
    if (l == END) {
      ended = true;
      return null;
    }
    return l;
  }

  @Override
  public void wakeUp() {
    lines.add(WAKE);
  }

  private synchronized void printPrompt(String p) {
    human.print(p);
    human.flush();
    prompted = true;
  }

  @Override
  public synchronized void show(List<String> text) {
    if (prompted) {
      human.println();
    }
    for (String l : text) {
      human.println(l);
    }
    if (prompted) {
      human.print(prompt.get());
    }
    human.flush();
  }

  @Override
  public synchronized void showEvent(EventView event, List<String> text) {
    if (json) {
      try {
        out.println(JSON.print(event));
        out.flush();
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalStateException("cannot print an event as JSON", e);
      }
    }
    show(text);
  }

  /** Scripts: yes. A person: asks, and waits for y or yes. */
  @Override
  public boolean confirm(String question) {
    if (prompt == null) {
      return true;
    }
    synchronized (this) {
      human.print(question + " [y/N] ");
      human.flush();
    }
    String answer;
    try {
      answer = lines.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    if (answer == END) {
      ended = true;
      return false;
    }
    String a = answer.strip().toLowerCase(Locale.ROOT);
    return a.equals("y") || a.equals("yes");
  }

  /** True for a person (who quits with quit or the end of input), false for scripts. */
  @Override
  public boolean isInteractive() {
    return prompt != null;
  }

  @Override
  public void close() {
    out.flush();
    human.flush();
  }
}
