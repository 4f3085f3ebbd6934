package org.hikiwake.server.net;

import com.google.protobuf.ByteString;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;
import org.hikiwake.codec.EventCodec;
import org.hikiwake.codec.Versions;
import org.hikiwake.codec.wire.ErrorCodes;
import org.hikiwake.codec.wire.WireViews;
import org.hikiwake.engine.game.Move;
import org.hikiwake.engine.game.Rules;
import org.hikiwake.proto.wire.ClientMessage;
import org.hikiwake.proto.wire.Done;
import org.hikiwake.proto.wire.ErrorCode;
import org.hikiwake.proto.wire.GameCreated;
import org.hikiwake.proto.wire.GameList;
import org.hikiwake.proto.wire.Joined;
import org.hikiwake.proto.wire.ListGames;
import org.hikiwake.proto.wire.Pong;
import org.hikiwake.proto.wire.RecordingFile;
import org.hikiwake.proto.wire.ScenarioList;
import org.hikiwake.proto.wire.ServerMessage;
import org.hikiwake.proto.wire.Watching;
import org.hikiwake.proto.wire.Welcome;
import org.hikiwake.server.ServerConfig;
import org.hikiwake.engine.classroom.ClassSettings;
import org.hikiwake.engine.classroom.Control;
import org.hikiwake.engine.game.Outcome;
import org.hikiwake.engine.view.Viewer;
import org.hikiwake.proto.wire.ClassCommand;
import org.hikiwake.proto.wire.CreateClass;
import org.hikiwake.proto.wire.CreateGame;
import org.hikiwake.proto.wire.NewsPlan;
import org.hikiwake.server.room.GameRequest;
import org.hikiwake.proto.wire.JoinClass;
import org.hikiwake.server.classroom.ClassReply;
import org.hikiwake.server.classroom.ClassRoom;
import org.hikiwake.server.classroom.Classes;
import org.hikiwake.server.room.Delivery;
import org.hikiwake.server.room.JoinCodes;
import org.hikiwake.server.room.ErrorText;
import org.hikiwake.engine.game.Phase;
import org.hikiwake.server.record.GameQuery;
import org.hikiwake.server.room.GameRoom;
import org.hikiwake.server.room.JoinCodes;
import org.hikiwake.server.room.Lobby;
import org.hikiwake.server.room.Participant;
import org.hikiwake.server.room.Refusal;
import org.hikiwake.server.room.RoomReply;
import org.hikiwake.server.web.DashboardPasses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's session, with no Netty in it: the hello gate, the message
 * rate, what the connection may do (one seat, or watching), and the mapping
 * between wire messages and the lobby's and rooms' domain values. Rule
 * decisions happen in the rooms.
 *
 * <p>Everything runs on the session's own executor (the connection's event
 * loop): requests arrive there, and rooms, which call {@link #deliver} on
 * their own threads, hand their answers over to it. So the session's state
 * has one thread, and what a room says reaches the client in the room's order.
 */
public final class Session implements Participant {
  private static final Logger log = LoggerFactory.getLogger(Session.class);

  /** Where a session's messages go. */
  public interface Outbound {
    /** Queues a message; {@link #flush} sends what is queued. */
    void write(ServerMessage message);

    void flush();

    /** Sends a last message, then closes the connection. */
    void closeWith(ServerMessage last);

    boolean isOpen();

    /** The remote address, for logs. */
    String describe();
  }

  private final ServerConfig config;
  private final Lobby lobby;
  private final Classes classes;
  private final DashboardPasses passes;
  private final Outbound out;
  private final Executor own;
  private final LongSupplier nanoTime;
  private final MessageRate rate;

  private boolean greeted;
  private GameRoom seatRoom;
  private String seatRole;
  /** The request id of a join or resume awaiting its room's answer; 0 if none. */
  private long seatRequest;
  private final Set<GameRoom> watching = new LinkedHashSet<>();
  /** Classes this connection joined as a student or follows as an instructor. */
  private final Set<ClassRoom> inClasses = new LinkedHashSet<>();
  /** Set once the session failed for good; requests behind it are dropped. */
  private boolean closing;
  /** The request being handled, on the session's thread. */
  private ClientMessage current;
  /** The room asked for the seat being taken, until it answers. */
  private GameRoom seatAsked;
  /** True while a game list is being made for this connection. */
  private boolean listing;

  /** The most games one connection watches at once. */
  static final int MAX_WATCHED = 16;
  static final int MIN_KEY_CHARS = 16;
  static final int MAX_KEY_CHARS = 64;

  /**
   * @param passes hands out the instructor's one-time links to a class's dashboard
   * @param own the session's own thread, e.g. its connection's event loop
   * @param nanoTime a monotonic clock in nanoseconds, for the message rate
   */
  public Session(ServerConfig config, Lobby lobby, Classes classes, DashboardPasses passes,
      Outbound out, Executor own, LongSupplier nanoTime) {
    this.config = config;
    this.lobby = lobby;
    this.classes = classes;
    this.passes = passes;
    this.out = out;
    this.own = own;
    this.nanoTime = nanoTime;
    this.rate = new MessageRate(config.messagesPerSecond(), config.messageBurst(),
        nanoTime.getAsLong());
  }

  // ------------------------------------------------------------ from the client

  /** One request from the client. */
  public void onMessage(ClientMessage msg) {
    if (closing) {
      return;
    }
    handle(msg);
    out.flush();
  }

  private void handle(ClientMessage msg) {
    current = msg;
    long id = msg.getRequestId();
    if (!rate.tryAcquire(nanoTime.getAsLong())) {
      error(id, ErrorCode.ERROR_CODE_RATE_LIMITED, "Too many messages: at most "
          + (int) config.messagesPerSecond() + " a second. Slow down and try again.");
      return;
    }
    if (!greeted && !msg.hasHello()) {
      error(id, ErrorCode.ERROR_CODE_BAD_REQUEST, "Send hello with the protocol version first.");
      return;
    }
    switch (msg.getCommandCase()) {
      case HELLO:
        hello(id, msg.getHello().getProtocolVersion());
        break;
      case LIST_SCENARIOS:
        ScenarioList.Builder list = ScenarioList.newBuilder();
        lobby.catalog().all().values().forEach(s -> list.addScenarios(WireViews.summary(s)));
        out.write(ServerMessage.newBuilder().setRequestId(id).setScenarioList(list).build());
        break;
      case CREATE_GAME:
        create(id, msg);
        break;
      case LIST_GAMES:
        listGames(id, msg.getListGames());
        break;
      case JOIN_SEAT:
        Optional<String> joinKey = idempotencyKey(id, msg);
        if (joinKey != null) {
          takeSeat(id, msg.getJoinSeat().getGameCode(), room -> {
            if (room.classCode().isPresent()) {
              seatRequest = 0;
              seatAsked = null;
              error(id, ErrorCode.ERROR_CODE_CLASS_GAME, "Game " + room.code() + " belongs to a"
                  + " class, whose games are seated by the class: join the class with `hikiwake"
                  + " join CLASS_CODE --name YOUR_NAME`.");
              return;
            }
            room.join(this, id, msg.getJoinSeat().getRole(), msg.getJoinSeat().getDisplayName(),
                joinKey);
          });
        }
        break;
      case RESUME_SEAT:
        takeSeat(id, msg.getResumeSeat().getGameCode(),
            room -> room.resume(this, id, msg.getResumeSeat().getSeatToken()));
        break;
      case WATCH_GAME:
        if (watching.size() >= MAX_WATCHED) {
          error(id, ErrorCode.ERROR_CODE_BAD_REQUEST, "A connection can watch at most "
              + MAX_WATCHED + " games; open another connection.");
          break;
        }
        findGame(id, msg.getWatchGame().getGameCode(), room -> {
          Optional<Viewer> viewer = viewerOf(id, room, msg.getWatchGame().getInstructorToken());
          if (viewer.isEmpty()) {
            return;
          }
          if (watching.add(room) && watching.size() > MAX_WATCHED) {
            watching.remove(room);
            error(id, ErrorCode.ERROR_CODE_BAD_REQUEST, "A connection can watch at most "
                + MAX_WATCHED + " games; open another connection.");
            return;
          }
          room.watch(this, id, viewer.get());
        });
        break;
      case PROPOSE:
        EventCodec.DecodedPackage pkg = EventCodec.fromProto(msg.getPropose().getPackage());
        if (!pkg.isWellFormed()) {
          out.write(ErrorCodes.rejected(id, Rules.invalidPackage(pkg.problems())));
          return;
        }
        move(id, (role, at) -> new Move.Propose(role, pkg.pkg(), at));
        break;
      case ACCEPT:
        move(id, Move.Accept::new);
        break;
      case WALK_AWAY:
        move(id, Move.WalkAway::new);
        break;
      case SAY:
        String text = msg.getSay().getText();
        move(id, (role, at) -> new Move.Say(role, text, at));
        break;
      case FETCH_RECORDING:
        fetchRecording(id, msg.getFetchRecording().getGameCode(),
            msg.getFetchRecording().getInstructorToken());
        break;
      case CREATE_CLASS:
        createClass(id, msg.getCreateClass());
        break;
      case JOIN_CLASS:
        joinClass(id, msg.getJoinClass());
        break;
      case CLASS_COMMAND:
        classCommand(id, msg.getClassCommand());
        break;
      case WATCH_CLASS:
        instructorsClass(id, msg.getWatchClass().getClassCode(),
            msg.getWatchClass().getInstructorToken()).ifPresent(c -> {
              inClasses.add(c);
              c.watchBoard(this, pushingReplier(id));
            });
        break;
      case FETCH_CLASS_DEBRIEF:
        instructorsClass(id, msg.getFetchClassDebrief().getClassCode(),
            msg.getFetchClassDebrief().getInstructorToken())
            .ifPresent(c -> c.debrief(replier(id)));
        break;
      case PING:
        out.write(ServerMessage.newBuilder().setRequestId(id).setPong(Pong.getDefaultInstance())
            .build());
        break;
      case COMMAND_NOT_SET:
      default:
        error(id, ErrorCode.ERROR_CODE_BAD_REQUEST,
            "The message carries no command this server knows.");
        break;
    }
  }

  private void hello(long id, int version) {
    if (version != Versions.PROTOCOL) {
      error(id, ErrorCode.ERROR_CODE_UNSUPPORTED_PROTOCOL_VERSION, "This server speaks"
          + " protocol version " + Versions.PROTOCOL + " but the client asked for " + version
          + ". Update your client.");
      return;
    }
    greeted = true;
    out.write(ServerMessage.newBuilder().setRequestId(id).setWelcome(Welcome.newBuilder()
        .setProtocolVersion(Versions.PROTOCOL).setServerVersion(Versions.serverName()))
        .build());
  }

  /** What a create request asks a game to be. */
  static GameRequest request(String scenarioId, int rounds, long turnLimitMillis,
      Optional<NewsPlan> news, int endEarliest) {
    GameRequest r = GameRequest.of(scenarioId, rounds, turnLimitMillis == 0 ? Optional.empty()
        : Optional.of(Duration.ofMillis(turnLimitMillis)));
    if (news.isPresent()) {
      r = r.withNews(news.get().getDropList(), news.get().getShift(), news.get().getShuffle());
    }
    return r.withUncertainEnd(endEarliest);
  }

  /** A bot to seat in a practice game as soon as it is created. */
  private record PracticeBot(ClassRoom.BotSeater seater, String level, String role) {}

  /** The practice game's bot, or the error that refuses it; empty for a game of two people. */
  private Optional<PracticeBot> practiceBot(long id, CreateGame c) {
    String level = c.getVsBot().strip().toLowerCase(java.util.Locale.ROOT);
    Optional<ClassRoom.BotSeater> seater = classes.bots();
    if (seater.isEmpty()) {
      error(id, ErrorCode.ERROR_CODE_UNKNOWN_BOT, "This server hosts no bots; play a person.");
      return Optional.empty();
    }
    if (!seater.get().levels().contains(level)) {
      error(id, ErrorCode.ERROR_CODE_UNKNOWN_BOT, "There is no bot level '"
          + ErrorText.echo(level) + "'; the levels are "
          + String.join(", ", seater.get().levels()) + ".");
      return Optional.empty();
    }
    List<String> roles = lobby.catalog().find(c.getScenarioId())
        .map(s -> s.roles().stream().map(r -> r.id()).toList()).orElse(List.of());
    if (roles.isEmpty()) {
      error(id, ErrorCode.ERROR_CODE_UNKNOWN_SCENARIO, "There is no scenario '"
          + ErrorText.echo(c.getScenarioId()) + "'; see `hikiwake scenarios`.");
      return Optional.empty();
    }
    String mine = c.getPlayerRole().isEmpty() ? roles.get(0)
        : c.getPlayerRole().strip().toLowerCase(java.util.Locale.ROOT);
    if (!roles.contains(mine)) {
      error(id, ErrorCode.ERROR_CODE_UNKNOWN_ROLE, "The scenario has no role '"
          + ErrorText.echo(mine) + "'; its roles: " + String.join(", ", roles) + ".");
      return Optional.empty();
    }
    String botRole = roles.stream().filter(r -> !r.equals(mine)).findFirst().orElseThrow();
    return Optional.of(new PracticeBot(seater.get(), level, botRole));
  }

  private void create(long id, ClientMessage msg) {
    CreateGame c = msg.getCreateGame();
    Optional<PracticeBot> bot = c.getVsBot().isBlank() ? Optional.empty() : practiceBot(id, c);
    if (!c.getVsBot().isBlank() && bot.isEmpty()) {
      return;
    }
    lobby.create(request(c.getScenarioId(), c.getRounds(), c.getTurnLimitMillis(),
        c.hasNews() ? Optional.of(c.getNews()) : Optional.empty(), c.getEndEarliest()),
        Optional.empty())
        .whenComplete((room, failure) -> onOwnThread(() -> {
          if (failure == null) {
            bot.ifPresent(b -> b.seater().seat(room, b.role(), b.level()));
            out.write(ServerMessage.newBuilder().setRequestId(id).setGameCreated(
                GameCreated.newBuilder().setGameCode(room.code())
                    .setGame(WireListings.summary(room.listing()))).build());
          } else if (unwrap(failure) instanceof Lobby.CreateException e) {
            out.write(refused(id, e.refusal()));
          } else {
            log.error("creating a game failed", failure);
            error(id, ErrorCode.ERROR_CODE_INTERNAL,
                "The server could not create the game; see its log.");
          }
        }));
  }

  private interface RoomCall {
    void call(GameRoom room);
  }

  /** A connection holds at most one seat: refuses a second, else asks the game's room. */
  private void takeSeat(long id, String gameCode, RoomCall call) {
    if (seatRequest != 0) {
      error(id, ErrorCode.ERROR_CODE_BAD_REQUEST, "This connection is already taking a seat;"
          + " wait for the answer.");
      return;
    }
    if (seatRoom != null) {
      error(id, ErrorCode.ERROR_CODE_BAD_REQUEST, "This connection already holds the "
          + seatRole + " seat of game " + seatRoom.code() + "; open another connection.");
      return;
    }
    seatRequest = id;
    findGame(id, gameCode, room -> {
      seatAsked = room;
      call.call(room);
    });
  }

  private interface MoveFactory {
    Move make(String role, java.time.Instant at);
  }

  private void move(long id, MoveFactory factory) {
    if (seatRoom == null) {
      if (!watching.isEmpty()) {
        error(id, ErrorCode.ERROR_CODE_WATCHERS_CANNOT_MOVE,
            "You are watching; watchers cannot make moves. Join a free seat to play.");
      } else {
        error(id, ErrorCode.ERROR_CODE_NOT_SEATED,
            "Join a seat (or resume yours with its token) before making moves.");
      }
      return;
    }
    Optional<String> key = idempotencyKey(id, current);
    if (key == null) {
      return;
    }
    String role = seatRole;
    seatRoom.move(this, id, role, at -> factory.make(role, at), key);
  }

  /**
   * The request's idempotency key, empty if it has none; null, with an error
   * sent, if the key is malformed.
   */
  private Optional<String> idempotencyKey(long id, ClientMessage msg) {
    String key = msg.getIdempotencyKey();
    if (key.isEmpty()) {
      return Optional.empty();
    }
    if (key.length() < MIN_KEY_CHARS || key.length() > MAX_KEY_CHARS) {
      error(id, ErrorCode.ERROR_CODE_BAD_REQUEST, "An idempotency key has " + MIN_KEY_CHARS
          + " to " + MAX_KEY_CHARS + " characters (e.g. 32 random hex digits) but this one has "
          + key.length() + ".");
      return null;
    }
    return Optional.of(key);
  }

  private void listGames(long id, ListGames ask) {
    if (listing) {
      // a listing is the one reply that costs the server more than its request: one at a time
      error(id, ErrorCode.ERROR_CODE_RATE_LIMITED, "This connection is already waiting for a"
          + " game list; ask again once it has arrived.");
      return;
    }
    Optional<GameQuery.Position> after;
    try {
      after = PageTokens.parse(ask.getPageToken());
    } catch (IllegalArgumentException e) {
      error(id, ErrorCode.ERROR_CODE_BAD_REQUEST, "That page token ('"
          + ErrorText.echo(ask.getPageToken()) + "') was not given by this server; leave it"
          + " empty for the first page.");
      return;
    }
    int size = ask.getPageSize() == 0 ? GameQuery.DEFAULT_LIMIT
        : Math.min(ask.getPageSize(), GameQuery.MAX_LIMIT);
    Optional<Phase> phase = WireListings.phaseFilter(ask.getPhase());
    Optional<String> classCode = ask.getClassCode().isEmpty() ? Optional.empty()
        : Optional.of(JoinCodes.normalize(ask.getClassCode()));
    listing = true;
    lobby.list(new GameQuery(phase, classCode, after, size))
        .whenComplete((page, failure) -> onOwnThread(() -> {
          listing = false;
          if (failure != null) {
            log.error("listing games failed", failure);
            error(id, ErrorCode.ERROR_CODE_INTERNAL, "The server could not list the games;"
                + " see its log.");
            return;
          }
          GameList.Builder games = GameList.newBuilder()
              .setNextPageToken(page.next().map(PageTokens::of).orElse(""));
          // a running class's games are its instructor's business, not every student's
          page.games().stream().filter(g -> !isHidden(g.classCode()))
              .forEach(g -> games.addGames(WireListings.summary(g)));
          out.write(ServerMessage.newBuilder().setRequestId(id).setGameList(games).build());
        }));
  }

  private void fetchRecording(long id, String gameCode, String instructorToken) {
    findGame(id, gameCode, room -> {
      if (viewerOf(id, room, instructorToken).isPresent()) {
        fetchRecording(id, room);
      }
    });
  }

  private void fetchRecording(long id, GameRoom room) {
    if (!room.listing().isOver()) {
      error(id, ErrorCode.ERROR_CODE_GAME_NOT_OVER, "Game " + room.code()
          + " is still being played; its recording is available once it ends.");
      return;
    }
    lobby.recordingOf(room).whenComplete((bytes, failure) -> onOwnThread(() -> {
      if (failure == null) {
        out.write(ServerMessage.newBuilder().setRequestId(id).setRecordingFile(
            RecordingFile.newBuilder().setGameCode(room.code())
                .setContent(ByteString.copyFrom(bytes))).build());
      } else {
        log.warn("cannot read the recording of game {}", room.code(), failure);
        error(id, ErrorCode.ERROR_CODE_INTERNAL, "The server could not read the recording of"
            + " game " + room.code() + "; see its log.");
      }
    }));
  }

  // ------------------------------------------------------------ classes

  /** True for a game of a class that is still running: only its instructor may look at it. */
  private boolean isHidden(Optional<String> classCode) {
    return classes.classOf(classCode).filter(c -> !c.isOver()).isPresent();
  }

  /**
   * How this connection may watch (or fetch) a game: a class's instructor
   * sees everything; anyone else sees public events, but not a running
   * class's games (answered with the error, and empty).
   */
  private Optional<Viewer> viewerOf(long id, GameRoom room, String instructorToken) {
    Optional<ClassRoom> owner = classes.classOf(room.classCode());
    if (owner.isEmpty()) {
      return Optional.of(Viewer.watcher());
    }
    if (owner.get().isInstructor(instructorToken)) {
      return Optional.of(Viewer.umpire());
    }
    if (!instructorToken.isEmpty()) {
      error(id, ErrorCode.ERROR_CODE_BAD_INSTRUCTOR_TOKEN, "That is not the instructor token of"
          + " the class game " + room.code() + " belongs to.");
      return Optional.empty();
    }
    if (!owner.get().isOver()) {
      error(id, ErrorCode.ERROR_CODE_CLASS_GAME, "Game " + room.code() + " belongs to a class"
          + " that is still running: only its instructor may watch it or fetch it until the"
          + " class ends.");
      return Optional.empty();
    }
    return Optional.of(Viewer.watcher());
  }

  private void createClass(long id, CreateClass c) {
    int endEarliest = c.getEndEarliest();
    if (endEarliest == 0 && !c.getKnownEnd()) {
      // a class's games hide their last round unless the instructor asks to show it
      int rounds = c.getRounds() != 0 ? c.getRounds() : lobby.catalog()
          .find(c.getScenarioId()).map(org.hikiwake.engine.scenario.Scenario::rounds).orElse(0);
      endEarliest = org.hikiwake.engine.classroom.ClassRules.defaultEndEarliest(rounds);
    }
    classes.create(request(c.getScenarioId(), c.getRounds(), c.getTurnLimitMillis(),
        c.hasNews() ? Optional.of(c.getNews()) : Optional.empty(), endEarliest),
        c.getRoster(),
        c.getRosterSource(), c.getPairingSeed(),
        c.getOddStudentBot().isBlank() ? Optional.empty() : Optional.of(c.getOddStudentBot()),
        c.getStandInBot().isBlank() ? Optional.empty() : Optional.of(new ClassSettings.StandIn(
            c.getStandInBot().strip().toLowerCase(java.util.Locale.ROOT),
            c.getStandInGraceMillis() == 0 ? ClassSettings.DEFAULT_STAND_IN_GRACE
                : Duration.ofMillis(c.getStandInGraceMillis()))))
        .whenComplete((created, failure) -> onOwnThread(() -> {
          if (failure == null) {
            DashboardPasses.Pass pass = passes.issue(created.room());
            created.room().showBoard(board -> onOwnThread(() -> {
              ServerMessage m = WireClasses.reply(id, new ClassReply.Created(
                  created.room().code(), created.instructorToken(),
                  ((ClassReply.Board) board).board()));
              out.write(m.toBuilder().setClassCreated(m.getClassCreated().toBuilder()
                  .setDashboardPath(DashboardPasses.path(created.room().code(), pass))
                  .setDashboardPassExpiresAtMillis(pass.expiresAt().toEpochMilli())).build());
            }));
          } else if (unwrap(failure) instanceof Classes.CreateException e) {
            out.write(refused(id, e.refusal()));
          } else {
            log.error("creating a class failed", failure);
            error(id, ErrorCode.ERROR_CODE_INTERNAL,
                "The server could not create the class; see its log.");
          }
        }));
  }

  private void joinClass(long id, JoinClass j) {
    if (seatRoom != null || seatRequest != 0) {
      error(id, ErrorCode.ERROR_CODE_BAD_REQUEST, "This connection already holds a seat;"
          + " open another connection to join a class.");
      return;
    }
    Optional<ClassRoom> c = classes.find(j.getClassCode());
    if (c.isEmpty()) {
      error(id, ErrorCode.ERROR_CODE_UNKNOWN_CLASS, "There is no class '"
          + ErrorText.echo(j.getClassCode()) + "'. Check the class code your instructor gave"
          + " you.");
      return;
    }
    inClasses.add(c.get());
    c.get().arrive(this, j.getName(), j.getStudentToken(), replier(id));
  }

  private void classCommand(long id, ClassCommand c) {
    Optional<ClassRoom> found = instructorsClass(id, c.getClassCode(), c.getInstructorToken());
    if (found.isEmpty()) {
      return;
    }
    ClassRoom room = found.get();
    ClassRoom.Replier r = replier(id);
    List<String> games = c.getGamesList().stream().map(JoinCodes::normalize).toList();
    switch (c.getActionCase()) {
      case START:
        room.start(r);
        break;
      case RELEASE_NEWS:
        room.control(new Control.ReleaseNews(c.getReleaseNews()), games, r);
        break;
      case ANNOUNCE:
        room.control(new Control.Announce(c.getAnnounce()), games, r);
        break;
      case PAUSE:
        room.control(new Control.Pause(), games, r);
        break;
      case RESUME:
        room.control(new Control.Resume(), games, r);
        break;
      case EXTEND_ROUNDS:
        if (c.getExtendRounds() < 1) {
          error(id, ErrorCode.ERROR_CODE_BAD_REQUEST, "Extend by at least one round.");
          return;
        }
        room.control(new Control.Extend(c.getExtendRounds()), games, r);
        break;
      case END_GAMES:
        room.control(new Control.End(Outcome.DEADLINE), games, r);
        break;
      case ABANDON_GAMES:
        room.control(new Control.End(Outcome.ABANDONED), games, r);
        break;
      case FREE_STUDENT:
        room.free(c.getFreeStudent(), r);
        break;
      case TIME_LIMIT_MINUTES:
        room.limit(Duration.ofMinutes(c.getTimeLimitMinutes()), r);
        break;
      case PAIR:
        room.pair(c.getPair().getFirst(), c.getPair().getSecond(), r);
        break;
      case END_CLASS:
        room.end(r);
        break;
      case DASHBOARD_LINK:
        DashboardPasses.Pass pass = passes.issue(room);
        room.showBoard(board -> onOwnThread(() -> {
          ServerMessage m = WireClasses.reply(id, new ClassReply.Done("A one-time link to the"
              + " dashboard of class " + room.code() + ", for this server's address; it works"
              + " once, for " + DashboardPasses.PASS_LIFE.toMinutes() + " minutes.",
              com.google.common.collect.ImmutableList.of(),
              com.google.common.collect.ImmutableMap.of(), ((ClassReply.Board) board).board()));
          out.write(m.toBuilder().setClassCommandDone(m.getClassCommandDone().toBuilder()
              .setDashboardPath(DashboardPasses.path(room.code(), pass))
              .setDashboardPassExpiresAtMillis(pass.expiresAt().toEpochMilli())).build());
        }));
        break;
      case ACTION_NOT_SET:
      default:
        error(id, ErrorCode.ERROR_CODE_BAD_REQUEST, "The class command names no action.");
        break;
    }
  }

  /** The class, if the token is its instructor's; else the error is sent and it is empty. */
  private Optional<ClassRoom> instructorsClass(long id, String classCode, String token) {
    Optional<ClassRoom> c = classes.find(classCode);
    if (c.isEmpty()) {
      error(id, ErrorCode.ERROR_CODE_UNKNOWN_CLASS, "There is no class '"
          + ErrorText.echo(classCode) + "'.");
      return Optional.empty();
    }
    if (!c.get().isInstructor(token)) {
      error(id, ErrorCode.ERROR_CODE_BAD_INSTRUCTOR_TOKEN, "That is not the instructor token"
          + " of class " + c.get().code() + ": only the instructor who created it can run its"
          + " controls (the token is kept where `hikiwake class create` ran).");
      return Optional.empty();
    }
    return c;
  }

  /** A replier that answers request {@code id} on this session's thread. */
  private ClassRoom.Replier replier(long id) {
    return reply -> onOwnThread(() -> out.write(WireClasses.reply(id, reply)));
  }

  /** A replier that answers request {@code id} once, then pushes (request id 0). */
  private ClassRoom.Replier pushingReplier(long id) {
    java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic
        .AtomicBoolean(true);
    return reply -> onOwnThread(() -> out.write(WireClasses.reply(
        first.getAndSet(false) ? id : 0, reply)));
  }

  /**
   * Hands the game to {@code then} on this session's thread: at once if it
   * is in memory, else once the store has found it (a finished game); or
   * answers that there is no such game.
   */
  private void findGame(long id, String code, RoomCall then) {
    Optional<GameRoom> room = lobby.find(code);
    if (room.isPresent()) {
      then.call(room.get());
      return;
    }
    lobby.open(code).whenComplete((found, failure) -> onOwnThread(() -> {
      if (failure != null) {
        log.error("looking up game {} in the store failed", ErrorText.echo(code), failure);
        error(id, ErrorCode.ERROR_CODE_INTERNAL, "The server could not look that game up;"
            + " see its log.");
      } else if (found.isPresent()) {
        then.call(found.get());
        return;
      } else {
        error(id, ErrorCode.ERROR_CODE_UNKNOWN_GAME, "There is no game '" + ErrorText.echo(code)
            + "'. Check the join code (list games with: hikiwake games).");
      }
      if (id == seatRequest) {
        seatRequest = 0;
      }
    }));
  }

  // ------------------------------------------------------------ the connection

  /** The connection closed: leave every game it was in. */
  public void onClosed() {
    closing = true;
    try {
      if (seatRoom != null) {
        seatRoom.leave(this);
      }
      watching.forEach(room -> room.leave(this));
      inClasses.forEach(c -> c.leave(this));
    } catch (RejectedExecutionException e) {
      // the server is stopping and the game's thread is gone: nobody is left to tell
      log.debug("{} closed while the server stops: {}", out.describe(), e.toString());
    }
  }

  /** Fails the session for good: sends the error, then closes the connection. */
  public void fail(ErrorCode code, String message) {
    if (closing) {
      return; // one error is enough; the close is under way
    }
    closing = true;
    out.closeWith(ErrorCodes.error(0, code, message));
  }

  // ------------------------------------------------------------ from the rooms

  @Override
  public void deliver(Delivery delivery) {
    onOwnThread(() -> {
      for (Delivery.Item item : delivery.items()) {
        out.write(toWire(delivery, item));
      }
    });
  }

  @Override
  public boolean isConnected() {
    return out.isOpen();
  }

  @Override
  public String describe() {
    return out.describe();
  }

  private ServerMessage toWire(Delivery d, Delivery.Item item) {
    if (item instanceof Delivery.Happened h) {
      return WireViews.pushed(d.gameCode(), h.sighting(), d.scenario());
    } else if (item instanceof Delivery.PresenceChanged p) {
      return WireViews.presence(d.gameCode(), p.role(), p.connected(), p.at());
    } else if (item instanceof Delivery.SeatMoved m) {
      if (seatRoom != null && seatRoom.code().equals(d.gameCode()) && m.role().equals(seatRole)) {
        seatRoom = null;
        seatRole = null;
      }
      return WireViews.seatMoved(d.gameCode(), m.role(), m.at(), m.freed());
    } else if (item instanceof Delivery.Reply r) {
      return reply(d, r.requestId(), r.reply());
    }
    throw new AssertionError(item);
  }

  private ServerMessage reply(Delivery d, long id, RoomReply reply) {
    if (id == seatRequest && !(reply instanceof RoomReply.Done)) {
      seatRequest = 0;
    }
    if (reply instanceof RoomReply.Seated s) {
      // the room asked, not a lookup: a finished game may have left the lobby since
      seatRoom = seatAsked != null && seatAsked.code().equals(d.gameCode()) ? seatAsked
          : lobby.find(d.gameCode()).orElseThrow();
      seatAsked = null;
      seatRole = s.role();
      return ServerMessage.newBuilder().setRequestId(id).setJoined(Joined.newBuilder()
          .setSeatToken(s.token()).setRole(s.role())
          .setBrief(s.view().mySheet().orElseThrow().brief())
          .setReservationValue(s.view().mySheet().orElseThrow().reservationValue())
          .setPoints(WireViews.pointsView(d.scenario(), s.view().mySheet().orElseThrow()
              .points()))
          .setInitialPoints(WireViews.pointsView(d.scenario(), s.basePoints()))
          .setGame(WireViews.snapshot(d.gameCode(), s.view(), s.history(), s.connected())))
          .build();
    } else if (reply instanceof RoomReply.Watching w) {
      return ServerMessage.newBuilder().setRequestId(id).setWatching(Watching.newBuilder()
          .setGame(WireViews.snapshot(d.gameCode(), w.view(), w.history(), w.connected())))
          .build();
    } else if (reply instanceof RoomReply.Done) {
      return ServerMessage.newBuilder().setRequestId(id).setDone(Done.getDefaultInstance())
          .build();
    } else if (reply instanceof RoomReply.Refused r) {
      return refused(id, r.refusal());
    }
    throw new AssertionError(reply);
  }

  static ServerMessage refused(long id, Refusal refusal) {
    if (refusal instanceof Refusal.ByRules r) {
      return ErrorCodes.rejected(id, r.rejection());
    } else if (refusal instanceof Refusal.ByHost h) {
      return ErrorCodes.error(id, code(h.problem()), h.message(), h.details());
    }
    throw new AssertionError(refusal);
  }

  static ErrorCode code(Refusal.Problem problem) {
    switch (problem) {
      case UNKNOWN_GAME:
        return ErrorCode.ERROR_CODE_UNKNOWN_GAME;
      case UNKNOWN_SCENARIO:
        return ErrorCode.ERROR_CODE_UNKNOWN_SCENARIO;
      case BAD_SETTINGS:
        return ErrorCode.ERROR_CODE_BAD_REQUEST;
      case BAD_SEAT_TOKEN:
        return ErrorCode.ERROR_CODE_BAD_SEAT_TOKEN;
      case NOT_SEATED:
        return ErrorCode.ERROR_CODE_NOT_SEATED;
      case GAME_DAMAGED:
        return ErrorCode.ERROR_CODE_GAME_DAMAGED;
      case GAME_NOT_OVER:
        return ErrorCode.ERROR_CODE_GAME_NOT_OVER;
      case TOO_MANY_GAMES:
        return ErrorCode.ERROR_CODE_TOO_MANY_GAMES;
      case INTERNAL:
        return ErrorCode.ERROR_CODE_INTERNAL;
      case UNKNOWN_CLASS:
        return ErrorCode.ERROR_CODE_UNKNOWN_CLASS;
      case BAD_INSTRUCTOR_TOKEN:
        return ErrorCode.ERROR_CODE_BAD_INSTRUCTOR_TOKEN;
      case BAD_ROSTER:
        return ErrorCode.ERROR_CODE_BAD_ROSTER;
      case CLASS_GAME:
        return ErrorCode.ERROR_CODE_CLASS_GAME;
      case BAD_STUDENT_TOKEN:
        return ErrorCode.ERROR_CODE_BAD_STUDENT_TOKEN;
      default:
        throw new AssertionError(problem);
    }
  }

  // ------------------------------------------------------------ helpers

  private void error(long id, ErrorCode code, String message) {
    out.write(ErrorCodes.error(id, code, message, List.of()));
  }

  private void onOwnThread(Runnable work) {
    try {
      own.execute(() -> {
        try {
          work.run();
          out.flush();
        } catch (RuntimeException e) {
          log.error("session {} failed", out.describe(), e);
          fail(ErrorCode.ERROR_CODE_INTERNAL,
              "The server failed while handling this connection; see its log.");
        }
      });
    } catch (RejectedExecutionException e) {
      log.debug("{}: the connection's thread is gone: {}", out.describe(), e.toString());
    }
  }

  private static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof ExecutionException)
        && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }
}
