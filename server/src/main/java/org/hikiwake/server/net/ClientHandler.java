package org.hikiwake.server.net;

import com.google.protobuf.ByteString;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.hikiwake.engine.game.Move;
import org.hikiwake.engine.game.Rules;
import org.hikiwake.engine.scenario.Package;
import org.hikiwake.proto.wire.ClientMessage;
import org.hikiwake.proto.wire.ErrorCode;
import org.hikiwake.proto.wire.GameCreated;
import org.hikiwake.proto.wire.GameList;
import org.hikiwake.proto.wire.Pong;
import org.hikiwake.proto.wire.RecordingFile;
import org.hikiwake.proto.wire.ScenarioList;
import org.hikiwake.proto.wire.ServerMessage;
import org.hikiwake.proto.wire.Welcome;
import org.hikiwake.server.ServerConfig;
import org.hikiwake.server.ServerVersion;
import org.hikiwake.server.record.EventCodec;
import org.hikiwake.server.room.GameRoom;
import org.hikiwake.server.room.Lobby;
import org.hikiwake.server.room.SeatCallback;
import org.hikiwake.server.room.Views;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's session: checks the hello, the message rate and what the
 * connection may do (a seat, or watching), then hands requests to the lobby
 * or the game's room. Rule decisions happen in the room; this class only
 * translates. Its fields are touched only on the channel's event loop.
 */
final class ClientHandler extends SimpleChannelInboundHandler<ClientMessage> {
  private static final Logger log = LoggerFactory.getLogger(ClientHandler.class);
  /** How long a closing connection may take to flush its last error. */
  private static final long CLOSE_GRACE_MILLIS = 2_000;

  private final ServerConfig config;
  private final Lobby lobby;
  private final ConnectionCounter connections;
  private ChannelParticipant participant;
  private MessageRate rate;
  private boolean greeted;
  // The seat fields are written by the room's thread (before it replies) and read here.
  private volatile GameRoom seatRoom;
  private volatile String seatRole;
  /** True while a join or resume of this connection awaits the room's answer. */
  private volatile boolean seatPending;
  private final Set<GameRoom> watching = new LinkedHashSet<>();
  /** Set once the connection is closed for a fatal error; frames read behind it are dropped. */
  private boolean closing;

