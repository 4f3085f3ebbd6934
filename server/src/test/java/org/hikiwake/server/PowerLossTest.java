package org.hikiwake.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hikiwake.server.CrashRecoveryTest.JAPAN_OFFER;
import static org.hikiwake.server.CrashRecoveryTest.RUSSIA_OFFER;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hikiwake.proto.wire.ClientMessage;
import org.hikiwake.proto.wire.ErrorCode;
import org.hikiwake.proto.wire.EventView;
import org.hikiwake.proto.wire.GamePhase;
import org.hikiwake.proto.wire.GameSnapshot;
import org.hikiwake.proto.wire.GameSummary;
import org.hikiwake.proto.wire.ListGames;
import org.hikiwake.proto.wire.ServerMessage;
import org.hikiwake.server.store.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Power loss, not only a killed process: the server's data folder is on
 * {@link LossyMount}, a FUSE layer that keeps every write in memory until its
 * file is fsynced. A power cut drops all that was not fsynced (SIGKILL alone
 * would not: the kernel keeps a dead process's writes) and from that instant
 * every write and fsync fails, so nothing more becomes durable; the server is
 * killed right after, and the next one starts on a fresh mount of what is left
 * (no page cache of the old mount survives). Every move the server
 * acknowledged must be there under its number.
 *
 * <p>Limitations, named: metadata (create, unlink, rename, mkdir) reaches the
 * backing folder at once and survives every cut; directory fsync is not
 * simulated, nor the page cache of the file system under the FUSE layer; and
 * a cut drops every unsynced write, where a real disk may keep some of them,
 * out of order or torn.
 *
 * <p>Needs /dev/fuse, Python 3 with fusepy and root or fusermount; skipped,
 * saying what is missing, where they are not there, and failed instead where
 * {@code HIKIWAKE_REQUIRE_FUSE=true} (CI).
 */
class PowerLossTest {
  private static final String DB = SqliteStore.DATABASE_FILE;
  private static final String WAL = DB + "-wal";
  private static final int FIRST_TABLES = 6;
  private static final int TABLES_AFTER_EACH_CUT = 2;
  /**
   * The power cuts, in order. An armed cut comes right after the n-th write (n drawn
   * between the bounds) to the named file; with none, at a random instant. Each table
   * makes at most the given offers before the cut: a game of 100 rounds has 200 turns,
   * and the checkpoint's run plays longest, so that the WAL reaches SQLite's automatic
   * checkpoint (1,000 pages) while it plays.
   */
  private static final List<Plan> PLANS = List.of(
      new Plan("at a random instant", null, 0, 0, 30),
      new Plan("mid-commit, after a write to the WAL", WAL, 50, 600, 30),
      new Plan("mid-checkpoint, after a write to the database file", DB, 1, 8, 80),
      new Plan("mid-commit again", WAL, 50, 600, 30));

  private record Plan(String name, String file, int fromWrite, int toWrite, int offers) {}

  @TempDir Path work;
  private Path backing;
  private Path mountPoint;
  private LossyMount fs;
  private ChildServers children;
  private Process server;
  /** What the running server printed (warnings and errors only: logback-test.xml). */
  private List<String> serverOutput;

  @BeforeAll
  static void fuse() {
    Optional<String> missing = LossyMount.missing();
    if (Boolean.parseBoolean(System.getenv(LossyMount.REQUIRE_ENV))) {
      // CI installs FUSE and fusepy; there a missing piece is a failure, not a skip
      assertThat(missing).as("power-loss tests need FUSE: %s", missing.orElse("")).isEmpty();
    }
    if (missing.isPresent()) {
      // surefire does not print why a class was skipped: say it where a developer looks
      System.err.println("Skipping the power-loss tests: " + missing.get());
    }
    assumeTrue(missing.isEmpty(), () -> "Skipping the power-loss tests: " + missing.get());
  }

  @BeforeEach
  void folders() {
    backing = work.resolve("backing");
    mountPoint = work.resolve("mnt");
    children = new ChildServers(mountPoint);
  }

  @AfterEach
  void cleanUp() throws Exception {
    children.close();
    if (server != null) {
      server.waitFor(10, TimeUnit.SECONDS);
    }
    if (fs != null) {
      fs.close();
    }
  }

  /** The layer itself: what was fsynced stays, what was only written is gone after a cut. */
  @Test
  void lossyMount_cut_dropsWhatWasNotFsyncedAndKeepsWhatWas() throws Exception {
    fs = LossyMount.mount(backing, mountPoint);
    write(mountPoint.resolve("synced"), "kept", true);
    write(mountPoint.resolve("unsynced"), "lost", false);
    write(mountPoint.resolve("grown"), "first", true);
    try (FileChannel c = FileChannel.open(mountPoint.resolve("grown"),
        StandardOpenOption.APPEND)) {
      c.write(ByteBuffer.wrap(" second".getBytes(StandardCharsets.UTF_8)));
    } // closed, and so flushed, but not fsynced
    write(mountPoint.resolve("shrunk"), "0123456789", true);
    try (FileChannel c = FileChannel.open(mountPoint.resolve("shrunk"),
        StandardOpenOption.WRITE)) {
      c.truncate(4);
    }
    // before the cut, programs on the mount see every write; the backing folder only the synced
    assertThat(Files.readString(mountPoint.resolve("grown"))).isEqualTo("first second");
    assertThat(Files.size(mountPoint.resolve("grown"))).isEqualTo(12);
    assertThat(Files.readString(mountPoint.resolve("shrunk"))).isEqualTo("0123");
    assertThat(Files.readString(mountPoint.resolve("unsynced"))).isEqualTo("lost");
    assertThat(Files.readString(backing.resolve("grown"))).isEqualTo("first");
    assertThat(Files.size(backing.resolve("unsynced"))).isZero();

    LossyMount.Cut cut = fs.cut();

    assertThat(cut.droppedBytes()).as("%s", cut).isEqualTo("lost".length() + " second".length());
    assertThat(cut.files()).containsEntry("unsynced", 4L).containsEntry("grown", 7L);
    assertThatThrownBy(() -> Files.writeString(mountPoint.resolve("late"), "x"))
        .as("nothing is written after the power is cut").isInstanceOf(IOException.class);
    fs.unmount();
    fs = LossyMount.mount(backing, mountPoint);
    assertThat(Files.readString(mountPoint.resolve("synced"))).isEqualTo("kept");
    assertThat(Files.readString(mountPoint.resolve("grown"))).isEqualTo("first");
    assertThat(Files.readString(mountPoint.resolve("shrunk"))).isEqualTo("0123456789");
    assertThat(Files.size(mountPoint.resolve("unsynced")))
        .as("created (metadata is never lost) but its data was").isZero();
  }

  /**
   * Four power cuts under load, each followed by a restart on a fresh mount:
   * at a random instant, in the middle of a commit (right after a write to the
   * WAL), during a checkpoint if one comes (a write to the database file), and
   * again mid-commit. After each, every acknowledged move is there under its
   * number, the move in flight is there at most once and its retry with its
   * idempotency key makes it exactly once, no game is damaged, and play goes on.
   */
  @Test
  void powerCutsUnderLoad_everyAcknowledgedMoveSurvivesUnderItsNumber() throws Exception {
    Random random = new Random(20261202);
    List<Table> tables = new ArrayList<>();
    List<LossyMount.Cut> cuts = new ArrayList<>();
    fs = LossyMount.mount(backing, mountPoint);
    int port = startServer();
    // the fcntl locks work on the mount: a second server is kept off the folder
    Process second = children.start();
    assertThatThrownBy(() -> ChildServers.portOf(second))
        .hasMessageContaining("in use by another server");

    for (int run = 0; run <= PLANS.size(); run++) {
      Map<Table, Map<String, TestClient>> seats = new HashMap<>();
      try {
        int acknowledged = 0;
        int byNumber = 0;
        int unanswered = 0;
        int refused = 0;
        int madeUnanswered = 0;
        for (Table t : tables) {
          acknowledged += t.acked.size();
          byNumber += (int) t.acked.stream().filter(a -> a.shown() != null).count();
          unanswered += t.inFlight != null && !t.inFlight.refused() ? 1 : 0;
          refused += t.inFlight != null && t.inFlight.refused() ? 1 : 0;
          seats.put(t, resume(port, t));
          madeUnanswered += t.retryInFlight(seats.get(t), port) ? 1 : 0;
        }
        if (run > 0) {
          assertNothingDamaged(port, tables);
          System.out.printf("after power cut %d: all %d acknowledged moves of %d games were"
              + " there (%d checked under their sequence number, the others by count), no game"
              + " damaged; of the moves not acknowledged, %d refused were not there and %d"
              + " unanswered were there at most once (%d had been made); each was retried with"
              + " its key and is there once%n", run, acknowledged, tables.size(), byNumber,
              refused, unanswered, madeUnanswered);
        }
        int fresh = run == 0 ? FIRST_TABLES : TABLES_AFTER_EACH_CUT;
        try (TestClient host = TestClient.connect(port)) {
          for (int i = 0; i < fresh; i++) {
            Table t = Table.create(host, port, "r" + run + "t" + i);
            tables.add(t);
            seats.put(t, t.firstSeats);
          }
        }
        if (run == PLANS.size()) {
          // after the last cut: the games go on, and the server shuts down cleanly
          play(tables, seats, 2, new AtomicBoolean(), new ConcurrentLinkedQueue<>());
          break;
        }
        LossyMount.Cut cut = loadAndCut(PLANS.get(run), random, tables, seats);
        cuts.add(cut);
        LossyMount.Stats stats = fs.stats();
        System.out.printf("power cut %d of %d, %s (set off by %s): dropped %d bytes in %d"
            + " writes not fsynced %s; %d bytes had been fsynced through this mount in %d"
            + " fsyncs%n", run + 1, PLANS.size(), PLANS.get(run).name(), cut.reason(),
            cut.droppedBytes(), cut.droppedWrites(), cut.files(), stats.syncedBytes(),
            stats.fsyncs());
      } finally {
        seats.values().forEach(s -> s.values().forEach(TestClient::close));
      }
      fs.unmount();
      // SQLite itself finds the database as the cut left it whole (on a copy, so that the
      // server still recovers from the very files the cut left)
      Path copy = Files.createDirectories(work.resolve("as-left-by-cut-" + (run + 1)));
      for (String f : List.of(DB, WAL)) {
        if (Files.exists(backing.resolve(f))) {
          Files.copy(backing.resolve(f), copy.resolve(f));
        }
      }
      assertIntact(copy.resolve(DB));
      // the power comes back: a fresh mount holds exactly what was fsynced
      fs = LossyMount.mount(backing, mountPoint);
      port = startServer();
    }
    server.destroy(); // SIGTERM: its shutdown hook closes the store
    assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
    fs.unmount();
    fs = null;
    assertIntact(backing.resolve(DB));
    assertThat(cuts.stream().mapToLong(c -> c.droppedFrom(DB, WAL)).sum())
        .as("writes to the database or its WAL were dropped at some cut, or the test proved"
            + " nothing: %s", cuts).isPositive();
  }

  /** Plays on every table until the plan's cut, and kills the server the same instant. */
  private LossyMount.Cut loadAndCut(Plan plan, Random random, List<Table> tables,
      Map<Table, Map<String, TestClient>> seats) throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    ConcurrentLinkedQueue<String> refusals = new ConcurrentLinkedQueue<>();
    if (plan.file() != null) {
      fs.arm(plan.file(), plan.fromWrite()
          + random.nextInt(plan.toWrite() - plan.fromWrite() + 1));
    }
    List<Thread> players = start(tables, seats, plan.offers(), stop, refusals);
    LossyMount.Cut cut;
    if (plan.file() != null) {
      Optional<LossyMount.Cut> armed = Optional.empty();
      long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (armed.isEmpty() && System.nanoTime() < until
          && players.stream().anyMatch(Thread::isAlive)) {
        armed = fs.awaitCut(Duration.ofMillis(20));
      }
      // if no such write came while the tables played, the power is cut now instead
      // (the report then says "command")
      cut = armed.isPresent() ? armed.get() : fs.cut();
    } else {
      Thread.sleep(150 + random.nextInt(600));
      cut = fs.cut();
    }
    server.destroyForcibly();
    assertThat(server.waitFor(10, TimeUnit.SECONDS)).isTrue();
    stop.set(true);
    for (Thread p : players) {
      p.interrupt();
      p.join(10_000);
    }
    // a move whose commit met the cut is refused, and its game stops taking moves in memory
    assertThat(refusals).allSatisfy(r -> assertThat(r).containsAnyOf(
        ErrorCode.ERROR_CODE_INTERNAL.name(), ErrorCode.ERROR_CODE_GAME_DAMAGED.name()));
    return cut;
  }

  private static void play(List<Table> tables, Map<Table, Map<String, TestClient>> seats,
      int offers, AtomicBoolean stop, ConcurrentLinkedQueue<String> refusals)
      throws InterruptedException {
    for (Thread p : start(tables, seats, offers, stop, refusals)) {
      p.join(60_000);
    }
    assertThat(refusals).isEmpty();
    for (Table t : tables) {
      assertThat(t.inFlight).as("table %s has a move unanswered", t.code).isNull();
    }
  }

  private static List<Thread> start(List<Table> tables, Map<Table, Map<String, TestClient>> seats,
      int offers, AtomicBoolean stop, ConcurrentLinkedQueue<String> refusals) {
    List<Thread> players = new ArrayList<>();
    for (Table t : tables) {
      Thread p = new Thread(() -> t.play(seats.get(t), offers, stop, refusals),
          "table-" + t.code);
      p.setDaemon(true);
      p.start();
      players.add(p);
    }
    return players;
  }

  private int startServer() throws IOException {
    server = children.start();
    serverOutput = new CopyOnWriteArrayList<>();
    return ChildServers.portOf(server, serverOutput::add);
  }

  private static Map<String, TestClient> resume(int port, Table t) throws InterruptedException {
    Map<String, TestClient> seats = new HashMap<>();
    seats.put("japan", TestClient.connect(port));
    seats.put("russia", TestClient.connect(port));
    for (String role : seats.keySet()) {
      ServerMessage joined = seats.get(role).resume(t.code, t.tokens.get(role));
      assertThat(joined.hasJoined()).as("%s resumes %s: %s", role, t.code, joined).isTrue();
      t.checkHistory(role, joined.getJoined().getGame());
    }
    return seats;
  }

  private void assertNothingDamaged(int port, List<Table> tables) throws InterruptedException {
    try (TestClient lister = TestClient.connect(port)) {
      ServerMessage list = lister.request(ClientMessage.newBuilder().setListGames(
          ListGames.newBuilder().setPageSize(100)));
      assertThat(list.hasGameList()).as("%s", list).isTrue();
      assertThat(list.getGameList().getGamesList()).hasSize(tables.size())
          .allSatisfy(g -> assertThat(g.getDamaged()).as("%s: %s", g.getGameCode(),
              g.getDamage()).isFalse())
          .extracting(GameSummary::getPhase).containsOnly(GamePhase.GAME_PHASE_IN_PROGRESS);
    }
    assertThat(serverOutput).as("what the restarted server said")
        .noneMatch(l -> l.contains("ERROR") || l.contains("damaged"));
  }

  private static void assertIntact(Path db) throws java.sql.SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
      assertThat(rs.next() ? rs.getString(1) : "no answer").as("integrity_check of %s", db)
          .isEqualTo("ok");
    }
  }

  private static void write(Path file, String text, boolean fsync) throws IOException {
    try (FileChannel c = FileChannel.open(file, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      c.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
      if (fsync) {
        c.force(false); // fdatasync, as SQLite does
      }
    }
  }

  /**
   * A move sent and not acknowledged: its answer did not come, or it was refused (a
   * refused move did not happen, and must not be there after the restart).
   */
  private record InFlight(String role, String key, long requestId, boolean refused) {
    InFlight asRefused() {
      return new InFlight(role, key, requestId, true);
    }
  }

  /** An acknowledged move, with its event as the mover was shown it (null if it never came). */
  private record Acked(String role, EventView shown) {}

  /** One game and what the test knows of it: its seats and every acknowledged move. */
  private static final class Table {
    final String code;
    final Map<String, String> tokens = new HashMap<>();
    final Map<String, TestClient> firstSeats = new HashMap<>();
    final List<Acked> acked = new ArrayList<>();
    String toMove = "japan";
    long lastSeq;
    InFlight inFlight;
    long offersBeforeRetry;
    int sent;

    private Table(String code) {
      this.code = code;
    }

    static Table create(TestClient host, int port, String name) throws InterruptedException {
      Table t = new Table(host.create("japan-russia-2013", 100, 0));
      for (String role : List.of("japan", "russia")) {
        TestClient c = TestClient.connect(port);
        t.firstSeats.put(role, c);
        ServerMessage joined = c.join(t.code, role, name + role.charAt(0));
        assertThat(joined.hasJoined()).as("%s", joined).isTrue();
        t.tokens.put(role, joined.getJoined().getSeatToken());
      }
      return t;
    }

    /** Alternate offers until the count or the stop; a refusal or a dead server ends it. */
    void play(Map<String, TestClient> seats, int offers, AtomicBoolean stop,
        ConcurrentLinkedQueue<String> refusals) {
      for (int i = 0; i < offers && !stop.get(); i++) {
        String role = toMove;
        InFlight move = new InFlight(role, "power-" + code + "-offer-" + sent,
            1_000_000L + sent, false);
        sent++;
        inFlight = move;
        ServerMessage reply;
        try {
          reply = seats.get(role).request(move.requestId(), propose(move));
        } catch (InterruptedException | AssertionError e) {
          return; // the power is off
        }
        if (!reply.hasDone()) {
          inFlight = move.asRefused();
          refusals.add(code + " " + move.key() + ": " + reply.getError().getCode() + " "
              + reply.getError().getMessage());
          return;
        }
        inFlight = null;
        toMove = other(role);
        long after = lastSeq;
        EventView shown = null;
        try {
          shown = seats.get(role).awaitEvent(e -> e.hasOfferMade()
              && e.getOfferMade().getRole().equals(role) && e.getSeq() > after);
          lastSeq = shown.getSeq();
        } catch (InterruptedException | AssertionError e) {
          return; // acknowledged, but its event did not arrive before the cut
        } finally {
          acked.add(new Acked(role, shown));
        }
        try {
          Thread.sleep(5 + (sent * 7L) % 20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    /** Every acknowledged move is in the history under its number, and nothing else is. */
    void checkHistory(String role, GameSnapshot game) {
      Map<Long, EventView> bySeq = new HashMap<>();
      game.getHistoryList().forEach(e -> bySeq.put(e.getSeq(), e));
      for (Acked a : acked) {
        if (a.role().equals(role) && a.shown() != null) {
          assertThat(bySeq.get(a.shown().getSeq()))
              .as("%s: the acknowledged offer #%s", code, a.shown().getSeq())
              .isEqualTo(a.shown());
        }
      }
      long offers = game.getHistoryList().stream().filter(EventView::hasOfferMade).count();
      offersBeforeRetry = offers;
      int unanswered = inFlight != null && !inFlight.refused() ? 1 : 0;
      assertThat(offers).as("%s: offers kept, against %s acknowledged and %s unanswered (%s)",
          code, acked.size(), unanswered, inFlight)
          .isBetween((long) acked.size(), (long) acked.size() + unanswered);
      assertThat(game.getPhase()).isEqualTo(GamePhase.GAME_PHASE_IN_PROGRESS);
    }

    /**
     * Retries the move not acknowledged with its key: done, and then in the history once.
     * True if the move had been made before the cut (only its answer was lost).
     */
    boolean retryInFlight(Map<String, TestClient> seats, int port) throws InterruptedException {
      if (inFlight == null) {
        return false;
      }
      boolean made = offersBeforeRetry > acked.size();
      ServerMessage reply = seats.get(inFlight.role()).request(inFlight.requestId(),
          propose(inFlight));
      assertThat(reply.hasDone()).as("%s: retry of %s: %s", code, inFlight.key(), reply)
          .isTrue();
      acked.add(new Acked(inFlight.role(), null));
      toMove = other(inFlight.role());
      inFlight = null;
      try (TestClient check = TestClient.connect(port)) {
        GameSnapshot game = check.watch(code).getWatching().getGame();
        assertThat(game.getHistoryList().stream().filter(EventView::hasOfferMade).count())
            .as("%s: offers after the retry", code).isEqualTo(acked.size());
        assertThat(game.getToMove()).isEqualTo(toMove);
        lastSeq = game.getHistory(game.getHistoryCount() - 1).getSeq();
      }
      return made;
    }

    private static ClientMessage.Builder propose(InFlight move) {
      return IdempotentRetryTest.propose(move.key(),
          move.role().equals("japan") ? JAPAN_OFFER : RUSSIA_OFFER);
    }

    private static String other(String role) {
      return role.equals("japan") ? "russia" : "japan";
    }
  }
}
