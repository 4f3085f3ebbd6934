package org.hikiwake.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps a number of scripted games going against a game server: a launcher
 * thread starts a {@link GameSession} per slot (at most {@value #MAX_SETUPS}
 * setting up at once) and, in sustained mode, starts a fresh game in a slot
 * whenever its game ends. In parked mode each game stops after a number of
 * offers and stays open, idle; otherwise games play to their end, and the
 * slot starts another or, if told not to, stays empty.
 */
final class GameLoad implements AutoCloseable {
  private static final int MAX_SETUPS = 200;
  private static final int MAX_FAILURES = 1_000;

  private final Bootstrap template;
  private final EventLoopGroup clientGroup;
  private final InetSocketAddress address;
  private final int games;
  private final int rounds;
  private final double rate;
  private final int offerLimit;
  private final boolean relaunch;
  private final LoadStats stats;
  private final ChannelGroup channels =
      new DefaultChannelGroup("load-clients", GlobalEventExecutor.INSTANCE);
  private final Semaphore setups = new Semaphore(MAX_SETUPS);
  private final LinkedBlockingQueue<Integer> freeSlots = new LinkedBlockingQueue<>();
  private final Set<GameSession> live = ConcurrentHashMap.newKeySet();
  private final CountDownLatch startedOnce;
  private final CountDownLatch parkedAll;
  private final CountDownLatch finishedAll;
  private final AtomicLong failures = new AtomicLong();
  private final Thread launcher;
  private volatile boolean stopping;

  /**
   * @param rate target offers per second over all games; 0 for as fast as possible
   * @param offerLimit 0 to play every game to its end; else park each game, unfinished, once
   *     this many offers have been delivered
   * @param relaunch whether a slot whose game ended starts another game
   */
  GameLoad(EventLoopGroup clientGroup, int port, int games, int rounds, double rate,
      int offerLimit, boolean relaunch, LoadStats stats) {
    this.clientGroup = clientGroup;
    this.address = new InetSocketAddress("127.0.0.1", port);
    this.games = games;
    this.rounds = rounds;
    this.rate = rate;
    this.offerLimit = offerLimit;
    this.relaunch = relaunch;
    this.stats = stats;
    this.startedOnce = new CountDownLatch(games);
    this.parkedAll = new CountDownLatch(offerLimit > 0 ? games : 0);
    this.finishedAll = new CountDownLatch(relaunch ? 0 : games);
    this.template = new Bootstrap().group(clientGroup).channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        // Reset on close: games end every few seconds, and TIME_WAIT would use up ports.
        .option(ChannelOption.SO_LINGER, 0)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
    for (int i = 0; i < games; i++) {
      freeSlots.add(i);
    }
    this.launcher = new Thread(this::launch, "bench-game-launcher");
    this.launcher.setDaemon(true);
  }

  void start() {
    launcher.start();
  }

  /** Waits until every slot's first game has started; false on timeout. */
  boolean awaitStarted(long timeout, TimeUnit unit) throws InterruptedException {
    return startedOnce.await(timeout, unit);
  }

  /** Waits until every game is parked (parked mode); false on timeout. */
  boolean awaitParked(long timeout, TimeUnit unit) throws InterruptedException {
    return parkedAll.await(timeout, unit);
  }

  /** Waits until every game has ended (when games are not relaunched); false on timeout. */
  boolean awaitFinished(long timeout, TimeUnit unit) throws InterruptedException {
    return finishedAll.await(timeout, unit);
  }

  private void launch() {
    long intervalNanos = rate > 0 ? (long) (games * 1e9 / rate) : 0;
    long launched = 0;
    try {
      while (!stopping) {
        Integer slot = freeSlots.poll(100, TimeUnit.MILLISECONDS);
        if (slot == null) {
          continue;
        }
        while (!stopping && !setups.tryAcquire(100, TimeUnit.MILLISECONDS)) {
          // bounded wait; re-checks stopping
        }
        if (stopping) {
          return;
        }
        EventLoop loop = clientGroup.next();
        long firstDue = System.nanoTime()
            + (intervalNanos > 0 ? ThreadLocalRandom.current().nextLong(intervalNanos) : 0);
        // In sustained play the first game of each slot has a random length, so that games
        // end, and new ones are set up, evenly over time rather than all at once.
        int length = relaunch && launched < games
            ? 1 + ThreadLocalRandom.current().nextInt(rounds) : rounds;
        GameSession session = new GameSession(this, loop, length, intervalNanos, firstDue,
            launched++ == 0);
        live.add(session);
        loop.execute(session::start);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  void onStarted(GameSession s) {
    setups.release();
    stats.gamesStarted.increment();
    startedOnce.countDown();
  }

  void onParked(GameSession s) {
    parkedAll.countDown();
  }

  void onFinished(GameSession s) {
    live.remove(s);
    stats.gamesFinished.increment();
    finishedAll.countDown();
    if (!stopping && relaunch) {
      freeSlots.add(0);
    }
  }

  void onFailed(GameSession s, boolean started, String why) {
    live.remove(s);
    if (!started) {
      setups.release();
    }
    if (stopping) {
      return;
    }
    stats.dropped.increment();
    if (failures.incrementAndGet() <= MAX_FAILURES) {
      freeSlots.add(0);
    } else if (failures.get() == MAX_FAILURES + 1) {
      stats.error("more than " + MAX_FAILURES + " games failed; no more are started: " + why);
    }
  }

  /** Unfinished games that started but have seen no offer for {@code quietNanos}. */
  int stalled(long quietNanos) {
    long now = System.nanoTime();
    int n = 0;
    for (GameSession s : live) {
      if (s.isStarted() && now - s.lastProgressNanos() > quietNanos) {
        n++;
      }
    }
    return n;
  }

  /** Join code and japan seat token of live games, for resuming after a restart. */
  List<String[]> tickets(int max) {
    List<String[]> out = new ArrayList<>();
    for (GameSession s : live) {
      if (out.size() >= max) {
        break;
      }
      if (s.code() != null && s.firstToken() != null) {
        out.add(new String[] {s.code(), s.firstToken()});
      }
    }
    return out;
  }

  Bootstrap bootstrap(EventLoop loop) {
    return template.clone(loop);
  }

  InetSocketAddress address() {
    return address;
  }

  void track(Channel channel) {
    channels.add(channel);
  }

  LoadStats stats() {
    return stats;
  }

  int offerLimit() {
    return offerLimit;
  }

  boolean isStopping() {
    return stopping;
  }

  /** Stops starting games and moving, and closes every client connection. */
  @Override
  public void close() {
    stopping = true;
    launcher.interrupt();
    try {
      launcher.join(5_000);
      channels.close().await(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
