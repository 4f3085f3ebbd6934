package org.hikiwake.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Servers in child processes on one data folder, so a test can kill one with
 * SIGKILL (no shutdown of any kind) and start the next on what it left.
 */
final class ChildServers implements AutoCloseable {
  private final Path data;
  private final List<Process> children = new ArrayList<>();

  ChildServers(Path data) {
    this.data = data;
  }

  /** Starts {@link ServerMain} on a free port with the given JVM options. */
  Process start(String... jvmOptions) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(List.of(jvmOptions));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"),
        ServerMain.class.getName(), "--port", "0", "--data", data.toString()));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    children.add(p);
    return p;
  }

  /** Waits for the child to say where it listens; its further output is drained. */
  static int portOf(Process p) throws IOException {
    return portOf(p, line -> { });
  }

  /** As {@link #portOf(Process)}, handing every line the child prints to a sink as well. */
  static int portOf(Process p, Consumer<String> sink) throws IOException {
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
        StandardCharsets.UTF_8));
    List<String> lines = new ArrayList<>();
    String line;
    while ((line = out.readLine()) != null) {
      sink.accept(line);
      if (line.startsWith("listening on ")) {
        int port = Integer.parseInt(line.substring("listening on ".length()).trim());
        Thread drain = new Thread(() -> out.lines().forEach(sink), "child-output");
        drain.setDaemon(true);
        drain.start();
        return port;
      }
      lines.add(line);
    }
    throw new AssertionError("child server did not start: " + lines);
  }

  @Override
  public void close() {
    children.forEach(Process::destroyForcibly);
  }
}
