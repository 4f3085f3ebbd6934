package org.hikiwake.bench.load;

import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one measurement window saw.
 *
 * @param delivered offers that reached the other side (game) or echoes that came back (echo)
 * @param received messages the clients received from the server
 * @param sent messages the clients sent
 * @param cpuNanos CPU time by {@link CpuSampler} group, and "process"
 * @param sizes framed bytes of one message of each kind (game runs)
 */
record LoadRun(String label, double targetRate, double seconds, long delivered, long received,
    long sent, long gamesFinished, long errors, long dropped, int stalled, boolean allStarted,
    Histogram latencyMicros, int minConnections, int maxConnections, Map<String, Long> cpuNanos,
    List<String> firstErrors, Map<String, Integer> sizes) {

  double perSecond() {
    return delivered / seconds;
  }

  double ms(double percentile) {
    return latencyMicros.getValueAtPercentile(percentile) / 1000.0;
  }

  double maxMs() {
    return latencyMicros.getMaxValue() / 1000.0;
  }

  /** Microseconds of CPU in {@code group} per delivered offer or echo. */
  double cpuMicrosEach(String group) {
    return delivered == 0 ? 0 : cpuNanos.getOrDefault(group, 0L) / 1e3 / delivered;
  }

  /** Cores other processes on the machine kept busy, on average, during the window. */
  double othersCores() {
    long machine = cpuNanos.getOrDefault(CpuSampler.MACHINE, 0L);
    return machine == 0 ? 0
        : Math.max(0, machine - cpuNanos.getOrDefault(CpuSampler.PROCESS, 0L)) / 1e9 / seconds;
  }

  /** Cores kept busy, on average, by the whole process. */
  double coresBusy() {
    return cpuNanos.getOrDefault(CpuSampler.PROCESS, 0L) / 1e9 / seconds;
  }

  /** CPU microseconds per delivered offer or echo, by group. */
  String cpuBreakdown() {
    StringBuilder b = new StringBuilder();
    for (String g : CpuSampler.GROUPS) {
      b.append(b.length() == 0 ? "" : ", ").append(g).append(' ')
          .append(String.format("%.1f", cpuMicrosEach(g)));
    }
    return b.append(String.format(", process %.1f; thread sleeps per offer %.1f;"
        + " KB allocated per offer: server %.1f, recorder %.1f, clients %.1f",
        cpuMicrosEach(CpuSampler.PROCESS), sleepsEach(), allocKbEach(CpuSampler.SERVER),
        allocKbEach(CpuSampler.RECORDER), allocKbEach(CpuSampler.CLIENTS))).toString();
  }

  /** Kilobytes allocated by the threads of {@code group} per delivered offer or echo. */
  double allocKbEach(String group) {
    return delivered == 0 ? 0
        : cpuNanos.getOrDefault(CpuSampler.ALLOC + group, 0L) / 1024.0 / delivered;
  }

  /** Voluntary context switches of this process per delivered offer or echo. */
  double sleepsEach() {
    return delivered == 0 ? 0
        : (double) cpuNanos.getOrDefault(CpuSampler.SLEEPS, 0L) / delivered;
  }

  String line() {
    return String.format("%,.0f/s  p50 %.2f ms  p99 %.2f ms  p99.9 %.2f ms  max %.1f ms;"
        + " in %,.0f/s out %,.0f/s; connections %d..%d; games ended %d; errors %d, dropped %d,"
        + " stalled %d; other processes used %.2f cores; CPU us each: %s%s", perSecond(),
        ms(50), ms(99), ms(99.9), maxMs(), sent / seconds, received / seconds, minConnections,
        maxConnections, gamesFinished, errors, dropped, stalled, othersCores(), cpuBreakdown(),
        allStarted ? "" : "; NOT ALL STARTED");
  }
}
