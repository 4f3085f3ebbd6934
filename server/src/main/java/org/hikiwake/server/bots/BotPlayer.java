package org.hikiwake.server.bots;

import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.hikiwake.engine.bot.Bot;
import org.hikiwake.engine.bot.BotAction;
import org.hikiwake.engine.game.Move;
import org.hikiwake.engine.view.GameView;
import org.hikiwake.server.room.Delivery;
import org.hikiwake.server.room.Participant;
import org.hikiwake.server.room.RoomReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bot in one seat: a participant that is not a connection. It learns the
 * game only from what the room delivers to its seat (the view a human there
 * would get) and acts only through {@link SeatMoves}, which makes moves as its
 * role and nothing else: it holds no room, so it cannot reach the other
 * side's points. It thinks on the host's executor, never on the room's thread.
 */
final class BotPlayer implements Participant {
  private static final Logger log = LoggerFactory.getLogger(BotPlayer.class);
  /** Never think past this share of the time left in a turn. */
  private static final int TURN_SHARE_DIVISOR = 2;

  /** What a bot may do with its seat: move as its role, through the same path as a person. */
  interface SeatMoves {
    /**
     * Submits a move; the room stamps the time, decides it by the rules and
     * answers through {@link BotPlayer#deliver}.
     */
    void move(long requestId, Function<Instant, Move> moveAt);

    /** Leaves the seat once the game is over, so the finished game can leave memory. */
    void leave();
  }

  private final Bot bot;
  private final String role;
  private final String gameCode;
  private final ScheduledExecutorService thinkers;
  private final Clock clock;
  private final Duration thinking;
  private volatile SeatMoves moves;

  // Guarded by this: written on the room's thread, read on the thinker's.
  private Optional<GameView> view = Optional.empty();
  /** The turn a decision is scheduled or made for; -1 for none. */
  private int pendingTurn = -1;
  private long nextRequestId = 1;
  private volatile boolean connected = true;

  BotPlayer(Bot bot, String gameCode, String role, ScheduledExecutorService thinkers,
      Clock clock, Duration thinking) {
    this.bot = checkNotNull(bot, "bot");
    this.gameCode = checkNotNull(gameCode, "gameCode");
    this.role = checkNotNull(role, "role");
    this.thinkers = checkNotNull(thinkers, "thinkers");
    this.clock = checkNotNull(clock, "clock");
    this.thinking = checkNotNull(thinking, "thinking");
  }

  /** Binds the bot to its seat's moves; called once, before it is seated. */
  void bind(SeatMoves seatMoves) {
    this.moves = checkNotNull(seatMoves, "seatMoves");
  }

  Bot bot() {
    return bot;
  }

  String role() {
    return role;
  }

  /** The view of the seat as the bot last saw it, if it has been seated. */
  synchronized Optional<GameView> view() {
    return view;
  }

  /** Stops the bot: it makes no more moves and the room may drop it. */
  void stop() {
    connected = false;
  }

  @Override
  public void deliver(Delivery delivery) {
    synchronized (this) {
      for (Delivery.Item item : delivery.items()) {
        if (item instanceof Delivery.Reply r) {
          onReply(r);
        } else if (item instanceof Delivery.Happened h) {
          view = view.map(v -> v.apply(h.sighting().seen()));
        } else if (item instanceof Delivery.SeatMoved moved) {
          // a person took the seat back (or the instructor freed it): the bot is done
          log.info("game {}: the {} bot left the {} seat", gameCode, bot.name(), moved.role());
          connected = false;
        } else if (!(item instanceof Delivery.PresenceChanged)) {
          throw new AssertionError(item);
        }
      }
      if (connected && view.isPresent() && view.get().isOver()) {
        connected = false;
        moves.leave();
        return;
      }
      maybeThink();
    }
  }

  private void onReply(Delivery.Reply r) {
    if (r.reply() instanceof RoomReply.Seated seated) {
      view = Optional.of(seated.view());
    } else if (r.reply() instanceof RoomReply.Refused refused) {
      // a correct bot is never refused; do not retry, which could loop
      log.warn("game {}: the {} bot's request {} in the {} seat was refused: {}", gameCode,
          bot.name(), r.requestId(), role, refused.refusal());
    } else if (!(r.reply() instanceof RoomReply.Done || r.reply() instanceof RoomReply.Watching)) {
      throw new AssertionError(r.reply());
    }
  }

  /** Schedules a decision for this turn if it is the bot's and none is pending; holds the lock. */
  private void maybeThink() {
    if (!connected || view.isEmpty() || !view.get().isMyTurn()
        || view.get().turn() == pendingTurn) {
      return;
    }
    int turn = view.get().turn();
    pendingTurn = turn;
    thinkers.schedule(() -> think(turn), delay(view.get()).toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The thinking time, cut short so the bot always moves well within the turn limit. */
  private Duration delay(GameView v) {
    if (v.deadline().isEmpty()) {
      return thinking;
    }
    Duration left = Duration.between(clock.instant(), v.deadline().get());
    Duration cap = left.isNegative() ? Duration.ZERO : left.dividedBy(TURN_SHARE_DIVISOR);
    return thinking.compareTo(cap) <= 0 ? thinking : cap;
  }

  private void think(int turn) {
    GameView seen;
    long firstId;
    synchronized (this) {
      if (!connected) {
        return;
      }
      seen = view.orElseThrow();
      if (!seen.isMyTurn() || seen.turn() != turn) {
        // e.g. paused while thinking: think again when the turn comes back
        pendingTurn = -1;
        maybeThink();
        return;
      }
      firstId = nextRequestId;
    }
    Optional<BotAction> action;
    try {
      action = bot.decide(seen);
    } catch (RuntimeException e) {
      log.error("game {}: the {} bot in the {} seat failed to decide at turn {}", gameCode,
          bot.name(), role, turn, e);
      return;
    }
    if (action.isEmpty()) {
      return;
    }
    long id = firstId;
    BotAction a = action.get();
    if (a.line().isPresent()) {
      String text = a.line().get();
      moves.move(id++, at -> new Move.Say(role, text, at));
    }
    moves.move(id++, at -> a.move(role, at));
    synchronized (this) {
      nextRequestId = id;
    }
  }

  @Override
  public boolean isConnected() {
    return connected;
  }

  @Override
  public String describe() {
    return "the " + bot.name() + " bot";
  }
}
