package org.hikiwake.server.record;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import com.google.common.util.concurrent.Uninterruptibles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hikiwake.codec.EventCodec;
import org.hikiwake.codec.Versions;
import org.hikiwake.codec.recording.Frames;
import org.hikiwake.codec.recording.Recording;
import org.hikiwake.codec.recording.RecordingException;
import org.hikiwake.codec.recording.RecordingHeaders;
import org.hikiwake.codec.recording.RecordingReader;
import org.hikiwake.codec.recording.ReplayedRecording;
import org.hikiwake.engine.replay.Recorded;
import org.hikiwake.proto.recording.RecordingEntry;
import org.hikiwake.proto.recording.RecordingHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recordings as files, {@code <dataDir>/games/<GAME_CODE>.hwr}, written by one
 * writer thread with group commit: it drains every queued request, writes each
 * game's frames, fsyncs each written file once (several files at a time), then
 * completes the batch's futures. {@code <dataDir>/games/.lock} keeps a second
 * server off the folder.
 */
public final class FileRecordingStore implements RecordingStore {
  /** How many files a batch fsyncs at once, unless told otherwise. */
  public static final int DEFAULT_FSYNC_THREADS = 16;
  /** Folder of the recordings inside the data folder. */
  public static final String GAMES_FOLDER = "games";
  /** File name ending of a recording. */
  public static final String EXTENSION = ".hwr";

  private static final Logger logger = LoggerFactory.getLogger(FileRecordingStore.class);
  private static final String LOCK_FILE = ".lock";
  private static final Pattern GAME_CODE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final Path gamesDir;
  private final ChannelOpener opener;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final LinkedBlockingQueue<Request> queue = new LinkedBlockingQueue<>();
  private final Object admission = new Object();
  private boolean closed; // guarded by admission
  private boolean recovered; // guarded by admission
  private final Thread writer;
  /** Fsyncs a batch's files concurrently for the writer; null to fsync on the writer itself. */
  private final ExecutorService fsyncPool;
  /** Logs whose channel is open; the writer closes them when it stops. */
  private final Set<FileGameLog> openLogs = ConcurrentHashMap.newKeySet();

  private final AtomicLong fsyncs = new AtomicLong();
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong appends = new AtomicLong();
  private final AtomicLong records = new AtomicLong();

  /** Opens a channel; tests swap it to make writes fail. */
  interface ChannelOpener {
    FileChannel open(Path file, StandardOpenOption... options) throws IOException;
  }

  private FileRecordingStore(Path gamesDir, ChannelOpener opener, int fsyncThreads,
      FileChannel lockChannel, FileLock lock) {
    this.gamesDir = gamesDir;
    this.opener = opener;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.fsyncPool = fsyncThreads <= 1 ? null : Executors.newFixedThreadPool(fsyncThreads,
        new ThreadFactoryBuilder().setNameFormat("recording-fsync-%d").setDaemon(true).build());
    // A daemon: a move is acknowledged only once durable, so nothing acknowledged
    // waits in the queue, and a forgotten close() cannot keep the JVM alive.
    this.writer = new Thread(this::runWriter, "recording-writer");
    this.writer.setDaemon(true);
  }

  /**
   * Opens the store on a data folder, creating {@code games/} in it if needed,
   * and starts the writer thread.
   *
   * @throws IOException if the folder cannot be created, or another store holds it
   */
  public static FileRecordingStore open(Path dataDir) throws IOException {
    return open(dataDir, DEFAULT_FSYNC_THREADS);
  }

  /**
   * Opens the store, fsyncing up to {@code fsyncThreads} files at once in
   * each batch (1 fsyncs them one after another on the writer thread).
   */
  public static FileRecordingStore open(Path dataDir, int fsyncThreads) throws IOException {
    return open(dataDir, FileChannel::open, fsyncThreads);
  }

  static FileRecordingStore open(Path dataDir, ChannelOpener opener) throws IOException {
    return open(dataDir, opener, DEFAULT_FSYNC_THREADS);
  }

