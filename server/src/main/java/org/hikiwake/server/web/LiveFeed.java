package org.hikiwake.server.web;

import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.hikiwake.server.classroom.ClassBoard;
import org.hikiwake.server.classroom.ClassReply;
import org.hikiwake.server.room.Delivery;
import org.hikiwake.server.room.Participant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One dashboard page's live connection, with no Netty in it: it follows its
 * class's board and sends each new one as JSON. Boards are whole snapshots,
 * so a page that reads slowly gets the latest one when it can take it, not a
 * backlog; one that takes nothing for {@link #SLOW_LIMIT_NANOS} is cut off,
 * as is one that sends more than {@link #MAX_FRAMES_PER_SECOND} frames in a
 * second (a page sends none). Runs on its connection's thread.
 */
final class LiveFeed implements Participant {
  private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);
  static final long SLOW_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(10);
  static final int MAX_FRAMES_PER_SECOND = 10;
  /** WebSocket close codes. */
  static final int GOING_AWAY = 1001;
  static final int POLICY_VIOLATION = 1008;

  /** Where a feed's messages go. */
  interface Outbound {
    void send(String text);

    /** False while the connection's send buffer is full. */
    boolean isWritable();

    boolean isOpen();

    void close(int status, String reason);

    String describe();
  }

  private final Dashboard dashboard;
  private final Dashboard.Live live;
  private final Outbound out;
  private final Executor own;
  private final LongSupplier nanoTime;
  private ClassBoard last;
  private boolean unsent;
  private long stuckSince = -1;
  private long windowStart;
  private int framesInWindow;
  private boolean closed;

  LiveFeed(Dashboard dashboard, Dashboard.Live live, Outbound out, Executor own,
      LongSupplier nanoTime) {
    this.dashboard = dashboard;
    this.live = live;
    this.out = out;
    this.own = own;
    this.nanoTime = nanoTime;
    this.windowStart = nanoTime.getAsLong();
  }

  String classCode() {
    return live.room().code();
  }

  /** Starts following the board: the first one comes at once. */
  void start() {
    if (closed) {
      return; // the connection closed before its handshake's listener ran: never counted
    }
    dashboard.opened(this);
    live.room().watchBoard(this, reply -> onOwnThread(() -> {
      if (reply instanceof ClassReply.Board b) {
        last = b.board();
        unsent = true;
        flush();
      }
    }));
  }

  /** Sends the last board again (e.g. with a news banner that just arrived). */
  void refresh() {
    onOwnThread(() -> {
      if (last != null) {
        unsent = true;
        flush();
      }
    });
  }

  /**
   * The connection can take more, or a while has passed: sends what waits,
   * and cuts off a page that has taken nothing for too long.
   */
  void pump() {
    flush();
  }

  /** The page sent a frame; pages send none but the browser's pongs, which are not counted. */
  void onFrame() {
    long now = nanoTime.getAsLong();
    if (now - windowStart > TimeUnit.SECONDS.toNanos(1)) {
      windowStart = now;
      framesInWindow = 0;
    }
    if (++framesInWindow > MAX_FRAMES_PER_SECOND) {
      log.info("closing the dashboard feed of {}: more than {} frames a second",
          out.describe(), MAX_FRAMES_PER_SECOND);
      close(POLICY_VIOLATION, "too many messages");
    }
  }

  void onClosed() {
    closed = true;
    dashboard.closed(this);
    try {
      live.room().leave(this);
    } catch (RejectedExecutionException e) {
      log.debug("{} closed while the server stops", out.describe());
    }
  }

  void serverGoingAway() {
    onOwnThread(() -> close(GOING_AWAY, "the server is restarting"));
  }

  private void flush() {
    if (closed || !unsent || last == null) {
      return;
    }
    if (!out.isWritable()) {
      long now = nanoTime.getAsLong();
      if (stuckSince < 0) {
        stuckSince = now;
      } else if (now - stuckSince > SLOW_LIMIT_NANOS) {
        log.info("closing the dashboard feed of {}: it has read nothing for {} s",
            out.describe(), TimeUnit.NANOSECONDS.toSeconds(SLOW_LIMIT_NANOS));
        close(POLICY_VIOLATION, "too slow");
      }
      return;
    }
    stuckSince = -1;
    unsent = false;
    out.send(BoardJson.of(last, live.view()));
  }

  private void close(int status, String reason) {
    if (!closed) {
      closed = true;
      out.close(status, reason);
    }
  }

  private void onOwnThread(Runnable r) {
    try {
      own.execute(r);
    } catch (RejectedExecutionException e) {
      log.debug("{}: the connection's thread is gone", out.describe());
    }
  }

  // ------------------------------------------------------------ as a participant

  @Override
  public void deliver(Delivery delivery) {
    // a feed follows the class's board only; it never sits in or watches a game
  }

  @Override
  public boolean isConnected() {
    return out.isOpen() && !closed;
  }

  @Override
  public String describe() {
    return "dashboard " + out.describe();
  }

  Optional<ClassBoard> lastBoard() {
    return Optional.ofNullable(last);
  }
}
