package org.hikiwake.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What the load clients observed, shared by all their event loops: a latency
 * recorder (microseconds) and counters. A measurement window is the difference
 * between two {@link #snapshot()}s.
 */
final class LoadStats {
  private final Recorder latencyMicros = new Recorder(3);
  /** Offers (or echo messages) that reached the side they were meant for. */
  final LongAdder delivered = new LongAdder();
  /** Every message the clients received from the server. */
  final LongAdder received = new LongAdder();
  /** Every message the clients sent. */
  final LongAdder sent = new LongAdder();
  final LongAdder gamesFinished = new LongAdder();
  final LongAdder gamesStarted = new LongAdder();
  final LongAdder errors = new LongAdder();
  final LongAdder dropped = new LongAdder();
  private final List<String> firstErrors = new ArrayList<>();
  /** Framed size in bytes of one message of each kind seen, e.g. "event offer_made". */
  private final Map<String, Integer> sizes = new ConcurrentHashMap<>();

  void recordLatency(long nanos) {
    latencyMicros.recordValue(Math.max(0, nanos / 1_000));
  }

  void error(String what) {
    errors.increment();
    synchronized (firstErrors) {
      if (firstErrors.size() < 5) {
        firstErrors.add(what);
      }
    }
  }

  void noteSize(String kind, int bytes) {
    sizes.putIfAbsent(kind, bytes);
  }

  Map<String, Integer> sizes() {
    return Map.copyOf(sizes);
  }

  List<String> firstErrors() {
    synchronized (firstErrors) {
      return List.copyOf(firstErrors);
    }
  }

  /** Counters now, and the latencies recorded since the previous snapshot. */
  Snapshot snapshot() {
    return new Snapshot(System.nanoTime(), delivered.sum(), received.sum(), sent.sum(),
        gamesFinished.sum(), gamesStarted.sum(), errors.sum(), dropped.sum(),
        latencyMicros.getIntervalHistogram());
  }

  /** Counters at one moment; {@code latencyMicros} covers the interval before it. */
  record Snapshot(long atNanos, long delivered, long received, long sent, long gamesFinished,
      long gamesStarted, long errors, long dropped, Histogram latencyMicros) {}
}
