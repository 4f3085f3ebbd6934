package org.hikiwake.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.hikiwake.proto.wire.ClientMessage;
import org.hikiwake.proto.wire.ServerMessage;

/**
 * Drives the echo server with the game load's loop shape: pairs of
 * connections on one client event loop take turns, one outstanding proposal
 * per pair like one outstanding offer per game. Echo: a side proposes when
 * the other side's echo comes back. Fan-out: exactly the game's loop, a side
 * proposes when a turn_changed names it, and latency runs to the other side's
 * offer_made.
 */
final class EchoLoad implements AutoCloseable {
  private final Bootstrap template;
  private final EventLoopGroup clientGroup;
  private final int port;
  private final int pairs;
  private final LoadStats stats;
  private final ChannelGroup channels =
      new DefaultChannelGroup("echo-clients", GlobalEventExecutor.INSTANCE);
  private final CountDownLatch started;
  private final Semaphore setups = new Semaphore(200);
  private final boolean fanOut;
  private final long intervalNanos;
  private final AtomicLong pairIds = new AtomicLong();
  private volatile boolean stopping;

  /** @param rate target messages per second over all pairs; 0 for as fast as possible */
  EchoLoad(EventLoopGroup clientGroup, int port, int pairs, boolean fanOut, double rate,
      LoadStats stats) {
    this.clientGroup = clientGroup;
    this.fanOut = fanOut;
    this.intervalNanos = rate > 0 ? (long) (pairs * 1e9 / rate) : 0;
    this.port = port;
    this.pairs = pairs;
    this.stats = stats;
    this.started = new CountDownLatch(pairs);
    this.template = new Bootstrap().group(clientGroup).channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.SO_LINGER, 0)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
  }

  /** Connects every pair (at most 200 setting up at once) and sets them going. */
  void start() throws InterruptedException {
    for (int i = 0; i < pairs && !stopping; i++) {
      if (!setups.tryAcquire(30, TimeUnit.SECONDS)) {
        stats.error("echo pairs took too long to connect");
        return;
      }
      EventLoop loop = clientGroup.next();
      loop.execute(() -> new Pair(loop).start());
    }
  }

  int openClientChannels() {
    return channels.size();
  }

  boolean awaitStarted(long timeout, TimeUnit unit) throws InterruptedException {
    return started.await(timeout, unit);
  }

  @Override
  public void close() {
    stopping = true;
    channels.close().awaitUninterruptibly(20, TimeUnit.SECONDS);
  }

  /** Two connections taking turns; touched only on its event loop. */
  private final class Pair {
    private final EventLoop loop;
    private final long id = pairIds.incrementAndGet();
    private final Side a = new Side(WireMessages.FIRST_ROLE);
    private final Side b = new Side(WireMessages.SECOND_ROLE);
    private int welcomed;
    private int turn;
    private long nextDueNanos = System.nanoTime()
        + (intervalNanos > 0 ? ThreadLocalRandom.current().nextLong(intervalNanos) : 0);

    Pair(EventLoop loop) {
      this.loop = loop;
    }

    void start() {
      a.connect();
      b.connect();
    }

    void onWelcome() {
      if (++welcomed == 2) {
        setups.release();
        started.countDown();
        proposeWhenDue(a);
      }
    }

    /** Proposes now, or at the pair's next slot when paced (like a paced game). */
    void proposeWhenDue(Side side) {
      if (intervalNanos <= 0) {
        side.propose();
        return;
      }
      long now = System.nanoTime();
      long due = Math.max(now, nextDueNanos);
      nextDueNanos = due + intervalNanos;
      if (due - now < 50_000) {
        side.propose();
      } else {
        loop.schedule(() -> {
          if (!stopping) {
            side.propose();
          }
        }, due - now, TimeUnit.NANOSECONDS);
      }
    }

    void onEcho(Side side) {
      long now = System.nanoTime();
      stats.recordLatency(now - side.sentNanos);
      stats.delivered.increment();
      if (!stopping) {
        proposeWhenDue(other(side));
      }
    }

    void onEvent(Side side, org.hikiwake.proto.wire.EventView e) {
      if (!fanOut) {
        onEcho(side);
      } else if (e.hasOfferMade() && !e.getOfferMade().getRole().equals(side.role)) {
        stats.recordLatency(System.nanoTime() - other(side).sentNanos);
        stats.delivered.increment();
      } else if (e.hasTurnChanged() && e.getTurnChanged().getRole().equals(side.role)
          && !stopping) {
        proposeWhenDue(side);
      }
    }

    Side other(Side side) {
      return side == a ? b : a;
    }

    /** One connection of the pair; its handler. */
    private final class Side extends SimpleChannelInboundHandler<ServerMessage> {
      final String role;
      Channel channel;
      long sentNanos;
      long requestIds;

      Side(String role) {
        this.role = role;
      }

      void connect() {
        template.clone(loop).handler(new ClientInitializer(this)).connect("127.0.0.1", port)
            .addListener(f -> {
              if (!f.isSuccess()) {
                stats.error("echo connect failed: " + f.cause());
                setups.release();
              }
            });
      }

      void propose() {
        sentNanos = System.nanoTime();
        send(WireMessages.propose(++requestIds, turn++));
      }

      void send(ClientMessage m) {
        stats.sent.increment();
        channel.writeAndFlush(m, channel.voidPromise());
      }

      @Override
      public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        channels.add(channel);
      }

      @Override
      public void channelActive(ChannelHandlerContext ctx) {
        send(WireMessages.hello(++requestIds, WireMessages.pairName(id, role)));
      }

      @Override
      protected void channelRead0(ChannelHandlerContext ctx, ServerMessage m) {
        stats.received.increment();
        if (m.hasWelcome()) {
          onWelcome();
        } else if (m.hasEvent()) {
          onEvent(this, m.getEvent());
        }
      }

      @Override
      public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!stopping) {
          stats.error("echo connection failed: " + cause);
        }
        ctx.close();
      }
    }
  }
}