  ClientHandler(ServerConfig config, Lobby lobby, ConnectionCounter connections) {
    this.config = config;
    this.lobby = lobby;
    this.connections = connections;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    connections.add(ctx.channel());
    participant = new ChannelParticipant(ctx.channel());
    rate = new MessageRate(config.messagesPerSecond(), config.messageBurst(), System.nanoTime());
    super.channelActive(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    try {
      if (seatRoom != null) {
        seatRoom.leave(participant);
      }
      watching.forEach(room -> room.leave(participant));
    } catch (RejectedExecutionException e) {
      // the server is stopping and the game's thread is gone: nobody is left to tell
      log.debug("{} closed while the server stops: {}", ctx.channel().remoteAddress(),
          e.toString());
    }
    super.channelInactive(ctx);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, ClientMessage msg) {
    if (closing) {
      return;
    }
    long id = msg.getRequestId();
    if (!rate.tryAcquire(System.nanoTime())) {
      reply(ctx, Views.error(id, ErrorCode.ERROR_CODE_RATE_LIMITED, "Too many messages: at most "
          + (int) config.messagesPerSecond() + " a second. Slow down and try again."));
      return;
    }
    if (!greeted && !msg.hasHello()) {
      reply(ctx, Views.error(id, ErrorCode.ERROR_CODE_BAD_REQUEST,
          "Send hello with the protocol version first."));
      return;
    }
    switch (msg.getCommandCase()) {
      case HELLO:
        hello(ctx, id, msg);
        break;
      case LIST_SCENARIOS:
        ScenarioList.Builder list = ScenarioList.newBuilder();
        lobby.catalog().all().values().forEach(s -> list.addScenarios(Views.summary(s)));
        reply(ctx, ServerMessage.newBuilder().setRequestId(id).setScenarioList(list).build());
        break;
      case CREATE_GAME:
        create(ctx, id, msg);
        break;
      case LIST_GAMES:
        reply(ctx, ServerMessage.newBuilder().setRequestId(id)
            .setGameList(GameList.newBuilder().addAllGames(lobby.list())).build());
        break;
      case JOIN_SEAT:
        join(ctx, id, msg);
        break;
      case RESUME_SEAT:
        resume(ctx, id, msg);
        break;
      case WATCH_GAME:
        watch(ctx, id, msg);
        break;
      case PROPOSE:
        Package pkg = EventCodec.fromProto(msg.getPropose().getPackage());
        move(ctx, id, (role, at) -> new Move.Propose(role, pkg, at));
        break;
      case ACCEPT:
        move(ctx, id, Move.Accept::new);
        break;
      case WALK_AWAY:
        move(ctx, id, Move.WalkAway::new);
        break;
      case SAY:
        String text = msg.getSay().getText();
        if (text.length() > Rules.MAX_CHAT_CHARS) {
          reply(ctx, Views.error(id, ErrorCode.ERROR_CODE_MESSAGE_TOO_LARGE, "A message can be at most "
              + Rules.MAX_CHAT_CHARS + " characters; this one has " + text.length() + "."));
          return;
        }
        move(ctx, id, (role, at) -> new Move.Say(role, text, at));
        break;
      case FETCH_RECORDING:
        fetchRecording(ctx, id, msg);
        break;
      case PING:
        reply(ctx, ServerMessage.newBuilder().setRequestId(id).setPong(Pong.getDefaultInstance())
            .build());
        break;
      case COMMAND_NOT_SET:
      default:
        reply(ctx, Views.error(id, ErrorCode.ERROR_CODE_BAD_REQUEST,
            "The message carries no command this server knows."));
        break;
    }
  }

  private void hello(ChannelHandlerContext ctx, long id, ClientMessage msg) {
    int version = msg.getHello().getProtocolVersion();
    if (version != ServerVersion.PROTOCOL) {
      reply(ctx, Views.error(id, ErrorCode.ERROR_CODE_UNSUPPORTED_PROTOCOL_VERSION, "This server speaks"
          + " protocol version " + ServerVersion.PROTOCOL + " but the client asked for "
          + version + ". Update your client."));
      return;
    }
    greeted = true;
    reply(ctx, ServerMessage.newBuilder().setRequestId(id).setWelcome(Welcome.newBuilder()
        .setProtocolVersion(ServerVersion.PROTOCOL).setServerVersion(ServerVersion.SOFTWARE))
        .build());
  }

  private void create(ChannelHandlerContext ctx, long id, ClientMessage msg) {
    long limit = msg.getCreateGame().getTurnLimitMillis();
    Optional<Duration> turnLimit = limit == 0 ? Optional.empty()
        : Optional.of(Duration.ofMillis(limit));
    lobby.create(msg.getCreateGame().getScenarioId(), msg.getCreateGame().getRounds(), turnLimit)
        .whenComplete((room, failure) -> {
          if (failure == null) {
            reply(ctx, ServerMessage.newBuilder().setRequestId(id).setGameCreated(
                GameCreated.newBuilder().setGameCode(room.code()).setGame(room.summary()))
                .build());
          } else if (unwrap(failure) instanceof Lobby.CreateException e) {
            reply(ctx, Views.error(id, e.code(), e.getMessage()));
          } else {
            log.error("creating a game failed", failure);
            reply(ctx, Views.error(id, ErrorCode.ERROR_CODE_INTERNAL,
                "The server could not create the game; see its log."));
          }
        });
  }

  private void join(ChannelHandlerContext ctx, long id, ClientMessage msg) {
    if (refuseSecondSeat(ctx, id)) {
      return;
    }
    Optional<GameRoom> room = findGame(ctx, id, msg.getJoinSeat().getGameCode());
    room.ifPresent(r -> {
      seatPending = true;
      r.join(participant, id, msg.getJoinSeat().getRole(), msg.getJoinSeat().getDisplayName(),
          seatCallback(ctx, r));
    });
  }

  private void resume(ChannelHandlerContext ctx, long id, ClientMessage msg) {
    if (refuseSecondSeat(ctx, id)) {
      return;
    }
    Optional<GameRoom> room = findGame(ctx, id, msg.getResumeSeat().getGameCode());
    room.ifPresent(r -> {
      seatPending = true;
      r.resume(participant, id, msg.getResumeSeat().getSeatToken(), seatCallback(ctx, r));
    });
  }

  /** A connection holds at most one seat; true (with the error sent) if it has or is taking one. */
  private boolean refuseSecondSeat(ChannelHandlerContext ctx, long id) {
    if (seatPending) {
      reply(ctx, Views.error(id, ErrorCode.ERROR_CODE_BAD_REQUEST, "This connection is already taking a"
          + " seat; wait for the answer."));
      return true;
    }
    if (seatRoom != null) {
      reply(ctx, Views.error(id, ErrorCode.ERROR_CODE_BAD_REQUEST, "This connection already holds the "
          + seatRole + " seat of game " + seatRoom.code() + "; open another connection."));
      return true;
    }
    return false;
  }

  /** Applied on the room's thread before it replies, so the next request sees it. */
  private SeatCallback seatCallback(ChannelHandlerContext ctx, GameRoom room) {
    return new SeatCallback() {
      @Override
      public void seated(String role) {
        seatRole = role;
        seatRoom = room;
        seatPending = false;
        if (!ctx.channel().isActive()) {
          room.leave(participant); // it closed while the seat was being taken
        }
      }

      @Override
      public void refused() {
        seatPending = false;
      }
    };
  }

  private void watch(ChannelHandlerContext ctx, long id, ClientMessage msg) {
    Optional<GameRoom> room = findGame(ctx, id, msg.getWatchGame().getGameCode());
    room.ifPresent(r -> {
      watching.add(r);
      r.watch(participant, id);
    });
  }

  private void fetchRecording(ChannelHandlerContext ctx, long id, ClientMessage msg) {
    Optional<GameRoom> room = findGame(ctx, id, msg.getFetchRecording().getGameCode());
    if (room.isEmpty()) {
      return;
    }
    if (room.get().summary().getPhase() != org.hikiwake.proto.wire.GamePhase.GAME_PHASE_ENDED) {
      reply(ctx, Views.error(id, ErrorCode.ERROR_CODE_GAME_NOT_OVER, "Game " + room.get().code()
          + " is still being played; its recording is available once it ends."));
      return;
    }
    lobby.recordingOf(room.get()).whenComplete((bytes, failure) -> {
      if (failure == null) {
        reply(ctx, ServerMessage.newBuilder().setRequestId(id).setRecordingFile(
            RecordingFile.newBuilder().setGameCode(room.get().code())
                .setContent(ByteString.copyFrom(bytes))).build());
      } else {
        log.warn("cannot read the recording of game {}", room.get().code(), failure);
        reply(ctx, Views.error(id, ErrorCode.ERROR_CODE_INTERNAL, "The server could not read the"
            + " recording of game " + room.get().code() + "; see its log."));
      }
    });
  }

  private interface MoveFactory {
    Move make(String role, java.time.Instant at);
  }

  private void move(ChannelHandlerContext ctx, long id, MoveFactory factory) {
    if (seatRoom == null) {
      if (!watching.isEmpty()) {
        reply(ctx, Views.error(id, ErrorCode.ERROR_CODE_WATCHERS_CANNOT_MOVE,
            "You are watching; watchers cannot make moves. Join a free seat to play."));
      } else {
        reply(ctx, Views.error(id, ErrorCode.ERROR_CODE_NOT_SEATED,
            "Join a seat (or resume yours with its token) before making moves."));
      }
      return;
    }
    String role = seatRole;
    seatRoom.move(participant, id, role, at -> factory.make(role, at));
  }

  private Optional<GameRoom> findGame(ChannelHandlerContext ctx, long id, String code) {
    Optional<GameRoom> room = lobby.find(code);
    if (room.isEmpty()) {
      reply(ctx, Views.error(id, ErrorCode.ERROR_CODE_UNKNOWN_GAME, "There is no game '" + code
          + "'. Check the join code (list games with: hikiwake games)."));
    }
    return room;
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
    // stop reading from a client that does not read its replies, so they cannot pile up here
    ctx.channel().config().setAutoRead(ctx.channel().isWritable());
    super.channelWritabilityChanged(ctx);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof IdleStateEvent) {
      log.info("closing idle connection {}", ctx.channel().remoteAddress());
      closeWith(ctx, Views.error(0, ErrorCode.ERROR_CODE_IDLE_TIMEOUT, "Nothing was received for "
          + config.idleTimeout().toSeconds() + " s, so the connection is closed."));
      return;
    }
    super.userEventTriggered(ctx, evt);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof TooLongFrameException) {
      log.info("closing {}: {}", ctx.channel().remoteAddress(), cause.getMessage());
      closeWith(ctx, Views.error(0, ErrorCode.ERROR_CODE_MESSAGE_TOO_LARGE, "A frame can be at most "
          + config.maxFrameBytes() + " bytes, so the connection is closed."));
    } else if (cause instanceof DecoderException) {
      log.info("closing {}: malformed input: {}", ctx.channel().remoteAddress(),
          cause.getMessage());
      closeWith(ctx, Views.error(0, ErrorCode.ERROR_CODE_MALFORMED_FRAME, "The bytes received are not a"
          + " valid hikiwake frame (a varint32 length, then a ClientMessage), so the connection"
          + " is closed."));
    } else if (cause instanceof IOException) {
      log.debug("connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
      closing = true;
      ctx.close();
    } else {
      log.error("unexpected failure on {}", ctx.channel().remoteAddress(), cause);
      closeWith(ctx, Views.error(0, ErrorCode.ERROR_CODE_INTERNAL,
          "The server failed while handling this connection; see its log."));
    }
  }

  private void closeWith(ChannelHandlerContext ctx, ServerMessage error) {
    if (closing) {
      return; // one error is enough; the close is under way
    }
    closing = true;
    if (ctx.channel().isActive()) {
      ctx.writeAndFlush(error).addListener(ChannelFutureListener.CLOSE);
      // a client that reads nothing would keep the error, and the connection, forever
      ctx.executor().schedule(() -> ctx.close(), CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  private static void reply(ChannelHandlerContext ctx, ServerMessage message) {
    ctx.channel().writeAndFlush(message, ctx.channel().voidPromise());
  }

  private static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof java.util.concurrent.CompletionException
        || c instanceof java.util.concurrent.ExecutionException) && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }
}
