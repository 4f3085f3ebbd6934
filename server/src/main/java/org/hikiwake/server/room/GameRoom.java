package org.hikiwake.server.room;

import com.google.protobuf.ByteString;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.hikiwake.engine.game.Decision;
import org.hikiwake.engine.game.Event;
import org.hikiwake.engine.game.GameSettings;
import org.hikiwake.engine.game.GameState;
import org.hikiwake.engine.game.Move;
import org.hikiwake.engine.game.Phase;
import org.hikiwake.engine.game.Rules;
import org.hikiwake.engine.scenario.Role;
import org.hikiwake.engine.scenario.Scenario;
import org.hikiwake.proto.recording.RecordingEntry;
import org.hikiwake.proto.recording.SeatTaken;
import org.hikiwake.proto.wire.Done;
import org.hikiwake.proto.wire.ErrorCode;
import org.hikiwake.proto.wire.GameSummary;
import org.hikiwake.proto.wire.GameView;
import org.hikiwake.proto.wire.Joined;
import org.hikiwake.proto.wire.OfferView;
import org.hikiwake.proto.wire.PresenceChanged;
import org.hikiwake.proto.wire.SeatFilled;
import org.hikiwake.proto.wire.SeatInfo;
import org.hikiwake.proto.wire.ServerMessage;
import org.hikiwake.proto.wire.Watching;
import org.hikiwake.server.record.EventCodec;
import org.hikiwake.server.record.GameLog;
import org.hikiwake.server.record.TokenHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One game, owned by one thread: every public method hands its work to the
 * room's executor and returns at once, so the game's state is only touched
 * on that thread and nothing here blocks.
 *
 * <p>A move is decided by the rules and applied to the state at once (so the
 * next move is decided against it), but acknowledged and broadcast only after
 * its records are durable in the game's log. Appends complete in order, so
 * everyone sees events in recording order.
 */
