package org.hikiwake.bench.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time used by this JVM, split by who used it: the server's threads, the
 * recording threads, the load clients, the garbage collector, the JIT
 * compilers and everything else; plus the whole machine's, and a count of
 * thread sleeps. Reads Linux's /proc; elsewhere only Java threads are seen.
 */
final class CpuSampler {
  static final String SERVER = "server";
  static final String RECORDER = "recorder";
  static final String CLIENTS = "clients";
  static final String GC = "gc";
  static final String JIT = "jit";
  static final String OTHER = "other";
  static final String PROCESS = "process";
  static final List<String> GROUPS = List.of(SERVER, RECORDER, CLIENTS, GC, JIT, OTHER);
  /** Not CPU time: voluntary context switches, a count of thread hand-offs. */
  static final String SLEEPS = "sleeps";
  /** Prefix of the keys of bytes allocated, per group; not CPU time. */
  static final String ALLOC = "alloc ";
  /** CPU time of the whole machine, every process included. */
  static final String MACHINE = "machine";
  private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ is 100 on Linux

  private CpuSampler() {}

  /** Nanoseconds so far per group, for the process, for the machine, and the sleep count. */
  static Map<String, Long> sample() {
    Map<String, Long> out = new HashMap<>();
    if (!sampleProc(out)) {
      sampleJavaThreads(out);
    }
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      out.put(PROCESS, sun.getProcessCpuTime());
    }
    out.put(MACHINE, machineBusyNanos());
    sampleAllocations(out);
    return out;
  }

  /** Bytes allocated so far by the Java threads of each group, under "alloc " + group. */
  private static void sampleAllocations(Map<String, Long> out) {
    if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t)
        || !t.isThreadAllocatedMemoryEnabled()) {
      return;
    }
    long[] ids = t.getAllThreadIds();
    ThreadInfo[] infos = t.getThreadInfo(ids);
    long[] bytes = t.getThreadAllocatedBytes(ids);
    for (int i = 0; i < ids.length; i++) {
      if (infos[i] != null && bytes[i] > 0) {
        out.merge(ALLOC + groupOf(infos[i].getThreadName()), bytes[i], Long::sum);
      }
    }
  }

  /** Per-key differences between two samples. */
  static Map<String, Long> between(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> out = new HashMap<>();
    after.forEach((k, v) -> out.put(k, Math.max(0, v - before.getOrDefault(k, 0L))));
    return out;
  }

  /** Every native thread of this process, from /proc/self/task; false if there is none. */
  private static boolean sampleProc(Map<String, Long> out) {
    Path tasks = Path.of("/proc/self/task");
    if (!Files.isDirectory(tasks)) {
      return false;
    }
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(tasks)) {
      for (Path task : dir) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          // after the name: state is field 0, utime field 11, stime field 12
          long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
          out.merge(groupOf(name), ticks * NANOS_PER_TICK, Long::sum);
          for (String line : Files.readAllLines(task.resolve("status"))) {
            if (line.startsWith("voluntary_ctxt_switches:")) {
              out.merge(SLEEPS, Long.parseLong(line.substring(line.indexOf(':') + 1).strip()),
                  Long::sum);
            }
          }
        } catch (IOException | RuntimeException e) {
          // the thread ended while we read it; its time is lost either way
        }
      }
    } catch (IOException e) {
      return false;
    }
    return true;
  }

  private static void sampleJavaThreads(Map<String, Long> out) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long[] ids = threads.getAllThreadIds();
    ThreadInfo[] infos = threads.getThreadInfo(ids);
    for (int i = 0; i < ids.length; i++) {
      long cpu = infos[i] == null ? -1 : threads.getThreadCpuTime(ids[i]);
      if (cpu > 0) {
        out.merge(groupOf(infos[i].getThreadName()), cpu, Long::sum);
      }
    }
  }

  /** CPU time all processes on the machine have used, from /proc/stat; 0 where unknown. */
  private static long machineBusyNanos() {
    try {
      String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
      String[] f = cpu.trim().split("\\s+");
      long busy = 0;
      // user nice system idle iowait irq softirq steal: everything but idle and iowait
      for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
        busy += Long.parseLong(f[i]);
      }
      return busy * NANOS_PER_TICK;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** Groups a thread by its name (Linux cuts native thread names to 15 characters). */
  private static String groupOf(String thread) {
    if (thread.startsWith("bench-client") || thread.startsWith("bench-abuser")) {
      return CLIENTS;
    } else if (thread.startsWith("recording") || thread.startsWith("store-")) {
      return RECORDER;
    } else if (thread.startsWith("multiThreadIo") || thread.startsWith("echo-")) {
      // The game server's boss and worker groups use Netty's default thread names.
      return SERVER;
    } else if (thread.startsWith("GC Thread") || thread.startsWith("G1 ")
        || thread.startsWith("VM Thread")) {
      return GC;
    } else if (thread.startsWith("C1 Compiler") || thread.startsWith("C2 Compiler")) {
      return JIT;
    }
    return OTHER;
  }
}
