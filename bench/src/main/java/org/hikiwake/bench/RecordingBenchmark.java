package org.hikiwake.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import java.time.Instant;
import org.hikiwake.codec.EventCodec;
import org.hikiwake.engine.game.Event;
import org.hikiwake.engine.game.GameSettings;
import org.hikiwake.engine.replay.Recorded;
import org.hikiwake.engine.scenario.Package;
import org.hikiwake.engine.scenario.Scenario;
import org.hikiwake.engine.scenario.ScenarioLoader;
import org.hikiwake.server.record.GameHeader;
import org.hikiwake.server.record.GameLog;
import org.hikiwake.server.store.SqliteStore;

/**
 * Group-commit throughput and latency of {@link SqliteStore}: many games
 * append six-issue offers at once, each with a few appends in flight, as rooms
 * on a handful of event-loop threads would; every batch is one transaction
 * and one WAL fsync.
 *
 * <p>Arguments, all optional, in order: data folder ({@code -} for a fresh
 * temporary one, deleted afterwards), seconds measured (10), games (1000),
 * appends in flight per game (4), event-loop threads (available processors).
 */
public final class RecordingBenchmark {
  private static final int WARM_UP_SECONDS = 2;

  private final int inFlightPerGame;
  private final List<ExecutorService> loops = new ArrayList<>();
  private final Recorder latencyNanos = new Recorder(3);
  private volatile boolean stopping;

  private RecordingBenchmark(int inFlightPerGame, int threads) {
    this.inFlightPerGame = inFlightPerGame;
    for (int i = 0; i < threads; i++) {
      loops.add(Executors.newSingleThreadExecutor());
    }
  }

  public static void main(String[] args) throws Exception {
    boolean ownDir = args.length < 1 || args[0].equals("-");
    Path dir = ownDir ? Files.createTempDirectory("hikiwake-recording-bench") : Path.of(args[0]);
    int seconds = intArg(args, 1, 10);
    int games = intArg(args, 2, 1000);
    int inFlight = intArg(args, 3, 4);
    int threads = intArg(args, 4, Runtime.getRuntime().availableProcessors());
    try {
      new RecordingBenchmark(inFlight, threads).run(dir, seconds, games, threads);
    } finally {
      if (ownDir) {
        deleteTree(dir);
      }
    }
  }

  private void run(Path dir, int seconds, int gameCount, int threads) throws Exception {
    Scenario scenario = ScenarioLoader.fromClasspath("japan-russia-2013");
    System.out.printf(Locale.ROOT, "Recording benchmark: %,d games, %d appends in flight per game,"
            + " %d event-loop threads, %d s measured after %d s warm-up%n",
        gameCount, inFlightPerGame, threads, seconds, WARM_UP_SECONDS);
    System.out.printf(Locale.ROOT, "data folder %s (file system: %s); each append is one "
        + "OfferMade record of %d bytes%n", dir,
        Files.getFileStore(Files.createDirectories(dir)).type(),
        EventCodec.toEntry(offer(1)).getSerializedSize());

    try (SqliteStore store = SqliteStore.open(dir)) {
      long createStart = System.nanoTime();
      List<CompletableFuture<GameLog>> created = new ArrayList<>();
      for (int g = 0; g < gameCount; g++) {
        created.add(store.create(new GameHeader(String.format(Locale.ROOT, "BENCH%05d", g),
            Instant.now(), scenario, GameSettings.untimed(scenario.rounds()))));
      }
      List<Game> games = new ArrayList<>();
      for (int g = 0; g < gameCount; g++) {
        games.add(new Game(created.get(g).get(60, TimeUnit.SECONDS), loops.get(g % loops.size())));
      }
      double createSeconds = (System.nanoTime() - createStart) / 1e9;
      System.out.printf(Locale.ROOT, "created %,d games at once in %.2f s (%,d commits)%n",
          gameCount, createSeconds, store.batchCount());

      CountDownLatch drained = new CountDownLatch(gameCount);
      for (Game game : games) {
        game.drained = drained;
        game.loop.execute(game::start);
      }
      TimeUnit.SECONDS.sleep(WARM_UP_SECONDS);
      latencyNanos.reset();
      long appends0 = store.appendCount();
      long batches0 = store.batchCount();
      long start = System.nanoTime();
      TimeUnit.SECONDS.sleep(seconds);
      long appends = store.appendCount() - appends0;
      long batches = store.batchCount() - batches0;
      double elapsed = (System.nanoTime() - start) / 1e9;
      Histogram latency = latencyNanos.getIntervalHistogram();
      stopping = true;
      if (!drained.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("appends still in flight after 60 s");
      }
      for (Game game : games) {
        game.log.close().get(30, TimeUnit.SECONDS);
      }

      System.out.printf(Locale.ROOT, "events/s:          %,12.0f  (%,d durable appends in %.2f s)%n",
          appends / elapsed, appends, elapsed);
      System.out.printf(Locale.ROOT, "commits/s:         %,12.0f  (one transaction and one WAL"
          + " fsync each)%n", batches / elapsed);
      System.out.printf(Locale.ROOT, "mean batch size:   %,12.1f  appends%n",
          (double) appends / batches);
      System.out.printf(Locale.ROOT, "append-to-durable: p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms,"
              + " max %.2f ms (%,d samples)%n",
          latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(99) / 1e6,
          latency.getValueAtPercentile(99.9) / 1e6, latency.getMaxValue() / 1e6,
          latency.getTotalCount());
    } finally {
      loops.forEach(ExecutorService::shutdownNow);
    }
  }

  /** One game: owned by one loop thread, which numbers and issues its appends. */
  private final class Game {
    private final GameLog log;
    private final ExecutorService loop;
    private CountDownLatch drained;
    private long nextSeq = 1;
    private int inFlight;

    Game(GameLog log, ExecutorService loop) {
      this.log = log;
      this.loop = loop;
    }

    void start() {
      for (int i = 0; i < inFlightPerGame; i++) {
        appendNext();
      }
    }

    private void appendNext() {
      inFlight++;
      long began = System.nanoTime();
      log.append(List.of(offer(nextSeq++))).whenComplete((ok, failure) -> {
        // Runs on the writer thread, right when the append became durable.
        latencyNanos.recordValue(System.nanoTime() - began);
        loop.execute(() -> completed(failure));
      });
    }

    private void completed(Throwable failure) {
      inFlight--;
      if (failure != null) {
        throw new IllegalStateException("an append failed", failure);
      }
      if (!stopping) {
        appendNext();
      } else if (inFlight == 0) {
        drained.countDown();
      }
    }
  }

  private static final Package OFFER = Package.of("territory", "two_islands_plus",
      "peace_treaty", "roadmap", "energy", "lng_contracts", "far_east", "major",
      "security", "joint_exercises", "missile_defence", "briefings");

  private static Recorded offer(long seq) {
    return new Recorded(seq, Instant.now(), "japan", new Event.OfferMade("japan", OFFER));
  }

  private static int intArg(String[] args, int index, int fallback) {
    return args.length > index ? Integer.parseInt(args[index]) : fallback;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
