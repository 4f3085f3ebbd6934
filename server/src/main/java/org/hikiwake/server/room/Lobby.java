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
import com.google.common.collect.ImmutableList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hikiwake.engine.game.GameSettings;
import org.hikiwake.engine.game.NewsSchedule;
import org.hikiwake.engine.scenario.Scenario;
import org.hikiwake.server.record.GameHeader;
import org.hikiwake.server.record.GamePage;
import org.hikiwake.server.record.GameQuery;
import org.hikiwake.server.record.RecordingStore;
import org.hikiwake.server.record.RecoveredGame;
import org.hikiwake.server.record.StoredGame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** All games on a server, found by join code. Safe to call from any thread. */
public final class Lobby {
  private static final Logger log = LoggerFactory.getLogger(Lobby.class);
  /** The longest turn limit a game may have. */
  public static final Duration MAX_TURN_LIMIT = Duration.ofDays(1);
  /** How long a finished game stays in memory with nobody in it before it is left to the store. */
  public static final Duration DEFAULT_FINISHED_GRACE = Duration.ofSeconds(10);

  private final ScenarioCatalog catalog;
  private final RecordingStore store;
  private final Supplier<ScheduledExecutorService> executors;
  private final Clock clock;
  private final JoinCodes codes;
  private final SeatTokens tokens;
  private final Revealer revealer;
  private final int maxGames;
  private final ConcurrentMap<String, GameRoom> rooms = new ConcurrentHashMap<>();
  private final Duration finishedGrace;
  /** When each game in memory was first seen over, for its grace period. */
  private final ConcurrentMap<String, Instant> overSince = new ConcurrentHashMap<>();

  /**
   * @param executors gives each new game the thread that will own it
   * @param revealer works out game ends off the games' threads
   */
  public Lobby(ScenarioCatalog catalog, RecordingStore store,
      Supplier<ScheduledExecutorService> executors, Clock clock, JoinCodes codes,
      SeatTokens tokens, Revealer revealer, int maxGames) {
    this(catalog, store, executors, clock, codes, tokens, revealer, maxGames,
        DEFAULT_FINISHED_GRACE);
  }

