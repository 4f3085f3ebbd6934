package org.hikiwake.cli;

/**
 * The documented exit codes of the {@code hikiwake} launcher. Every failure
 * also prints a one-line reason on standard error.
 */
public final class ExitCode {
  /** Success; for {@code play} and {@code watch}, the game ended normally (or you quit). */
  public static final int OK = 0;
  /** The command line is wrong: unknown option, missing argument, bad value. */
  public static final int USAGE = 1;
  /** The server cannot be reached; for {@code serve}, it cannot listen or use its data folder. */
  public static final int CANNOT_CONNECT = 2;
  /**
   * The server refused the request (unknown game, seat taken, bad seat token,
   * ...), or, for {@code play}, the seat was taken over by another connection
   * (resumed from another laptop or terminal): the session stops rather than
   * fight over the seat, and {@code play --resume CODE} takes it back.
   */
  public static final int SERVER_ERROR = 3;
  /** The connection was lost and could not be re-established. */
  public static final int CONNECTION_LOST = 4;
  /** A file (scenario, recording) is missing, unreadable, damaged or invalid. */
  public static final int BAD_FILE = 5;
  /** Something unexpected failed inside the client: a bug; please report it. */
  public static final int SOFTWARE = 6;
  /**
   * The students' launchers ({@code hikiwake}, {@code hikiwake.cmd}) found no
   * Java 17 or newer, or not the client jar beside them. Never returned by Java code.
   */
  public static final int NO_JAVA = 7;

  /**
   * The exit code table, as shown in {@code hikiwake --help}: already cut into
   * lines that fit 80 columns once indented by two spaces, continuations
   * indented further, so the help never wraps a row at the margin.
   */
  public static final String[] HELP = {
      "0  ok; for play and watch: the game ended normally (or you quit)",
      "1  bad command line",
      "2  cannot connect to the server",
      "3  the server refused the request (unknown game, seat taken, seat taken over",
      "   elsewhere, ...)",
      "4  connection lost and could not be re-established",
      "5  bad file: missing, unreadable, damaged or invalid",
      "6  unexpected failure in the client (a bug)",
      "7  (the students' launchers) no Java 17 or newer found; the message says",
      "   what to install",
  };

  private ExitCode() {}
}
