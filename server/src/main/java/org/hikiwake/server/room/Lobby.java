package org.hikiwake.server.room;

import java.nio.file.FileAlreadyExistsException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import java.util.Map;
import org.hikiwake.engine.game.GameSettings;
import org.hikiwake.engine.game.NewsSchedule;
import org.hikiwake.engine.scenario.Scenario;
import org.hikiwake.server.record.GameHeader;
import org.hikiwake.server.record.RecordingStore;
import org.hikiwake.server.record.RecoveredGame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** All games on a server, found by join code. Safe to call from any thread. */
public final class Lobby {
  private static final Logger log = LoggerFactory.getLogger(Lobby.class);
  /** The longest turn limit a game may have. */
  public static final Duration MAX_TURN_LIMIT = Duration.ofDays(1);

  private final ScenarioCatalog catalog;
  private final RecordingStore store;
  private final Supplier<ScheduledExecutorService> executors;
  private final Clock clock;
  private final JoinCodes codes;
  private final SeatTokens tokens;
  private final Revealer revealer;
  private final int maxGames;
  private final ConcurrentMap<String, GameRoom> rooms = new ConcurrentHashMap<>();

  /**
   * @param executors gives each new game the thread that will own it
   * @param revealer works out game ends off the games' threads
   */
  public Lobby(ScenarioCatalog catalog, RecordingStore store,
      Supplier<ScheduledExecutorService> executors, Clock clock, JoinCodes codes,
      SeatTokens tokens, Revealer revealer, int maxGames) {
    this.catalog = catalog;
    this.store = store;
    this.executors = executors;
    this.clock = clock;
    this.codes = codes;
    this.tokens = tokens;
    this.revealer = revealer;
    this.maxGames = maxGames;
  }

  public ScenarioCatalog catalog() {
    return catalog;
  }

  /** Why a game could not be created. */
  public static final class CreateException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Refusal refusal;

    CreateException(Refusal.Problem problem, String message) {
      super(message);
      this.refusal = Refusal.of(problem, message);
    }

    public Refusal refusal() {
      return refusal;
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
    return create(scenarioId, rounds, turnLimit, Optional.empty());
  }

  /** Creates a game, of a class if {@code classCode} is present. */
  public CompletableFuture<GameRoom> create(String scenarioId, int rounds,
      Optional<Duration> turnLimit, Optional<String> classCode) {
    return create(GameRequest.of(scenarioId, rounds, turnLimit), classCode);
  }

  /** Creates a game as asked: rearranged news and an uncertain end drawn here, if asked for. */
  public CompletableFuture<GameRoom> create(GameRequest request, Optional<String> classCode) {
    GameSettings settings;
    try {
      settings = settingsFor(request);
    } catch (CreateException e) {
      return CompletableFuture.failedFuture(e);
    }
    return create(catalog.find(request.scenarioId()).orElseThrow(), settings, classCode);
  }

  /** Creates a game with settings made already (every game of a class shares them). */
  public CompletableFuture<GameRoom> create(Scenario scenario, GameSettings settings,
      Optional<String> classCode) {
    if (activeGames() >= maxGames) {
      return CompletableFuture.failedFuture(new CreateException(Refusal.Problem.TOO_MANY_GAMES,
          "This server already runs " + maxGames + " unfinished games; wait for some to end."));
    }
    return createWithFreshCode(scenario, settings, classCode, 3);
  }

