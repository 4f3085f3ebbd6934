package org.hikiwake.app;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.hikiwake.cli.PlayCommand;
import picocli.CommandLine;

/** One in-process run of the launcher with its own streams, for tests. */
final class CliRun {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final CommandLine commandLine;
  private Future<Integer> exit;

  private CliRun(Map<String, String> env, InputStream in) {
    Hikiwake hikiwake = new Hikiwake(env, in,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    this.commandLine = hikiwake.commandLine();
  }

  /** Starts a command on another thread. */
  static CliRun start(ExecutorService pool, Map<String, String> env, InputStream in,
      String... args) {
    CliRun run = new CliRun(env, in);
    run.exit = pool.submit(() -> run.commandLine.execute(args));
    return run;
  }

  /** Runs a command to its end on this thread. */
  static CliRun run(Map<String, String> env, String... args) {
    CliRun run = new CliRun(env, ScriptInput.of());
    int code = run.commandLine.execute(args);
    run.exit = java.util.concurrent.CompletableFuture.completedFuture(code);
    return run;
  }

  /** The exit code, waiting up to a minute for it. */
  int exitCode() throws Exception {
    return exit.get(60, TimeUnit.SECONDS);
  }

  boolean isDone() {
    return exit.isDone();
  }

  String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  /** The play command object, to reach its session. */
  PlayCommand play() {
    return commandLine.getSubcommands().get("play").getCommand();
  }

  @Override
  public String toString() {
    return "stdout:\n" + out() + "\nstderr:\n" + err();
  }
}
