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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.hikiwake.proto.wire.EventView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A console on plain streams, for scripts: one command per line from the
 * input; lines for people on the output, or, in JSON mode, one JSON object
 * per event on the output and the lines for people on the error stream.
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
  private volatile boolean ended;

  public StreamConsole(InputStream in, PrintStream out, PrintStream err, boolean json) {
    this.out = out;
    this.human = json ? err : out;
    this.json = json;
    this.reader = new Thread(() -> pump(in), "hikiwake-stdin");
    this.reader.setDaemon(true);
    this.reader.start();
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
    String l = lines.take();
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

  @Override
  public synchronized void show(List<String> text) {
    for (String l : text) {
      human.println(l);
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

  @Override
  public boolean confirm(String question) {
    return true;
  }

  @Override
  public boolean isInteractive() {
    return false;
  }

  @Override
  public void close() {
    out.flush();
    human.flush();
  }
}
