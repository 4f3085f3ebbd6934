package org.hikiwake.cli.play;

import java.util.Locale;
import java.util.Map;

/**
 * How {@code play} talks to the person (or script) at the other end, decided
 * from the environment alone, so it is tested without a terminal:
 *
 * <ul>
 *   <li>{@link Kind#SCRIPT}: standard input or output is not a terminal, or
 *       {@code --json}: one command per line, no prompt, no questions.
 *   <li>{@link Kind#LINES}: a person on a terminal that cannot be driven
 *       ({@code TERM=dumb}, or {@code HIKIWAKE_TERMINAL=plain}): a printed
 *       prompt, one line at a time, no redrawing and no countdown.
 *   <li>{@link Kind#JLINE}: a real terminal, through JLine's native (JNI)
 *       provider, which drives Windows consoles, Windows Terminal, macOS and
 *       Linux, then its exec provider ({@code stty}, e.g. for Cygwin or MSYS);
 *       if neither can open it, {@link Consoles} falls back to line mode.
 * </ul>
 *
 * @param providers JLine's providers to try, in order (for {@link Kind#JLINE})
 * @param colour false for {@code NO_COLOR} (see no-color.org) or a dumb terminal
 * @param reason why, for {@code hikiwake doctor}
 */
public record TerminalChoice(Kind kind, String providers, boolean colour, String reason) {
  /** Forces a mode: {@code plain} (line mode for people) or {@code script}. */
  public static final String ENV = "HIKIWAKE_TERMINAL";
  /** JLine's providers, in the order tried. */
  public static final String PROVIDERS = "jni,exec";

  /** The ways to talk to the other end. */
  public enum Kind { JLINE, LINES, SCRIPT }

  /**
   * The choice for this environment.
   *
   * @param terminal true if standard input and output are a terminal (a console)
   * @param json true for {@code --json}
   */
  public static TerminalChoice decide(Map<String, String> env, boolean terminal, boolean json) {
    boolean colour = !isSet(env, "NO_COLOR");
    String forced = env.getOrDefault(ENV, "").strip().toLowerCase(Locale.ROOT);
    String term = env.getOrDefault("TERM", "");
    if (json) {
      return new TerminalChoice(Kind.SCRIPT, "", false, "--json: one JSON object per event");
    }
    if (forced.equals("script")) {
      return new TerminalChoice(Kind.SCRIPT, "", false, ENV + "=script");
    }
    if (forced.equals("plain")) {
      return new TerminalChoice(Kind.LINES, "", false, ENV + "=plain");
    }
    if (!terminal) {
      return new TerminalChoice(Kind.SCRIPT, "", false,
          "standard input or output is not a terminal");
    }
    if (term.equals("dumb") || term.startsWith("dumb-")) {
      return new TerminalChoice(Kind.LINES, "", false, "TERM=" + term + " cannot be driven");
    }
    return new TerminalChoice(Kind.JLINE, PROVIDERS, colour && !term.isEmpty()
        || colour && isWindows(env), "a terminal" + (term.isEmpty() ? "" : " (TERM=" + term
            + ")"));
  }

  /** The same mode with line mode instead of JLine, for when JLine cannot open the terminal. */
  public TerminalChoice fallBack(String why) {
    return new TerminalChoice(Kind.LINES, "", false, why);
  }

  /** True if the prompt can be redrawn in place, with a live countdown. */
  public boolean isLive() {
    return kind == Kind.JLINE;
  }

  private static boolean isSet(Map<String, String> env, String name) {
    String v = env.get(name);
    return v != null && !v.isEmpty();
  }

  private static boolean isWindows(Map<String, String> env) {
    return env.containsKey("SystemRoot") || env.containsKey("SYSTEMROOT");
  }
}
