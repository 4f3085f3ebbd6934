package org.hikiwake.cli.play;

import java.util.List;
import org.hikiwake.proto.wire.EventView;

/** Where a play or watch session reads commands and shows what happens. */
public interface Console extends AutoCloseable {
  /**
   * The next line typed, or null at the end of input. May return an empty
   * line early after {@link #wakeUp}.
   */
  String readLine() throws InterruptedException;

  /** Makes a pending {@link #readLine} return soon, so the session can see a change. */
  void wakeUp();

  /** Shows lines for a person (above the line being typed, in a terminal). */
  void show(List<String> lines);

  /**
   * Shows long text for a person: in a terminal a screenful at a time (a
   * pager), elsewhere all at once.
   */
  default void page(List<String> lines) {
    show(lines);
  }

  /** Rings the terminal's bell, where there is one. */
  default void bell() {}

  /** Shows an event: its lines for a person, and in JSON mode the event itself. */
  void showEvent(EventView event, List<String> lines);

  /** Asks a yes/no question; without a terminal the answer is yes. */
  boolean confirm(String question);

  /** True for a real terminal with a line editor. */
  boolean isInteractive();

  /** The game changed or time passed: redraw the prompt. */
  default void promptChanged() {}

  @Override
  void close();
}