  private static FileRecordingStore open(Path dataDir, ChannelOpener opener, int fsyncThreads)
      throws IOException {
    checkArgument(fsyncThreads >= 1, "fsyncThreads must be >= 1 but was %s", fsyncThreads);
    Path gamesDir = dataDir.resolve(GAMES_FOLDER);
    Files.createDirectories(gamesDir);
    FileChannel lockChannel = FileChannel.open(gamesDir.resolve(LOCK_FILE),
        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = lockChannel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException e) {
      lockChannel.close();
      throw e;
    }
    if (lock == null) {
      lockChannel.close();
      throw new IOException("the recordings folder " + gamesDir
          + " is in use by another server (or another store in this one)");
    }
    FileRecordingStore store = new FileRecordingStore(gamesDir, opener, fsyncThreads,
        lockChannel, lock);
    store.writer.start();
    return store;
  }

  /** The folder holding the recordings. */
  public Path gamesDir() {
    return gamesDir;
  }

  /** The file a game's recording is kept in. */
  public Path fileOf(String gameCode) {
    checkArgument(GAME_CODE.matcher(gameCode).matches(),
        "a game code is 1 to 64 letters, digits, '-' or '_' but was '%s'", gameCode);
    return gamesDir.resolve(gameCode + EXTENSION);
  }

  @Override
  public CompletableFuture<byte[]> read(String gameCode) {
    // Off the writer and the event loops: a plain blocking read on a common pool thread.
    return CompletableFuture.supplyAsync(() -> {
      try {
        return Files.readAllBytes(fileOf(gameCode));
      } catch (IOException e) {
        throw new java.util.concurrent.CompletionException(e);
      }
    }, java.util.concurrent.ForkJoinPool.commonPool());
  }

  /** How many fsyncs (of files and of the folder) the writer has made. */
  public long fsyncCount() {
    return fsyncs.get();
  }

  /** How many batches the writer has run: one pass of drain, write, fsync, complete. */
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

