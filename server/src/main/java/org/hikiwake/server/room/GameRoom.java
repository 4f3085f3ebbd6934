package org.hikiwake.server.room;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.hash.HashCode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.hikiwake.engine.game.Decision;
import org.hikiwake.engine.game.Event;
import org.hikiwake.engine.game.GameSettings;
import org.hikiwake.engine.game.GameState;
import org.hikiwake.engine.game.Move;
import org.hikiwake.engine.game.Phase;
import org.hikiwake.engine.game.Rejection;
import org.hikiwake.engine.game.RejectionCode;
import org.hikiwake.engine.game.Rules;
import org.hikiwake.engine.game.Seat;
import org.hikiwake.engine.replay.Recorded;
import org.hikiwake.engine.replay.Replay;
import org.hikiwake.engine.scenario.PublicScenario;
import org.hikiwake.engine.scenario.Role;
import org.hikiwake.engine.scenario.Scenario;
import org.hikiwake.engine.view.GameView;
import org.hikiwake.engine.view.Projection;
import org.hikiwake.engine.view.Reveal;
import org.hikiwake.engine.view.Sighting;
import org.hikiwake.engine.view.Viewer;
import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import org.hikiwake.server.record.GameLog;
import org.hikiwake.server.record.RequestKey;
import org.hikiwake.server.room.Delivery.Item;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One game, owned by one thread: every public method hands its work to the
 * room's executor and returns at once, so the game is only touched on that
 * thread and nothing here blocks.
 *
 * <p>A move is decided by the rules and applied at once to the state the next
 * move is decided against, but nobody is shown it before it is durable: the
 * room keeps a second state, of durable events only, and every reply, view,
 * listing and broadcast is made from that one. Appends complete in order, so
 * everyone sees events in recording order, each exactly once: a joiner's
 * first view holds every durable event so far, and it is pushed only the
 * later ones.
 */
public final class GameRoom {
  private static final Logger log = LoggerFactory.getLogger(GameRoom.class);
  /** The actor recorded for the instructor's controls. */
  public static final String INSTRUCTOR = "instructor";

  private final String code;
  private final Instant createdAt;
  private final ScheduledExecutorService executor;
  private final Clock clock;
  private final SeatTokens tokens;
  private final Revealer revealer;
  private final GameLog gameLog;
  private final GameState initial;
  private final PublicScenario publicScenario;
  private final Optional<String> classCode;
  /** Told (on this room's thread) whenever what the room shows has changed. */
  private volatile Runnable onChange = () -> { };

