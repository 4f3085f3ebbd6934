package org.hikiwake.bench.load;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hikiwake.proto.wire.ServerMessage;
import org.hikiwake.server.HikiwakeServer;
import org.hikiwake.server.ServerConfig;
import org.hikiwake.server.room.GameListing;

/**
 * Load benchmark of the game server against a bare Netty echo server on the
 * same machine, plus heap, idle-connection and restart measurements; prints a
 * summary and writes it into {@code bench/RESULTS.md}. Run from the repository root:
 *
 * <pre>
 * ./mvnw -B -o -q -pl proto,scenarios,engine,codec,server,bench package \
 *   dependency:build-classpath -DskipTests -Dmdep.outputFile=/tmp/bench.cp
 * java -Xmx4g -cp bench/target/classes:$(cat /tmp/bench.cp) org.hikiwake.bench.load.LoadBenchmark
 * </pre>
 *
 * <p>Add {@code --quick} for a run of about a minute and a half, {@code --windows=3} on a
 * machine shared with other work; {@code --help} lists the options.
 */
public final class LoadBenchmark {
  static final String COMMAND = "java -Xmx4g -cp bench/target/classes:$(cat /tmp/bench.cp)"
      + " org.hikiwake.bench.load.LoadBenchmark";
  static final String BUILD = "./mvnw -B -o -q -pl proto,scenarios,engine,codec,server,bench"
      + " package dependency:build-classpath -DskipTests -Dmdep.outputFile=/tmp/bench.cp";
  /** Per-connection message rate of every server here; the default (20/s, burst 60) throttles. */
  private static final double BENCH_RATE = 1_000_000;
  private static final int BENCH_BURST = 1_000_000;
  /** Rounds of the games played to their end for the finished-game heap figure. */
  private static final int FINISHED_ROUNDS = 6;
  private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(5);
  /** Rounds of each game of the finished-games soak: short, so that many games end. */
  private static final int SOAK_ROUNDS = 2;
  /** Game slots of the soak. */
  private static final int SOAK_SLOTS = 500;
  /** The windows of the last load run measured, in order. */
  private List<LoadRun> lastWindows = List.of();

  private final LoadOptions options;
  private final EventLoopGroup clients;
  private final Summary summary;

  private LoadBenchmark(LoadOptions options, String args) {
    this.options = options;
    this.clients = new MultiThreadIoEventLoopGroup(options.clientThreads(),
        new DefaultThreadFactory("bench-client"), NioIoHandler.newFactory());
    this.summary = new Summary(options, args);
  }

  public static void main(String[] args) throws Exception {
    LoadOptions options = parseOrExit(args);
    quietLogging(options.serverLog());
    new LoadBenchmark(options, String.join(" ", args)).run();
  }

  private static LoadOptions parseOrExit(String[] args) {
    try {
      return LoadOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      throw new AssertionError(e);
    }
  }

  /** Logback would log Netty and the server at DEBUG to the console; keep the output to figures. */
  private static void quietLogging(String level) throws IOException {
    if (System.getProperty("logback.configurationFile") != null) {
      return;
    }
    Path config = Files.createTempFile("hikiwake-load-logback", ".xml");
    config.toFile().deleteOnExit();
    Files.writeString(config, "<configuration>\n"
        + "  <appender name=\"ERR\" class=\"ch.qos.logback.core.ConsoleAppender\">\n"
        + "    <target>System.err</target>\n"
        + "    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{20} - %msg%n"
        + "</pattern></encoder>\n"
        + "  </appender>\n"
        + "  <root level=\"" + level + "\"><appender-ref ref=\"ERR\"/></root>\n"
        + "</configuration>\n", StandardCharsets.UTF_8);
    System.setProperty("logback.configurationFile", config.toString());
  }

