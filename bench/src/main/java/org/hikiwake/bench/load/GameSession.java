package org.hikiwake.bench.load;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.concurrent.TimeUnit;
import org.hikiwake.proto.wire.ClientMessage;
import org.hikiwake.proto.wire.EventView;
import org.hikiwake.proto.wire.GamePhase;
import org.hikiwake.proto.wire.GameSnapshot;
import org.hikiwake.proto.wire.ServerMessage;

/**
 * One scripted game on two connections: japan creates and joins, russia
 * joins, then each side proposes as soon as a turn_changed gives it the turn,
 * and russia accepts on the last turn. Both connections live on one client
 * event loop, so this class is only ever touched by that thread (after
 * {@link #start()}), and needs no locking.
 */
final class GameSession {
  private final GameLoad load;
  private final EventLoop loop;
  private final Seat first = new Seat(WireMessages.FIRST_ROLE);
  private final Seat second = new Seat(WireMessages.SECOND_ROLE);
  private final long intervalNanos;
  private final int rounds;
  private final boolean noteSizes;
  private String code;
  private boolean started;
  private boolean parked;
  private boolean failed;
  private int seatsEnded;
  private int offersDelivered;
  private long nextDueNanos;
  /** Read by the driver's thread to spot stalled games. */
  private volatile long lastProgressNanos = System.nanoTime();

  GameSession(GameLoad load, EventLoop loop, int rounds, long intervalNanos,
      long firstDueNanos, boolean noteSizes) {
    this.load = load;
    this.rounds = rounds;
    this.noteSizes = noteSizes;
    this.loop = loop;
    this.intervalNanos = intervalNanos;
    this.nextDueNanos = firstDueNanos;
  }

  void start() {
    first.connect();
    second.connect();
  }

  String code() {
    return code;
  }

  /** The japan seat's token, once joined. */
  String firstToken() {
    return first.token;
  }

  boolean isStarted() {
    return started;
  }

  long lastProgressNanos() {
    return lastProgressNanos;
  }

  private void onWelcome(Seat seat) {
    if (seat == first) {
      first.send(WireMessages.create(first.nextId(), rounds));
    } else if (code != null) {
      second.send(WireMessages.join(second.nextId(), code, second.role, "bench russia"));
    }
  }

  private void onCreated(String gameCode) {
    code = gameCode;
    first.send(WireMessages.join(first.nextId(), code, first.role, "bench japan"));
    if (second.welcomed) {
      second.send(WireMessages.join(second.nextId(), code, second.role, "bench russia"));
    }
  }

  private void onEvent(Seat seat, EventView e) {
    switch (e.getKindCase()) {
      case TURN_CHANGED:
        if (!started) {
          started = true;
          load.onStarted(this);
        }
        if (e.getTurnChanged().getRole().equals(seat.role)) {
          onTurn(seat, e.getTurnChanged().getTurn());
        }
        break;
      case OFFER_MADE:
        if (!e.getOfferMade().getRole().equals(seat.role)) {
          long now = System.nanoTime();
          load.stats().recordLatency(now - other(seat).offerSentNanos);
          load.stats().delivered.increment();
          lastProgressNanos = now;
          offersDelivered++;
          if (load.offerLimit() > 0 && offersDelivered >= load.offerLimit() && !parked) {
            parked = true;
            load.onParked(this);
          }
        }
        break;
      case GAME_ENDED:
        if (!seat.ended) {
          seat.ended = true;
          seat.channel.close();
          if (++seatsEnded == 2) {
            load.onFinished(this);
          }
        }
        break;
      default:
        break; // game_started, news, presence: nothing to do
    }
  }

  /**
   * The seat's first view holds every event so far, and the server pushes
   * only later ones: if the game started with this join, the first turn is
   * in the view, not pushed.
   */
  private void onJoined(Seat seat, GameSnapshot game) {
    if (game.getPhase() != GamePhase.GAME_PHASE_IN_PROGRESS) {
      return;
    }
    if (!started) {
      started = true;
      load.onStarted(this);
    }
    if (game.getToMove().equals(seat.role)) {
      onTurn(seat, game.getTurn());
    }
  }

  private void onTurn(Seat seat, int turn) {
    if (failed || parked || load.isStopping()) {
      return;
    }
    boolean last = turn >= 2 * rounds - 1;
    if (intervalNanos <= 0) {
      act(seat, turn, last);
      return;
    }
    long now = System.nanoTime();
    long due = Math.max(now, nextDueNanos);
    nextDueNanos = due + intervalNanos;
    if (due - now < 50_000) {
      act(seat, turn, last);
    } else {
      loop.schedule(() -> act(seat, turn, last), due - now, TimeUnit.NANOSECONDS);
    }
  }

  private void act(Seat seat, int turn, boolean last) {
    if (failed || load.isStopping()) {
      return;
    }
    if (last) {
      seat.send(WireMessages.accept(seat.nextId()));
    } else {
      seat.offerSentNanos = System.nanoTime();
      seat.send(WireMessages.propose(seat.nextId(), turn));
    }
  }

  private void fail(String why) {
    if (failed || seatsEnded == 2) {
      return;
    }
    failed = true;
    if (first.channel != null) {
      first.channel.close();
    }
    if (second.channel != null) {
      second.channel.close();
    }
    load.onFailed(this, started, why);
  }

  private Seat other(Seat seat) {
    return seat == first ? second : first;
  }

  /** One connection of the game; its handler. */
  private final class Seat extends SimpleChannelInboundHandler<ServerMessage> {
    final String role;
    Channel channel;
    boolean welcomed;
    boolean ended;
    String token;
    long offerSentNanos;
    private long requestIds;

    Seat(String role) {
      this.role = role;
    }

    long nextId() {
      return ++requestIds;
    }

    void connect() {
      load.bootstrap(loop).handler(new ClientInitializer(this)).connect(load.address())
          .addListener(f -> {
            if (!f.isSuccess()) {
              fail("connect failed: " + f.cause());
            }
          });
    }

    void send(ClientMessage m) {
      load.stats().sent.increment();
      if (noteSizes && started) {
        load.stats().noteSize("client " + m.getCommandCase(), WireMessages.framedSize(m));
      }
      channel.writeAndFlush(m, channel.voidPromise());
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
      channel = ctx.channel();
      load.track(channel);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      send(WireMessages.hello(nextId()));
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ServerMessage m) {
      load.stats().received.increment();
      if (noteSizes && started) {
        load.stats().noteSize(m.hasEvent() ? "event " + m.getEvent().getKindCase()
            : m.getBodyCase().toString(), WireMessages.framedSize(m));
      }
      switch (m.getBodyCase()) {
        case WELCOME:
          welcomed = true;
          onWelcome(this);
          break;
        case GAME_CREATED:
          onCreated(m.getGameCreated().getGameCode());
          break;
        case JOINED:
          token = m.getJoined().getSeatToken();
          onJoined(this, m.getJoined().getGame());
          break;
        case EVENT:
          onEvent(this, m.getEvent());
          break;
        case ERROR:
          load.stats().error(role + " got " + m.getError().getCode() + ": "
              + m.getError().getMessage());
          fail("error " + m.getError().getCode());
          break;
        default:
          break; // done
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (!ended && !load.isStopping()) {
        fail(role + " connection closed by the server");
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (!load.isStopping()) {
        load.stats().error(role + " connection failed: " + cause);
      }
      ctx.close();
    }
  }
}