  /**
   * @param finishedGrace how long a finished game with nobody in it stays in
   *     memory; after that, listings, late watchers and recording fetches get it from the store
   */
  public Lobby(ScenarioCatalog catalog, RecordingStore store,
      Supplier<ScheduledExecutorService> executors, Clock clock, JoinCodes codes,
      SeatTokens tokens, Revealer revealer, int maxGames, Duration finishedGrace) {
    this.finishedGrace = finishedGrace;
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
    // activeGames() walks every room, so only when the rooms in memory could reach the limit
    if (rooms.size() >= maxGames && activeGames() >= maxGames) {
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
    // to the millisecond, as the store keeps it: listings page by (created, code), and a
    // game in memory must sort where its stored row does, or a page can skip it
    Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
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
          rg.replay(), rg.damage(), rg.log(), executors.get(), clock, tokens, revealer,
          rg.requests());
      rooms.put(rg.gameCode(), room);
      if (rg.log().isPresent() && rg.damage().isEmpty()) {
        unfinished++;
        room.resumeAfterRecovery();
      }
    }
    return unfinished;
  }

  /** The bytes of a game's recording, from the store; the caller checks the game is over. */
  public CompletableFuture<byte[]> recordingOf(GameRoom room) {
    return store.read(room.code());
  }

  /** A game in memory: every unfinished game, and finished ones within their grace period. */
  public Optional<GameRoom> find(String typedCode) {
    return Optional.ofNullable(rooms.get(JoinCodes.normalize(typedCode)));
  }

  /**
   * A game in memory, or else one the store holds (finished or damaged), put
   * back in memory for its grace period: for a late watcher, a seat resumed
   * to see the end, or a recording fetch. Completes off the caller's thread
   * when the store is asked.
   */
  public CompletableFuture<Optional<GameRoom>> open(String typedCode) {
    String code = JoinCodes.normalize(typedCode);
    GameRoom room = rooms.get(code);
    if (room != null) {
      return CompletableFuture.completedFuture(Optional.of(room));
    }
    return store.load(code).thenApply(found -> found.map(rg -> rooms.computeIfAbsent(code,
        c -> {
          overSince.put(c, clock.instant());
          return GameRoom.recover(rg.gameCode(), rg.classCode(), rg.createdAt(), rg.replay(),
              rg.damage(), Optional.empty(), executors.get(), clock, tokens, revealer,
              rg.requests());
        })));
  }

  /** Every game in memory, newest first (tests; listings are paged: {@link #list(GameQuery)}). */
  public List<GameListing> list() {
    List<GameListing> all = new ArrayList<>(rooms.size());
    rooms.values().forEach(r -> all.add(r.listing()));
    all.sort(LISTING_ORDER);
    return all;
  }

  private static final Comparator<GameListing> LISTING_ORDER =
      Comparator.comparing(GameListing::createdAt).reversed()
          .thenComparing(GameListing::gameCode);

  /** One page of listings, newest first. */
  public record Page(ImmutableList<GameListing> games, Optional<GameQuery.Position> next) {}

  /**
   * One page of games, from the store (durable events only), with what is in
   * memory laid over it (who is connected; games a store without an index,
   * the no-op one, does not list).
   */
  public CompletableFuture<Page> list(GameQuery query) {
    // Many clients asking for the same page at once (a class opening its lobby, or a flood)
    // share one query to the store: a page stays fresh for LISTING_TTL.
    long now = System.nanoTime();
    CachedPage cached = pages.get(query);
    if (cached != null && now - cached.madeAt < LISTING_TTL_NANOS) {
      return cached.page;
    }
    CompletableFuture<Page> page = store.listGames(query).thenApply(stored -> merge(query, stored));
    if (pages.size() >= MAX_CACHED_PAGES) {
      pages.clear();
    }
    pages.put(query, new CachedPage(now, page));
    return page;
  }

  private record CachedPage(long madeAt, CompletableFuture<Page> page) {}

  /** How long a listing page is served as it was made. */
  static final long LISTING_TTL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
  private static final int MAX_CACHED_PAGES = 256;
  private final ConcurrentMap<GameQuery, CachedPage> pages = new ConcurrentHashMap<>();

  private Page merge(GameQuery query, GamePage stored) {
    Map<String, GameListing> page = new LinkedHashMap<>();
    for (StoredGame g : stored.games()) {
      GameRoom room = rooms.get(g.gameCode());
      page.put(g.gameCode(), room != null ? room.listing() : listingOf(g));
    }
    if (query.classCode().isEmpty()) {
      // what the store left out: only games it does not index, within this page's range
      for (GameRoom room : rooms.values()) {
        GameListing l = room.listing();
        GameQuery.Position p = new GameQuery.Position(l.createdAt(), l.gameCode());
        if (!page.containsKey(l.gameCode()) && query.admits(p, l.phase(), Optional.empty())
            && stored.next().map(n -> p.compareTo(n) <= 0).orElse(true)) {
          page.put(l.gameCode(), l);
        }
      }
    }
    List<GameListing> sorted = new ArrayList<>(page.values());
    sorted.sort(LISTING_ORDER);
    boolean more = stored.next().isPresent() || sorted.size() > query.limit();
    List<GameListing> kept = sorted.subList(0, Math.min(sorted.size(), query.limit()));
    Optional<GameQuery.Position> next = more && !kept.isEmpty()
        ? Optional.of(new GameQuery.Position(kept.get(kept.size() - 1).createdAt(),
            kept.get(kept.size() - 1).gameCode()))
        : Optional.empty();
    return new Page(ImmutableList.copyOf(kept), next);
  }

  private static GameListing listingOf(StoredGame g) {
    ImmutableList.Builder<GameListing.SeatListing> seats = ImmutableList.builder();
    for (StoredGame.Seat s : g.seats()) {
      seats.add(new GameListing.SeatListing(s.role(), s.roleName(), s.displayName(), s.bot(),
          false));
    }
    return new GameListing(g.gameCode(), g.createdAt(), g.scenarioId(), g.scenarioTitle(),
        g.phase(), g.round(), g.rounds(), seats.build(), g.result(), g.damage(), g.classCode());
  }

  /**
   * Lets go of finished games that have been over for the grace period and
   * have nobody in them: they are served from the store from then on.
   * Returns how many it let go.
   */
  public CompletableFuture<Integer> retireFinished() {
    Instant now = clock.instant();
    List<CompletableFuture<Boolean>> asked = new ArrayList<>();
    List<String> codes = new ArrayList<>();
    for (GameRoom room : rooms.values()) {
      GameListing l = room.listing();
      if (!l.isOver() && l.damage().isEmpty() || keep.test(room)) {
        continue;
      }
      Instant since = overSince.computeIfAbsent(room.code(), c -> now);
      if (!since.plus(finishedGrace).isAfter(now)) {
        codes.add(room.code());
        asked.add(room.retireIfIdle());
      }
    }
    return CompletableFuture.allOf(asked.toArray(CompletableFuture[]::new)).handle((v, f) -> {
      int retired = 0;
      for (int i = 0; i < codes.size(); i++) {
        if (asked.get(i).getNow(false)) {
          rooms.remove(codes.get(i));
          overSince.remove(codes.get(i));
          retired++;
        }
      }
      return retired;
    });
  }

  /** Retires finished games every half grace period, on one of the games' threads. */
  public void startRetiring() {
    long every = Math.max(100, finishedGrace.toMillis() / 2);
    executors.get().scheduleWithFixedDelay(() -> retireFinished().whenComplete((n, f) -> {
      if (f != null) {
        log.error("letting go of finished games failed", f);
      } else if (n > 0) {
        log.debug("let go of {} finished games; {} in memory", n, rooms.size());
      }
    }), every, every, TimeUnit.MILLISECONDS);
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

  /**
   * Keeps finished games in memory while {@code keep} says so (a running
   * class's games, which its board and debrief read), however long ago they
   * ended; the rest leave after the grace period.
   */
  public void keepInMemory(java.util.function.Predicate<GameRoom> keep) {
    this.keep = keep;
  }

  private volatile java.util.function.Predicate<GameRoom> keep = room -> false;

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
