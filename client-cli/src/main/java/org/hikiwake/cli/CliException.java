package org.hikiwake.cli;

/** A failure that ends a command with a documented exit code and a one-line reason. */
public final class CliException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  public CliException(int exitCode, String reason) {
    super(reason);
    this.exitCode = exitCode;
  }

  public CliException(int exitCode, String reason, Throwable cause) {
    super(reason, cause);
    this.exitCode = exitCode;
  }

  /** One of the {@link ExitCode} values. */
  public int exitCode() {
    return exitCode;
  }
}