  private void run() throws Exception {
    summary.printSetup();
    try {
      int games = options.connections() / 2;
      if (options.runs("durable")) {
        summary.durablePeak = gameRun("game, durable", true, games, options.rate());
        summary.durableWindows = lastWindows;
        if (options.halfRate() && summary.durablePeak.perSecond() > 0) {
          summary.durableHalf = gameRun("game, durable, half rate", true, games,
              summary.durablePeak.perSecond() / 2);
        }
      }
      if (options.runs("noop")) {
        summary.noopPeak = gameRun("game, no-op sink", false, games, options.rate());
        if (options.halfRate() && !options.quick() && summary.noopPeak.perSecond() > 0) {
          summary.noopHalf = gameRun("game, no-op sink, half rate", false, games,
              summary.noopPeak.perSecond() / 2);
        }
      }
      if (options.runs("echo")) {
        summary.fanOut = echoRun(games, true, 0);
        summary.echo = echoRun(games, false, 0);
        LoadRun paced = summary.durableHalf != null ? summary.durableHalf : summary.noopHalf;
        if (paced != null) {
          summary.fanOutPaced = echoRun(games, true, paced.targetRate());
        }
      }
      if (options.runs("heap")) {
        summary.noopParked = parkedGames(false, options.parkedOffers(), false);
        if (options.parkedOffers() > 1) {
          summary.noopParkedShort = parkedGames(false, 1, false);
        }
        if (!options.quick()) {
          summary.finished = finishedGames(options.parkedGames(), FINISHED_ROUNDS);
        }
      }
      if (options.runs("heap") || options.runs("restart")) {
        summary.durableParked = parkedGames(true, options.parkedOffers(),
            options.runs("restart"));
      }
      if (options.runs("idle")) {
        summary.idle = idleConnections(options.idleConnections());
      }
      if (options.runs("soak")) {
        summary.soak = soak(options.soakGames());
      }
      if (options.runs("abuse")) {
        double rate = summary.durableHalf != null ? summary.durableHalf.targetRate() : 3_000;
        summary.abuse = abuse(games, rate, options.abusers());
      }
    } finally {
      clients.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
    }
    summary.printAndWrite();
  }

  private ServerConfig config(Path dataDir, boolean durable) {
    return ServerConfig.defaults().withPort(0).withDataDir(dataDir).withDurable(durable)
        .withMessageRate(BENCH_RATE, BENCH_BURST).withMaxGames(10_000_000)
        .withIdleTimeout(Duration.ofMinutes(10));
  }

  // ------------------------------------------------------------------ load runs

  private LoadRun gameRun(String label, boolean durable, int games, double rate)
      throws Exception {
    Path dir = Files.createTempDirectory("hikiwake-load-");
    try (HikiwakeServer server = HikiwakeServer.start(config(dir, durable))) {
      LoadStats stats = new LoadStats();
      GameLoad load = new GameLoad(clients, server.port(), games, options.rounds(), rate, 0,
          true, stats);
      System.out.printf("%s: %d games on %d connections, %s ...%n", label, games, games * 2,
          rate > 0 ? String.format("target %,.0f offers/s", rate) : "as fast as possible");
      try {
        load.start();
        boolean allStarted = load.awaitStarted(60, TimeUnit.SECONDS);
        warmUp();
        return measure(label, rate, stats, server::connectionCount, allStarted,
            () -> load.stalled(QUIET_NANOS));
      } finally {
        load.close();
      }
    } finally {
      deleteTree(dir);
    }
  }

  private LoadRun echoRun(int pairs, boolean fanOut, double rate) throws Exception {
    try (EchoServer server = EchoServer.start(0, fanOut)) {
      LoadStats stats = new LoadStats();
      EchoLoad load = new EchoLoad(clients, server.port(), pairs, fanOut, rate, stats);
      String label = (fanOut ? "echo fan-out" : "echo 1:1")
          + (rate > 0 ? ", same rate" : " (bare Netty)");
      System.out.printf("%s: %d pairs on %d connections, %s ...%n", label, pairs, pairs * 2,
          rate > 0 ? String.format("target %,.0f messages/s", rate) : "as fast as possible");
      try {
        load.start();
        boolean allStarted = load.awaitStarted(60, TimeUnit.SECONDS);
        warmUp();
        return measure(label, rate, stats, load::openClientChannels, allStarted, () -> 0);
      } finally {
        load.close();
      }
    }
  }

