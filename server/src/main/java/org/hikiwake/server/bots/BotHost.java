package org.hikiwake.server.bots;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.hash.Hashing;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Function;
import org.hikiwake.engine.bot.Bot;
import org.hikiwake.engine.bot.Level;
import org.hikiwake.engine.game.Move;
import org.hikiwake.server.classroom.ClassRoom;
import org.hikiwake.server.room.GameListing;
import org.hikiwake.server.room.GameRoom;
import org.hikiwake.server.room.Lobby;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hosts the engine's bots in games: seats one as a participant that is not
 * a connection, and gives it a thread of its own to think on, apart from the
 * event loops that own the rooms. A bot's seed is derived from its game's
 * code and its role, so the same game is played the same way again.
 */
public final class BotHost implements ClassRoom.BotSeater, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BotHost.class);
  /** How long a bot waits before it moves, unless told otherwise: long enough to feel human. */
  public static final Duration DEFAULT_THINKING = Duration.ofSeconds(3);

  private final ScheduledExecutorService thinkers;
  private final Clock clock;
  private final Duration thinking;

  /**
   * @param clock the rooms' clock, to keep thinking within the turn limit
   * @param thinking how long a bot waits before it moves (zero in tests)
   */
  public BotHost(Clock clock, Duration thinking) {
    this(thinkerPool(), clock, thinking);
  }

  /** A host whose bots think on {@code thinkers} (tests give a manual loop). */
  BotHost(ScheduledExecutorService thinkers, Clock clock, Duration thinking) {
    checkArgument(!thinking.isNegative(), "thinking must be >= 0 but was %s", thinking);
    this.thinkers = checkNotNull(thinkers, "thinkers");
    this.clock = checkNotNull(clock, "clock");
    this.thinking = thinking;
  }

  /** One thread: a bot takes well under a millisecond to choose, and waits off-thread. */
  private static ScheduledExecutorService thinkerPool() {
    ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1,
        new ThreadFactoryBuilder().setNameFormat("bot-%d").setDaemon(true).build());
    pool.setRemoveOnCancelPolicy(true);
    return pool;
  }

  @Override
  public List<String> levels() {
    return Arrays.stream(Level.values()).map(Level::id).toList();
  }

  /** The level with this name, if this host plays it. */
  public Optional<Level> level(String id) {
    return Level.parse(id);
  }

  @Override
  public void seat(GameRoom room, String role, String level) {
    seated(room, role, level);
  }

  /** Seats a bot and returns it, for tests to see what it sees. */
  BotPlayer seated(GameRoom room, String role, String level) {
    Level l = Level.parse(level).orElseThrow(() -> new IllegalArgumentException(
        "no bot level '" + level + "'; the levels are " + levels()));
    BotPlayer player = player(room, role, l);
    room.seatForClass(player, role, displayName(l), Optional.of(l.id()));
    log.info("game {}: a {} bot takes the {} seat", room.code(), l.id(), role);
    return player;
  }

  @Override
  public void standIn(GameRoom room, String role, String level) {
    Level l = Level.parse(level).orElseThrow(() -> new IllegalArgumentException(
        "no bot level '" + level + "'; the levels are " + levels()));
    room.standIn(player(room, role, l), role, actor(l));
  }

  /** The actor recorded for a stand-in's moves, e.g. {@code bot:medium}. */
  public static String actor(Level level) {
    return "bot:" + level.id();
  }

  /**
   * Gives the bots of recovered, unfinished games their seats back: a new
   * bot with the same seed plays on exactly as the old one would have.
   */
  public int resume(Lobby lobby) {
    int resumed = 0;
    for (GameListing listing : lobby.list()) {
      if (listing.isOver() || listing.damage().isPresent()) {
        continue;
      }
      for (GameListing.SeatListing seat : listing.seats()) {
        Optional<Level> level = seat.bot().flatMap(Level::parse);
        Optional<GameRoom> room = lobby.find(listing.gameCode());
        if (level.isPresent() && room.isPresent()) {
          room.get().reseatForClass(player(room.get(), seat.role(), level.get()), seat.role());
          resumed++;
        }
      }
    }
    return resumed;
  }

  private BotPlayer player(GameRoom room, String role, Level level) {
    BotPlayer player = new BotPlayer(Bot.of(level, seed(room.code(), role)), room.code(), role,
        thinkers, clock, thinking);
    player.bind(new BotPlayer.SeatMoves() {
      @Override
      public void move(long requestId, Function<Instant, Move> moveAt) {
        room.move(player, requestId, role, moveAt);
      }

      @Override
      public void leave() {
        room.leave(player);
      }
    });
    return player;
  }

  /** A bot's seed: the same for the same seat of the same game, after a restart too. */
  static long seed(String gameCode, String role) {
    return Hashing.sha256().newHasher()
        .putString("hikiwake bot seed v1\n", StandardCharsets.UTF_8)
        .putString(gameCode, StandardCharsets.UTF_8).putByte((byte) 0)
        .putString(role, StandardCharsets.UTF_8).hash().asLong();
  }

  /** The name the other side sees, e.g. "Bot medium" (display names allow no brackets). */
  static String displayName(Level level) {
    return "Bot " + level.id();
  }

  @Override
  public void close() {
    thinkers.shutdownNow();
  }
}
