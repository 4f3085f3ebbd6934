package org.hikiwake.bench.load;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import org.hikiwake.server.HikiwakeServer;
import org.hikiwake.server.ServerConfig;

/**
 * A game server in a fresh JVM on an existing data folder, for the cold
 * restart measurement: starts, prints {@code PORT port unfinished jvmMillis startMillis},
 * then serves until its standard input closes (or a time limit passes).
 *
 * <p>Arguments: data folder, seconds to live at most.
 */
public final class RestartedServer {
  private RestartedServer() {}

  public static void main(String[] args) throws Exception {
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    long maxSeconds = Long.parseLong(args[1]);
    Thread guard = new Thread(() -> {
      try {
        Thread.sleep(maxSeconds * 1000);
      } catch (InterruptedException e) {
        return;
      }
      System.out.println("TIMEOUT after " + maxSeconds + " s");
      System.exit(2);
    }, "restarted-server-guard");
    guard.setDaemon(true);
    guard.start();
    long t0 = System.currentTimeMillis();
    try (HikiwakeServer server = HikiwakeServer.start(ServerConfig.defaults().withPort(0)
        .withDataDir(Path.of(args[0])).withDurable(true).withMaxGames(10_000_000)
        .withIdleTimeout(Duration.ofMinutes(10)))) {
      long t1 = System.currentTimeMillis();
      System.out.println("PORT " + server.port() + " " + server.unfinishedRecovered() + " "
          + (t0 - jvmStart) + " " + (t1 - t0));
      System.out.flush();
      while (System.in.read() >= 0) {
        // serve until the parent closes our input
      }
    }
    System.exit(0);
  }
}