  /**
   * {@inheritDoc}
   *
   * <p>The future fails with {@link java.nio.file.FileAlreadyExistsException}
   * if the game already has a recording.
   *
   * @throws IllegalArgumentException if its game code cannot be a file name
   */
  @Override
  public CompletableFuture<GameLog> create(GameHeader game) {
    return create(RecordingHeaders.of(game.gameCode(), game.classCode(), game.createdAt(),
        game.scenario(), game.settings()));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Files hold games only; classes are kept by the database store.
   */
  @Override
  public CompletableFuture<ClassLog> createClass(ClassHeader header) {
    return CompletableFuture.failedFuture(new UnsupportedOperationException(
        "this data folder keeps games only; classes need the database store"));
  }

  @Override
  public List<RecoveredClass> recoverClasses() {
    return List.of();
  }

  /** Creates a recording with a header as it is, e.g. one of an older format in tests. */
  CompletableFuture<GameLog> create(RecordingHeader header) {
    checkArgument(header.getFormatVersion() >= Versions.OLDEST_RECORDING_FORMAT
        && header.getFormatVersion() <= Versions.RECORDING_FORMAT,
        "format version must be %s to %s but was %s", Versions.OLDEST_RECORDING_FORMAT,
        Versions.RECORDING_FORMAT, header.getFormatVersion());
    Path file = fileOf(header.getGameCode());
    Create request = new Create(header.getGameCode(), file, Frames.encode(List.of(header)),
        new CompletableFuture<>());
    submit(request, request.future());
    return request.future();
  }

  /**
   * {@inheritDoc}
   *
   * <p>A torn tail is cut back to the last good frame before the recording is
   * returned as sound. A damaged file is left as it is. Finished recordings
   * are never opened for writing. Runs on the caller's thread; call it once,
   * before serving.
   *
   * @throws IOException if the folder cannot be listed (a bad file is reported, not thrown)
   */
  @Override
  public List<RecoveredGame> recover() throws IOException {
    synchronized (admission) {
      checkState(!closed, "the recording store is closed");
      checkState(!recovered, "recover() runs once per store");
      recovered = true;
    }
    List<Path> files;
    try (Stream<Path> listing = Files.list(gamesDir)) {
      files = listing.filter(p -> p.getFileName().toString().endsWith(EXTENSION))
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    }
    List<RecoveredGame> games = new ArrayList<>();
    int unfinished = 0;
    int damaged = 0;
    for (Path file : files) {
      if (openLogs.stream().anyMatch(l -> l.file.equals(file))) {
        continue; // created by this store since it opened, so not a leftover
      }
      Optional<RecoveredGame> replayed = replay(recoverFile(file));
      if (replayed.isEmpty()) {
        continue;
      }
      RecoveredGame game = replayed.get();
      games.add(game);
      if (game.damage().isPresent()) {
        damaged++;
      } else if (game.log().isPresent()) {
        unfinished++;
      }
    }
    logger.info("Found {} recordings in {}: {} unfinished, {} finished, {} damaged",
        games.size(), gamesDir, unfinished, games.size() - unfinished - damaged, damaged);
    return games;
  }

  /** A recording found on disk, before it is replayed. */
  private record Found(Path file, Recording recording, Optional<String> damage,
      Optional<GameLog> log) {}

  /**
   * Replays a found recording through the rules; a record that breaks them
   * damages the game (and closes a log opened for it). Empty, with an error
   * in the log, if nothing can be replayed.
   */
  private Optional<RecoveredGame> replay(Found found) {
    if (!found.recording().hasHeader()) {
      logger.error("The recording {} has no readable header; it is left out: {}", found.file(),
          found.damage().orElse("no header"));
      return Optional.empty();
    }
    ReplayedRecording replayed;
    try {
      replayed = ReplayedRecording.of(found.recording(), found.file().toString());
    } catch (RecordingException e) {
      logger.error("The recording {} cannot be replayed; it is left out: {}", found.file(),
          e.getMessage());
      found.log().ifPresent(GameLog::close);
      return Optional.empty();
    }
    Optional<String> damage = found.damage();
    Optional<GameLog> log = found.log();
    // A torn tail is cut off before this, so the reader's word on it is no damage; a
    // record that cannot be decoded or breaks the rules is.
    boolean replayedEveryRecord = replayed.replay().isComplete()
        && replayed.replay().steps().size() == found.recording().records().size();
    if (damage.isEmpty() && !replayedEveryRecord) {
      damage = replayed.problem();
      logger.error("The recording {} cannot be played on: {}", found.file(), damage.get());
      log.ifPresent(GameLog::close);
      log = Optional.empty();
    }
    String classCode = replayed.header().getClassCode();
    return Optional.of(new RecoveredGame(found.file().toString(), replayed.gameCode(),
        classCode.isEmpty() ? Optional.empty() : Optional.of(classCode),
        replayed.createdAt(), replayed.replay(), damage, log));
  }

  private Found recoverFile(Path file) {
    Recording recording;
    try {
      recording = RecordingReader.read(file);
    } catch (IOException | RuntimeException e) {
      logger.error("Cannot read the recording {}", file, e);
      return new Found(file, new Recording(RecordingHeader.getDefaultInstance(), List.of(),
          Optional.of(new org.hikiwake.codec.recording.ReadProblem(
              org.hikiwake.codec.recording.ReadProblem.Kind.BAD_HEADER, 0,
              "cannot read the file: " + e)), 0, 0),
          Optional.of("cannot read the file: " + e), Optional.empty());
    }
    if (recording.problem().isPresent() && !recording.hasTornTail()) {
      logger.error("The recording {} is damaged and cannot be played on: {}",
          file, recording.problem().get().message());
      return damaged(file, recording, recording.problem().get().message());
    }
    String expectedName = recording.header().getGameCode() + EXTENSION;
    if (!file.getFileName().toString().equals(expectedName)) {
      String message = "the header names game '" + recording.header().getGameCode()
          + "' but the file is named " + file.getFileName();
      logger.error("The recording {} cannot be played on: {}", file, message);
      return damaged(file, recording, message);
    }
    boolean finished = recording.isFinished();
    if (!recording.hasTornTail() && finished) {
      return new Found(file, recording, Optional.empty(), Optional.empty());
    }
    FileChannel channel = null;
    try {
      channel = opener.open(file, StandardOpenOption.WRITE);
      if (recording.hasTornTail()) {
        channel.truncate(recording.goodBytes());
        channel.force(true);
        fsyncs.incrementAndGet();
        logger.warn("Cut {} bytes off the torn tail of {}, keeping {} bytes and {} records: {}",
            recording.totalBytes() - recording.goodBytes(), file, recording.goodBytes(),
            recording.records().size(), recording.problem().get().message());
      }
      if (finished) {
        channel.close();
        return new Found(file, recording, Optional.empty(), Optional.empty());
      }
      channel.position(recording.goodBytes());
      FileGameLog log = new FileGameLog(recording.header().getGameCode(), file, channel,
          recording.goodBytes(), recording.records().size() + 1L);
      openLogs.add(log);
      return new Found(file, recording, Optional.empty(), Optional.of(log));
    } catch (IOException | RuntimeException e) {
      logger.error("Cannot reopen the recording {} for writing", file, e);
      closeQuietly(channel, file);
      return damaged(file, recording, "cannot reopen the file for writing: " + e);
    }
  }

  private static Found damaged(Path file, Recording recording, String damage) {
    return new Found(file, recording, Optional.of(damage), Optional.empty());
  }

  /** Queues the writer's remaining work, waits for it to finish, and releases the folder. */
  @Override
  public void close() {
    synchronized (admission) {
      if (closed) {
        return;
      }
      closed = true;
      queue.add(Stop.INSTANCE);
    }
    if (Thread.currentThread() != writer) {
      Uninterruptibles.joinUninterruptibly(writer);
    }
    try {
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      logger.warn("Cannot release the lock on {}", gamesDir, e);
    }
  }

  private void submit(Request request, CompletableFuture<?> future) {
    synchronized (admission) {
      if (!closed) {
        queue.add(request);
        return;
      }
    }
    future.completeExceptionally(new IllegalStateException("the recording store is closed"));
  }

  // ---- the writer thread ----

  private void runWriter() {
    List<Request> batch = new ArrayList<>();
    boolean stopping = false;
    while (!stopping) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        // Nobody but close() stops the writer, and it does so through the queue.
        continue;
      }
      queue.drainTo(batch);
      // An interrupt would close every channel the writer touches; clear any stray one.
      Thread.interrupted();
      try {
        stopping = runBatch(batch);
      } catch (RuntimeException e) {
        logger.error("The recording writer failed on a batch of {} requests", batch.size(), e);
        for (Request r : batch) {
          r.fail(e);
          if (r instanceof Append a) {
            a.log().pending.clear();
          } else if (r instanceof Stop) {
            stopping = true;
          }
        }
      }
      batch.clear();
    }
    for (FileGameLog log : openLogs) {
      log.state = LogState.CLOSED;
      closeQuietly(log.channel, log.file);
    }
    openLogs.clear();
    if (fsyncPool != null) {
      fsyncPool.shutdown();
    }
  }

  /** Runs one group commit; returns true if the store is stopping. */
  private boolean runBatch(List<Request> batch) {
    batches.incrementAndGet();
    boolean stop = false;
    List<Create> creates = new ArrayList<>();
    List<FileGameLog> written = new ArrayList<>();
    List<CloseLog> closes = new ArrayList<>();
    for (Request request : batch) {
      if (request instanceof Create c) {
        if (writeHeader(c)) {
          creates.add(c);
        }
      } else if (request instanceof Append a) {
        stage(a, written);
      } else if (request instanceof CloseLog c) {
        if (c.log().state == LogState.OPEN) {
          c.log().state = LogState.CLOSING;
        }
        closes.add(c);
      } else if (request instanceof Stop) {
        stop = true;
      } else {
        throw new AssertionError(request);
      }
    }
    for (FileGameLog log : written) {
      writePending(log);
    }
    List<FileGameLog> toSync = new ArrayList<>();
    List<FileChannel> channels = new ArrayList<>();
    for (FileGameLog log : written) {
      if (log.state != LogState.FAILED) {
        toSync.add(log);
        channels.add(log.channel);
      }
    }
    for (Create c : creates) {
      channels.add(c.channel);
    }
    List<IOException> failures = forceAll(channels);
    for (int i = 0; i < toSync.size(); i++) {
      FileGameLog log = toSync.get(i);
      if (failures.get(i) == null) {
        log.end += log.unsynced;
        log.unsynced = 0;
      } else {
        fail(log, "fsync", failures.get(i));
      }
    }
    syncCreated(creates, failures.subList(toSync.size(), failures.size()));
    for (FileGameLog log : written) {
      for (Append a : log.pending) {
        if (log.state != LogState.FAILED) {
          appends.incrementAndGet();
          records.addAndGet(a.count());
          a.future().complete(null);
        }
      }
      log.pending.clear();
    }
    for (CloseLog c : closes) {
      closeLog(c);
    }
    return stop;
  }

  private boolean writeHeader(Create c) {
    FileChannel channel = null;
    try {
      channel = opener.open(c.file(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      ByteBuffer frame = c.frame();
      while (frame.hasRemaining()) {
        channel.write(frame);
      }
      c.channel = channel;
      return true;
    } catch (IOException | RuntimeException e) {
      if (channel != null) {
        // Our own half-made file: take it away so recovery does not trip over it.
        closeQuietly(channel, c.file());
        deleteQuietly(c.file());
      }
      if (e instanceof FileAlreadyExistsException) {
        logger.warn("Game {} already has a recording at {}", c.gameCode(), c.file());
      } else {
        logger.error("Cannot create the recording of game {} at {}", c.gameCode(), c.file(), e);
      }
      c.future().completeExceptionally(e);
      return false;
    }
  }

  /** Makes new files and their folder entries durable, then hands out their logs. */
  private void syncCreated(List<Create> creates, List<IOException> failures) {
    List<Create> synced = new ArrayList<>();
    for (int i = 0; i < creates.size(); i++) {
      if (failures.get(i) == null) {
        synced.add(creates.get(i));
      } else {
        abandon(creates.get(i), failures.get(i));
      }
    }
    if (synced.isEmpty()) {
      return;
    }
    try {
      syncDirectory();
    } catch (IOException e) {
      for (Create c : synced) {
        abandon(c, e);
      }
      return;
    }
    for (Create c : synced) {
      long size = c.frame().limit();
      FileGameLog log = new FileGameLog(c.gameCode(), c.file(), c.channel, size, 1);
      openLogs.add(log);
      c.future().complete(log);
    }
  }

  private void abandon(Create c, IOException e) {
    logger.error("Cannot make the new recording of game {} durable at {}", c.gameCode(),
        c.file(), e);
    closeQuietly(c.channel, c.file());
    deleteQuietly(c.file());
    c.future().completeExceptionally(e);
  }

  /**
   * Fsyncs the channels, several at once when there are several, since file
   * systems with a journal can share one commit among concurrent fsyncs.
   * Returns each channel's failure, or null where it succeeded.
   */
  private List<IOException> forceAll(List<FileChannel> channels) {
    List<IOException> failures = new ArrayList<>(channels.size());
    if (channels.size() == 1 || fsyncPool == null) {
      for (FileChannel channel : channels) {
        failures.add(force(channel));
      }
      return failures;
    }
    List<Future<IOException>> results = new ArrayList<>(channels.size());
    for (FileChannel channel : channels) {
      results.add(fsyncPool.submit(() -> force(channel)));
    }
    for (Future<IOException> result : results) {
      try {
        failures.add(Uninterruptibles.getUninterruptibly(result));
      } catch (ExecutionException e) {
        failures.add(new IOException("fsync failed", e.getCause()));
      }
    }
    return failures;
  }

  private IOException force(FileChannel channel) {
    try {
      channel.force(false);
      fsyncs.incrementAndGet();
      return null;
    } catch (IOException e) {
      return e;
    }
  }

  private void syncDirectory() throws IOException {
    try (FileChannel dir = FileChannel.open(gamesDir, StandardOpenOption.READ)) {
      dir.force(true);
      fsyncs.incrementAndGet();
    }
  }

  private void stage(Append a, List<FileGameLog> written) {
    FileGameLog log = a.log();
    if (log.state == LogState.FAILED) {
      a.future().completeExceptionally(new IOException("the recording of game " + log.gameCode
          + " failed earlier and takes no more records", log.failure));
    } else if (log.state != LogState.OPEN) {
      a.future().completeExceptionally(new IllegalStateException(
          "the recording of game " + log.gameCode + " is closed"));
    } else if (a.count() > 0 && a.firstSeq() != log.nextSeq) {
      a.future().completeExceptionally(new IllegalArgumentException("the recording of game "
          + log.gameCode + " continues at record " + log.nextSeq + " but was given record "
          + a.firstSeq()));
    } else {
      if (log.pending.isEmpty()) {
        written.add(log);
      }
      log.pending.add(a);
      log.nextSeq += a.count();
    }
  }

  private void writePending(FileGameLog log) {
    ByteBuffer[] buffers = new ByteBuffer[log.pending.size()];
    long bytes = 0;
    for (int i = 0; i < buffers.length; i++) {
      buffers[i] = log.pending.get(i).frames();
      bytes += buffers[i].remaining();
    }
    try {
      long left = bytes;
      while (left > 0) {
        left -= log.channel.write(buffers);
      }
      log.unsynced = bytes;
    } catch (IOException e) {
      fail(log, "write", e);
    }
  }

  /** Marks a log failed, fails its pending appends, and cuts off what it may have half-written. */
  private void fail(FileGameLog log, String what, IOException e) {
    logger.error("Cannot {} the recording of game {} at {}; it takes no more records",
        what, log.gameCode, log.file, e);
    log.state = LogState.FAILED;
    log.failure = e;
    for (Append a : log.pending) {
      a.future().completeExceptionally(e);
    }
    log.pending.clear();
    try {
      // Leave the file readable to its end, so recovery finds it sound, not damaged.
      log.channel.truncate(log.end);
      log.channel.force(true);
    } catch (IOException | RuntimeException cleanup) {
      logger.warn("Cannot cut the recording of game {} back to {} bytes; recovery will check it",
          log.gameCode, log.end, cleanup);
    }
    closeQuietly(log.channel, log.file);
    openLogs.remove(log);
  }

  private void closeLog(CloseLog c) {
    FileGameLog log = c.log();
    if (log.state == LogState.FAILED) {
      c.future().completeExceptionally(new IOException("the recording of game " + log.gameCode
          + " failed before it was closed", log.failure));
      return;
    }
    log.state = LogState.CLOSED;
    openLogs.remove(log);
    try {
      log.channel.close();
      c.future().complete(null);
    } catch (IOException e) {
      logger.warn("Cannot close the recording of game {} at {}", log.gameCode, log.file, e);
      c.future().completeExceptionally(e);
    }
  }

  private static void closeQuietly(FileChannel channel, Path file) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      logger.warn("Cannot close {}", file, e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      logger.warn("Cannot delete the unfinished new recording {}", file, e);
    }
  }

  // ---- requests and logs ----

  private enum LogState { OPEN, CLOSING, CLOSED, FAILED }

  private sealed interface Request permits Create, Append, CloseLog, Stop {
    void fail(Throwable cause);
  }

  private static final class Create implements Request {
    private final String gameCode;
    private final Path file;
    private final ByteBuffer frame;
    private final CompletableFuture<GameLog> future;
    private FileChannel channel; // writer thread only

    Create(String gameCode, Path file, ByteBuffer frame, CompletableFuture<GameLog> future) {
      this.gameCode = gameCode;
      this.file = file;
      this.frame = frame;
      this.future = future;
    }

    String gameCode() {
      return gameCode;
    }

    Path file() {
      return file;
    }

    ByteBuffer frame() {
      return frame;
    }

    CompletableFuture<GameLog> future() {
      return future;
    }

    @Override
    public void fail(Throwable cause) {
      future.completeExceptionally(cause);
    }
  }

  private record Append(FileGameLog log, ByteBuffer frames, long firstSeq, int count,
      CompletableFuture<Void> future) implements Request {
    @Override
    public void fail(Throwable cause) {
      future.completeExceptionally(cause);
    }
  }

  private record CloseLog(FileGameLog log, CompletableFuture<Void> future) implements Request {
    @Override
    public void fail(Throwable cause) {
      future.completeExceptionally(cause);
    }
  }

  private enum Stop implements Request {
    INSTANCE;

    @Override
    public void fail(Throwable cause) {}
  }

  /** One game's open recording. Fields past the first three belong to the writer thread. */
  private final class FileGameLog implements GameLog {
    private final String gameCode;
    private final Path file;
    private final AtomicReference<CompletableFuture<Void>> closing = new AtomicReference<>();
    private final FileChannel channel;
    private final List<Append> pending = new ArrayList<>();
    private LogState state = LogState.OPEN;
    private IOException failure;
    /** Bytes of the file known durable. */
    private long end;
    /** Bytes written after {@link #end} in this batch, not yet fsynced. */
    private long unsynced;
    private long nextSeq;

    FileGameLog(String gameCode, Path file, FileChannel channel, long end, long nextSeq) {
      this.gameCode = gameCode;
      this.file = file;
      this.channel = channel;
      this.end = end;
      this.nextSeq = nextSeq;
    }

    /**
     * {@inheritDoc}
     *
     * <p>The records must be numbered on from the last one appended. The
     * future fails with {@link IllegalArgumentException} if they are not,
     * with {@link IllegalStateException} once the log or the store is closed,
     * and with the {@link IOException} if the file cannot be written; after
     * that every later append fails too.
     */
    @Override
    public CompletableFuture<Void> append(List<Recorded> events) {
      checkNotNull(events, "events");
      List<RecordingEntry> recs = events.stream().map(EventCodec::toEntry).toList();
      CompletableFuture<Void> future = new CompletableFuture<>();
      if (closing.get() != null) {
        future.completeExceptionally(new IllegalStateException(
            "the recording of game " + gameCode + " is closed"));
        return future;
      }
      long firstSeq = recs.isEmpty() ? 0 : recs.get(0).getSeq();
      for (int i = 1; i < recs.size(); i++) {
        if (recs.get(i).getSeq() != firstSeq + i) {
          future.completeExceptionally(new IllegalArgumentException("records must be numbered "
              + "without gaps but record " + (firstSeq + i) + " was numbered "
              + recs.get(i).getSeq()));
          return future;
        }
      }
      ByteBuffer frames;
      try {
        frames = Frames.encode(recs);
      } catch (IllegalArgumentException e) {
        future.completeExceptionally(e);
        return future;
      }
      submit(new Append(this, frames, firstSeq, recs.size(), future), future);
      return future;
    }

    @Override
    public CompletableFuture<Void> close() {
      CompletableFuture<Void> future = new CompletableFuture<>();
      if (!closing.compareAndSet(null, future)) {
        return closing.get();
      }
      submit(new CloseLog(this, future), future);
      return future;
    }

    @Override
    public String toString() {
      return "GameLog[" + file + "]";
    }
  }
}
