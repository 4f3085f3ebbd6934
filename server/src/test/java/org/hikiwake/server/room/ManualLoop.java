package org.hikiwake.server.room;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A single "thread" for tests: tasks run only when the test calls
 * {@link #runAll}, and scheduled tasks only once the test moves the loop's
 * clock past their time with {@link #advance}. Rooms and sessions run on it
 * deterministically, with no sockets and no sleeping.
 */
public final class ManualLoop extends AbstractExecutorService implements ScheduledExecutorService {
  private final List<Runnable> ready = new ArrayList<>();
  private final PriorityQueue<Timed> timed =
      new PriorityQueue<>(Comparator.comparing(Timed::at).thenComparingLong(Timed::order));
  private Instant now;
  private long order;

  public ManualLoop(Instant start) {
    this.now = start;
  }

  /** A clock that reads this loop's time. */
  public Clock clock() {
    return new Clock() {
      @Override
      public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now;
      }
    };
  }

  public Instant now() {
    return now;
  }

  /** Runs every ready task, and the tasks they make ready, until none is left. */
  public void runAll() {
    int guard = 0;
    while (!ready.isEmpty()) {
      if (++guard > 1_000_000) {
        throw new AssertionError("tasks keep scheduling tasks");
      }
      ready.remove(0).run();
    }
  }

  /** Moves the clock on, running each scheduled task that falls due, in time order. */
  public void advance(Duration by) {
    Instant until = now.plus(by);
    runAll();
    while (!timed.isEmpty() && !timed.peek().at().isAfter(until)) {
      Timed t = timed.poll();
      now = t.at();
      if (!t.task().isCancelled()) {
        t.task().run();
      }
      runAll();
    }
    now = until;
  }

  @Override
  public void execute(Runnable command) {
    ready.add(command);
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    ScheduledTask<Void> task = new ScheduledTask<>(() -> {
      command.run();
      return null;
    }, now.plusNanos(unit.toNanos(delay)));
    timed.add(new Timed(task.at, order++, task));
    return task;
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    ScheduledTask<V> task = new ScheduledTask<>(callable, now.plusNanos(unit.toNanos(delay)));
    timed.add(new Timed(task.at, order++, task));
    return task;
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay,
      long period, TimeUnit unit) {
    throw new UnsupportedOperationException("rooms do not repeat tasks");
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay,
      long delay, TimeUnit unit) {
    throw new UnsupportedOperationException("rooms do not repeat tasks");
  }

  @Override
  public void shutdown() {}

  @Override
  public List<Runnable> shutdownNow() {
    return List.of();
  }

  @Override
  public boolean isShutdown() {
    return false;
  }

  @Override
  public boolean isTerminated() {
    return false;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return true;
  }

  private record Timed(Instant at, long order, ScheduledTask<?> task) {}

  private final class ScheduledTask<V> extends FutureTask<V> implements ScheduledFuture<V> {
    final Instant at;

    ScheduledTask(Callable<V> callable, Instant at) {
      super(callable);
      this.at = at;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(Duration.between(now, at).toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed other) {
      return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
    }
  }
}
