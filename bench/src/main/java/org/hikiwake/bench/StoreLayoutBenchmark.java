package org.hikiwake.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * What one durable move costs the SQLite writer under different table layouts,
 * without the server around it: the question behind issue 15's missed
 * throughput goal. Each layout gets the same work as the store's writer thread
 * under the load benchmark: 1,000 live games, moves landing on random games, a
 * move being two events (about 230 and 40 bytes, an offer and a turn change)
 * plus its idempotency key, 50 moves to a group commit, WAL mode with
 * {@code synchronous=FULL} (one fsync per commit) on the same disk as the data
 * folder's temp files.
 *
 * <p>Layouts:
 * <ul>
 *   <li>{@code indexed, key in requests}: the store before schema 2. Events keyed by (game, seq), a
 *       {@code requests} row keyed by (game, key), foreign keys checked. Every
 *       move lands on the leaf pages of its own game, so a commit of 50 moves
 *       dirties about 100 pages (4 KB each) that go whole into the WAL.</li>
 *   <li>{@code indexed, key on the event}: the same, with the key on the row of
 *       the move's last event instead of a row of its own (the store since
 *       schema 2).</li>
 *   <li>{@code journal}: events appended in arrival order to a rowid table (the
 *       key on the move's last row), nothing indexed: a commit dirties a page or
 *       two. Reading one game back then means scanning the journal.</li>
 *   <li>{@code journal, folded every N}: the journal, with its rows copied into
 *       the events table, sorted, every N moves, and deleted from it. The fold
 *       runs on the writer (SQLite has one), so it stops every move for its
 *       length: its longest run is printed too.</li>
 * </ul>
 *
 * <p>Arguments: {@code [moves measured] [moves per commit]} (default 100,000 and 50).
 * CPU is the writer thread's own (JNI included), wall is per move.
 */
public final class StoreLayoutBenchmark {
  private static final int GAMES = 1_000;
  private static final int WARMUP = 20_000;

  private StoreLayoutBenchmark() {}

  private enum Layout { INDEXED, INDEXED_KEY_ON_EVENT, JOURNAL }

  private record Result(String name, double wallMicros, double cpuMicros, long walKb,
      int folds, double longestFoldMs) {}

  public static void main(String[] args) throws Exception {
    int moves = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    System.out.printf("SQLite %s, %d games, %d moves measured after %d, %d moves a commit,"
        + " WAL, synchronous=FULL%n", sqliteVersion(), GAMES, moves, WARMUP, batch);
    List<Result> results = List.of(
        run("indexed, key in requests", Layout.INDEXED, 0, moves, batch),
        run("indexed, key on the event", Layout.INDEXED_KEY_ON_EVENT, 0, moves, batch),
        run("journal, never folded", Layout.JOURNAL, 0, moves, batch),
        run("journal, folded every 2,000", Layout.JOURNAL, 2_000, moves, batch),
        run("journal, folded every 5,000", Layout.JOURNAL, 5_000, moves, batch),
        run("journal, folded every 20,000", Layout.JOURNAL, 20_000, moves, batch));
    System.out.printf("%n%-30s %10s %10s %9s %6s %14s%n", "layout", "wall us", "CPU us",
        "WAL KB", "folds", "longest fold");
    for (Result r : results) {
      System.out.printf("%-30s %10.1f %10.1f %9d %6d %11.1f ms%n", r.name(), r.wallMicros(),
          r.cpuMicros(), r.walKb(), r.folds(), r.longestFoldMs());
    }
    System.out.println("(us per move: two events and a key; the WAL's size at the end, after"
        + " SQLite's automatic checkpoints)");
  }

  private static Result run(String name, Layout layout, int foldEvery, int moves, int batch)
      throws SQLException, IOException {
    Path dir = Files.createTempDirectory("hikiwake-layout-");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("db"))) {
      prepare(c, layout);
      String[] codes = new String[GAMES];
      try (PreparedStatement g = c.prepareStatement("INSERT INTO games (code) VALUES (?)")) {
        for (int i = 0; i < GAMES; i++) {
          // codes scattered over the key space, as the lobby's random codes are
          codes[i] = String.format("G%07d", (i * 7_919L) % 9_999_991L);
          g.setString(1, codes[i]);
          g.executeUpdate();
        }
      }
      c.commit();
      PreparedStatement events = c.prepareStatement(switch (layout) {
        case JOURNAL -> "INSERT INTO journal (game, seq, entry, key_sha256) VALUES"
            + " (?, ?, ?, NULL), (?, ?, ?, ?)";
        case INDEXED_KEY_ON_EVENT -> "INSERT INTO game_events (game, seq, entry, request_key)"
            + " VALUES (?, ?, ?, NULL), (?, ?, ?, ?)";
        case INDEXED -> "INSERT INTO game_events (game, seq, entry) VALUES (?, ?, ?),"
            + " (?, ?, ?)";
      });
      PreparedStatement request = c.prepareStatement("INSERT OR REPLACE INTO requests"
          + " (game, key_sha256, kind, role, last_seq) VALUES (?, ?, 'move', 'japan', ?)");
      SplittableRandom random = new SplittableRandom(20131102L);
      byte[] offer = new byte[230];
      byte[] turn = new byte[40];
      long[] seq = new long[GAMES];
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long t0 = 0;
      long cpu0 = 0;
      int folds = 0;
      long longestFold = 0;
      int sinceFold = 0;
      for (int done = 0; done < WARMUP + moves; ) {
        if (done == WARMUP) {
          t0 = System.nanoTime();
          cpu0 = threads.getCurrentThreadCpuTime();
          folds = 0;
          longestFold = 0;
        }
        for (int b = 0; b < batch; b++, done++) {
          int game = random.nextInt(GAMES);
          byte[] key = new byte[32];
          random.nextBytes(key);
          events.setString(1, codes[game]);
          events.setLong(2, ++seq[game]);
          events.setBytes(3, offer);
          events.setString(4, codes[game]);
          events.setLong(5, ++seq[game]);
          events.setBytes(6, turn);
          if (layout != Layout.INDEXED) {
            events.setBytes(7, key);
          }
          events.executeUpdate();
          if (layout == Layout.INDEXED) {
            request.setString(1, codes[game]);
            request.setBytes(2, key);
            request.setLong(3, seq[game]);
            request.executeUpdate();
          }
        }
        c.commit();
        sinceFold += batch;
        if (foldEvery > 0 && sinceFold >= foldEvery) {
          long f0 = System.nanoTime();
          fold(c);
          longestFold = Math.max(longestFold, System.nanoTime() - f0);
          folds++;
          sinceFold = 0;
        }
      }
      long wall = System.nanoTime() - t0;
      long cpu = threads.getCurrentThreadCpuTime() - cpu0;
      Path wal = dir.resolve("db-wal");
      long walKb = Files.exists(wal) ? Files.size(wal) / 1024 : 0;
      Result r = new Result(name, wall / 1e3 / moves, cpu / 1e3 / moves, walKb, folds,
          longestFold / 1e6);
      System.out.printf("  %-30s %.1f us wall, %.1f us CPU a move%n", name, r.wallMicros(),
          r.cpuMicros());
      return r;
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(f);
        }
      }
    }
  }

  private static void prepare(Connection c, Layout layout) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeQuery("PRAGMA journal_mode = WAL").close();
      s.execute("PRAGMA synchronous = FULL");
      s.execute("PRAGMA foreign_keys = " + (layout == Layout.INDEXED ? "ON" : "OFF"));
      s.execute("PRAGMA cache_size = -65536");
      s.execute("CREATE TABLE games (code TEXT PRIMARY KEY)");
      s.execute("CREATE TABLE game_events (game TEXT NOT NULL REFERENCES games(code),"
          + " seq INTEGER NOT NULL, entry BLOB NOT NULL, request_key BLOB,"
          + " PRIMARY KEY (game, seq)) WITHOUT ROWID");
      s.execute("CREATE TABLE requests (game TEXT NOT NULL REFERENCES games(code),"
          + " key_sha256 BLOB NOT NULL, kind TEXT NOT NULL, role TEXT NOT NULL,"
          + " last_seq INTEGER NOT NULL, PRIMARY KEY (game, key_sha256)) WITHOUT ROWID");
      s.execute("CREATE TABLE journal (id INTEGER PRIMARY KEY, game TEXT NOT NULL,"
          + " seq INTEGER NOT NULL, entry BLOB NOT NULL, key_sha256 BLOB)");
    }
    c.setAutoCommit(false);
  }

  /** Copies the journal into the events table, sorted by its key, and empties it. */
  private static void fold(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("INSERT INTO game_events (game, seq, entry, request_key) SELECT game, seq,"
          + " entry, key_sha256 FROM journal ORDER BY game, seq");
      s.execute("DELETE FROM journal");
    }
    c.commit();
  }

  private static String sqliteVersion() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
        Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT sqlite_version()")) {
      return rs.next() ? rs.getString(1) : "?";
    }
  }
}