  /**
   * Waits out the warm-up, then on until the JIT compilers have settled (used
   * under 5% of a core over the last second), for at most 30 s more (3 s in the
   * quick run): on a busy two-core machine C2 can still be compiling the hot
   * paths after seconds.
   */
  private void warmUp() throws InterruptedException {
    Thread.sleep(TimeUnit.SECONDS.toMillis(options.warmup()));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.quick() ? 3 : 30);
    long start = System.nanoTime();
    while (System.nanoTime() < deadline) {
      long before = CpuSampler.sample().getOrDefault(CpuSampler.JIT, 0L);
      Thread.sleep(1_000);
      long jit = CpuSampler.sample().getOrDefault(CpuSampler.JIT, 0L) - before;
      if (jit < 50_000_000L) {
        break;
      }
    }
    long extra = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
    if (extra > 1) {
      System.out.printf("  (warm-up went on %d s more, until the JIT compilers settled)%n", extra);
    }
  }

  /**
   * Measures {@code --windows} windows back to back and keeps the one in which
   * other processes on the machine used the least CPU (a choice that does not
   * look at the figures themselves).
   */
  private LoadRun measure(String label, double rate, LoadStats stats, IntSupplier connections,
      boolean allStarted, IntSupplier stalled) throws InterruptedException {
    LoadStats.Snapshot before = stats.snapshot();
    Map<String, Long> cpuBefore = CpuSampler.sample();
    LoadRun best = null;
    List<LoadRun> windows = new ArrayList<>();
    for (int w = 1; w <= options.windows(); w++) {
      long end = before.atNanos() + TimeUnit.SECONDS.toNanos(options.seconds());
      int minConnections = Integer.MAX_VALUE;
      int maxConnections = 0;
      while (System.nanoTime() < end) {
        Thread.sleep(Math.max(1, Math.min(250, (end - System.nanoTime()) / 1_000_000)));
        int c = connections.getAsInt();
        minConnections = Math.min(minConnections, c);
        maxConnections = Math.max(maxConnections, c);
      }
      LoadStats.Snapshot after = stats.snapshot();
      Map<String, Long> cpuAfter = CpuSampler.sample();
      LoadRun run = new LoadRun(label, rate, (after.atNanos() - before.atNanos()) / 1e9,
          after.delivered() - before.delivered(), after.received() - before.received(),
          after.sent() - before.sent(), after.gamesFinished() - before.gamesFinished(),
          after.errors(), after.dropped(), stalled.getAsInt(), allStarted,
          after.latencyMicros(), minConnections, maxConnections,
          CpuSampler.between(cpuBefore, cpuAfter), stats.firstErrors(), stats.sizes());
      System.out.println((options.windows() > 1 ? "  window " + w + ": " : "  ") + run.line());
      windows.add(run);
      // Ties (to a tenth of a core) go to the later, better warmed window.
      if (best == null
          || Math.round(run.othersCores() * 10) <= Math.round(best.othersCores() * 10)) {
        best = run;
      }
      before = after;
      cpuBefore = cpuAfter;
    }
    lastWindows = List.copyOf(windows);
    return best;
  }

  // ------------------------------------------------------------ soak and abuse

  /**
   * Plays many short games to their end on a durable server, then measures
   * what the heap kept once their players left and their grace passed.
   */
  private Soak soak(int games) throws Exception {
    Path dir = Files.createTempDirectory("hikiwake-soak-");
    System.out.printf("finished-games soak, durable: %,d games of %d rounds, %d at a time ...%n",
        games, SOAK_ROUNDS, SOAK_SLOTS);
    try (HikiwakeServer server = HikiwakeServer.start(config(dir, true))) {
      long baseline = HeapGauge.usedAfterGc();
      LoadStats stats = new LoadStats();
      GameLoad load = new GameLoad(clients, server.port(), SOAK_SLOTS, SOAK_ROUNDS, 0, 0, true,
          stats);
      long t0 = System.nanoTime();
      long nextReport = t0 + TimeUnit.SECONDS.toNanos(30);
      try {
        load.start();
        while (stats.gamesFinished.sum() < games) {
          Thread.sleep(200);
          if (System.nanoTime() > nextReport) {
            System.out.printf("  %,d games finished, %,d in memory%n", stats.gamesFinished.sum(),
                server.lobby().size());
            nextReport += TimeUnit.SECONDS.toNanos(30);
          }
          if (System.nanoTime() - t0 > TimeUnit.MINUTES.toNanos(30)) {
            System.out.println("  stopped after 30 minutes");
            break;
          }
        }
      } finally {
        load.close();
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      long finished = stats.gamesFinished.sum();
      waitForConnections(server, 0);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      // the games cut short by the stop stay (unfinished); the finished ones leave after the grace
      while (System.nanoTime() < deadline && server.lobby().list().stream()
          .anyMatch(GameListing::isOver)) {
        Thread.sleep(250);
      }
      long after = HeapGauge.usedAfterGc();
      long db = Files.size(dir.resolve("hikiwake.db"))
          + (Files.exists(dir.resolve("hikiwake.db-wal")) ? Files.size(dir.resolve(
              "hikiwake.db-wal")) : 0);
      Soak soak = new Soak(finished, seconds, baseline, after, server.lobby().size(), db);
      System.out.println("  " + soak.line());
      if (stats.errors.sum() > 0) {
        System.out.println("  errors: " + stats.firstErrors());
      }
      return soak;
    } finally {
      deleteTree(dir);
    }
  }

  /** Honest games at a paced rate, alone and then with abusive connections going. */
  private Abuse abuse(int games, double rate, int abusers) throws Exception {
    Path dir = Files.createTempDirectory("hikiwake-abuse-");
    System.out.printf("abuse: %d honest games paced at %,.0f offers/s, alone and with %d abusive"
        + " connections ...%n", games, rate, abusers);
    EventLoopGroup abuseGroup = new MultiThreadIoEventLoopGroup(1,
        new DefaultThreadFactory("bench-abuser"), NioIoHandler.newFactory());
    try (HikiwakeServer server = HikiwakeServer.start(config(dir, true))) {
      LoadStats stats = new LoadStats();
      GameLoad load = new GameLoad(clients, server.port(), games, options.rounds(), rate, 0,
          true, stats);
      try {
        load.start();
        boolean allStarted = load.awaitStarted(60, TimeUnit.SECONDS);
        warmUp();
        LoadRun alone = measure("honest, alone", rate, stats, server::connectionCount,
            allStarted, () -> load.stalled(QUIET_NANOS));
        long heapAlone = HeapGauge.usedAfterGc();
        long rssAlone = Abuse.rss();
        try (Abusers abusive = new Abusers(abuseGroup, server.port())) {
          abusive.start(abusers);
          Thread.sleep(TimeUnit.SECONDS.toMillis(Math.max(1, options.warmup())));
          long frames0 = abusive.frames();
          long reconnects0 = abusive.reconnects();
          LoadRun abused = measure("honest, with abusers", rate, stats,
              server::connectionCount, allStarted, () -> load.stalled(QUIET_NANOS));
          long frames = abusive.frames() - frames0;
          long reconnects = abusive.reconnects() - reconnects0;
          long heapAbused = HeapGauge.usedAfterGc();
          long rssAbused = Abuse.rss();
          Abuse abuse = new Abuse(alone, abused, abusers, frames, reconnects, heapAlone,
              heapAbused, rssAlone, rssAbused);
          System.out.println("  " + abuse.line());
          return abuse;
        }
      } finally {
        load.close();
      }
    } finally {
      abuseGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
      deleteTree(dir);
    }
  }


  // -------------------------------------------------------- heap and restart

  private Parked parkedGames(boolean durable, int offers, boolean restart) throws Exception {
    int games = options.parkedGames();
    Path dir = Files.createTempDirectory("hikiwake-parked-");
    ServerConfig config = config(dir, durable);
    System.out.printf("parked games, %s: %d games, both seats joined, %d offers each ...%n",
        durable ? "durable" : "no-op sink", games, offers);
    HikiwakeServer server = HikiwakeServer.start(config);
    try {
      long baseline = HeapGauge.usedAfterGc();
      Parking parking = park(server, games, offers);
      waitForConnections(server, 0);
      Thread.sleep(300); // the rooms handle the leaves on their own threads
      long serverOnly = HeapGauge.usedAfterGc();
      Restart warm = null;
      Restart cold = null;
      List<Restart> served = new ArrayList<>();
      if (restart) {
        server.close();
        warm = warmRestart(config, parking.tickets(), offers);
        cold = coldRestart(dir, parking.tickets(), offers);
        served.addAll(servedRestarts(dir, parking.tickets(), offers));
        String keep = System.getProperty("hikiwake.bench.keepRestartData");
        if (keep != null) {
          // a copy of the data folder the restarts recovered, to try a start on it by hand
          Path copy = Path.of(keep);
          try (var files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
              Files.copy(f, copy.resolve(dir.relativize(f).toString()),
                  java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
          }
          System.out.println("  the restarts' data folder is copied to " + copy);
        }
      }
      Parked parked = new Parked(durable, games, offers, parking.allParked(),
          parking.connections(), baseline, parking.withClients(), serverOnly,
          server.lobby().size(), warm, cold, served);
      System.out.println("  " + parked.line());
      return parked;
    } finally {
      server.close();
      deleteTree(dir);
    }
  }

  /** Plays the parked games, measures the heap with them and their clients, then disconnects. */
  private Parking park(HikiwakeServer server, int games, int offers) throws Exception {
    LoadStats stats = new LoadStats();
    GameLoad load = new GameLoad(clients, server.port(), games, options.rounds(), 0, offers,
        false, stats);
    try {
      load.start();
      boolean allParked = load.awaitParked(120, TimeUnit.SECONDS);
      Thread.sleep(300); // the last Done replies
      long withClients = HeapGauge.usedAfterGc();
      int connections = server.connectionCount();
      if (stats.errors.sum() > 0) {
        System.out.println("  errors while parking: " + stats.firstErrors());
      }
      return new Parking(allParked, connections, withClients, load.tickets(1));
    } finally {
      load.close();
    }
  }

  /** Plays games to their end, disconnects, and measures the heap the server keeps for them. */
  private Finished finishedGames(int games, int rounds) throws Exception {
    Path dir = Files.createTempDirectory("hikiwake-finished-");
    System.out.printf("finished games, no-op sink: %d games of %d rounds played to an"
        + " agreement ...%n", games, rounds);
    try (HikiwakeServer server = HikiwakeServer.start(config(dir, false))) {
      long baseline = HeapGauge.usedAfterGc();
      LoadStats stats = new LoadStats();
      GameLoad load = new GameLoad(clients, server.port(), games, rounds, 0, 0, false, stats);
      boolean allFinished;
      try {
        load.start();
        allFinished = load.awaitFinished(120, TimeUnit.SECONDS);
      } finally {
        load.close();
      }
      waitForConnections(server, 0);
      Thread.sleep(300);
      Finished finished = new Finished(games, rounds, allFinished, baseline,
          HeapGauge.usedAfterGc(), server.lobby().size());
      System.out.println("  " + finished.line());
      return finished;
    } finally {
      deleteTree(dir);
    }
  }

  private record Parking(boolean allParked, int connections, long withClients,
      List<String[]> tickets) {}

  private Restart warmRestart(ServerConfig config, List<String[]> tickets, int offers)
      throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpu0 = threads.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    try (HikiwakeServer again = HikiwakeServer.start(config)) {
      long started = System.nanoTime();
      long cpuMillis = ms(threads.getCurrentThreadCpuTime() - cpu0);
      try (ProbeClient probe = ProbeClient.connect(clients, again.port())) {
        ServerMessage welcome = probe.hello();
        long welcomed = System.nanoTime();
        String resumed = resumeCheck(probe, tickets, offers);
        long resumedAt = System.nanoTime();
        return new Restart("in-process (warm JVM)", again.unfinishedRecovered(),
            -1, ms(started - t0), ms(welcomed - t0), ms(resumedAt - t0), cpuMillis,
            welcome.hasWelcome() ? resumed : "no welcome: " + welcome);
      }
    }
  }

  /**
   * The restart as an operator makes it: {@code java -jar app/target/hikiwake.jar serve} in
   * a new JVM, without and then with the class-data-sharing archive the launcher made for
   * it (the newest {@code app/target/hikiwake-serve-*.jsa}, if there is one); nothing if the
   * jar is not built. {@code -Dhikiwake.bench.serverJar} names another jar.
   */
  private List<Restart> servedRestarts(Path dir, List<String[]> tickets, int offers)
      throws Exception {
    Path jar = Path.of(System.getProperty("hikiwake.bench.serverJar", "app/target/hikiwake.jar"));
    if (!Files.isRegularFile(jar)) {
      System.out.println("  (no " + jar + ": build it with ./hikiwake --version to time the"
          + " launcher's restart too)");
      return List.of();
    }
    Optional<Path> archive;
    try (var files = Files.list(jar.toAbsolutePath().getParent())) {
      archive = files.filter(f -> f.getFileName().toString().startsWith("hikiwake-serve-")
          && f.getFileName().toString().endsWith(".jsa"))
          .max(Comparator.comparing(f -> f.toFile().lastModified()));
    }
    List<Restart> out = new ArrayList<>();
    out.add(servedRestart(dir, tickets, offers, jar, List.of(), "java -jar " + jar + " serve"));
    if (archive.isPresent()) {
      out.add(servedRestart(dir, tickets, offers, jar, List.of("-Xshare:auto",
          "-XX:SharedArchiveFile=" + archive.get(), "-Xlog:cds=off", "-Xlog:cds+dynamic=off"),
          "the same with the launcher's archive " + archive.get().getFileName()));
    } else {
      System.out.println("  (no launcher archive beside " + jar + ": ./hikiwake serve makes"
          + " one)");
    }
    return out;
  }

  private Restart servedRestart(Path dir, List<String[]> tickets, int offers, Path jar,
      List<String> jvmOptions, String how) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    long t0 = System.nanoTime();
    try (ChildJvm child = ChildJvm.startJar(java, jvmOptions, jar, "serve", "--port", "0",
        "--data", dir.toString())) {
      // the store says how many it found ("...: 1000 unfinished games to resume, 0 damaged")
      String found = child.awaitLine("*unfinished games to resume", 120, TimeUnit.SECONDS);
      Matcher n = Pattern.compile("(\\d+) unfinished games to resume").matcher(found);
      int recovered = n.find() ? Integer.parseInt(n.group(1)) : -1;
      String line = child.awaitLine("*server listening on ", 120, TimeUnit.SECONDS);
      long started = System.nanoTime();
      long cpuMillis = child.cpuMillis();
      Matcher m = Pattern.compile(":(\\d+)").matcher(line);
      if (!m.find()) {
        throw new IOException("no port in the server's line: " + line);
      }
      try (ProbeClient probe = ProbeClient.connect(clients, Integer.parseInt(m.group(1)))) {
        ServerMessage welcome = probe.hello();
        long welcomed = System.nanoTime();
        String resumed = resumeCheck(probe, tickets, offers);
        long resumedAt = System.nanoTime();
        return new Restart("new JVM, " + how, recovered, -1, ms(started - t0),
            ms(welcomed - t0), ms(resumedAt - t0), cpuMillis,
            welcome.hasWelcome() ? resumed : "no welcome: " + welcome);
      }
    }
  }

  private Restart coldRestart(Path dir, List<String[]> tickets, int offers) throws Exception {
    long t0 = System.nanoTime();
    // -Dhikiwake.bench.coldJava and -Dhikiwake.bench.coldJvmOptions (split at spaces) try the
    // cold restart on another JVM or with other options, e.g. a class-data-sharing archive
    String java = System.getProperty("hikiwake.bench.coldJava",
        ProcessHandle.current().info().command().orElse("java"));
    List<String> jvmOptions = System.getProperty("hikiwake.bench.coldJvmOptions", "").isBlank()
        ? List.of() : List.of(System.getProperty("hikiwake.bench.coldJvmOptions").strip()
            .split("\\s+"));
    if (!jvmOptions.isEmpty() || System.getProperty("hikiwake.bench.coldJava") != null) {
      System.out.println("  cold restart on " + java + " " + String.join(" ", jvmOptions));
    }
    try (ChildJvm child = ChildJvm.start(java, jvmOptions, RestartedServer.class, "1g",
        dir.toString(), "120")) {
      String[] port = child.awaitLine("PORT ", 120, TimeUnit.SECONDS).split(" ");
      long started = System.nanoTime();
      long cpuMillis = child.cpuMillis();
      try (ProbeClient probe = ProbeClient.connect(clients, Integer.parseInt(port[1]))) {
        ServerMessage welcome = probe.hello();
        long welcomed = System.nanoTime();
        String resumed = resumeCheck(probe, tickets, offers);
        long resumedAt = System.nanoTime();
        return new Restart("new JVM (cold)", Integer.parseInt(port[2]),
            Long.parseLong(port[3]) + Long.parseLong(port[4]), ms(started - t0),
            ms(welcomed - t0), ms(resumedAt - t0), cpuMillis,
            welcome.hasWelcome() ? resumed : "no welcome: " + welcome);
      }
    }
  }

  /** Resumes one recovered seat and checks the game stands where it was left. */
  private static String resumeCheck(ProbeClient probe, List<String[]> tickets, int offers)
      throws Exception {
    if (tickets.isEmpty()) {
      return "no seat to resume";
    }
    ServerMessage joined = probe.resume(tickets.get(0)[0], tickets.get(0)[1]);
    if (!joined.hasJoined()) {
      return "resume failed: " + joined;
    }
    int turn = joined.getJoined().getGame().getTurn();
    return (turn == offers ? "resumed a seat at turn " : "resumed a seat at UNEXPECTED turn ")
        + turn + ", " + joined.getJoined().getGame().getHistoryCount() + " events of history";
  }

  // ------------------------------------------------------------ idle connections

  private Idle idleConnections(int count) throws Exception {
    Path dir = Files.createTempDirectory("hikiwake-idle-");
    System.out.printf("idle connections: %,d connections from a child JVM, each says hello ...%n",
        count);
    long fdLimit = Summary.fdLimitValue();
    if (fdLimit > 0 && fdLimit < count + 1_000) {
      System.out.printf("  warning: the file limit (ulimit -n) is %,d; this JVM and the child each"
          + " need about %,d. Raise it with ulimit -n.%n", fdLimit, count + 1_000);
    }
    try (HikiwakeServer server = HikiwakeServer.start(config(dir, false))) {
      long baseline = HeapGauge.usedAfterGc();
      long t0 = System.nanoTime();
      try (ChildJvm child = ChildJvm.start(IdleClients.class, "1g",
          String.valueOf(server.port()), String.valueOf(count), "300")) {
        String[] ready = child.awaitLine("READY ", 240, TimeUnit.SECONDS).split(" ");
        long connectedMillis = ms(System.nanoTime() - t0);
        waitForConnections(server, Integer.parseInt(ready[1]));
        long held = HeapGauge.usedAfterGc();
        Idle idle = new Idle(count, Integer.parseInt(ready[1]), Integer.parseInt(ready[2]),
            server.connectionCount(), baseline, held, connectedMillis);
        System.out.println("  " + idle.line());
        return idle;
      }
    } finally {
      deleteTree(dir);
    }
  }

  private static void waitForConnections(HikiwakeServer server, int expected)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (server.connectionCount() != expected && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
  }

  private static long ms(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(dir)) {
      paths = new ArrayList<>(walk.toList());
    }
    paths.sort(Comparator.reverseOrder());
    for (Path p : paths) {
      Files.deleteIfExists(p);
    }
  }
}
