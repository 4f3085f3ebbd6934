package org.hikiwake.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A folder mounted through {@code lossyfs.py} (test resources, {@code powerloss/}):
 * a FUSE file system that holds every write in memory until its file is
 * fsynced, so that cutting the power drops exactly what was not fsynced and
 * the backing folder is left with what a disk would have kept. See the
 * script's header for its limitations (metadata is never lost).
 */
final class LossyMount implements AutoCloseable {
  /** Set to true (CI does) to make a machine without FUSE fail the tests, not skip them. */
  static final String REQUIRE_ENV = "HIKIWAKE_REQUIRE_FUSE";
  private static final Duration ANSWER = Duration.ofSeconds(15);
  private static final Pattern CUT = Pattern.compile(
      "cut dropped_bytes=(\\d+) dropped_writes=(\\d+) files=(\\S*) reason=(.*)");
  private static final Pattern STATS = Pattern.compile(
      "stats pending_bytes=(\\d+) synced_bytes=(\\d+) fsyncs=(\\d+)");

  /**
   * What a power cut threw away: the bytes and write calls not fsynced, per
   * file name, and what set it off ("command", or "armed:SUFFIX").
   */
  record Cut(long droppedBytes, long droppedWrites, Map<String, Long> files, String reason) {
    /** Bytes dropped from the files with these names. */
    long droppedFrom(String... names) {
      return Stream.of(names).mapToLong(n -> files.getOrDefault(n, 0L)).sum();
    }

    static Cut parse(String line) {
      Matcher m = CUT.matcher(line);
      if (!m.matches()) {
        throw new AssertionError("not a cut report: " + line);
      }
      Map<String, Long> files = new LinkedHashMap<>();
      for (String f : m.group(3).split(",")) {
        if (!f.isEmpty()) {
          int colon = f.lastIndexOf(':');
          files.put(f.substring(0, colon), Long.parseLong(f.substring(colon + 1)));
        }
      }
      return new Cut(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
          Collections.unmodifiableMap(files), m.group(4));
    }
  }

  /** What was fsynced through this mount so far, and what is pending now. */
  record Stats(long pendingBytes, long syncedBytes, long fsyncs) {
    static Stats parse(String line) {
      Matcher m = STATS.matcher(line);
      if (!m.matches()) {
        throw new AssertionError("not a stats report: " + line);
      }
      return new Stats(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
          Long.parseLong(m.group(3)));
    }
  }

  private final Path mountPoint;
  private final Process process;
  private final Writer control;
  private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
  /** Cut reports, apart: one set off by {@link #arm} may come while another answer is awaited. */
  private final BlockingQueue<String> cuts = new LinkedBlockingQueue<>();
  private final List<String> otherOutput = Collections.synchronizedList(new ArrayList<>());
  private boolean mounted = true;

