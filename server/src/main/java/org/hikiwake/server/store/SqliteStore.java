package org.hikiwake.server.store;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.cache.CacheBuilder;
import com.google.common.cache.CacheLoader;
import com.google.common.cache.LoadingCache;
import com.google.common.collect.ImmutableList;
import com.google.common.hash.HashCode;
import com.google.common.hash.Hashing;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import com.google.common.util.concurrent.Uninterruptibles;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.hikiwake.codec.EventCodec;
import org.hikiwake.codec.Versions;
import org.hikiwake.codec.classroom.ClassCodec;
import org.hikiwake.codec.recording.Frames;
import org.hikiwake.engine.classroom.ClassEvent;
import org.hikiwake.engine.classroom.ClassRecorded;
import org.hikiwake.engine.game.Event;
import org.hikiwake.engine.game.GameSettings;
import org.hikiwake.engine.game.GameState;
import org.hikiwake.engine.game.Phase;
import org.hikiwake.engine.game.Result;
import org.hikiwake.engine.replay.Recorded;
import org.hikiwake.engine.replay.Replay;
import org.hikiwake.engine.scenario.Role;
import org.hikiwake.engine.scenario.Scenario;
import org.hikiwake.engine.scenario.ScenarioException;
import org.hikiwake.engine.scenario.ScenarioLoader;
import org.hikiwake.proto.classroom.ClassEntry;
import org.hikiwake.proto.game.GameResult;
import org.hikiwake.proto.game.GameSetup;
import org.hikiwake.proto.recording.RecordingEntry;
import org.hikiwake.proto.recording.RecordingHeader;
import org.hikiwake.proto.scenario.ScenarioSpec;
import org.hikiwake.server.record.ClassHeader;
import org.hikiwake.server.record.ClassLog;
import org.hikiwake.server.record.DuplicateCodeException;
import org.hikiwake.server.record.GameHeader;
import org.hikiwake.server.record.GameLog;
import org.hikiwake.server.record.GamePage;
import org.hikiwake.server.record.GameQuery;
import org.hikiwake.server.record.RecordingStore;
import org.hikiwake.server.record.RecoveredClass;
import org.hikiwake.server.record.RecoveredGame;
import org.hikiwake.server.record.RequestKey;
import org.hikiwake.server.record.StoredGame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Games and classes in one SQLite database, {@code <data>/hikiwake.db}, in
 * WAL mode with {@code synchronous=FULL}: a commit returns only once the WAL
 * holds it on disk, so a committed transaction survives a power loss.
 *
 * <p>One writer thread drains every queued request (creates and appends of
 * every game and class), runs them in one transaction and commits once: one
 * fsync for all of them (group commit). Only then are their futures
 * completed, so a move is acknowledged only once it is durable. If the
 * batch's transaction fails, each request is tried again alone, so one bad
 * request fails only itself.
 *
 * <p>Reads (a recording, a listing page, a finished game for a late watcher)
 * run on a reader thread with its own connection; WAL readers do not wait for
 * the writer. {@code <data>/hikiwake.lock} keeps a second server off the folder.
 */
public final class SqliteStore implements RecordingStore {
  /** The database file inside the data folder. */
  public static final String DATABASE_FILE = "hikiwake.db";
  /** The lock file that keeps a second server off the data folder. */
  public static final String LOCK_FILE = "hikiwake.lock";
  /** Where wave 1 kept its recordings, one {@code .hwr} file per game. */
  public static final String LEGACY_GAMES_FOLDER = "games";
  /** Crash-test cut points: {@code before-commit:<hex>} or {@code after-commit:<hex>}. */
  static final String HALT_PROPERTY = "hikiwake.store.haltAt";

  private static final Logger log = LoggerFactory.getLogger(SqliteStore.class);
  private static final String SECRET_KEY = "token_secret";
  /** Requests of one game kept in memory for retries; older ones stay in the database. */
  static final int KEPT_REQUESTS = 16;

  private final Path dataDir;
  private final Path dbFile;
  private final List<FileChannel> lockChannels;
  private final Connection writeConn;
  private final Connection readConn;
  private final ExecutorService reader;
  private final byte[] secret;
  private final ImportReport imported;
  private final LinkedBlockingQueue<Request> queue = new LinkedBlockingQueue<>();
  private final Object admission = new Object();
  private boolean closed; // guarded by admission
  private boolean recovered; // guarded by admission
  private final Thread writer;
  private final Statements sql;
  private final Map<HashCode, Scenario> scenarios = new ConcurrentHashMap<>();
  private final HaltPoint halt;

  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong appends = new AtomicLong();
  private final AtomicLong records = new AtomicLong();

  private SqliteStore(Path dataDir, List<FileChannel> lockChannels, Connection writeConn,
      Connection readConn, byte[] secret, ImportReport imported) throws SQLException {
    this.dataDir = dataDir;
    this.dbFile = dataDir.resolve(DATABASE_FILE);
    this.lockChannels = lockChannels;
    this.writeConn = writeConn;
    this.readConn = readConn;
    this.secret = secret;
    this.imported = imported;
    this.sql = new Statements(writeConn);
    this.halt = HaltPoint.fromProperty(System.getProperty(HALT_PROPERTY));
    this.reader = Executors.newSingleThreadExecutor(new ThreadFactoryBuilder()
        .setNameFormat("store-reader").setDaemon(true).build());
    // A daemon: nothing acknowledged waits in the queue (acknowledgement follows the
    // commit), and a forgotten close() cannot keep the JVM alive.
    this.writer = new Thread(this::runWriter, "store-writer");
    this.writer.setDaemon(true);
  }

  /**
   * Opens (or creates) the database in the data folder, runs its migrations,
   * imports wave-1 recordings found in {@code games/} once, and starts the writer.
   *
   * @throws IOException if the folder is held by another server, or the
   *     database cannot be opened (a damaged file is named, and left as it is)
   */
  public static SqliteStore open(Path dataDir) throws IOException {
    Files.createDirectories(dataDir);
    List<FileChannel> locks = new ArrayList<>();
    Connection w = null;
    Connection r = null;
    try {
      locks.add(lock(dataDir.resolve(LOCK_FILE), dataDir));
      Path legacy = dataDir.resolve(LEGACY_GAMES_FOLDER);
      if (Files.isDirectory(legacy)) {
        // a wave-1 server still running on this folder holds this one
        locks.add(lock(legacy.resolve(".lock"), legacy));
      }
      Path db = dataDir.resolve(DATABASE_FILE);
      w = connect(db);
      configure(w, db);
      try (Statement s = w.createStatement()) {
        // Checkpoints stay with the writer (SQLite's automatic one, every 1,000 pages): only
        // a checkpoint that the writer itself completes lets the next commit restart the WAL
        // from its start. Passive checkpoints on another thread never catch up with a busy
        // writer, and the WAL grew to 7 GB over 100,000 games.
        s.execute("PRAGMA cache_size = -65536");
      }
      w.setAutoCommit(false);
      Schema.migrate(w, db.toString());
      byte[] secret = secretOf(w);
      ImportReport report = Files.isDirectory(legacy)
          ? LegacyImport.run(w, legacy) : ImportReport.none();
      r = connect(db);
      try (Statement s = r.createStatement()) {
        s.execute("PRAGMA busy_timeout = 10000");
        s.execute("PRAGMA query_only = ON");
      }
      SqliteStore store = new SqliteStore(dataDir, locks, w, r, secret, report);
      store.writer.start();
      return store;
    } catch (SQLException e) {
      closeQuietly(r);
      closeQuietly(w);
      releaseAll(locks);
      throw new IOException(dataDir.resolve(DATABASE_FILE) + " cannot be opened as the game"
          + " database: " + e.getMessage() + ". Nothing in it was changed; if it is damaged,"
          + " restore it from a backup or move it aside (a new one is made in its place).", e);
    } catch (IOException | RuntimeException e) {
      closeQuietly(r);
      closeQuietly(w);
      releaseAll(locks);
      throw e;
    }
  }