  /**
   * The settings a request asks for, checked: the news rearranged (dropped,
   * shifted, then shuffled from a seed drawn here) and an uncertain end's last
   * round drawn here, both recorded in the game and shown to no player.
   *
   * @throws CreateException if the request makes no game
   */
  public GameSettings settingsFor(GameRequest r) throws CreateException {
    Optional<CreateException> problem = settingsProblem(r.scenarioId(), r.rounds(),
        r.turnLimit());
    if (problem.isPresent()) {
      throw problem.get();
    }
    Scenario scenario = catalog.find(r.scenarioId()).orElseThrow();
    int rounds = r.rounds() == 0 ? scenario.rounds() : r.rounds();
    GameSettings settings = new GameSettings(rounds, r.turnLimit());
    for (String id : r.dropNews()) {
      if (scenario.newsItem(id).isEmpty()) {
        throw new CreateException(Refusal.Problem.BAD_SETTINGS, "The scenario has no news '"
            + ErrorText.echo(id) + "' to drop. News: " + String.join(", ",
                scenario.news().stream().map(n -> n.id()).toList()) + ".");
      }
    }
    if (!r.dropNews().isEmpty() || r.shiftNews() != 0 || r.shuffleNews()) {
      NewsSchedule news = r.shiftNews() != 0
          ? NewsSchedule.shifted(scenario, r.shiftNews(), rounds)
          : NewsSchedule.of(NewsSchedule.asScenario().asMap(scenario).entrySet().stream()
              .filter(e -> e.getValue() <= rounds)
              .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                  Map.Entry::getValue, (a, b) -> a, java.util.LinkedHashMap::new)));
      news = news.without(scenario, r.dropNews());
      if (r.shuffleNews()) {
        news = news.shuffled(scenario, tokens.nextSeed());
      }
      settings = settings.withNews(news);
    }
    if (r.endEarliest() != 0) {
      if (r.endEarliest() < 1 || r.endEarliest() > rounds) {
        throw new CreateException(Refusal.Problem.BAD_SETTINGS, "An uncertain end starts after"
            + " a round from 1 to the game's " + rounds + " rounds, not " + r.endEarliest()
            + ".");
      }
      int drawn = r.endEarliest() + (int) Math.floorMod(tokens.nextSeed(),
          (long) (rounds - r.endEarliest() + 1));
      settings = settings.withUncertainEnd(r.endEarliest(), drawn);
    }
    return settings;
  }

  /** Why these settings make no game, if they do not. */
  public Optional<CreateException> settingsProblem(String scenarioId, int rounds,
      Optional<Duration> turnLimit) {
    Optional<Scenario> scenario = catalog.find(scenarioId);
    if (scenario.isEmpty()) {
      return Optional.of(new CreateException(
          Refusal.Problem.UNKNOWN_SCENARIO, "There is no scenario '"
              + ErrorText.echo(scenarioId) + "'. Scenarios: "
              + String.join(", ", catalog.all().keySet()) + "."));
    }
    int r = rounds == 0 ? scenario.get().rounds() : rounds;
    if (r < 1 || r > GameSettings.MAX_ROUNDS) {
      return Optional.of(new CreateException(Refusal.Problem.BAD_SETTINGS,
          "Rounds must be between 1 and " + GameSettings.MAX_ROUNDS + "."));
    }
    // a wire limit (uint64) over Long.MAX_VALUE arrives here negative
    if (turnLimit.isPresent() && (turnLimit.get().isNegative()
        || turnLimit.get().compareTo(MAX_TURN_LIMIT) > 0)) {
      return Optional.of(new CreateException(Refusal.Problem.BAD_SETTINGS,
          "A turn limit can be at most a day."));
    }
    return Optional.empty();
  }

  /**
   * Writes the header under a new code; a code whose recording is left over
   * from an earlier run of the server (but not loaded, e.g. unreadable) is skipped.
   */
  private CompletableFuture<GameRoom> createWithFreshCode(Scenario scenario,
      GameSettings settings, Optional<String> classCode, int triesLeft) {
    String code = uniqueCode();
    Instant now = clock.instant();
    return store.create(new GameHeader(code, classCode, now, scenario, settings))
        .handle((gameLog, failure) -> {
          if (failure == null) {
            GameRoom room = GameRoom.create(code, classCode, now, scenario, settings,
                executors.get(), clock, tokens, revealer, gameLog);
            rooms.put(code, room);
            log.info("game {} created: scenario {}, {} rounds, turn limit {}", code,
                scenario.id(), settings.rounds(),
                settings.turnLimit().map(Duration::toString).orElse("none"));
            return CompletableFuture.completedFuture(room);
          }
          Throwable cause = failure instanceof CompletionException && failure.getCause() != null
              ? failure.getCause() : failure;
          if (cause instanceof FileAlreadyExistsException && triesLeft > 1) {
            log.warn("a recording for code {} already exists; drawing another code", code);
            return createWithFreshCode(scenario, settings, classCode, triesLeft - 1);
          }
          return CompletableFuture.<GameRoom>failedFuture(cause);
        }).thenCompose(f -> f);
  }

  /** Rebuilds games found at start-up; returns how many are unfinished. */
  public int recover(List<RecoveredGame> recovered) {
    int unfinished = 0;
    for (RecoveredGame rg : recovered) {
      GameRoom room = GameRoom.recover(rg.gameCode(), rg.classCode(), rg.createdAt(),
          rg.replay(), rg.damage(), rg.log(), executors.get(), clock, tokens, revealer);
      rooms.put(rg.gameCode(), room);
      if (rg.log().isPresent() && rg.damage().isEmpty()) {
        unfinished++;
        room.resumeAfterRecovery();
      }
    }
    return unfinished;
  }

  /** The bytes of a game's recording; the caller checks the game is over. */
  public CompletableFuture<byte[]> recordingOf(GameRoom room) {
    return store.read(room.code());
  }

  public Optional<GameRoom> find(String typedCode) {
    return Optional.ofNullable(rooms.get(JoinCodes.normalize(typedCode)));
  }

  /** Every game, newest first. */
  public List<GameListing> list() {
    List<GameListing> all = new ArrayList<>(rooms.size());
    rooms.values().forEach(r -> all.add(r.listing()));
    all.sort(Comparator.comparing(GameListing::createdAt).reversed()
        .thenComparing(GameListing::gameCode));
    return all;
  }

  public int size() {
    return rooms.size();
  }

  /** Games not yet over: only these count toward the limit, so a long-lived server keeps going. */
  int activeGames() {
    int active = 0;
    for (GameRoom room : rooms.values()) {
      if (!room.listing().isOver()) {
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
    while (rooms.containsKey(code) || reserved.test(code)) {
      code = codes.next();
    }
    return code;
  }

  /** A code this lobby must not give a game, e.g. because a class has it. */
  private volatile java.util.function.Predicate<String> reserved = code -> false;

  /** Keeps games off codes that something else (the classes) already uses. */
  public void reserveCodes(java.util.function.Predicate<String> taken) {
    this.reserved = taken;
  }

  /** A fresh code no game has, for something else that shares the code space. */
  public String freshCode() {
    return uniqueCode();
  }

  public JoinCodes codes() {
    return codes;
  }

  public SeatTokens tokens() {
    return tokens;
  }

  public Clock clock() {
    return clock;
  }
}
