package org.hikiwake.bench.load;

/**
 * Honest games' latency at the same paced rate without and with abusive
 * connections, and the memory each run left.
 *
 * @param alone the honest run on its own
 * @param abused the same honest run with the abusers going
 * @param abuseFrames frames the abusers sent during the abused window
 * @param abuseReconnects connections the server closed on the abusers (and they reopened)
 * @param heapAlone used heap after GC after the honest run alone
 * @param heapAbused used heap after GC after the abused run
 * @param rssAlone resident memory of this JVM (clients included) after the honest run
 * @param rssAbused resident memory after the abused run
 */
record Abuse(LoadRun alone, LoadRun abused, int abusers, long abuseFrames,
    long abuseReconnects, long heapAlone, long heapAbused, long rssAlone, long rssAbused) {

  double p99Ratio() {
    return abused.ms(99) / alone.ms(99);
  }

  String line() {
    return String.format("honest p99 %.2f ms alone, %.2f ms with %d abusers (%.2fx); offers/s"
        + " %,.0f and %,.0f; abusers sent %,d frames, were cut off %,d times; heap after GC"
        + " %,.0f MB and %,.0f MB; RSS %,.0f MB and %,.0f MB", alone.ms(99), abused.ms(99),
        abusers, p99Ratio(), alone.perSecond(), abused.perSecond(), abuseFrames,
        abuseReconnects, heapAlone / 1048576.0, heapAbused / 1048576.0, rssAlone / 1048576.0,
        rssAbused / 1048576.0);
  }

  /** This JVM's resident set size in bytes, from /proc/self/status; -1 if unknown. */
  static long rss() {
    try {
      for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of(
          "/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (java.io.IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