  private static FileChannel lock(Path file, Path folder) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      channel.close();
      throw new IOException("the data folder " + folder + " is in use by another server (or"
          + " another store in this one)");
    }
    return channel;
  }

  private static Connection connect(Path db) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
  }

  private static void configure(Connection c, Path db) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = 10000");
      try (ResultSet rs = s.executeQuery("PRAGMA journal_mode = WAL")) {
        String mode = rs.next() ? rs.getString(1) : "?";
        if (!"wal".equalsIgnoreCase(mode)) {
          throw new SQLException(db + " cannot be put in WAL mode (it is in " + mode + ")");
        }
      }
      // FULL: in WAL mode, every commit fsyncs the WAL, so a committed move survives a
      // power loss (NORMAL would only keep the database consistent, not the last commits).
      s.execute("PRAGMA synchronous = FULL");
      try (ResultSet rs = s.executeQuery("PRAGMA synchronous")) {
        // 2 is FULL; the pragma is per connection, so check the writer's own
        if (!rs.next() || rs.getInt(1) != 2) {
          throw new SQLException(db + " does not take synchronous=FULL");
        }
      }
      s.execute("PRAGMA foreign_keys = ON");
      // a damaged file says so here, before anything is written to it
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master")) {
        rs.next();
      }
    }
  }

  private static byte[] secretOf(Connection c) throws SQLException {
    try (PreparedStatement q = c.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
      q.setString(1, SECRET_KEY);
      try (ResultSet rs = q.executeQuery()) {
        if (rs.next()) {
          return rs.getBytes(1);
        }
      }
    }
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    try (PreparedStatement i = c.prepareStatement("INSERT INTO meta (key, value) VALUES (?, ?)")) {
      i.setString(1, SECRET_KEY);
      i.setBytes(2, secret);
      i.executeUpdate();
    }
    c.commit();
    return secret;
  }

  /** The database file. */
  public Path databaseFile() {
    return dbFile;
  }

  /** What the import of wave-1 recordings did when the store opened. */
  public ImportReport importReport() {
    return imported;
  }

  /** How many group commits the writer has made. */
  public long batchCount() {
    return batches.get();
  }

  /** How many append requests have been made durable. */
  public long appendCount() {
    return appends.get();
  }

  /** How many records have been made durable. */
  public long recordCount() {
    return records.get();
  }

  @Override
  public byte[] tokenSecret() {
    return secret.clone();
  }

  // ------------------------------------------------------------ games

  /** A scenario as a game's header stores it: its encoded snapshot and that one's SHA-256. */
  private record Snapshot(byte[] spec, HashCode sha) {}

  /**
   * Each scenario's snapshot, encoded once rather than for every game: the catalog's few
   * scenarios are the keys, compared by identity and let go with them.
   */
  private final LoadingCache<Scenario, Snapshot> snapshots = CacheBuilder.newBuilder()
      .weakKeys().build(CacheLoader.from(scenario -> {
        byte[] spec = ScenarioLoader.toProto(scenario).toByteArray();
        return new Snapshot(spec, Hashing.sha256().hashBytes(spec));
      }));

  /**
   * {@inheritDoc}
   *
   * <p>Fails with {@link DuplicateCodeException} if the code is taken.
   */
  @Override
  public CompletableFuture<GameLog> create(GameHeader header) {
    checkNotNull(header, "header");
    Snapshot snapshot = snapshots.getUnchecked(header.scenario());
    scenarios.putIfAbsent(snapshot.sha(), header.scenario());
    CreateGame c = new CreateGame(header, snapshot.spec(), snapshot.sha(),
        new CompletableFuture<>());
    submit(c, c.future);
    return c.future;
  }

  @Override
  public CompletableFuture<byte[]> read(String gameCode) {
    return onReader(() -> {
      Optional<byte[]> bytes = recordingBytes(gameCode);
      if (bytes.isEmpty()) {
        throw new NoSuchFileException(gameCode + " (no such game is stored)");
      }
      return bytes.get();
    });
  }

  @Override
  public CompletableFuture<GamePage> listGames(GameQuery query) {
    return onReader(() -> page(query));
  }

  @Override
  public CompletableFuture<Optional<RecoveredGame>> load(String gameCode) {
    return onReader(() -> {
      Optional<StoredHeader> h = header(gameCode);
      if (h.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(replayed(h.get(), entries(gameCode), Optional.empty(),
          ImmutableList.of()));
    });
  }

  /**
   * {@inheritDoc}
   *
   * <p>Reads only unfinished games that are not known to be damaged, with one
   * query for all their events. A game whose events cannot be read or
   * replayed is marked damaged in the database (and returned as damaged); it
   * is then listed and shown from the store, never replayed again at start.
   */
  @Override
  public List<RecoveredGame> recover() throws IOException {
    synchronized (admission) {
      checkState(!closed, "the store is closed");
      checkState(!recovered, "recover() runs once per store");
      recovered = true;
    }
    try {
      return onReader(this::recoverGames).join();
    } catch (CompletionException e) {
      throw new IOException(dbFile + ": the unfinished games cannot be read: "
          + e.getCause().getMessage(), e.getCause());
    }
  }

  private List<RecoveredGame> recoverGames() throws SQLException {
    Map<String, StoredHeader> headers = new LinkedHashMap<>();
    try (PreparedStatement q = readConn.prepareStatement(StoredHeader.SELECT
        + " WHERE g.state <> 'ended' AND g.damage IS NULL ORDER BY g.created_at, g.code")) {
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          StoredHeader h = StoredHeader.of(rs);
          headers.put(h.code, h);
        }
      }
    }
    Map<String, List<byte[]>> events = new HashMap<>();
    Map<String, String> unreadable = new HashMap<>();
    // keys kept on event rows (schema 2 on), after those in requests (written before it)
    Map<String, List<RequestKey>> eventKeys = new HashMap<>();
    try (PreparedStatement q = readConn.prepareStatement("SELECT e.game, e.entry, e.seq,"
        + " e.request_key, e.request_kind, e.request_role FROM game_events e"
        + " JOIN games g ON g.code = e.game WHERE g.state <> 'ended' AND g.damage IS NULL"
        + " ORDER BY e.game, e.seq")) {
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          String game = rs.getString(1);
          events.computeIfAbsent(game, k -> new ArrayList<>()).add(rs.getBytes(2));
          byte[] key = rs.getBytes(4);
          if (key != null) {
            eventKeys.computeIfAbsent(game, k -> new ArrayList<>()).add(new RequestKey(
                HashCode.fromBytes(key), RequestKey.Kind.valueOf(rs.getString(5)),
                rs.getString(6), rs.getLong(3)));
          }
        }
      }
    } catch (SQLException e) {
      // a damaged page somewhere: read game by game, so only the games on it are lost to play
      log.error("{}: reading the unfinished games' events at once failed ({}); reading them"
          + " one by one", dbFile, e.getMessage());
      events.clear();
      for (String code : headers.keySet()) {
        try {
          events.put(code, entries(code));
        } catch (SQLException perGame) {
          unreadable.put(code, "its events cannot be read from the database: "
              + perGame.getMessage());
        }
      }
    }
    Map<String, ArrayDeque<RequestKey>> keys = new HashMap<>();
    try (PreparedStatement q = readConn.prepareStatement("SELECT r.game, r.key_sha256, r.kind,"
        + " r.role, r.last_seq FROM requests r JOIN games g ON g.code = r.game"
        + " WHERE g.state <> 'ended' AND g.damage IS NULL ORDER BY r.game, r.last_seq")) {
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          ArrayDeque<RequestKey> kept = keys.computeIfAbsent(rs.getString(1),
              k -> new ArrayDeque<>());
          kept.addLast(new RequestKey(HashCode.fromBytes(rs.getBytes(2)),
              RequestKey.Kind.valueOf(rs.getString(3)), rs.getString(4), rs.getLong(5)));
          if (kept.size() > KEPT_REQUESTS) {
            kept.removeFirst();
          }
        }
      }
    } catch (SQLException e) {
      log.error("{}: the idempotency keys of unfinished games cannot be read ({}); retries"
          + " of requests made before this start get new answers", dbFile, e.getMessage());
    }
    eventKeys.forEach((game, list) -> {
      ArrayDeque<RequestKey> kept = keys.computeIfAbsent(game, k -> new ArrayDeque<>());
      for (RequestKey k : list) {
        kept.addLast(k);
        if (kept.size() > KEPT_REQUESTS) {
          kept.removeFirst();
        }
      }
    });
    List<RecoveredGame> games = new ArrayList<>(headers.size());
    int damaged = 0;
    for (StoredHeader h : headers.values()) {
      RecoveredGame game;
      if (unreadable.containsKey(h.code)) {
        game = damagedGame(h, unreadable.get(h.code));
      } else {
        ImmutableList<RequestKey> kept = ImmutableList.copyOf(
            keys.getOrDefault(h.code, new ArrayDeque<>()));
        game = replayed(h, events.getOrDefault(h.code, List.of()), Optional.empty(), kept);
        if (game.damage().isEmpty()) {
          GameState last = game.replay().last();
          game = new RecoveredGame(game.source(), game.gameCode(), game.createdAt(),
              game.replay(), Optional.empty(), Optional.of(new Log(h.code,
                  game.replay().lastSeq() + 1, last.phase(), last.round(),
                  last.settings().rounds())), kept, h.classCode);
        }
      }
      if (game.damage().isPresent()) {
        damaged++;
        log.error("{}: game {} is damaged and cannot go on: {}", dbFile, h.code,
            game.damage().get());
        markDamaged(h.code, game.damage().get());
      }
      games.add(game);
    }
    log.info("{}: {} unfinished games to resume, {} damaged", dbFile, games.size() - damaged,
        damaged);
    return games;
  }

  private RecoveredGame damagedGame(StoredHeader h, String why) {
    Scenario scenario;
    try {
      scenario = scenarioOf(h);
    } catch (RuntimeException e) {
      throw new IllegalStateException(dbFile + ": game " + h.code + " has no readable scenario", e);
    }
    GameState initial = GameState.initial(scenario, h.settings);
    return new RecoveredGame(dbFile + "#" + h.code, h.code, h.createdAt,
        Replay.of(initial, List.of()), Optional.of(why), Optional.empty(), ImmutableList.of(),
        h.classCode);
  }

  /** Replays a stored game; a problem on the way makes it damaged. */
  private RecoveredGame replayed(StoredHeader h, List<byte[]> entries, Optional<GameLog> gameLog,
      ImmutableList<RequestKey> kept) {
    String source = dbFile + "#" + h.code;
    Scenario scenario;
    try {
      scenario = scenarioOf(h);
    } catch (IllegalArgumentException e) {
      return new RecoveredGame(source, h.code, h.createdAt, Replay.of(
          GameState.initial(fallbackScenario(), GameSettings.untimed(1)), List.of()),
          Optional.of(e.getMessage()), Optional.empty(), kept, h.classCode);
    }
    GameState initial = GameState.initial(scenario, h.settings);
    List<Recorded> events = new ArrayList<>(entries.size());
    Optional<String> damage = h.damage;
    long expected = 1;
    for (byte[] bytes : entries) {
      try {
        Recorded r = EventCodec.fromEntry(RecordingEntry.parseFrom(bytes));
        if (r.seq() != expected) {
          damage = Optional.of("record " + expected + " is missing (record " + r.seq()
              + " follows record " + (expected - 1) + ")");
          break;
        }
        events.add(r);
        expected++;
      } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
        damage = Optional.of("record " + expected + " cannot be decoded (" + e.getMessage()
            + "); records 1-" + (expected - 1) + " are readable");
        break;
      }
    }
    Replay replay = Replay.of(initial, events);
    if (replay.problem().isPresent() && damage.isEmpty()) {
      damage = Optional.of(replay.problem().get().toString());
    }
    return new RecoveredGame(source, h.code, h.createdAt, replay, damage,
        damage.isPresent() ? Optional.empty() : gameLog, kept, h.classCode);
  }

  private static Scenario fallbackScenario() {
    try {
      return ScenarioLoader.fromClasspath(ScenarioLoader.builtInIds().get(0));
    } catch (ScenarioException e) {
      throw new IllegalStateException("the built-in scenario does not load", e);
    }
  }

  /** The scenario of a stored header, parsed and validated once per distinct snapshot. */
  private Scenario scenarioOf(StoredHeader h) {
    Scenario known = scenarios.get(h.scenarioSha);
    if (known != null) {
      return known;
    }
    try {
      Scenario s = ScenarioLoader.fromProto(ScenarioSpec.parseFrom(h.spec), dbFile + "#"
          + h.code + " (scenario " + h.scenarioSha.toString().substring(0, 12) + ")");
      scenarios.put(h.scenarioSha, s);
      return s;
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("its scenario snapshot cannot be decoded: "
          + e.getMessage(), e);
    } catch (ScenarioException e) {
      throw new IllegalArgumentException("its scenario snapshot is invalid: "
          + String.join("; ", e.problems()), e);
    }
  }

  private void markDamaged(String code, String why) {
    MarkDamaged m = new MarkDamaged(code, why, new CompletableFuture<>());
    submit(m, m.future);
    try {
      m.future.join();
    } catch (CompletionException e) {
      log.error("{}: cannot mark game {} damaged; it is left out of play this run only",
          dbFile, code, e.getCause());
    }
  }

  private Optional<StoredHeader> header(String code) throws SQLException {
    return header(readConn, code);
  }

  private static Optional<StoredHeader> header(Connection c, String code) throws SQLException {
    try (PreparedStatement q = c.prepareStatement(StoredHeader.SELECT
        + " WHERE g.code = ?")) {
      q.setString(1, code);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? Optional.of(StoredHeader.of(rs)) : Optional.empty();
      }
    }
  }

  private List<byte[]> entries(String code) throws SQLException {
    return entries(readConn, code);
  }

  private static List<byte[]> entries(Connection c, String code) throws SQLException {
    List<byte[]> out = new ArrayList<>();
    try (PreparedStatement q = c.prepareStatement(
        "SELECT entry FROM game_events WHERE game = ? ORDER BY seq")) {
      q.setString(1, code);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getBytes(1));
        }
      }
    }
    return out;
  }

  /** A game's self-contained recording, in the .hwr format, rebuilt from its rows. */
  private Optional<byte[]> recordingBytes(String code) throws SQLException, IOException {
    return recordingBytes(readConn, code);
  }

  /**
   * A game's self-contained recording (.hwr bytes) from a database, e.g. one
   * opened read-only while a server runs on it; empty if it has no such game.
   */
  static Optional<byte[]> recordingBytes(Connection c, String code)
      throws SQLException, IOException {
    Optional<StoredHeader> h = header(c, code);
    if (h.isEmpty()) {
      return Optional.empty();
    }
    StoredHeader header = h.get();
    RecordingHeader rh = RecordingHeader.newBuilder()
        .setFormatVersion(header.formatVersion)
        .setGameCode(header.code)
        .setCreatedAtMillis(header.createdAt.toEpochMilli())
        .setServerVersion(header.serverVersion)
        .setScenario(ScenarioSpec.parseFrom(header.spec))
        .setSettings(GameSetup.parseFrom(header.settingsBytes))
        .build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    frame(out, rh.toByteArray());
    for (byte[] entry : entries(c, code)) {
      frame(out, entry);
    }
    return Optional.of(out.toByteArray());
  }

  private static void frame(ByteArrayOutputStream out, byte[] payload) {
    ByteBuffer prefix = ByteBuffer.allocate(Frames.PREFIX_BYTES);
    prefix.putInt(payload.length).putInt(Frames.crc(payload, 0, payload.length));
    out.write(prefix.array(), 0, Frames.PREFIX_BYTES);
    out.write(payload, 0, payload.length);
  }

  private GamePage page(GameQuery query) throws SQLException, InvalidProtocolBufferException {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    query.phase().ifPresent(p -> {
      where.append(" AND state = ?");
      args.add(stateOf(p));
    });
    query.classCode().ifPresent(c -> {
      where.append(" AND class_code = ?");
      args.add(c);
    });
    query.after().ifPresent(a -> {
      where.append(" AND (created_at < ? OR (created_at = ? AND code > ?))");
      args.add(a.createdAt().toEpochMilli());
      args.add(a.createdAt().toEpochMilli());
      args.add(a.gameCode());
    });
    List<StoredGame.Seat> none = List.of();
    Map<String, Object[]> rows = new LinkedHashMap<>();
    try (PreparedStatement q = readConn.prepareStatement("SELECT code, created_at, scenario_id,"
        + " scenario_title, state, round, rounds, result, damage, class_code FROM games" + where
        + " ORDER BY created_at DESC, code LIMIT ?")) {
      int i = 1;
      for (Object a : args) {
        q.setObject(i++, a);
      }
      q.setInt(i, query.limit() + 1);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          rows.put(rs.getString(1), new Object[] {rs.getLong(2), rs.getString(3),
              rs.getString(4), rs.getString(5), rs.getInt(6), rs.getInt(7), rs.getBytes(8),
              rs.getString(9), rs.getString(10)});
        }
      }
    }
    boolean more = rows.size() > query.limit();
    List<String> codes = new ArrayList<>(rows.keySet());
    if (more) {
      rows.remove(codes.remove(codes.size() - 1));
    }
    Map<String, List<StoredGame.Seat>> seats = seatsOf(codes);
    ImmutableList.Builder<StoredGame> games = ImmutableList.builder();
    StoredGame last = null;
    for (Map.Entry<String, Object[]> e : rows.entrySet()) {
      Object[] r = e.getValue();
      byte[] result = (byte[]) r[6];
      last = new StoredGame(e.getKey(), Instant.ofEpochMilli((Long) r[0]), (String) r[1],
          (String) r[2], phaseOf((String) r[3]), (Integer) r[4], (Integer) r[5],
          ImmutableList.copyOf(seats.getOrDefault(e.getKey(), none)),
          result == null ? Optional.empty()
              : Optional.of(EventCodec.fromProto(GameResult.parseFrom(result))),
          Optional.ofNullable((String) r[7]), Optional.ofNullable((String) r[8]));
      games.add(last);
    }
    return new GamePage(games.build(), more && last != null
        ? Optional.of(last.position()) : Optional.empty());
  }

  private Map<String, List<StoredGame.Seat>> seatsOf(List<String> codes) throws SQLException {
    Map<String, List<StoredGame.Seat>> out = new HashMap<>();
    if (codes.isEmpty()) {
      return out;
    }
    String marks = String.join(",", java.util.Collections.nCopies(codes.size(), "?"));
    try (PreparedStatement q = readConn.prepareStatement("SELECT game, role, role_name,"
        + " display_name, bot FROM seats WHERE game IN (" + marks + ") ORDER BY game, ordinal")) {
      for (int i = 0; i < codes.size(); i++) {
        q.setString(i + 1, codes.get(i));
      }
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new StoredGame.Seat(
              rs.getString(2), rs.getString(3), Optional.ofNullable(rs.getString(4)),
              Optional.ofNullable(rs.getString(5))));
        }
      }
    }
    return out;
  }

  /** A result's scores as the games table's scores column holds them: {@code japan=61 russia=58}. */
  static String scoresText(Result r) {
    StringBuilder sb = new StringBuilder();
    r.scores().forEach((role, points) -> sb.append(sb.length() == 0 ? "" : " ").append(role)
        .append('=').append(points));
    return sb.toString();
  }

  static String stateOf(Phase phase) {
    switch (phase) {
      case WAITING:
        return "waiting";
      case IN_PROGRESS:
        return "in_progress";
      case ENDED:
        return "ended";
      default:
        throw new AssertionError(phase);
    }
  }

  static Phase phaseOf(String state) {
    switch (state) {
      case "waiting":
        return Phase.WAITING;
      case "in_progress":
        return Phase.IN_PROGRESS;
      case "ended":
        return Phase.ENDED;
      default:
        throw new IllegalArgumentException("unknown game state '" + state + "'");
    }
  }

  // ------------------------------------------------------------ classes

  @Override
  public CompletableFuture<ClassLog> createClass(ClassHeader header) {
    checkNotNull(header, "header");
    CreateClass c = new CreateClass(header, new CompletableFuture<>());
    submit(c, c.future);
    return c.future;
  }

  /** {@inheritDoc} Every class, open or ended; classes are few and small. */
  @Override
  public List<RecoveredClass> recoverClasses() throws IOException {
    try {
      return onReader(this::readClasses).join();
    } catch (CompletionException e) {
      throw new IOException(dbFile + ": the classes cannot be read: "
          + e.getCause().getMessage(), e.getCause());
    }
  }

  private List<RecoveredClass> readClasses() throws SQLException {
    List<RecoveredClass> out = new ArrayList<>();
    Map<String, List<byte[]>> events = new HashMap<>();
    try (Statement s = readConn.createStatement();
        ResultSet rs = s.executeQuery("SELECT class, entry FROM class_events ORDER BY class, seq")) {
      while (rs.next()) {
        events.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getBytes(2));
      }
    }
    try (Statement s = readConn.createStatement();
        ResultSet rs = s.executeQuery("SELECT code, header, state, damage FROM classes"
            + " ORDER BY created_at, code")) {
      while (rs.next()) {
        String code = rs.getString(1);
        ClassHeader header;
        try {
          header = ClassRows.headerOf(rs.getBytes(2));
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
          log.error("{}: class {} has no readable header; it is left out: {}", dbFile, code,
              e.getMessage());
          continue;
        }
        Optional<String> damage = Optional.ofNullable(rs.getString(4));
        ImmutableList.Builder<ClassRecorded> decoded = ImmutableList.builder();
        long expected = 1;
        for (byte[] bytes : events.getOrDefault(code, List.of())) {
          try {
            ClassRecorded r = ClassCodec.fromEntry(ClassEntry.parseFrom(bytes));
            if (r.seq() != expected) {
              damage = Optional.of("class record " + expected + " is missing");
              break;
            }
            decoded.add(r);
            expected++;
          } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            damage = Optional.of("class record " + expected + " cannot be decoded ("
                + e.getMessage() + ")");
            break;
          }
        }
        boolean open = "open".equals(rs.getString(3));
        Optional<ClassLog> classLog = open && damage.isEmpty()
            ? Optional.of(new ClassLogImpl(code, expected)) : Optional.empty();
        damage.ifPresent(d -> log.error("{}: class {} is damaged: {}", dbFile, code, d));
        out.add(new RecoveredClass(header, decoded.build(), damage, classLog));
      }
    }
    return out;
  }

  // ------------------------------------------------------------ closing

  /** Makes every queued request durable, then stops the writer and releases the folder. */
  @Override
  public void close() {
    synchronized (admission) {
      if (closed) {
        return;
      }
      closed = true;
      queue.add(new Stop());
    }
    if (Thread.currentThread() != writer) {
      Uninterruptibles.joinUninterruptibly(writer);
    }
    reader.shutdown();
    try {
      reader.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeQuietly(readConn);
    closeQuietly(writeConn);
    releaseAll(lockChannels);
  }

  private static void closeQuietly(Connection c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (SQLException e) {
      log.warn("Cannot close a database connection", e);
    }
  }

  private static void releaseAll(List<FileChannel> channels) {
    for (FileChannel c : channels) {
      try {
        c.close(); // releases its lock
      } catch (IOException e) {
        log.warn("Cannot release a data folder lock", e);
      }
    }
  }

  private <T> CompletableFuture<T> onReader(Callable<T> work) {
    CompletableFuture<T> f = new CompletableFuture<>();
    try {
      reader.execute(() -> {
        try {
          f.complete(work.call());
        } catch (Exception | Error e) {
          f.completeExceptionally(e);
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      f.completeExceptionally(new IllegalStateException("the store is closed"));
    }
    return f;
  }

  private void submit(Request request, CompletableFuture<?> future) {
    synchronized (admission) {
      if (!closed) {
        queue.add(request);
        return;
      }
    }
    future.completeExceptionally(new IllegalStateException("the store is closed"));
  }

  // ------------------------------------------------------------ the writer thread

  private void runWriter() {
    List<Request> batch = new ArrayList<>();
    boolean stopping = false;
    while (!stopping) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        continue; // only close() stops the writer, through the queue
      }
      queue.drainTo(batch);
      stopping = batch.stream().anyMatch(r -> r instanceof Stop);
      runBatch(batch);
      batch.clear();
    }
  }

  /** One group commit: every request in one transaction; alone each, if that fails. */
  private void runBatch(List<Request> batch) {
    batches.incrementAndGet();
    try {
      for (Request r : batch) {
        r.write(this);
      }
      halt.beforeCommit(batch);
      writeConn.commit();
      halt.afterCommit(batch);
    } catch (SQLException | RuntimeException e) {
      rollback();
      if (batch.size() == 1) {
        fail(batch.get(0), e);
        return;
      }
      log.warn("{}: a group commit of {} requests failed ({}); committing them one by one",
          dbFile, batch.size(), e.toString());
      for (Request r : batch) {
        runBatch(List.of(r));
      }
      return;
    }
    for (Request r : batch) {
      r.done(this);
    }
  }

  private void rollback() {
    try {
      writeConn.rollback();
    } catch (SQLException e) {
      log.error("{}: rolling back a failed group commit failed", dbFile, e);
    }
  }

  private void fail(Request r, Exception e) {
    if (!(e instanceof DuplicateCodeException)) {
      log.error("{}: cannot make {} durable", dbFile, r, e);
    }
    r.fail(e);
  }

  // ------------------------------------------------------------ requests

  /** Something the writer makes durable; {@link #write} runs in the batch's transaction. */
  private abstract static class Request {
    abstract void write(SqliteStore s) throws SQLException;

    /** After the commit. */
    abstract void done(SqliteStore s);

    abstract void fail(Exception e);

    /** The idempotency key this request carries, for crash-test cut points. */
    Optional<RequestKey> key() {
      return Optional.empty();
    }
  }

  /** A request whose caller waits on a future: a failure completes it exceptionally. */
  private abstract static class Completing<T> extends Request {
    final CompletableFuture<T> future;

    Completing(CompletableFuture<T> future) {
      this.future = future;
    }

    @Override
    void fail(Exception e) {
      future.completeExceptionally(e);
    }
  }

  private static final class CreateGame extends Completing<GameLog> {
    final GameHeader header;
    final byte[] spec;
    final HashCode sha;
    private boolean duplicate;

    CreateGame(GameHeader header, byte[] spec, HashCode sha, CompletableFuture<GameLog> future) {
      super(future);
      this.header = header;
      this.spec = spec;
      this.sha = sha;
    }

    @Override
    void write(SqliteStore s) throws SQLException {
      duplicate = s.sql.gameExists(header.gameCode());
      if (duplicate) {
        return;
      }
      s.sql.insertScenario(sha, spec);
      s.sql.insertGame(header, sha, Versions.RECORDING_FORMAT, Versions.serverName(),
          EventCodec.toProto(header.settings()).toByteArray());
      int ordinal = 0;
      for (Role role : header.scenario().roles()) {
        s.sql.insertSeat(header.gameCode(), role.id(), ordinal++, role.name());
      }
    }

    @Override
    void done(SqliteStore s) {
      if (duplicate) {
        log.warn("game {} is already stored", header.gameCode());
        future.completeExceptionally(new DuplicateCodeException(header.gameCode()));
      } else {
        future.complete(s.new Log(header.gameCode(), 1, Phase.WAITING, 0,
            header.settings().rounds()));
      }
    }

    @Override
    public String toString() {
      return "the creation of game " + header.gameCode();
    }
  }

  /** The games row after an append: where the game stands. */
  private record Row(String state, int round, int rounds, Optional<Result> result,
      Optional<Instant> endedAt) {}

  private static final class AppendGame extends Completing<Void> {
    final Log gameLog;
    final List<Recorded> events;
    final List<byte[]> entries;
    final Optional<Row> row;
    final Optional<RequestKey> key;

    AppendGame(Log gameLog, List<Recorded> events, List<byte[]> entries, Optional<Row> row,
        Optional<RequestKey> key, CompletableFuture<Void> future) {
      super(future);
      this.gameLog = gameLog;
      this.events = events;
      this.entries = entries;
      this.row = row;
      this.key = key;
    }

    @Override
    void write(SqliteStore s) throws SQLException {
      if (gameLog.failed) {
        return;
      }
      // the request's key goes on its last event's row: a row of its own in requests
      // costs the writer another scattered B-tree page per move (StoreLayoutBenchmark)
      boolean keyOnEvent = key.isPresent() && !events.isEmpty()
          && key.get().lastSeq() == events.get(events.size() - 1).seq();
      s.sql.insertEvents(gameLog.code, events, entries, keyOnEvent ? key : Optional.empty());
      for (int i = 0; i < events.size(); i++) {
        Recorded r = events.get(i);
        if (r.event() instanceof Event.SeatTaken t) {
          s.sql.takeSeat(gameLog.code, t.role(), t.displayName(), t.bot().orElse(null),
              t.tokenHash().asBytes());
        } else if (r.event() instanceof Event.SeatReleased rel) {
          s.sql.takeSeat(gameLog.code, rel.role(), null, null, null);
        }
      }
      if (row.isPresent()) {
        s.sql.updateGame(gameLog.code, row.get());
      }
      if (key.isPresent() && !keyOnEvent) {
        s.sql.insertRequest(gameLog.code, key.get());
      }
    }

    @Override
    void done(SqliteStore s) {
      if (gameLog.failed) {
        future.completeExceptionally(new IOException("the recording of game " + gameLog.code
            + " failed earlier and takes no more records"));
        return;
      }
      s.appends.incrementAndGet();
      s.records.addAndGet(events.size());
      future.complete(null);
    }

    @Override
    void fail(Exception e) {
      gameLog.failed = true;
      super.fail(e);
    }

    @Override
    Optional<RequestKey> key() {
      return key;
    }

    @Override
    public String toString() {
      return "records " + (events.isEmpty() ? "(none)" : events.get(0).seq() + "-"
          + events.get(events.size() - 1).seq()) + " of game " + gameLog.code;
    }
  }

  /** Completes once every request queued before it is durable. */
  private static final class Barrier extends Completing<Void> {
    final String what;

    Barrier(String what, CompletableFuture<Void> future) {
      super(future);
      this.what = what;
    }

    @Override
    void write(SqliteStore s) {}

    @Override
    void done(SqliteStore s) {
      future.complete(null);
    }

    @Override
    public String toString() {
      return what;
    }
  }

  private static final class MarkDamaged extends Completing<Void> {
    final String code;
    final String why;

    MarkDamaged(String code, String why, CompletableFuture<Void> future) {
      super(future);
      this.code = code;
      this.why = why;
    }

    @Override
    void write(SqliteStore s) throws SQLException {
      s.sql.markDamaged(code, why);
    }

    @Override
    void done(SqliteStore s) {
      future.complete(null);
    }

    @Override
    public String toString() {
      return "marking game " + code + " damaged";
    }
  }

  private static final class CreateClass extends Completing<ClassLog> {
    final ClassHeader header;
    private boolean duplicate;

    CreateClass(ClassHeader header, CompletableFuture<ClassLog> future) {
      super(future);
      this.header = header;
    }

    @Override
    void write(SqliteStore s) throws SQLException {
      duplicate = s.sql.classExists(header.classCode());
      if (!duplicate) {
        s.sql.insertClass(header.classCode(), header.createdAt(), ClassRows.toProto(header));
      }
    }

    @Override
    void done(SqliteStore s) {
      if (duplicate) {
        future.completeExceptionally(new DuplicateCodeException(header.classCode()));
      } else {
        future.complete(s.new ClassLogImpl(header.classCode(), 1));
      }
    }

    @Override
    public String toString() {
      return "the creation of class " + header.classCode();
    }
  }

  private static final class AppendClass extends Completing<Void> {
    final ClassLogImpl classLog;
    final List<ClassRecorded> events;
    final List<byte[]> entries;

    AppendClass(ClassLogImpl classLog, List<ClassRecorded> events, List<byte[]> entries,
        CompletableFuture<Void> future) {
      super(future);
      this.classLog = classLog;
      this.events = events;
      this.entries = entries;
    }

    @Override
    void write(SqliteStore s) throws SQLException {
      if (classLog.failed) {
        return;
      }
      Optional<Instant> ended = Optional.empty();
      for (int i = 0; i < events.size(); i++) {
        ClassRecorded r = events.get(i);
        s.sql.insertClassEvent(classLog.code, r.seq(), entries.get(i));
        if (r.event() instanceof ClassEvent.GameFormed f) {
          s.sql.formGame(classLog.code, f.gameCode());
        } else if (r.event() instanceof ClassEvent.ClassEnded e) {
          ended = Optional.of(e.at());
        }
      }
      if (!events.isEmpty()) {
        s.sql.updateClass(classLog.code, events.get(events.size() - 1).seq(), ended);
      }
    }

    @Override
    void done(SqliteStore s) {
      if (classLog.failed) {
        future.completeExceptionally(new IOException("the record of class " + classLog.code
            + " failed earlier and takes no more events"));
      } else {
        future.complete(null);
      }
    }

    @Override
    void fail(Exception e) {
      classLog.failed = true;
      super.fail(e);
    }

    @Override
    public String toString() {
      return "events of class " + classLog.code;
    }
  }

  private static final class Stop extends Request {
    @Override
    void write(SqliteStore s) {}

    @Override
    void done(SqliteStore s) {}

    @Override
    void fail(Exception e) {}
  }

  // ------------------------------------------------------------ logs

  /**
   * One game open for appending. {@link #append} runs on the game's thread:
   * it checks the numbering, encodes the records and works out the game's
   * row, so the writer only executes statements.
   */
  private final class Log implements GameLog {
    private final String code;
    private long nextSeq; // guarded by this
    private Phase phase; // guarded by this
    private int round; // guarded by this
    private int rounds; // guarded by this
    private CompletableFuture<Void> closing; // guarded by this
    /** The games row as the last append left it. */
    private Row lastRow; // guarded by this
    /** Set by the writer when an append failed; later appends fail too. */
    private volatile boolean failed;

    Log(String code, long nextSeq, Phase phase, int round, int rounds) {
      this.code = code;
      this.nextSeq = nextSeq;
      this.phase = phase;
      this.round = round;
      this.rounds = rounds;
      this.lastRow = new Row(stateOf(phase), round, rounds, Optional.empty(), Optional.empty());
    }

    @Override
    public CompletableFuture<Void> append(List<Recorded> events) {
      return append(events, Optional.empty());
    }

    /**
     * {@inheritDoc}
     *
     * <p>Fails with {@link IllegalArgumentException} if the records are not
     * numbered on from the last one, with {@link IllegalStateException} once
     * the log or the store is closed, and with the database's error if the
     * transaction fails; after that every later append fails too.
     */
    @Override
    public synchronized CompletableFuture<Void> append(List<Recorded> events,
        Optional<RequestKey> key) {
      checkNotNull(events, "events");
      checkNotNull(key, "key");
      CompletableFuture<Void> future = new CompletableFuture<>();
      if (closing != null) {
        future.completeExceptionally(new IllegalStateException(
            "the recording of game " + code + " is closed"));
        return future;
      }
      List<byte[]> entries = new ArrayList<>(events.size());
      Optional<Result> result = Optional.empty();
      Optional<Instant> endedAt = Optional.empty();
      Phase p = phase;
      int rd = round;
      int rds = rounds;
      for (int i = 0; i < events.size(); i++) {
        Recorded r = events.get(i);
        if (r.seq() != nextSeq + i) {
          future.completeExceptionally(new IllegalArgumentException("the recording of game "
              + code + " continues at record " + (nextSeq + i) + " but was given record "
              + r.seq()));
          return future;
        }
        entries.add(EventCodec.toEntry(r).toByteArray());
        Event e = r.event();
        if (e instanceof Event.GameStarted) {
          p = Phase.IN_PROGRESS;
        } else if (e instanceof Event.TurnChanged t) {
          rd = t.round();
        } else if (e instanceof Event.RoundsExtended x) {
          rds = x.rounds();
        } else if (e instanceof Event.GameEnded g) {
          p = Phase.ENDED;
          result = Optional.of(g.result());
          endedAt = Optional.of(r.at());
        }
      }
      if (events.isEmpty()) {
        future.complete(null);
        return future;
      }
      nextSeq += events.size();
      phase = p;
      round = rd;
      rounds = rds;
      Row row = new Row(stateOf(p), rd, rds, result, endedAt);
      // most moves (offers, chat) leave the game's row as it was: no UPDATE for them
      Optional<Row> changed = row.equals(lastRow) ? Optional.empty() : Optional.of(row);
      lastRow = row;
      submit(new AppendGame(this, List.copyOf(events), entries, changed, key, future), future);
      return future;
    }

    /** Completes once every append queued before it is durable; the row says the game's state. */
    @Override
    public synchronized CompletableFuture<Void> close() {
      if (closing == null) {
        closing = new CompletableFuture<>();
        submit(new Barrier("closing game " + code, closing), closing);
      }
      return closing;
    }

    @Override
    public String toString() {
      return "GameLog[" + code + "]";
    }
  }

  private final class ClassLogImpl implements ClassLog {
    private final String code;
    private long nextSeq; // guarded by this
    private CompletableFuture<Void> closing; // guarded by this
    private volatile boolean failed;

    ClassLogImpl(String code, long nextSeq) {
      this.code = code;
      this.nextSeq = nextSeq;
    }

    @Override
    public synchronized CompletableFuture<Void> append(List<ClassRecorded> events) {
      checkNotNull(events, "events");
      CompletableFuture<Void> future = new CompletableFuture<>();
      if (closing != null) {
        future.completeExceptionally(new IllegalStateException(
            "the record of class " + code + " is closed"));
        return future;
      }
      List<byte[]> entries = new ArrayList<>(events.size());
      for (int i = 0; i < events.size(); i++) {
        ClassRecorded r = events.get(i);
        if (r.seq() != nextSeq + i) {
          future.completeExceptionally(new IllegalArgumentException("the record of class "
              + code + " continues at event " + (nextSeq + i) + " but was given event "
              + r.seq()));
          return future;
        }
        entries.add(ClassCodec.toEntry(r).toByteArray());
      }
      if (events.isEmpty()) {
        future.complete(null);
        return future;
      }
      nextSeq += events.size();
      submit(new AppendClass(this, List.copyOf(events), entries, future), future);
      return future;
    }

    @Override
    public synchronized CompletableFuture<Void> close() {
      if (closing == null) {
        closing = new CompletableFuture<>();
        submit(new Barrier("closing class " + code, closing), closing);
      }
      return closing;
    }
  }

  // ------------------------------------------------------------ statements

  /** The writer's prepared statements; writer thread only. */
  private static final class Statements {
    private final PreparedStatement gameExists;
    private final PreparedStatement insertScenario;
    private final PreparedStatement insertGame;
    private final PreparedStatement insertSeat;
    private final PreparedStatement insertEvent;
    private final PreparedStatement insertTwoEvents;
    private final PreparedStatement takeSeat;
    private final PreparedStatement updateGame;
    private final PreparedStatement insertRequest;
    private final PreparedStatement markDamaged;
    private final PreparedStatement classExists;
    private final PreparedStatement insertClass;
    private final PreparedStatement insertClassEvent;
    private final PreparedStatement formGame;
    private final PreparedStatement classOfGame;
    private final PreparedStatement updateClass;

    Statements(Connection c) throws SQLException {
      gameExists = c.prepareStatement("SELECT 1 FROM games WHERE code = ?");
      insertScenario = c.prepareStatement(
          "INSERT OR IGNORE INTO scenarios (sha256, spec) VALUES (?, ?)");
      insertGame = c.prepareStatement("INSERT INTO games (code, created_at, format_version,"
          + " server_version, scenario_sha256, scenario_id, scenario_title, settings, state,"
          + " rounds, class_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'waiting', ?,"
          + " (SELECT class FROM class_games WHERE game = ?))");
      insertSeat = c.prepareStatement("INSERT INTO seats (game, role, ordinal, role_name)"
          + " VALUES (?, ?, ?, ?)");
      insertEvent = c.prepareStatement("INSERT INTO game_events (game, seq, entry,"
          + " request_key, request_kind, request_role) VALUES (?, ?, ?, ?, ?, ?)");
      takeSeat = c.prepareStatement("UPDATE seats SET display_name = ?, bot = ?,"
          + " token_sha256 = ? WHERE game = ? AND role = ?");
      updateGame = c.prepareStatement("UPDATE games SET state = ?, round = ?, rounds = ?,"
          + " outcome = coalesce(?, outcome), scores = coalesce(?, scores),"
          + " result = coalesce(?, result), ended_at = coalesce(?, ended_at) WHERE code = ?");
      insertTwoEvents = c.prepareStatement("INSERT INTO game_events (game, seq, entry,"
          + " request_key, request_kind, request_role) VALUES (?, ?, ?, NULL, NULL, NULL),"
          + " (?, ?, ?, ?, ?, ?)");
      insertRequest = c.prepareStatement("INSERT OR REPLACE INTO requests (game, key_sha256,"
          + " kind, role, last_seq) VALUES (?, ?, ?, ?, ?)");
      markDamaged = c.prepareStatement("UPDATE games SET damage = ? WHERE code = ?");
      classExists = c.prepareStatement("SELECT 1 FROM classes WHERE code = ?");
      insertClass = c.prepareStatement("INSERT INTO classes (code, created_at, header, state)"
          + " VALUES (?, ?, ?, 'open')");
      insertClassEvent = c.prepareStatement(
          "INSERT INTO class_events (class, seq, entry) VALUES (?, ?, ?)");
      formGame = c.prepareStatement(
          "INSERT OR REPLACE INTO class_games (game, class) VALUES (?, ?)");
      classOfGame = c.prepareStatement("UPDATE games SET class_code = ? WHERE code = ?");
      updateClass = c.prepareStatement("UPDATE classes SET last_seq = ?,"
          + " state = CASE WHEN ? THEN 'ended' ELSE state END,"
          + " ended_at = coalesce(?, ended_at) WHERE code = ?");
    }

    boolean gameExists(String code) throws SQLException {
      gameExists.setString(1, code);
      try (ResultSet rs = gameExists.executeQuery()) {
        return rs.next();
      }
    }

    void insertScenario(HashCode sha, byte[] spec) throws SQLException {
      insertScenario.setBytes(1, sha.asBytes());
      insertScenario.setBytes(2, spec);
      insertScenario.executeUpdate();
    }

    void insertGame(GameHeader h, HashCode sha, int format, String serverVersion,
        byte[] settings) throws SQLException {
      insertGame.setString(1, h.gameCode());
      insertGame.setLong(2, h.createdAt().toEpochMilli());
      insertGame.setInt(3, format);
      insertGame.setString(4, serverVersion);
      insertGame.setBytes(5, sha.asBytes());
      insertGame.setString(6, h.scenario().id());
      insertGame.setString(7, h.scenario().title());
      insertGame.setBytes(8, settings);
      insertGame.setInt(9, h.settings().rounds());
      insertGame.setString(10, h.gameCode());
      insertGame.executeUpdate();
    }

    void insertSeat(String game, String role, int ordinal, String roleName) throws SQLException {
      insertSeat.setString(1, game);
      insertSeat.setString(2, role);
      insertSeat.setInt(3, ordinal);
      insertSeat.setString(4, roleName);
      insertSeat.executeUpdate();
    }

    void insertEvent(String game, long seq, byte[] entry, Optional<RequestKey> key)
        throws SQLException {
      insertEvent.setString(1, game);
      insertEvent.setLong(2, seq);
      insertEvent.setBytes(3, entry);
      setKey(insertEvent, 4, key);
      insertEvent.executeUpdate();
    }

    /**
     * A move's events, two to a statement: most moves make two (an offer and a
     * turn). The request's key, if any, goes on the row of the last one.
     */
    void insertEvents(String game, List<Recorded> events, List<byte[]> entries,
        Optional<RequestKey> key) throws SQLException {
      int i = 0;
      for (; i + 1 < events.size(); i += 2) {
        insertTwoEvents.setString(1, game);
        insertTwoEvents.setLong(2, events.get(i).seq());
        insertTwoEvents.setBytes(3, entries.get(i));
        insertTwoEvents.setString(4, game);
        insertTwoEvents.setLong(5, events.get(i + 1).seq());
        insertTwoEvents.setBytes(6, entries.get(i + 1));
        setKey(insertTwoEvents, 7, i + 2 == events.size() ? key : Optional.empty());
        insertTwoEvents.executeUpdate();
      }
      if (i < events.size()) {
        insertEvent(game, events.get(i).seq(), entries.get(i), key);
      }
    }

    private static void setKey(PreparedStatement st, int from, Optional<RequestKey> key)
        throws SQLException {
      if (key.isPresent()) {
        st.setBytes(from, key.get().keyHash().asBytes());
        st.setString(from + 1, key.get().kind().name());
        st.setString(from + 2, key.get().role());
      } else {
        st.setNull(from, java.sql.Types.BLOB);
        st.setNull(from + 1, java.sql.Types.VARCHAR);
        st.setNull(from + 2, java.sql.Types.VARCHAR);
      }
    }

    void takeSeat(String game, String role, String name, String bot, byte[] token)
        throws SQLException {
      takeSeat.setString(1, name);
      takeSeat.setString(2, bot);
      takeSeat.setBytes(3, token);
      takeSeat.setString(4, game);
      takeSeat.setString(5, role);
      takeSeat.executeUpdate();
    }

    void updateGame(String game, Row row) throws SQLException {
      updateGame.setString(1, row.state());
      updateGame.setInt(2, row.round());
      updateGame.setInt(3, row.rounds());
      updateGame.setString(4, row.result().map(r -> r.outcome().name().toLowerCase(
          java.util.Locale.ROOT)).orElse(null));
      updateGame.setString(5, row.result().map(SqliteStore::scoresText).orElse(null));
      updateGame.setBytes(6, row.result().map(r -> EventCodec.toProto(r).toByteArray())
          .orElse(null));
      if (row.endedAt().isPresent()) {
        updateGame.setLong(7, row.endedAt().get().toEpochMilli());
      } else {
        updateGame.setNull(7, java.sql.Types.INTEGER);
      }
      updateGame.setString(8, game);
      updateGame.executeUpdate();
    }

    void insertRequest(String game, RequestKey key) throws SQLException {
      insertRequest.setString(1, game);
      insertRequest.setBytes(2, key.keyHash().asBytes());
      insertRequest.setString(3, key.kind().name());
      insertRequest.setString(4, key.role());
      insertRequest.setLong(5, key.lastSeq());
      insertRequest.executeUpdate();
    }

    void markDamaged(String game, String why) throws SQLException {
      markDamaged.setString(1, why);
      markDamaged.setString(2, game);
      markDamaged.executeUpdate();
    }

    boolean classExists(String code) throws SQLException {
      classExists.setString(1, code);
      try (ResultSet rs = classExists.executeQuery()) {
        return rs.next();
      }
    }

    void insertClass(String code, Instant createdAt, byte[] header) throws SQLException {
      insertClass.setString(1, code);
      insertClass.setLong(2, createdAt.toEpochMilli());
      insertClass.setBytes(3, header);
      insertClass.executeUpdate();
    }

    void insertClassEvent(String code, long seq, byte[] entry) throws SQLException {
      insertClassEvent.setString(1, code);
      insertClassEvent.setLong(2, seq);
      insertClassEvent.setBytes(3, entry);
      insertClassEvent.executeUpdate();
    }

    void formGame(String classCode, String gameCode) throws SQLException {
      formGame.setString(1, gameCode);
      formGame.setString(2, classCode);
      formGame.executeUpdate();
      classOfGame.setString(1, classCode);
      classOfGame.setString(2, gameCode);
      classOfGame.executeUpdate();
    }

    void updateClass(String code, long lastSeq, Optional<Instant> ended) throws SQLException {
      updateClass.setLong(1, lastSeq);
      updateClass.setBoolean(2, ended.isPresent());
      if (ended.isPresent()) {
        updateClass.setLong(3, ended.get().toEpochMilli());
      } else {
        updateClass.setNull(3, java.sql.Types.INTEGER);
      }
      updateClass.setString(4, code);
      updateClass.executeUpdate();
    }
  }

  /** A games row's header columns, with its scenario snapshot. */
  private static final class StoredHeader {
    static final String SELECT = "SELECT g.code, g.created_at, g.format_version,"
        + " g.server_version, g.scenario_sha256, s.spec, g.settings, g.class_code, g.damage"
        + " FROM games g JOIN scenarios s ON s.sha256 = g.scenario_sha256";

    final String code;
    final Instant createdAt;
    final int formatVersion;
    final String serverVersion;
    final HashCode scenarioSha;
    final byte[] spec;
    final byte[] settingsBytes;
    final GameSettings settings;
    final Optional<String> classCode;
    final Optional<String> damage;

    private StoredHeader(ResultSet rs) throws SQLException {
      code = rs.getString(1);
      createdAt = Instant.ofEpochMilli(rs.getLong(2));
      formatVersion = rs.getInt(3);
      serverVersion = rs.getString(4);
      scenarioSha = HashCode.fromBytes(rs.getBytes(5));
      spec = rs.getBytes(6);
      settingsBytes = rs.getBytes(7);
      GameSettings s;
      try {
        s = EventCodec.fromProto(GameSetup.parseFrom(settingsBytes));
      } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
        throw new SQLException("game " + code + " has unreadable settings: " + e.getMessage(), e);
      }
      settings = s;
      classCode = Optional.ofNullable(rs.getString(8));
      damage = Optional.ofNullable(rs.getString(9));
    }

    static StoredHeader of(ResultSet rs) throws SQLException {
      return new StoredHeader(rs);
    }
  }

  /** A crash-test cut point: halts the JVM, as kill -9 would, around a chosen commit. */
  private static final class HaltPoint {
    private final String when;
    private final HashCode key;

    private HaltPoint(String when, HashCode key) {
      this.when = when;
      this.key = key;
    }

    static HaltPoint fromProperty(String value) {
      if (value == null || value.isEmpty()) {
        return new HaltPoint("", null);
      }
      int colon = value.indexOf(':');
      checkState(colon > 0, "%s must be before-commit:<sha256 hex> or after-commit:<sha256"
          + " hex> but was %s", HALT_PROPERTY, value);
      log.warn("crash-test cut point armed: {}", value);
      return new HaltPoint(value.substring(0, colon),
          HashCode.fromString(value.substring(colon + 1)));
    }

    void beforeCommit(List<Request> batch) {
      haltIf("before-commit", batch);
    }

    void afterCommit(List<Request> batch) {
      haltIf("after-commit", batch);
    }

    private void haltIf(String point, List<Request> batch) {
      if (key == null || !point.equals(when)) {
        return;
      }
      for (Request r : batch) {
        if (r.key().map(k -> k.keyHash().equals(key)).orElse(false)) {
          Runtime.getRuntime().halt(137);
        }
      }
    }
  }
}