public final class GameRoom {
  private static final Logger log = LoggerFactory.getLogger(GameRoom.class);
  /** Display names: 1 to 32 letters, digits, spaces, '.', '-' or '_'. */
  static final int MAX_NAME_CHARS = 32;
  private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N} ._-]+");

  private final String code;
  private final Instant createdAt;
  private final ScheduledExecutorService executor;
  private final Clock clock;
  private final SeatTokens tokens;
  private final GameLog gameLog;

  private GameState state;
  private final Map<String, Seat> seats = new LinkedHashMap<>();
  private final Set<Participant> watchers = new LinkedHashSet<>();
  private final List<Entry> history = new ArrayList<>();
  private long nextSeq = 1;
  private Optional<String> damage = Optional.empty();
  private ScheduledFuture<?> timer;
  private volatile GameSummary summary;
  /** The game-over event once the game has ended. */
  private org.hikiwake.proto.wire.GameOver gameOver;

  /** A seat: who took it, the hash of its token, and the connection now holding it. */
  private static final class Seat {
    final String displayName;
    final ByteString tokenHash;
    Participant holder;
    boolean durable;

    Seat(String displayName, ByteString tokenHash) {
      this.displayName = displayName;
      this.tokenHash = tokenHash;
    }
  }

  /** One recorded happening, kept to show late joiners the history. */
  private record Entry(long seq, long atMillis, Optional<Event> event,
      Optional<SeatFilled> seat) {}

  private GameRoom(String code, Instant createdAt, GameState state,
      ScheduledExecutorService executor, Clock clock, SeatTokens tokens, GameLog gameLog) {
    this.code = code;
    this.createdAt = createdAt;
    this.state = state;
    this.executor = executor;
    this.clock = clock;
    this.tokens = tokens;
    this.gameLog = gameLog;
    this.summary = buildSummary();
  }

  /** A new game whose header is already durable in {@code gameLog}. */
  public static GameRoom create(String code, Instant createdAt, Scenario scenario,
      GameSettings settings, ScheduledExecutorService executor, Clock clock, SeatTokens tokens,
      GameLog gameLog) {
    return new GameRoom(code, createdAt, GameState.initial(scenario, settings), executor, clock,
        tokens, gameLog);
  }

  /**
   * A game rebuilt from its recording by replaying every record through the
   * rules. {@code gameLog} is null for finished or damaged games, which take
   * no more moves.
   */
  public static GameRoom recover(String code, Instant createdAt, Scenario scenario,
      GameSettings settings, List<RecordingEntry> records, Optional<String> damage,
      ScheduledExecutorService executor, Clock clock, SeatTokens tokens, GameLog gameLog) {
    GameRoom room = new GameRoom(code, createdAt, GameState.initial(scenario, settings),
        executor, clock, tokens, gameLog);
    room.damage = damage;
    for (RecordingEntry r : records) {
      if (r.hasSeatTaken()) {
        SeatTaken s = r.getSeatTaken();
        Seat seat = new Seat(s.getDisplayName(), s.getTokenSha256());
        seat.durable = true;
        room.seats.put(s.getRole(), seat);
        room.history.add(new Entry(r.getSeq(), r.getAtMillis(), Optional.empty(),
            Optional.of(SeatFilled.newBuilder().setRole(s.getRole())
                .setDisplayName(s.getDisplayName()).build())));
      } else {
        Event e = EventCodec.fromProto(r.getEvent());
        room.state = Rules.apply(room.state, e);
        room.history.add(new Entry(r.getSeq(), r.getAtMillis(), Optional.of(e),
            Optional.empty()));
      }
      room.nextSeq = r.getSeq() + 1;
    }
    if (gameLog == null && room.damage.isEmpty() && !room.state.isOver()) {
      room.damage = Optional.of("recording has no writable log");
    }
    room.summary = room.buildSummary();
    return room;
  }

  /**
   * Resumes play after a restart: starts a game whose seats were both taken,
   * and gives the side to move a fresh full turn limit (time the server was
   * down is charged to no one).
   */
  public void resumeAfterRecovery() {
    executor.execute(() -> {
      if (damage.isPresent() || state.isOver()) {
        return;
      }
      if (state.phase() == Phase.WAITING) {
        startIfFull();
      } else if (state.settings().turnLimit().isPresent()) {
        commitMove(new Move.RestartClock(clock.instant()), "", null, 0);
      }
    });
  }

  public String code() {
    return code;
  }

  public Instant createdAt() {
    return createdAt;
  }

  /** A snapshot for listings; safe from any thread. */
  public GameSummary summary() {
    return summary;
  }

  /** Takes a free seat; replies Joined with a fresh token once the seat is durable. */
  public void join(Participant p, long requestId, String role, String displayName,
      SeatCallback callback) {
    executor.execute(() -> {
      String name = displayName.strip();
      Optional<ServerMessage> refusal = joinRefusal(requestId, role, name);
      if (refusal.isPresent()) {
        callback.refused();
        p.send(refusal.get());
        return;
      }
      String token = tokens.next();
      Seat seat = new Seat(name, TokenHash.of(token));
      seats.put(role, seat); // reserved now, so a second join is refused at once
      long at = clock.millis();
      RecordingEntry record = RecordingEntry.newBuilder().setSeq(nextSeq++).setAtMillis(at).setRole(role)
          .setSeatTaken(SeatTaken.newBuilder().setRole(role).setDisplayName(name)
              .setTokenSha256(seat.tokenHash))
          .build();
      SeatFilled filled = SeatFilled.newBuilder().setRole(role).setDisplayName(name).build();
      Entry entry = new Entry(record.getSeq(), at, Optional.empty(), Optional.of(filled));
      history.add(entry);
      durably(List.of(record), p, requestId, callback::refused, () -> {
        seat.durable = true;
        seat.holder = p;
        callback.seated(role);
        p.send(ServerMessage.newBuilder().setRequestId(requestId)
            .setJoined(joined(role, token)).build());
        broadcastExcept(p, entry);
        log.info("game {}: {} took the {} seat from {}", code, name, role, p.describe());
        startIfFull();
      });
      updateSummary();
    });
  }

  /** Why a seat cannot be taken, if it cannot. */
  private Optional<ServerMessage> joinRefusal(long requestId, String role, String name) {
    if (damage.isPresent()) {
      return Optional.of(damagedError(requestId));
    }
    Optional<Role> r = state.scenario().role(role);
    if (r.isEmpty()) {
      return Optional.of(Views.error(requestId, ErrorCode.ERROR_CODE_UNKNOWN_ROLE, "This game has no role '"
          + role + "'. Roles: " + roleIds() + "."));
    }
    if (name.length() > MAX_NAME_CHARS) {
      return Optional.of(Views.error(requestId, ErrorCode.ERROR_CODE_MESSAGE_TOO_LARGE,
          "A display name can be at most " + MAX_NAME_CHARS + " characters."));
    }
    if (name.isEmpty() || !NAME.matcher(name).matches()) {
      return Optional.of(Views.error(requestId, ErrorCode.ERROR_CODE_INVALID_TEXT, "A display name needs 1"
          + " to " + MAX_NAME_CHARS + " letters, digits, spaces, '.', '-' or '_'."));
    }
    if (seats.containsKey(role)) {
      return Optional.of(Views.error(requestId, ErrorCode.ERROR_CODE_ROLE_TAKEN, "The " + r.get().name()
          + " seat is taken. Free seats: " + freeSeats() + "."));
    }
    if (state.isOver()) {
      return Optional.of(Views.error(requestId, ErrorCode.ERROR_CODE_GAME_OVER,
          "This game is over; watch it instead."));
    }
    return Optional.empty();
  }

  /** Takes back a seat with its token. */
  public void resume(Participant p, long requestId, String token, SeatCallback callback) {
    executor.execute(() -> {
      for (Map.Entry<String, Seat> e : seats.entrySet()) {
        Seat seat = e.getValue();
        if (seat.durable && TokenHash.matches(token, seat.tokenHash)) {
          String role = e.getKey();
          Participant previous = seat.holder;
          seat.holder = p;
          callback.seated(role);
          p.send(ServerMessage.newBuilder().setRequestId(requestId)
              .setJoined(joined(role, token)).build());
          if (previous == null) {
            broadcastPresence(role, true, p);
          }
          log.info("game {}: {} seat resumed from {}", code, role, p.describe());
          updateSummary();
          return;
        }
      }
      callback.refused();
      p.send(Views.error(requestId, ErrorCode.ERROR_CODE_BAD_SEAT_TOKEN,
          "That seat token does not match any seat of game " + code + "."));
    });
  }

  /** Follows the game read-only. */
  public void watch(Participant p, long requestId) {
    executor.execute(() -> {
      watchers.add(p);
      p.send(ServerMessage.newBuilder().setRequestId(requestId)
          .setWatching(Watching.newBuilder().setGame(view(Optional.empty()))).build());
    });
  }

  /** A move by the holder of a seat; the room stamps it with the time it is decided. */
  public void move(Participant p, long requestId, String role,
      java.util.function.Function<Instant, Move> moveAt) {
    executor.execute(() -> {
      Move move = moveAt.apply(clock.instant());
      if (refuseIfDamaged(p, requestId)) {
        return;
      }
      Seat seat = seats.get(role);
      if (seat == null || seat.holder != p) {
        p.send(Views.error(requestId, ErrorCode.ERROR_CODE_NOT_SEATED,
            "You no longer hold the " + role + " seat; resume it with your token."));
        return;
      }
      commitMove(move, role, p, requestId);
    });
  }

  /** A connection went away: free its seat's holder and stop sending to it. */
  public void leave(Participant p) {
    executor.execute(() -> {
      watchers.remove(p);
      for (Map.Entry<String, Seat> e : seats.entrySet()) {
        if (e.getValue().holder == p) {
          e.getValue().holder = null;
          log.info("game {}: {} disconnected ({})", code, e.getKey(), p.describe());
          broadcastPresence(e.getKey(), false, p);
          updateSummary();
        }
      }
    });
  }

  /** Closes the log of an unfinished game at shutdown; queued appends still complete. */
  public CompletableFuture<Void> shutdown() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    executor.execute(() -> {
      if (timer != null) {
        timer.cancel(false);
      }
      done.complete(null);
    });
    return done;
  }

  private void commitMove(Move move, String role, Participant p, long requestId) {
    Decision decision = Rules.decide(state, move);
    if (decision instanceof Decision.Rejected rejected) {
      if (p != null) {
        p.send(Views.rejected(requestId, rejected.rejection()));
      }
      return;
    }
    List<Event> events = ((Decision.Accepted) decision).events();
    long at = move.at().toEpochMilli();
    List<RecordingEntry> records = new ArrayList<>();
    List<Entry> entries = new ArrayList<>();
    for (Event e : events) {
      RecordingEntry record = RecordingEntry.newBuilder().setSeq(nextSeq++).setAtMillis(at).setRole(role)
          .setEvent(EventCodec.toProto(e)).build();
      records.add(record);
      entries.add(new Entry(record.getSeq(), at, Optional.of(e), Optional.empty()));
    }
    state = Rules.applyAll(state, events);
    history.addAll(entries);
    durably(records, p, requestId, () -> { }, () -> {
      if (p != null) {
        p.send(ServerMessage.newBuilder().setRequestId(requestId)
            .setDone(Done.getDefaultInstance()).build());
      }
      entries.forEach(e -> broadcastExcept(null, e));
    });
    if (state.isOver()) {
      gameLog.close();
      cancelTimer();
      log.info("game {} ended: {}, scores {}", code, state.result().orElseThrow().outcome(),
          state.result().orElseThrow().scores());
    } else {
      scheduleTimer();
    }
    updateSummary();
  }

  /**
   * Appends records; runs {@code then} on this room's thread once they are
   * durable, or {@code failed} (before the error is sent) if they cannot be.
   */
  private void durably(List<RecordingEntry> records, Participant p, long requestId, Runnable failed,
      Runnable then) {
    gameLog.append(records).whenCompleteAsync((ignored, failure) -> {
      if (failure == null) {
        then.run();
        return;
      }
      damage = Optional.of("recording failed: " + failure.getMessage());
      log.error("game {}: recording failed; the game is stopped", code, failure);
      failed.run();
      if (p != null) {
        p.send(Views.error(requestId, ErrorCode.ERROR_CODE_INTERNAL,
            "The server could not record that move, so it did not happen. The game is stopped;"
                + " tell your instructor."));
      }
      cancelTimer();
      updateSummary();
    }, executor);
  }

  private void startIfFull() {
    boolean full = state.scenario().roles().stream()
        .allMatch(r -> seats.containsKey(r.id()) && seats.get(r.id()).durable);
    if (full && state.phase() == Phase.WAITING) {
      commitMove(new Move.Start(clock.instant()), "", null, 0);
    }
  }

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
    Decision d = Rules.decide(state, new Move.TimeOut(clock.instant()));
    if (d.isAccepted()) {
      commitMove(new Move.TimeOut(clock.instant()), "", null, 0);
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

  private boolean refuseIfDamaged(Participant p, long requestId) {
    if (damage.isPresent()) {
      p.send(damagedError(requestId));
      return true;
    }
    return false;
  }

  private ServerMessage damagedError(long requestId) {
    return Views.error(requestId, ErrorCode.ERROR_CODE_GAME_DAMAGED, "Game " + code + " cannot continue: "
        + damage.orElseThrow() + ".");
  }

  private Joined joined(String role, String token) {
    Role r = state.scenario().role(role).orElseThrow();
    return Joined.newBuilder().setSeatToken(token).setRole(role).setBrief(r.brief())
        .setReservationValue(r.reservationValue())
        .setPoints(Views.pointsTable(state.scenario(), state.pointsOf(role)))
        .setGame(view(Optional.of(role)))
        .build();
  }

  private GameView view(Optional<String> viewer) {
    GameView.Builder b = GameView.newBuilder().setGameCode(code)
        .setScenario(Views.scenarioView(state.scenario()))
        .setSettings(EventCodec.toProto(state.settings()))
        .setPhase(Views.phase(state.phase()))
        .setRound(state.round()).setTurn(state.turn())
        .setToMove(state.toMove().orElse(""))
        .setDeadlineMillis(state.deadline().map(Instant::toEpochMilli).orElse(0L));
    state.onTable().ifPresent(o -> b.setOnTable(OfferView.newBuilder().setRole(o.proposer())
        .setPackage(EventCodec.toProto(o.pkg()))));
    b.addAllSeats(seatInfos());
    for (Entry e : history) {
      b.addHistory(project(e, viewer));
    }
    return b.build();
  }

  private org.hikiwake.proto.wire.EventView project(Entry e, Optional<String> viewer) {
    org.hikiwake.proto.wire.EventView.Builder b = org.hikiwake.proto.wire.EventView.newBuilder()
        .setGameCode(code).setSeq(e.seq()).setAtMillis(e.atMillis());
    if (e.seat().isPresent()) {
      return b.setSeatFilled(e.seat().get()).build();
    }
    Event event = e.event().orElseThrow();
    if (event instanceof Event.GameStarted s) {
      b.setGameStarted(EventCodec.toProto(s).getGameStarted());
    } else if (event instanceof Event.OfferMade o) {
      b.setOfferMade(EventCodec.toProto(o).getOfferMade());
    } else if (event instanceof Event.ChatPosted c) {
      b.setChatPosted(EventCodec.toProto(c).getChatPosted());
    } else if (event instanceof Event.TurnTimedOut t) {
      b.setTurnTimedOut(EventCodec.toProto(t).getTurnTimedOut());
    } else if (event instanceof Event.TurnChanged t) {
      b.setTurnChanged(EventCodec.toProto(t).getTurnChanged());
    } else if (event instanceof Event.ClockRestarted c) {
      b.setClockRestarted(EventCodec.toProto(c).getClockRestarted());
    } else if (event instanceof Event.NewsArrived n) {
      b.setNewsArrived(Views.news(state.scenario().newsItem(n.newsId()).orElseThrow(), viewer));
    } else if (event instanceof Event.GameEnded g) {
      if (gameOver == null) {
        // the same for every viewer, and costly (it analyses every package): build it once
        gameOver = Views.gameOver(state, g);
      }
      b.setGameEnded(gameOver);
    } else {
      throw new AssertionError(event);
    }
    return b.build();
  }

  private void broadcastExcept(Participant skip, Entry entry) {
    for (Map.Entry<String, Seat> s : seats.entrySet()) {
      Participant holder = s.getValue().holder;
      if (holder != null && holder != skip) {
        holder.send(event(project(entry, Optional.of(s.getKey()))));
      }
    }
    if (!watchers.isEmpty()) {
      ServerMessage publicView = event(project(entry, Optional.empty()));
      for (Participant w : watchers) {
        if (w != skip) {
          w.send(publicView);
        }
      }
    }
  }

  private void broadcastPresence(String role, boolean connected, Participant skip) {
    ServerMessage msg = event(org.hikiwake.proto.wire.EventView.newBuilder().setGameCode(code)
        .setAtMillis(clock.millis())
        .setPresenceChanged(PresenceChanged.newBuilder().setRole(role).setConnected(connected))
        .build());
    for (Seat seat : seats.values()) {
      if (seat.holder != null && seat.holder != skip) {
        seat.holder.send(msg);
      }
    }
    for (Participant w : watchers) {
      if (w != skip) {
        w.send(msg);
      }
    }
  }

  private static ServerMessage event(org.hikiwake.proto.wire.EventView e) {
    return ServerMessage.newBuilder().setEvent(e).build();
  }

  private List<SeatInfo> seatInfos() {
    List<SeatInfo> out = new ArrayList<>();
    for (Role r : state.scenario().roles()) {
      Seat seat = seats.get(r.id());
      SeatInfo.Builder b = SeatInfo.newBuilder().setRole(r.id()).setRoleName(r.name())
          .setTaken(seat != null);
      if (seat != null) {
        b.setDisplayName(seat.displayName).setConnected(seat.holder != null);
      }
      out.add(b.build());
    }
    return out;
  }

  private String roleIds() {
    return String.join(", ", state.scenario().roles().stream().map(Role::id).toList());
  }

  private String freeSeats() {
    List<String> free = state.scenario().roles().stream().map(Role::id)
        .filter(id -> !seats.containsKey(id)).toList();
    return free.isEmpty() ? "none" : String.join(", ", free);
  }

  private void updateSummary() {
    summary = buildSummary();
  }

  private GameSummary buildSummary() {
    GameSummary.Builder b = GameSummary.newBuilder().setGameCode(code)
        .setScenarioId(state.scenario().id()).setScenarioTitle(state.scenario().title())
        .setPhase(Views.phase(state.phase())).setRound(state.round())
        .setRounds(state.settings().rounds())
        .addAllSeats(seatInfos())
        .setDamaged(damage.isPresent()).setDamage(damage.orElse(""));
    state.result().ifPresent(r -> b.setResult(EventCodec.toProto(r)));
    return b.build();
  }
}
