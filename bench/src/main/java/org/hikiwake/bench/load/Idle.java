package org.hikiwake.bench.load;

/** Server heap held by connections that said hello and then nothing. */
record Idle(int asked, int welcomed, int failed, int held, long baseline, long used,
    long connectMillis) {

  double mb() {
    return (used - baseline) / 1024.0 / 1024.0;
  }

  double kbEach() {
    return held == 0 ? 0 : (used - baseline) / 1024.0 / held;
  }

  String line() {
    return String.format("%,d connections held (%,d welcomed, %d failed, connected in %,d ms):"
        + " %.1f MB of server heap, %.2f KB each", held, welcomed, failed, connectMillis, mb(),
        kbEach());
  }
}
