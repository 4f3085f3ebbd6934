package org.hikiwake.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * One run of a launcher, as its commands see it: the environment and the
 * standard streams. The root command implements it, and every subcommand
 * reaches it with {@code @ParentCommand}, so the client commands do not know
 * which launcher (with or without {@code serve}) runs them.
 */
public interface Invocation {
  /** The environment variables. */
  Map<String, String> env();

  InputStream in();

  PrintStream out();

  PrintStream err();

  /** True when running on the process's own standard streams (so a terminal may be used). */
  boolean hasSystemStreams();
}
