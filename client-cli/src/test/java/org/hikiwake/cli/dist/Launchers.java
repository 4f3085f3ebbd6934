package org.hikiwake.cli.dist;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a real process (a launcher, a JVM) with a clean environment and collects its output. */
final class Launchers {
  private Launchers() {}

  /** What a process printed and how it ended. */
  record Run(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
  }

  /** The java of the JVM running the tests (17 or newer). */
  static String java() {
    return javaHome().resolve("bin").resolve("java").toString();
  }

  static Path javaHome() {
    return Path.of(System.getProperty("java.home"));
  }

  /**
   * Runs a command with only these environment variables (and no standard
   * input), waiting at most a minute.
   */
  static Run run(List<String> command, Map<String, String> env) throws Exception {
    return run(command, env, null);
  }

  /** The same in a working folder. */
  static Run run(List<String> command, Map<String, String> env, Path dir) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().clear();
    pb.environment().putAll(env);
    if (dir != null) {
      pb.directory(dir.toFile());
    }
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process p = pb.start();
    CompletableFuture<String> out = read(p.getInputStream());
    CompletableFuture<String> err = read(p.getErrorStream());
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("still running after a minute: " + command);
    }
    return new Run(p.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
  }

  private static CompletableFuture<String> read(InputStream in) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "<" + e + ">";
      }
    });
  }
}
