package org.hikiwake.engine.scenario;

/**
 * A player's input as a rejection repeats it: cut to {@link #MAX_CHARS}
 * characters, so a refusal is never larger than the mistake deserves (a
 * 60,000-character role id comes back as 40 characters and an ellipsis).
 */
public final class Echo {
  /** The longest piece of input a message repeats back. */
  public static final int MAX_CHARS = 40;

  private Echo() {}

  /** The input, cut to {@link #MAX_CHARS} characters (never inside a surrogate pair). */
  public static String of(String input) {
    if (input.length() <= MAX_CHARS) {
      return input;
    }
    int end = MAX_CHARS;
    if (Character.isHighSurrogate(input.charAt(end - 1))) {
      end--;
    }
    return input.substring(0, end) + "...";
  }
}