  /** Every event decided so far; moves are decided against it. */
  private GameState state;
  /** Durable events only: all anyone is shown is made from this state and {@link #history}. */
  private GameState shown;
  private final List<Recorded> history = new ArrayList<>();
  private long nextSeq = 1;
  private final Map<String, Participant> holders = new HashMap<>();
  /** The actor recorded for the moves of a seat a stand-in holds while its player is away. */
  private final Map<String, String> standIns = new HashMap<>();
  /** Who watches, and as whom: watchers see public events, an instructor sees everything. */
  private final Map<Participant, Viewer> watchers = new LinkedHashMap<>();
  private Optional<String> damage = Optional.empty();
  private ScheduledFuture<?> timer;
  /** What the end revealed, once the game has ended durably (or been recovered ended). */
  private CompletableFuture<Reveal> reveal;
  private volatile GameListing listing;
  private volatile GameProgress progress;
  /**
   * The idempotency keys of the latest durable joins and moves, by the
   * SHA-256 of the client's key, so a retry gets the original answer.
   */
  private final Map<HashCode, RequestKey> kept = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<HashCode, RequestKey> eldest) {
      return size() > KEPT_REQUESTS;
    }
  };
  /** How many requests' keys a room keeps in memory; a client retries only its last ones. */
  static final int KEPT_REQUESTS = 16;

  /**
   * Keyed requests whose events are being made durable, by the SHA-256 of the
   * key, with the retries that arrived meanwhile: a client whose reply was
   * lost may send its request again before the first one is durable, and the
   * retry then waits for the first one's answer instead of being decided again.
   */
  private final Map<HashCode, InFlight> inFlight = new HashMap<>();

  private record InFlight(RequestKey.Kind kind, String role, List<Retry> retries) {}

  /** A retry waiting for the request in flight with the same key. */
  private record Retry(Participant participant, long requestId, String idempotencyKey) {}

  /**
   * A request waiting for its events to become durable. An instructor's
   * control has no participant; its answer completes {@code decided}.
   */
  private record Request(Participant participant, long requestId, Kind kind, String role,
      String token, Optional<HashCode> key, CompletableFuture<Optional<Rejection>> decided) {
    enum Kind { MOVE, JOIN, CONTROL }

    static Request of(Participant p, long requestId, Kind kind, String role, String token,
        Optional<HashCode> key) {
      return new Request(p, requestId, kind, role, token, key, null);
    }
  }

  private GameRoom(String code, Optional<String> classCode, Instant createdAt, GameState initial,
      GameState now, List<Recorded> history, ScheduledExecutorService executor, Clock clock,
      SeatTokens tokens, Revealer revealer, GameLog gameLog) {
    this.code = code;
    this.classCode = classCode;
    this.createdAt = createdAt;
    this.initial = initial;
    this.state = now;
    this.shown = now;
    this.history.addAll(history);
    this.nextSeq = history.isEmpty() ? 1 : history.get(history.size() - 1).seq() + 1;
    this.executor = executor;
    this.clock = clock;
    this.tokens = tokens;
    this.revealer = revealer;
    this.gameLog = gameLog;
    this.publicScenario = initial.scenario().publicPart();
    updateListing();
  }

  /** A new game whose header is already durable in {@code gameLog}. */
  public static GameRoom create(String code, Instant createdAt, Scenario scenario,
      GameSettings settings, ScheduledExecutorService executor, Clock clock, SeatTokens tokens,
      Revealer revealer, GameLog gameLog) {
    return create(code, Optional.empty(), createdAt, scenario, settings, executor, clock, tokens,
        revealer, gameLog);
  }

  /** A new game, of a class if {@code classCode} is present. */
  public static GameRoom create(String code, Optional<String> classCode, Instant createdAt,
      Scenario scenario, GameSettings settings, ScheduledExecutorService executor, Clock clock,
      SeatTokens tokens, Revealer revealer, GameLog gameLog) {
    GameState initial = GameState.initial(scenario, settings);
    return new GameRoom(code, classCode, createdAt, initial, initial, List.of(), executor, clock,
        tokens, revealer, gameLog);
  }

  /**
   * A game rebuilt from its recording. {@code gameLog} is empty for finished
   * or damaged games, which take no more moves.
   */
  public static GameRoom recover(String code, Optional<String> classCode, Instant createdAt,
      Replay replay, Optional<String> damage, Optional<GameLog> gameLog,
      ScheduledExecutorService executor, Clock clock, SeatTokens tokens, Revealer revealer) {
    return recover(code, classCode, createdAt, replay, damage, gameLog, executor, clock, tokens,
        revealer, List.of());
  }

  /** A game rebuilt from its recording, with the keys of its latest requests, oldest first. */
  public static GameRoom recover(String code, Optional<String> classCode, Instant createdAt,
      Replay replay, Optional<String> damage, Optional<GameLog> gameLog,
      ScheduledExecutorService executor, Clock clock, SeatTokens tokens, Revealer revealer,
      List<RequestKey> requests) {
    GameRoom room = recovered(code, classCode, createdAt, replay, damage, gameLog, executor,
        clock, tokens, revealer);
    requests.forEach(k -> room.kept.put(k.keyHash(), k));
    return room;
  }

  private static GameRoom recovered(String code, Optional<String> classCode, Instant createdAt,
      Replay replay, Optional<String> damage, Optional<GameLog> gameLog,
      ScheduledExecutorService executor, Clock clock, SeatTokens tokens, Revealer revealer) {
    List<Recorded> history = replay.steps().stream().map(Replay.Step::recorded).toList();
    GameRoom room = new GameRoom(code, classCode, createdAt, replay.initial(), replay.last(),
        history, executor, clock, tokens, revealer, gameLog.orElse(null));
    room.damage = damage;
    if (gameLog.isEmpty() && damage.isEmpty() && !replay.last().isOver()) {
      room.damage = Optional.of("the recording cannot be written");
    }
    room.updateListing();
    return room;
  }

  /**
   * Resumes play after a restart: the side to move gets a fresh full turn
   * limit, so time the server was down is charged to no one.
   */
  public void resumeAfterRecovery() {
    executor.execute(() -> {
      if (damage.isPresent() || state.isOver()) {
        return;
      }
      if (state.isInProgress() && state.settings().turnLimit().isPresent()) {
        commit(new Move.RestartClock(clock.instant()), "", Optional.empty());
      }
    });
  }

  public String code() {
    return code;
  }

  public Instant createdAt() {
    return createdAt;
  }

  /** A snapshot for listings, of durable events only; safe from any thread. */
  public GameListing listing() {
    return listing;
  }

  /**
   * The game's progress with both sides' points of the offer on the table:
   * for its instructor only. Of durable events only; safe from any thread.
   */
  public GameProgress progress() {
    return progress;
  }

  /** The class this game belongs to, if any: its seats, watchers and recording are the class's. */
  public Optional<String> classCode() {
    return classCode;
  }

  /** Asks to be told (on this room's thread, so quickly) whenever the game's progress changes. */
  public void onChange(Runnable listener) {
    this.onChange = listener;
  }

  /**
   * Seats a class's student (or a bot's driver) in a role, at the class's
   * request: like {@link #join}, but the answer is pushed (request id 0), so
   * the student's client moves into the seat with no second code to type.
   */
  public void seatForClass(Participant p, String role, String displayName, Optional<String> bot) {
    executor.execute(() -> {
      if (refuseIfDamaged(p, 0)) {
        return;
      }
      String token = tokens.next();
      commit(new Move.TakeSeat(role, displayName, bot, TokenHash.of(token), clock.instant()),
          role, Optional.of(Request.of(p, 0, Request.Kind.JOIN, role, token, Optional.empty())));
    });
  }

  /**
   * Gives a class's student their seat back on a new connection, vouched for
   * by the class (the student's class token): the holder's connection, if
   * any, is told its seat moved. The answer is pushed, without a seat token.
   */
  public void reseatForClass(Participant p, String role) {
    executor.execute(() -> {
      if (!shown.seats().containsKey(role)) {
        return;
      }
      standIns.remove(role);
      Participant previous = holders.put(role, p);
      Instant now = clock.instant();
      if (previous != null && previous != p) {
        previous.deliver(Delivery.of(code, publicScenario,
            List.of(new Delivery.SeatMoved(role, now, false))));
      } else if (previous == null) {
        broadcastPresence(role, true, p);
      }
      replyWithView(p, 0, Viewer.player(role), view -> new RoomReply.Seated(role, "",
          shown.scenario().pointsOf(role), view, sightings(Viewer.player(role)), connected()));
      updateListing();
    });
  }

  /**
   * Lets a stand-in (a bot) hold a seat whose player is away, until the
   * player takes it back: its moves are the seat's, recorded with
   * {@code actor} (e.g. {@code bot:medium}) so a replay shows who made them.
   * Does nothing if the seat is held by then or the game is over.
   */
  public void standIn(Participant p, String role, String actor) {
    executor.execute(() -> {
      if (damage.isPresent() || state.isOver() || !shown.seats().containsKey(role)
          || holders.containsKey(role)) {
        return;
      }
      standIns.put(role, actor);
      holders.put(role, p);
      log.info("game {}: {} stands in for the {} seat", code, actor, role);
      broadcastPresence(role, true, p);
      replyWithView(p, 0, Viewer.player(role), view -> new RoomReply.Seated(role, "",
          shown.scenario().pointsOf(role), view, sightings(Viewer.player(role)), connected()));
      updateListing();
    });
  }

  /**
   * One of the instructor's controls, decided by the game's rules and
   * recorded with the instructor as its actor. The future says, once the
   * control is durable (or refused), whether the rules refused it.
   */
  public CompletableFuture<Optional<Rejection>> control(Function<Instant, Move> moveAt) {
    CompletableFuture<Optional<Rejection>> decided = new CompletableFuture<>();
    executor.execute(() -> {
      if (damage.isPresent()) {
        decided.complete(Optional.of(Rejection.of(RejectionCode.GAME_OVER,
            "the game cannot continue: " + damage.get())));
        return;
      }
      commit(moveAt.apply(clock.instant()), INSTRUCTOR,
          Optional.of(new Request(null, 0, Request.Kind.CONTROL, "", "", Optional.empty(),
              decided)));
    });
    return decided;
  }

  /**
   * The game's debrief row as it stands (durable events only), worked out off
   * this room's thread.
   */
  public CompletableFuture<org.hikiwake.engine.classroom.GameReport> report() {
    CompletableFuture<List<Recorded>> snapshot = new CompletableFuture<>();
    executor.execute(() -> snapshot.complete(List.copyOf(history)));
    return snapshot.thenCompose(h -> revealer.report(code, initial, h));
  }

  /** Follows the game as the given viewer (an instructor watches as an umpire). */
  public void watch(Participant p, long requestId, Viewer viewer) {
    executor.execute(() -> {
      watchers.put(p, viewer);
      replyWithView(p, requestId, viewer,
          view -> new RoomReply.Watching(view, sightings(viewer), connected()));
    });
  }

  /** Takes a free seat; replies {@link RoomReply.Seated} with a fresh token once it is durable. */
  public void join(Participant p, long requestId, String role, String displayName) {
    join(p, requestId, role, displayName, Optional.empty());
  }

  /**
   * Takes a free seat, as {@link #join(Participant, long, String, String)};
   * with an idempotency key, a retry of a join that became durable gets the
   * same seat and token again instead of a refusal.
   */
  public void join(Participant p, long requestId, String role, String displayName,
      Optional<String> idempotencyKey) {
    executor.execute(() -> {
      if (refuseIfDamaged(p, requestId)) {
        return;
      }
      Optional<HashCode> key = idempotencyKey.map(GameRoom::keyHash);
      RequestKey earlier = key.map(kept::get).orElse(null);
      if (earlier != null && earlier.kind() == RequestKey.Kind.JOIN) {
        log.info("game {}: a retried join of the {} seat gets its original answer", code,
            earlier.role());
        seatAgain(p, requestId, earlier.role(),
            tokens.forKey(code, earlier.role(), idempotencyKey.get()));
        return;
      }
      if (waitForTheFirst(key, RequestKey.Kind.JOIN, Optional.empty(), p, requestId,
          idempotencyKey)) {
        return;
      }
      String token = idempotencyKey.map(k -> tokens.forKey(code, role, k))
          .orElseGet(tokens::next);
      HashCode hash = TokenHash.of(token);
      commit(new Move.TakeSeat(role, displayName.strip(), Optional.empty(), hash,
          clock.instant()), role,
          Optional.of(Request.of(p, requestId, Request.Kind.JOIN, role, token, key)));
    });
  }

  /**
   * If a request with this key (of this kind, and for this role if one is
   * given) is still being made durable, queues the retry behind it and says
   * true; it is answered as the first one is.
   */
  private boolean waitForTheFirst(Optional<HashCode> key, RequestKey.Kind kind,
      Optional<String> role, Participant p, long requestId, Optional<String> idempotencyKey) {
    InFlight first = key.map(inFlight::get).orElse(null);
    if (first == null || first.kind() != kind || !role.map(first.role()::equals).orElse(true)) {
      return false;
    }
    log.info("game {}: a {} of the {} seat was sent again before the first was recorded;"
        + " it gets the first one's answer", code, kind == RequestKey.Kind.JOIN ? "join"
        : "move", first.role());
    first.retries().add(new Retry(p, requestId, idempotencyKey.orElseThrow()));
    return true;
  }

  /** Answers the retries of a request once the request itself has been answered. */
  private void answerRetries(InFlight first, boolean durable) {
    for (Retry w : first.retries()) {
      if (!durable || damage.isPresent()) {
        reply(w.participant(), w.requestId(), durable ? internalError() : notRecorded());
      } else if (first.kind() == RequestKey.Kind.JOIN) {
        seatAgain(w.participant(), w.requestId(), first.role(),
            tokens.forKey(code, first.role(), w.idempotencyKey()));
      } else {
        reply(w.participant(), w.requestId(), new RoomReply.Done());
      }
    }
    first.retries().clear();
  }

  private static HashCode keyHash(String idempotencyKey) {
    return Hashing.sha256().hashString(idempotencyKey, StandardCharsets.UTF_8);
  }

  /** Takes back a seat with its token; the connection that held it is told it moved. */
  public void resume(Participant p, long requestId, String token) {
    executor.execute(() -> {
      for (Map.Entry<String, Seat> e : shown.seats().entrySet()) {
        if (TokenHash.matches(token, e.getValue().tokenHash())) {
          seatAgain(p, requestId, e.getKey(), token);
          return;
        }
      }
      reply(p, requestId, new RoomReply.Refused(Refusal.of(Refusal.Problem.BAD_SEAT_TOKEN,
          "That seat token does not match any seat of game " + code + ".")));
    });
  }

  /** Gives a seat already durably held by the token to this participant. */
  private void seatAgain(Participant p, long requestId, String role, String token) {
    standIns.remove(role);
    Participant previous = holders.put(role, p);
    Instant now = clock.instant();
    if (previous != null && previous != p) {
      previous.deliver(Delivery.of(code, publicScenario,
          List.of(new Delivery.SeatMoved(role, now, false))));
      log.info("game {}: {} seat moved from {} to {}", code, role, previous.describe(),
          p.describe());
    } else if (previous == null) {
      broadcastPresence(role, true, p);
      log.info("game {}: {} seat resumed from {}", code, role, p.describe());
    }
    replyWithView(p, requestId, Viewer.player(role), view -> new RoomReply.Seated(role,
        token, shown.scenario().pointsOf(role), view, sightings(Viewer.player(role)),
        connected()));
    updateListing();
  }

  /** Follows the game read-only, public events only. */
  public void watch(Participant p, long requestId) {
    watch(p, requestId, Viewer.watcher());
  }

  /**
   * A move by the participant holding a role's seat; the room stamps it with
   * the time it is decided.
   */
  public void move(Participant p, long requestId, String role, Function<Instant, Move> moveAt) {
    move(p, requestId, role, moveAt, Optional.empty());
  }

  /**
   * A move, as {@link #move(Participant, long, String, Function)}; with an
   * idempotency key, a retry of a move that became durable is answered
   * {@link RoomReply.Done} again and not made twice.
   */
  public void move(Participant p, long requestId, String role, Function<Instant, Move> moveAt,
      Optional<String> idempotencyKey) {
    executor.execute(() -> {
      if (refuseIfDamaged(p, requestId)) {
        return;
      }
      Optional<HashCode> key = idempotencyKey.map(GameRoom::keyHash);
      RequestKey earlier = key.map(kept::get).orElse(null);
      if (earlier != null && earlier.kind() == RequestKey.Kind.MOVE
          && earlier.role().equals(role)) {
        reply(p, requestId, new RoomReply.Done());
        return;
      }
      if (waitForTheFirst(key, RequestKey.Kind.MOVE, Optional.of(role), p, requestId,
          idempotencyKey)) {
        return;
      }
      if (holders.get(role) != p) {
        reply(p, requestId, new RoomReply.Refused(Refusal.of(Refusal.Problem.NOT_SEATED,
            "You no longer hold the " + publicScenario.roleName(role) + " seat; resume it"
                + " with your seat token.")));
        return;
      }
      commit(moveAt.apply(clock.instant()), standIns.getOrDefault(role, role),
          Optional.of(Request.of(p, requestId, Request.Kind.MOVE, role, "", key)));
    });
  }

  /** A participant went away: free the seat it held and stop sending to it. */
  public void leave(Participant p) {
    executor.execute(() -> {
      watchers.remove(p);
      for (String role : List.copyOf(holders.keySet())) {
        if (holders.get(role) == p) {
          holders.remove(role);
          log.info("game {}: {} disconnected ({})", code, role, p.describe());
          broadcastPresence(role, false, p);
          updateListing();
        }
      }
    });
  }

  /**
   * True, on the room's thread, if the game is over (or damaged) and nobody
   * holds a seat or watches it, so the lobby may let it go; the store serves it from then on.
   */
  public CompletableFuture<Boolean> retireIfIdle() {
    CompletableFuture<Boolean> idle = new CompletableFuture<>();
    executor.execute(() -> idle.complete((shown.isOver() || damage.isPresent())
        && holders.isEmpty() && watchers.isEmpty()
        && (reveal == null || reveal.isDone())));
    return idle;
  }

  /** Stops the game's timer at shutdown; queued appends still complete. */
  public CompletableFuture<Void> shutdown() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    executor.execute(() -> {
      cancelTimer();
      done.complete(null);
    });
    return done;
  }

  // ------------------------------------------------------------ moves

  private void commit(Move move, String actor, Optional<Request> request) {
    Decision decision = Rules.decide(state, move);
    if (decision instanceof Decision.Rejected rejected) {
      request.ifPresent(r -> {
        if (r.kind() == Request.Kind.CONTROL) {
          r.decided().complete(Optional.of(rejected.rejection()));
        } else {
          reply(r.participant(), r.requestId(),
              new RoomReply.Refused(new Refusal.ByRules(rejected.rejection())));
        }
      });
      return;
    }
    List<Event> events = ((Decision.Accepted) decision).events();
    Instant at = move.at();
    List<Recorded> recorded = new ArrayList<>(events.size());
    for (Event e : events) {
      recorded.add(new Recorded(nextSeq++, at, actor, e));
    }
    state = Rules.applyAll(state, events);
    // appends complete in order, so once these are durable the durable state is this one
    GameState after = state;
    if (state.isOver()) {
      cancelTimer();
    } else {
      scheduleTimer();
    }
    Optional<RequestKey> key = request.flatMap(r -> r.key().map(k -> new RequestKey(k,
        r.kind() == Request.Kind.JOIN ? RequestKey.Kind.JOIN : RequestKey.Kind.MOVE, r.role(),
        recorded.get(recorded.size() - 1).seq())));
    key.ifPresent(k -> inFlight.put(k.keyHash(), new InFlight(k.kind(), k.role(),
        new ArrayList<>())));
    gameLog.append(recorded, key).whenCompleteAsync((ignored, failure) -> {
      InFlight first = key.map(k -> inFlight.remove(k.keyHash())).orElse(null);
      try {
        if (failure == null) {
          key.ifPresent(k -> kept.put(k.keyHash(), k));
          onDurable(recorded, after, request);
        } else {
          onNotRecorded(failure, request);
        }
      } catch (RuntimeException e) {
        // Never lose a failure here silently: it would leave clients without an answer.
        log.error("game {}: handling recorded events {} failed", code, recorded, e);
        damage = Optional.of("the server failed after recording a move: " + e);
        request.ifPresent(r -> answerFailure(r));
        updateListing();
      }
      if (first != null) {
        // after the request itself: a failure just above has damaged the game, and then
        // its retries are told so too
        answerRetries(first, failure == null);
      }
    }, executor);
    if (state.isOver()) {
      gameLog.close();
      log.info("game {} ended: {}, scores {}", code, state.result().orElseThrow().outcome(),
          state.result().orElseThrow().scores());
    }
  }

  private void onDurable(List<Recorded> recorded, GameState after, Optional<Request> request) {
    boolean ended = false;
    boolean listed = false;
    shown = after;
    for (Recorded r : recorded) {
      history.add(r);
      Event e = r.event();
      ended |= e instanceof Event.GameEnded;
      listed |= !(e instanceof Event.OfferMade || e instanceof Event.ChatPosted
          || e instanceof Event.TurnChanged || e instanceof Event.NewsArrived);
      if (e instanceof Event.SeatReleased released) {
        // the instructor freed the seat: its holder, if any, no longer holds it
        standIns.remove(released.role());
        Participant holder = holders.remove(released.role());
        if (holder != null) {
          holder.deliver(Delivery.of(code, publicScenario,
              List.of(new Delivery.SeatMoved(released.role(), r.at(), true))));
        }
      }
    }
    // a listing shows seats, phase and rounds: most moves (offers, chat) change none of them,
    // but they do change the instructor's progress (the offer on the table, whose turn)
    if (listed || shown.round() != listing.round()) {
      updateListing();
    } else {
      updateProgress();
    }
    if (ended) {
      revealFuture().whenCompleteAsync((done, failure) -> {
        try {
          broadcast(recorded, request);
        } catch (RuntimeException e) {
          log.error("game {}: telling everyone the game ended failed", code, e);
          request.ifPresent(r -> answerFailure(r));
        }
      }, executor);
    } else {
      broadcast(recorded, request);
    }
  }

  private void onNotRecorded(Throwable failure, Optional<Request> request) {
    damage = Optional.of("recording failed: " + failure.getMessage());
    log.error("game {}: recording failed; the game is stopped", code, failure);
    request.filter(r -> r.kind() == Request.Kind.CONTROL).ifPresent(r -> r.decided().complete(
        Optional.of(Rejection.of(RejectionCode.GAME_OVER, "recording failed"))));
    request.filter(r -> r.kind() != Request.Kind.CONTROL).ifPresent(r -> reply(r.participant(),
        r.requestId(), notRecorded()));
    cancelTimer();
    updateListing();
  }

  /** Tells everyone about newly durable events, each as they may see them. */
  private void broadcast(List<Recorded> recorded, Optional<Request> request) {
    request.filter(r -> r.kind() == Request.Kind.CONTROL)
        .ifPresent(r -> r.decided().complete(Optional.empty()));
    request = request.filter(r -> r.kind() != Request.Kind.CONTROL);
    Participant mover = request.map(Request::participant).orElse(null);
    if (request.isPresent() && request.get().kind() == Request.Kind.JOIN) {
      seat(request.get());
    }
    for (Map.Entry<String, Participant> e : Map.copyOf(holders).entrySet()) {
      Participant p = e.getValue();
      if (request.isPresent() && p == mover && request.get().kind() == Request.Kind.JOIN) {
        continue; // its first view already holds these events
      }
      List<Item> items = new ArrayList<>();
      if (p == mover) {
        items.add(new Delivery.Reply(request.get().requestId(), new RoomReply.Done()));
      }
      items.addAll(happened(recorded, Viewer.player(e.getKey())));
      p.deliver(Delivery.of(code, publicScenario, items));
    }
    if (mover != null && !holders.containsValue(mover)) {
      // e.g. a move that ended the seat's tenure, or a join whose connection has gone
      if (request.get().kind() == Request.Kind.MOVE) {
        mover.deliver(Delivery.of(code, publicScenario, List.of(
            new Delivery.Reply(request.get().requestId(), new RoomReply.Done()))));
      }
    }
    Map<Viewer, Delivery> byViewer = new HashMap<>();
    for (Map.Entry<Participant, Viewer> w : watchers.entrySet()) {
      if (w.getKey() != mover) {
        w.getKey().deliver(byViewer.computeIfAbsent(w.getValue(),
            v -> Delivery.of(code, publicScenario, happened(recorded, v))));
      }
    }
  }

  /** Gives a joiner its seat once the seat is durable, with its first view. */
  private void seat(Request join) {
    Participant p = join.participant();
    String role = join.role();
    if (!p.isConnected()) {
      log.info("game {}: {} took the {} seat but left before the answer", code,
          p.describe(), role);
      return;
    }
    holders.put(role, p);
    Seat seat = shown.seats().get(role);
    log.info("game {}: {} took the {} seat from {}", code, seat.displayName(), role,
        p.describe());
    replyWithView(p, join.requestId(), Viewer.player(role), view -> new RoomReply.Seated(role,
        join.token(), shown.scenario().pointsOf(role), view, sightings(Viewer.player(role)),
        connected()));
    updateListing();
  }

  private List<Item> happened(List<Recorded> recorded, Viewer viewer) {
    List<Item> items = new ArrayList<>(recorded.size());
    for (Recorded r : recorded) {
      items.add(new Delivery.Happened(sighting(r, viewer)));
    }
    return items;
  }

  private Sighting sighting(Recorded r, Viewer viewer) {
    return new Sighting(r.seq(), r.at(),
        Projection.of(shown.scenario(), r.event(), viewer, this::revealNow));
  }

  private ImmutableList<Sighting> sightings(Viewer viewer) {
    ImmutableList.Builder<Sighting> out = ImmutableList.builderWithExpectedSize(history.size());
    for (Recorded r : history) {
      out.add(sighting(r, viewer));
    }
    return out.build();
  }

  /**
   * The reveal of an ended game, asked for only once {@link #revealFuture}
   * has completed. If working it out failed (a bug), it is tried once more
   * here, so the end still reaches everyone.
   */
  private Reveal revealNow() {
    try {
      return revealFuture().join();
    } catch (CompletionException | CancellationException e) {
      log.error("game {}: the debrief could not be worked out; trying again", code, e);
      Reveal again = Reveal.of(shown);
      reveal = CompletableFuture.completedFuture(again);
      return again;
    }
  }

  private CompletableFuture<Reveal> revealFuture() {
    if (reveal == null) {
      reveal = revealer.reveal(shown);
    }
    return reveal;
  }

  /**
   * Replies with the viewer's view of the durable game. For an ended game
   * the reply waits for the debrief, which is worked out off this thread.
   */
  private void replyWithView(Participant p, long requestId, Viewer viewer,
      Function<GameView, RoomReply> reply) {
    if (shown.isOver() && !revealFuture().isDone()) {
      revealFuture().whenCompleteAsync((done, failure) -> {
        try {
          replyWithView(p, requestId, viewer, reply);
        } catch (RuntimeException e) {
          log.error("game {}: answering {} failed", code, p.describe(), e);
          reply(p, requestId, internalError());
        }
      }, executor);
      return;
    }
    GameView view = Projection.initialView(shown.scenario(), initial, viewer);
    for (Recorded r : history) {
      view = view.apply(sighting(r, viewer).seen());
    }
    reply(p, requestId, reply.apply(view));
  }

  private void reply(Participant p, long requestId, RoomReply reply) {
    p.deliver(Delivery.of(code, publicScenario, List.of(new Delivery.Reply(requestId, reply))));
  }

  private void answerFailure(Request r) {
    if (r.kind() == Request.Kind.CONTROL) {
      r.decided().complete(Optional.of(Rejection.of(RejectionCode.GAME_OVER,
          "the server failed; see its log")));
    } else {
      reply(r.participant(), r.requestId(), internalError());
    }
  }

  private static RoomReply notRecorded() {
    return new RoomReply.Refused(Refusal.of(Refusal.Problem.INTERNAL, "The server could not"
        + " record that move, so it did not happen. The game is stopped; tell your instructor."));
  }

  private static RoomReply internalError() {
    return new RoomReply.Refused(Refusal.of(Refusal.Problem.INTERNAL,
        "The server failed while handling that move; see its log."));
  }

  private boolean refuseIfDamaged(Participant p, long requestId) {
    if (damage.isPresent()) {
      reply(p, requestId, new RoomReply.Refused(Refusal.of(Refusal.Problem.GAME_DAMAGED,
          "Game " + code + " cannot continue: " + damage.get() + ".")));
      return true;
    }
    return false;
  }

  private void broadcastPresence(String role, boolean isConnected, Participant skip) {
    Delivery d = Delivery.of(code, publicScenario,
        List.of(new Delivery.PresenceChanged(role, isConnected, clock.instant())));
    for (Participant holder : holders.values()) {
      if (holder != skip) {
        holder.deliver(d);
      }
    }
    for (Participant w : watchers.keySet()) {
      if (w != skip) {
        w.deliver(d);
      }
    }
  }

  private ImmutableMap<String, Boolean> connected() {
    Map<String, Boolean> out = new LinkedHashMap<>();
    for (Role r : shown.scenario().roles()) {
      out.put(r.id(), holders.containsKey(r.id()));
    }
    return ImmutableMap.copyOf(out);
  }

  // ------------------------------------------------------------ timers

  private void scheduleTimer() {
    cancelTimer();
    Optional<Instant> deadline = state.deadline();
    if (deadline.isEmpty() || !state.isInProgress()) {
      return;
    }
    int turn = state.turn();
    long delay = Math.max(0, deadline.get().toEpochMilli() - clock.millis());
    timer = executor.schedule(() -> onTimer(turn), delay, TimeUnit.MILLISECONDS);
  }

  private void onTimer(int turn) {
    if (damage.isPresent() || state.turn() != turn || !state.isInProgress()) {
      return;
    }
    Move timeOut = new Move.TimeOut(clock.instant());
    if (Rules.decide(state, timeOut).isAccepted()) {
      commit(timeOut, "", Optional.empty());
    } else {
      scheduleTimer(); // the clock was a little early; try again at the deadline
    }
  }

  private void cancelTimer() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }

  // ------------------------------------------------------------ listing

  private void updateListing() {
    listing = buildListing();
    updateProgress();
  }

  private void updateProgress() {
    progress = buildProgress(listing);
    try {
      onChange.run();
    } catch (RuntimeException e) {
      log.error("game {}: a progress listener failed", code, e);
    }
  }

  private GameProgress buildProgress(GameListing l) {
    Map<String, Integer> points = new LinkedHashMap<>();
    shown.onTable().ifPresent(o -> {
      for (Role r : shown.scenario().roles()) {
        points.put(r.id(), shown.pointsOf(r.id()).score(o.pkg()));
      }
    });
    return new GameProgress(l, shown.turn(), shown.toMove(), shown.deadline(), shown.isPaused(),
        shown.onTable(), ImmutableMap.copyOf(points));
  }

  private GameListing buildListing() {
    ImmutableList.Builder<GameListing.SeatListing> seats = ImmutableList.builder();
    for (Role r : shown.scenario().roles()) {
      Optional<Seat> seat = shown.seat(r.id());
      seats.add(new GameListing.SeatListing(r.id(), r.name(), seat.map(Seat::displayName),
          seat.flatMap(Seat::bot), holders.containsKey(r.id())));
    }
    return new GameListing(code, createdAt, shown.scenario().id(), shown.scenario().title(),
        shown.phase(), shown.round(), shown.settings().rounds(), seats.build(), shown.result(),
        damage, classCode);
  }

  /** The phase of the durable game, for tests and listings. */
  Phase phase() {
    return listing.phase();
  }
}
