package org.hikiwake.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A main class of this package run in a fresh JVM on this JVM's class path. */
final class ChildJvm implements AutoCloseable {
  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final Deque<String> recent = new ArrayDeque<>();

  private final boolean stopBySignal;

  private ChildJvm(Process process) {
    this(process, false);
  }

  private ChildJvm(Process process, boolean stopBySignal) {
    this.process = process;
    this.stopBySignal = stopBySignal;
    Thread reader = new Thread(this::read, "child-jvm-reader");
    reader.setDaemon(true);
    reader.start();
  }

  static ChildJvm start(Class<?> main, String maxHeap, String... args) throws IOException {
    return start(ProcessHandle.current().info().command().orElse("java"), List.of(), main,
        maxHeap, args);
  }

  /** A child on the given {@code java} launcher with extra JVM options before the class. */
  static ChildJvm start(String java, List<String> jvmOptions, Class<?> main, String maxHeap,
      String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(java, "-Xmx" + maxHeap,
        "-cp", System.getProperty("java.class.path")));
    command.addAll(1, jvmOptions);
    String logConfig = System.getProperty("logback.configurationFile");
    if (logConfig != null) {
      command.add(2, "-Dlogback.configurationFile=" + logConfig);
    }
    command.add(main.getName());
    command.addAll(List.of(args));
    return new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).start());
  }

  /**
   * {@code java [options] -jar jar args...}: a program that does not watch its input, so
   * {@link #close} stops it with SIGTERM.
   */
  static ChildJvm startJar(String java, List<String> jvmOptions, java.nio.file.Path jar,
      String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar.toString()));
    command.addAll(List.of(args));
    return new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).start(), true);
  }

  private void read() {
    try (BufferedReader r = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        lines.add(line);
      }
    } catch (IOException e) {
      lines.add("(output unreadable: " + e + ")");
    }
  }

  /**
   * The first output line starting with {@code prefix} (containing what follows a leading
   * {@code *}); fails with the last output if none.
   */
  String awaitLine(String prefix, long timeout, TimeUnit unit)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    while (true) {
      String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new IOException("the child JVM printed no '" + prefix + "' line in time;"
            + " last output: " + recent + (process.isAlive() ? "" : " (exit "
            + process.exitValue() + ")"));
      }
      if (line.startsWith(prefix) || (prefix.startsWith("*") && line.contains(
          prefix.substring(1)))) {
        return line;
      }
      recent.addLast(line);
      if (recent.size() > 10) {
        recent.removeFirst();
      }
    }
  }

  /** CPU time the child has used so far, all its threads; -1 if unknown. */
  long cpuMillis() {
    return process.toHandle().info().totalCpuDuration().map(d -> d.toMillis()).orElse(-1L);
  }

  /** Closes the child's input, which tells it to stop, and waits for it to exit. */
  @Override
  public void close() {
    if (stopBySignal) {
      process.destroy();
    }
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      System.err.println("cannot close the child JVM's input: " + e);
    }
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
