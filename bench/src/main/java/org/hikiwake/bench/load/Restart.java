package org.hikiwake.bench.load;

/**
 * Time from starting a server on a data folder of unfinished games until it serves.
 *
 * @param startMillis in the new JVM: from JVM start until {@code start()} returned; else -1
 * @param serving from launching (the JVM or {@code start()}) until it returned and listened
 * @param welcomed until a new client's hello was answered
 * @param resumed until a recovered seat was resumed with its token
 * @param cpuMillis CPU time spent getting to serving: the calling thread's during
 *     {@code start()} in-process; every thread's of the new JVM until it printed its port
 */
record Restart(String how, int unfinishedRecovered, long startMillis, long serving,
    long welcomed, long resumed, long cpuMillis, String check) {

  String line() {
    return String.format("%s: %d unfinished games recovered; serving after %d ms, first welcome"
        + " %d ms, seat resumed %d ms; %d ms of CPU%s; %s", how, unfinishedRecovered, serving,
        welcomed, resumed, cpuMillis,
        startMillis >= 0 ? " (JVM start to start() returned: " + startMillis + " ms)" : "",
        check);
  }
}