  private LossyMount(Path mountPoint, Process process) {
    this.mountPoint = mountPoint;
    this.process = process;
    this.control = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(
          process.getInputStream(), StandardCharsets.UTF_8))) {
        out.lines().forEach(line -> {
          if (line.startsWith("cut ")) {
            cuts.add(line);
          } else if (line.equals("ready") || line.equals("armed") || line.startsWith("stats ")) {
            answers.add(line);
          } else {
            otherOutput.add(line);
          }
        });
      } catch (IOException | UncheckedIOException e) {
        otherOutput.add("reading lossyfs: " + e);
      }
    }, "lossyfs-output");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * What this machine lacks to run the power-loss tests, or empty if nothing:
   * /dev/fuse, a Python 3 with fusepy, and a way to unmount (root, or fusermount).
   */
  static Optional<String> missing() {
    if (!Files.exists(Path.of("/dev/fuse"))) {
      return Optional.of("no /dev/fuse: this machine (or container) has no FUSE");
    }
    if (python().isEmpty()) {
      return Optional.of("no Python 3 with fusepy (Debian: apt-get install python3-fusepy;"
          + " or point HIKIWAKE_FUSE_PYTHON at a python3 that has it)");
    }
    if (!isRoot() && onPath("fusermount").isEmpty()) {
      return Optional.of("not root and no fusermount to mount with (Debian: apt-get install"
          + " fuse)");
    }
    return Optional.empty();
  }

  /** Mounts a fresh lossy file system over {@code backing} at {@code mountPoint}. */
  static LossyMount mount(Path backing, Path mountPoint) throws IOException,
      InterruptedException {
    Files.createDirectories(backing);
    Files.createDirectories(mountPoint);
    Process p = new ProcessBuilder(python().orElseThrow(), script().toString(),
        backing.toString(), mountPoint.toString()).redirectErrorStream(true).start();
    LossyMount fs = new LossyMount(mountPoint, p);
    String first = fs.answers.poll(ANSWER.toMillis(), TimeUnit.MILLISECONDS);
    if (!"ready".equals(first)) {
      p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      throw new AssertionError("lossyfs did not mount " + mountPoint + " (" + first + "): "
          + fs.otherOutput);
    }
    return fs;
  }

  /**
   * Cuts the power now: every write not fsynced is dropped, and nothing changes after.
   * If an armed cut came first, that is the one reported.
   */
  Cut cut() throws IOException, InterruptedException {
    send("cut");
    return Cut.parse(next(cuts));
  }

  /** Cuts the power right after the {@code nth} write from now to a file ending in suffix. */
  void arm(String suffix, int nth) throws IOException, InterruptedException {
    send("arm " + suffix + " " + nth);
    answer("armed");
  }

  /** What went through the mount so far. */
  Stats stats() throws IOException, InterruptedException {
    send("stats");
    return Stats.parse(answer("stats "));
  }

  /** The cut an {@link #arm} set off, if it came within the wait. */
  Optional<Cut> awaitCut(Duration wait) throws InterruptedException {
    String line = cuts.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    return Optional.ofNullable(line).map(Cut::parse);
  }

  /** Unmounts; everything on the mount must be closed (the server's process ended). */
  void unmount() throws IOException, InterruptedException {
    if (!mounted) {
      return;
    }
    mounted = false;
    // root unmounts as anyone would; others through FUSE's setuid helper
    String where = mountPoint.toString();
    boolean done = run(isRoot() ? List.of("umount", where) : List.of("fusermount", "-u", where));
    if (!done) {
      // something still holds a file there: detach it anyway, so the test can go on
      run(isRoot() ? List.of("umount", "-l", where) : List.of("fusermount", "-u", "-z", where));
    }
    // its input is closed only once it has ended: at the end of its input, lossyfs unmounts
    // its mount point itself, which must never hit the next mount there
    boolean ended = process.waitFor(15, TimeUnit.SECONDS);
    if (!ended) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
    try {
      control.close();
    } catch (IOException e) {
      // it has ended: nothing reads the pipe any more
    }
    if (!ended) {
      throw new AssertionError("lossyfs did not end after unmounting: " + otherOutput);
    }
    if (!done) {
      throw new AssertionError(mountPoint + " was busy at unmount");
    }
  }

  /** What lossyfs printed besides its answers (Python's warnings, tracebacks). */
  List<String> otherOutput() {
    return List.copyOf(otherOutput);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    unmount();
  }

  private void send(String command) throws IOException {
    control.write(command + "\n");
    control.flush();
  }

  private String answer(String prefix) throws InterruptedException {
    String line = next(answers);
    if (!line.startsWith(prefix)) {
      throw new AssertionError("lossyfs answered " + line + ", not " + prefix);
    }
    return line;
  }

  private String next(BlockingQueue<String> queue) throws InterruptedException {
    String line = queue.poll(ANSWER.toMillis(), TimeUnit.MILLISECONDS);
    if (line == null) {
      throw new AssertionError("lossyfs did not answer: " + otherOutput);
    }
    return line;
  }

  private static boolean run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return false;
    }
    if (p.exitValue() != 0) {
      System.err.println(String.join(" ", command) + ": " + out.strip());
    }
    return p.exitValue() == 0;
  }

  private static Path script() {
    try {
      return Path.of(LossyMount.class.getResource("/powerloss/lossyfs.py").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Optional<String> python;

  /** The first Python 3 that can import fusepy: $HIKIWAKE_FUSE_PYTHON, Debian's, the PATH's. */
  private static synchronized Optional<String> python() {
    if (python == null) {
      python = Stream.of(System.getenv("HIKIWAKE_FUSE_PYTHON"), "/usr/bin/python3", "python3")
          .filter(c -> c != null && !c.isBlank()).filter(LossyMount::hasFusepy).findFirst();
    }
    return python;
  }

  private static boolean hasFusepy(String candidate) {
    try {
      Process p = new ProcessBuilder(candidate, script().toString(), "--check")
          .redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static boolean isRoot() {
    try {
      return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  private static Optional<Path> onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    return Stream.of(path.split(java.io.File.pathSeparator)).map(d -> Path.of(d, tool))
        .filter(Files::isExecutable).findFirst();
  }
}
