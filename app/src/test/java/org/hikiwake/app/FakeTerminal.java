package org.hikiwake.app;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hikiwake.cli.play.Console;
import org.hikiwake.proto.wire.EventView;

/**
 * A console that behaves as a terminal does for the session (interactive:
 * moves do not wait for the turn, questions are asked), typed at and
 * answered by the test.
 */
final class FakeTerminal implements Console {
  /** Typed to stand for Ctrl-D (compared by identity). */
  static final String CTRL_D = new String("<ctrl-d>");

  private final BlockingQueue<String> typed = new LinkedBlockingQueue<>();
  private final BlockingQueue<Boolean> answers = new LinkedBlockingQueue<>();
  private final List<String> shown = Collections.synchronizedList(new ArrayList<>());
  private final List<String> questions = Collections.synchronizedList(new ArrayList<>());
  private volatile int bells;

  void type(String line) {
    typed.add(line);
  }

  void answer(boolean yes) {
    answers.add(yes);
  }

  List<String> shown() {
    synchronized (shown) {
      return List.copyOf(shown);
    }
  }

  List<String> questions() {
    synchronized (questions) {
      return List.copyOf(questions);
    }
  }

  int bells() {
    return bells;
  }

  @Override
  public String readLine() throws InterruptedException {
    String l = typed.take();
    return l == CTRL_D ? null : l;
  }

  @Override
  public void wakeUp() {
    typed.add("");
  }

  @Override
  public void show(List<String> lines) {
    shown.addAll(lines);
  }

  @Override
  public void showEvent(EventView event, List<String> lines) {
    show(lines);
  }

  @Override
  public boolean confirm(String question) {
    questions.add(question);
    try {
      Boolean a = answers.poll(30, TimeUnit.SECONDS);
      return a != null && a;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void bell() {
    bells++;
  }

  @Override
  public boolean isInteractive() {
    return true;
  }

  @Override
  public void close() {}
}
