package org.hikiwake.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.hikiwake.server.HikiwakeServer;
import org.hikiwake.server.ServerConfig;

/**
 * How long a student waits for {@code hikiwake games}: the whole command,
 * timed from outside as a student's shell would run it (the launcher, a
 * fresh JVM, the connection, the answer), against a real server with a few
 * games, repeated. Modes: {@code java -jar} alone; the launcher with no
 * archive (every run pays for recording one: the first run); the launcher
 * with its archive (every run after the first).
 *
 * <p>Arguments, all optional, in order: the client's tar.gz (default: the
 * one in client-cli/target), runs per mode (20), and more Java homes to time
 * besides the one running this (e.g. /usr/lib/jvm/temurin-25-jdk-amd64).
 * The machine's load average is printed with the figures: on a shared
 * machine they move with it.
 */
public final class StartupBenchmark {
  /** The goal for {@code hikiwake games} once the archive exists. */
  private static final int GOAL_MILLIS = 500;

  private StartupBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path dist = args.length > 0 && !args[0].equals("-") ? Path.of(args[0]) : defaultDist();
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    List<Path> javaHomes = new ArrayList<>();
    javaHomes.add(Path.of(System.getProperty("java.home")));
    for (int i = 2; i < args.length; i++) {
      javaHomes.add(Path.of(args[i]));
    }
    Path work = Files.createTempDirectory("hikiwake-startup");
    run("tar", "-xzf", dist.toString(), "-C", work.toString());
    Path launcher;
    try (Stream<Path> s = Files.list(work)) {
      launcher = s.filter(Files::isDirectory).findFirst().orElseThrow().resolve("hikiwake");
    }
    Path jar = launcher.resolveSibling("lib").resolve("hikiwake-client.jar");
    try (HikiwakeServer server = HikiwakeServer.start(ServerConfig.defaults().withPort(0)
        .withDurable(false))) {
      String address = "127.0.0.1:" + server.port();
      for (int i = 0; i < 3; i++) {
        createGame(javaHomes.get(0), jar, address);
      }
      System.out.printf(Locale.ROOT, "hikiwake games against a server with 3 games, %d runs"
          + " per mode, %d cores, client jar %,d bytes%n", runs,
          Runtime.getRuntime().availableProcessors(), Files.size(jar));
      System.out.printf(Locale.ROOT, "%-50s %7s %7s %7s %7s %6s %6s%n", "mode", "min",
          "p50", "p90", "max", "cpu", "load");
      for (Path home : javaHomes) {
        String java = home.resolve("bin").resolve("java").toString();
        String v = javaVersion(java);
        time(v + ": java -jar (no launcher)", runs, () -> List.of(java, "-jar", jar.toString(),
            "games", "--server", address), env(home, work.resolve("none"), false));
        Path cold = work.resolve("cold");
        time(v + ": launcher, first run (makes archive)", runs, () -> {
          deleteTree(cold);
          return List.of("/bin/sh", launcher.toString(), "games", "--server", address);
        }, env(home, cold, true));
        Path warm = work.resolve("warm-" + home.getFileName());
        run(env(home, warm, true), "/bin/sh", launcher.toString(), "games", "--server", address);
        double p50 = time(v + ": launcher, later runs (archive)", runs, () -> List.of(
            "/bin/sh", launcher.toString(), "games", "--server", address),
            env(home, warm, true));
        System.out.printf(Locale.ROOT, "%s: goal p50 < %d ms after the first run: %s%n", v,
            GOAL_MILLIS, p50 < GOAL_MILLIS ? "met" : "missed");
      }
    } finally {
      deleteTree(work);
    }
  }

  private static Path defaultDist() throws IOException {
    Path target = Path.of("client-cli", "target");
    if (!Files.isDirectory(target)) {
      target = Path.of("..", "client-cli", "target");
    }
    try (Stream<Path> s = Files.list(target)) {
      return s.filter(p -> p.getFileName().toString().matches("hikiwake-client-.*\\.tar\\.gz"))
          .findFirst().orElseThrow(() -> new IllegalStateException(
              "no client tar.gz in client-cli/target: build it with ./mvnw -pl client-cli -am"
                  + " package -DskipTests"));
    }
  }

  private interface Command {
    List<String> next() throws IOException;
  }

  /**
   * Times a command: wall-clock time as the student waits, and the CPU time
   * (user + system, of the launcher and its JVM, from /usr/bin/time) that
   * the machine's load moves less. Returns the median (p50) wall-clock time.
   */
  private static double time(String mode, int runs, Command command, Map<String, String> env)
      throws Exception {
    List<Double> millis = new ArrayList<>();
    List<Double> cpu = new ArrayList<>();
    Path cpuFile = Files.createTempFile("hikiwake-cpu", ".txt");
    boolean timed = Files.isExecutable(Path.of(TIME));
    for (int i = 0; i < runs; i++) {
      List<String> cmd = new ArrayList<>();
      if (timed) {
        cmd.addAll(List.of(TIME, "-f", "%U %S", "-o", cpuFile.toString()));
      }
      cmd.addAll(command.next());
      long t0 = System.nanoTime();
      int exit = run(env, cmd.toArray(String[]::new));
      long t1 = System.nanoTime();
      if (exit != 0) {
        throw new IllegalStateException(mode + ": exit " + exit + " from " + cmd);
      }
      millis.add((t1 - t0) / 1e6);
      if (timed) {
        String[] us = Files.readString(cpuFile).strip().split("\\s+");
        cpu.add((Double.parseDouble(us[us.length - 2]) + Double.parseDouble(us[us.length - 1]))
            * 1000);
      }
    }
    Files.deleteIfExists(cpuFile);
    millis.sort(Comparator.naturalOrder());
    cpu.sort(Comparator.naturalOrder());
    System.out.printf(Locale.ROOT, "%-50s %5.0fms %5.0fms %5.0fms %5.0fms %6s %6s%n", mode,
        millis.get(0), millis.get(millis.size() / 2),
        millis.get((int) Math.ceil(millis.size() * 0.9) - 1), millis.get(millis.size() - 1),
        cpu.isEmpty() ? "?" : String.format(Locale.ROOT, "%.0fms", cpu.get(cpu.size() / 2)),
        loadAverage());
    return millis.get(millis.size() / 2);
  }

  private static final String TIME = "/usr/bin/time";

  private static Map<String, String> env(Path javaHome, Path cache, boolean cds) {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", "/usr/bin:/bin");
    env.put("JAVA_HOME", javaHome.toString());
    env.put("HOME", cache.resolve("home").toString());
    env.put("XDG_CACHE_HOME", cache.resolve("cache").toString());
    env.put("HIKIWAKE_HOME", cache.resolve("hikiwake").toString());
    if (!cds) {
      env.put("HIKIWAKE_CDS", "0");
    }
    return env;
  }

  private static void createGame(Path javaHome, Path jar, String address) throws Exception {
    int exit = run(Map.of("PATH", "/usr/bin:/bin"), javaHome.resolve("bin/java").toString(),
        "-jar", jar.toString(), "create", "-q", "--server", address);
    if (exit != 0) {
      throw new IllegalStateException("create failed: exit " + exit);
    }
  }

  private static String javaVersion(String java) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(java, "-version").redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor();
    int q = out.indexOf('"');
    return "Java " + (q < 0 ? "?" : out.substring(q + 1, out.indexOf('"', q + 1)));
  }

  private static int run(String... command) throws Exception {
    return run(Map.of("PATH", "/usr/bin:/bin"), command);
  }

  private static int run(Map<String, String> env, String... command) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().clear();
    pb.environment().putAll(env);
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    Process p = pb.start();
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("timed out: " + String.join(" ", command));
    }
    return p.exitValue();
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "?";
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
