package org.hikiwake.server.room;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.nio.file.FileAlreadyExistsException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.hikiwake.engine.game.GameSettings;
import org.hikiwake.engine.scenario.Scenario;
import org.hikiwake.engine.scenario.ScenarioException;
import org.hikiwake.engine.scenario.ScenarioLoader;
import org.hikiwake.proto.recording.RecordingHeader;
import org.hikiwake.proto.wire.GameSummary;
import org.hikiwake.server.ServerVersion;
import org.hikiwake.server.record.EventCodec;
import org.hikiwake.server.record.RecordingStore;
import org.hikiwake.server.record.RecoveredGame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** All games on a server, found by join code. Safe to call from any thread. */
public final class Lobby {
  private static final Logger log = LoggerFactory.getLogger(Lobby.class);
  /** Format version written in recording headers. */
  public static final int RECORDING_FORMAT = 1;

  private final ScenarioCatalog catalog;
  private final RecordingStore store;
  private final Supplier<ScheduledExecutorService> executors;
  private final Clock clock;
  private final JoinCodes codes;
  private final SeatTokens tokens;
  private final int maxGames;
  private final ConcurrentMap<String, GameRoom> rooms = new ConcurrentHashMap<>();

  /**
   * @param executors gives each new game the thread that will own it
   */
  public Lobby(ScenarioCatalog catalog, RecordingStore store,
      Supplier<ScheduledExecutorService> executors, Clock clock, JoinCodes codes,
      SeatTokens tokens, int maxGames) {
    this.catalog = catalog;
    this.store = store;
    this.executors = executors;
    this.clock = clock;
    this.codes = codes;
    this.tokens = tokens;
    this.maxGames = maxGames;
  }

  public ScenarioCatalog catalog() {
    return catalog;
  }

  /** Why a game could not be created. */
  public static final class CreateException extends Exception {
    private static final long serialVersionUID = 1L;
    private final org.hikiwake.proto.wire.ErrorCode code;

    CreateException(org.hikiwake.proto.wire.ErrorCode code, String message) {
      super(message);
      this.code = code;
    }

    public org.hikiwake.proto.wire.ErrorCode code() {
      return code;
    }
  }

  /**
   * Creates a game; the future completes once its recording header is
   * durable, or fails with a {@link CreateException} or an I/O error.
   *
   * @param rounds 0 for the scenario's own
   * @param turnLimit empty for untimed turns
   */
  public CompletableFuture<GameRoom> create(String scenarioId, int rounds,
      Optional<Duration> turnLimit) {
    Optional<Scenario> scenario = catalog.find(scenarioId);
    if (scenario.isEmpty()) {
      return CompletableFuture.failedFuture(new CreateException(
          org.hikiwake.proto.wire.ErrorCode.ERROR_CODE_UNKNOWN_SCENARIO, "There is no scenario '"
              + scenarioId + "'. Scenarios: " + String.join(", ", catalog.all().keySet()) + "."));
    }
    int r = rounds == 0 ? scenario.get().rounds() : rounds;
    if (r < 1 || r > GameSettings.MAX_ROUNDS) {
      return CompletableFuture.failedFuture(new CreateException(
          org.hikiwake.proto.wire.ErrorCode.ERROR_CODE_BAD_REQUEST, "Rounds must be between 1 and "
              + GameSettings.MAX_ROUNDS + "."));
    }
    // a wire limit (uint64) over Long.MAX_VALUE arrives here negative
    if (turnLimit.isPresent() && (turnLimit.get().isNegative()
        || turnLimit.get().compareTo(Duration.ofDays(1)) > 0)) {
      return CompletableFuture.failedFuture(new CreateException(
          org.hikiwake.proto.wire.ErrorCode.ERROR_CODE_BAD_REQUEST, "A turn limit can be at most a day."));
    }
    if (activeGames() >= maxGames) {
      return CompletableFuture.failedFuture(new CreateException(
          org.hikiwake.proto.wire.ErrorCode.ERROR_CODE_TOO_MANY_GAMES, "This server already runs "
              + maxGames + " unfinished games; wait for some to end."));
    }
    return createWithFreshCode(scenario.get(), new GameSettings(r, turnLimit), 3);
  }

