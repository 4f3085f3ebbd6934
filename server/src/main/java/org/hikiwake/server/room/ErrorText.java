package org.hikiwake.server.room;

import org.hikiwake.engine.scenario.Echo;

/** Helpers for refusal messages that repeat a client's input. */
public final class ErrorText {
  /** The longest piece of a client's input that a message repeats back. */
  public static final int MAX_ECHO_CHARS = Echo.MAX_CHARS;

  private ErrorText() {}

  /** The input cut to {@link #MAX_ECHO_CHARS}, as the rules cut what they repeat ({@link Echo}). */
  public static String echo(String input) {
    return Echo.of(input);
  }
}
