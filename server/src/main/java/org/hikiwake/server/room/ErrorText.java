package org.hikiwake.server.room;

/** Helpers for refusal messages that repeat a client's input. */
public final class ErrorText {
  /** The longest piece of a client's input that a message repeats back. */
  public static final int MAX_ECHO_CHARS = 40;

  private ErrorText() {}

  /** The input cut to {@link #MAX_ECHO_CHARS}, so a refusal is never larger than its cause deserves. */
  public static String echo(String input) {
    if (input.length() <= MAX_ECHO_CHARS) {
      return input;
    }
    int end = MAX_ECHO_CHARS;
    if (Character.isHighSurrogate(input.charAt(end - 1))) {
      end--;
    }
    return input.substring(0, end) + "...";
  }
}