  /**
   * Writes the header under a new code; a code whose file is left over from an
   * earlier run of the server (but not loaded, e.g. unreadable) is skipped.
   */
  private CompletableFuture<GameRoom> createWithFreshCode(Scenario scenario,
      GameSettings settings, int triesLeft) {
    String code = uniqueCode();
    Instant now = clock.instant();
    RecordingHeader header = RecordingHeader.newBuilder().setFormatVersion(RECORDING_FORMAT)
        .setGameCode(code).setCreatedAtMillis(now.toEpochMilli())
        .setServerVersion(ServerVersion.SOFTWARE)
        .setScenario(ScenarioLoader.toProto(scenario))
        .setSettings(EventCodec.toProto(settings))
        .build();
    return store.create(header).handle((gameLog, failure) -> {
      if (failure == null) {
        GameRoom room = GameRoom.create(code, now, scenario, settings, executors.get(), clock,
            tokens, gameLog);
        rooms.put(code, room);
        log.info("game {} created: scenario {}, {} rounds, turn limit {}", code, scenario.id(),
            settings.rounds(), settings.turnLimit().map(Duration::toString).orElse("none"));
        return CompletableFuture.completedFuture(room);
      }
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null
          ? failure.getCause() : failure;
      if (cause instanceof FileAlreadyExistsException && triesLeft > 1) {
        log.warn("a recording for code {} already exists; drawing another code", code);
        return createWithFreshCode(scenario, settings, triesLeft - 1);
      }
      return CompletableFuture.<GameRoom>failedFuture(cause);
    }).thenCompose(f -> f);
  }

  /** Rebuilds games from recordings found at start-up; returns how many are unfinished. */
  public int recover(List<RecoveredGame> recovered) {
    int unfinished = 0;
    // Most recordings hold the same scenario snapshot: validate each distinct one once.
    Map<org.hikiwake.proto.scenario.ScenarioSpec, Scenario> scenarios = new HashMap<>();
    for (RecoveredGame rg : recovered) {
      String code = rg.header().getGameCode();
      try {
        Scenario scenario = scenarios.get(rg.header().getScenario());
        if (scenario == null) {
          scenario = ScenarioLoader.fromProto(rg.header().getScenario(), rg.file().toString());
          scenarios.put(rg.header().getScenario(), scenario);
        }
        GameSettings settings = EventCodec.fromProto(rg.header().getSettings());
        GameRoom room = GameRoom.recover(code,
            Instant.ofEpochMilli(rg.header().getCreatedAtMillis()), scenario, settings,
            rg.records(), rg.damage(), executors.get(), clock, tokens, rg.log().orElse(null));
        rooms.put(code, room);
        if (rg.log().isPresent() && rg.damage().isEmpty()) {
          unfinished++;
          room.resumeAfterRecovery();
        }
      } catch (ScenarioException | RuntimeException e) {
        log.error("recording {} cannot be replayed; skipping it", rg.file(), e);
      }
    }
    return unfinished;
  }

  /** The recording bytes of a game; the caller checks the game is over. */
  public CompletableFuture<byte[]> recordingOf(GameRoom room) {
    return store.read(room.code());
  }

  public Optional<GameRoom> find(String typedCode) {
    return Optional.ofNullable(rooms.get(JoinCodes.normalize(typedCode)));
  }

  /** Every game, newest first. */
  public List<GameSummary> list() {
    List<GameRoom> all = new ArrayList<>(rooms.values());
    all.sort(Comparator.comparing(GameRoom::createdAt).reversed()
        .thenComparing(GameRoom::code));
    List<GameSummary> out = new ArrayList<>(all.size());
    all.forEach(r -> out.add(r.summary()));
    return out;
  }

  public int size() {
    return rooms.size();
  }

  /** Games not yet over: only these count toward the limit, so a long-lived server keeps going. */
  int activeGames() {
    int active = 0;
    for (GameRoom room : rooms.values()) {
      if (room.summary().getPhase() != org.hikiwake.proto.wire.GamePhase.GAME_PHASE_ENDED) {
        active++;
      }
    }
    return active;
  }

  /** Stops every game's timers before the store is closed. */
  public CompletableFuture<Void> shutdown() {
    return CompletableFuture.allOf(rooms.values().stream().map(GameRoom::shutdown)
        .toArray(CompletableFuture[]::new));
  }

  private String uniqueCode() {
    String code = codes.next();
    while (rooms.containsKey(code)) {
      code = codes.next();
    }
    return code;
  }
}
