package org.hikiwake.server.abuse;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.hikiwake.server.HonestGame;

/**
 * Honest players who keep playing whole games, one after another on a few
 * threads, for as long as the abuse lasts; every game is checked against its
 * script's known end.
 */
final class HonestTraffic implements AutoCloseable {
  private final ExecutorService threads;
  private final AtomicBoolean stop = new AtomicBoolean();
  private final AtomicInteger finished = new AtomicInteger();
  private final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
  private final List<Future<?>> loops = new ArrayList<>();

  private HonestTraffic(int threadCount) {
    this.threads = Executors.newFixedThreadPool(threadCount);
  }

  /** Starts {@code threadCount} players' loops against the server at {@code port}. */
  static HonestTraffic start(int port, int threadCount) {
    HonestTraffic traffic = new HonestTraffic(threadCount);
    for (int t = 0; t < threadCount; t++) {
      int first = t;
      traffic.loops.add(traffic.threads.submit(() -> traffic.loop(port, first)));
    }
    return traffic;
  }

  private void loop(int port, int first) {
    HonestGame[] scripts = HonestGame.values();
    // every loop plays at least one whole game, however short the abuse
    for (int i = first; i == first || !stop.get(); i++) {
      try {
        scripts[i % scripts.length].play(port);
        finished.incrementAndGet();
      } catch (Throwable e) {
        failures.add(e);
        return;
      }
    }
  }

  /** Stops after the games under way; returns how many games finished correctly. */
  int stopAndCheck() throws Exception {
    stop.set(true);
    for (Future<?> f : loops) {
      f.get(60, TimeUnit.SECONDS);
    }
    if (!failures.isEmpty()) {
      AssertionError e = new AssertionError("an honest game went wrong: " + failures.peek(),
          failures.peek());
      failures.stream().skip(1).forEach(e::addSuppressed);
      throw e;
    }
    return finished.get();
  }

  @Override
  public void close() {
    stop.set(true);
    threads.shutdownNow();
    try {
      threads.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
