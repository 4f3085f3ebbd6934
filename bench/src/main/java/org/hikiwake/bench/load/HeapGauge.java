package org.hikiwake.bench.load;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Used heap after full collections, once it stops shrinking. */
final class HeapGauge {
  private HeapGauge() {}

  static long usedAfterGc() throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long previous = Long.MAX_VALUE;
    long used = 0;
    for (int i = 0; i < 6; i++) {
      System.gc();
      Thread.sleep(100);
      used = memory.getHeapMemoryUsage().getUsed();
      if (Math.abs(previous - used) < 256 * 1024) {
        break;
      }
      previous = used;
    }
    return used;
  }
}
