package org.hikiwake.server;

import static com.google.common.base.Preconditions.checkArgument;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.hikiwake.server.room.Lobby;

/**
 * How a server runs: where it listens, where it keeps recordings, extra
 * scenarios, and the limits it enforces on every connection.
 *
 * @param bindAddress address to listen on; loopback by default, 0.0.0.0 for a classroom
 * @param port TCP port; 0 picks a free one (tests)
 * @param dataDir folder for recordings
 * @param scenariosDir extra scenario files (*.textproto) besides the built-in ones
 * @param maxFrameBytes largest frame accepted
 * @param idleTimeout a connection that sends nothing for this long is closed
 * @param frameTimeout a frame that is started must be complete within this time
 * @param messagesPerSecond sustained messages per connection
 * @param messageBurst messages a connection may send at once before the rate applies
 * @param maxGames most games held at once
 * @param durable false to record to a no-op sink (benchmarks only)
 * @param finishedGameGrace how long a finished game with nobody in it stays in
 *     memory before listings, late watchers and fetches get it from the store
 */
public record ServerConfig(
    String bindAddress,
    int port,
    Path dataDir,
    Optional<Path> scenariosDir,
    int maxFrameBytes,
    Duration idleTimeout,
    Duration frameTimeout,
    double messagesPerSecond,
    int messageBurst,
    int maxGames,
    boolean durable,
    Duration finishedGameGrace) {

  public static final int DEFAULT_PORT = 7430;
  public static final int DEFAULT_MAX_FRAME_BYTES = 64 * 1024;

  public ServerConfig {
    checkArgument(port >= 0 && port <= 65535, "port must be in [0, 65535] but was %s", port);
    checkArgument(maxFrameBytes > 0, "maxFrameBytes must be > 0 but was %s", maxFrameBytes);
    checkArgument(messagesPerSecond > 0, "messagesPerSecond must be > 0");
    checkArgument(messageBurst >= 1, "messageBurst must be >= 1");
    checkArgument(maxGames >= 1, "maxGames must be >= 1");
    checkArgument(!finishedGameGrace.isNegative(), "finishedGameGrace must be >= 0");
  }

  /** Loopback, port 7430, ./hikiwake-data, built-in scenarios only. */
  public static ServerConfig defaults() {
    return new ServerConfig("127.0.0.1", DEFAULT_PORT, Path.of("hikiwake-data"),
        Optional.empty(), DEFAULT_MAX_FRAME_BYTES, Duration.ofSeconds(90),
        Duration.ofSeconds(30), 20, 60, 100_000, true, Lobby.DEFAULT_FINISHED_GRACE);
  }

  /**
   * The defaults changed by {@code --port N --bind ADDR --data DIR --scenarios DIR}
   * (for child-process servers in tests and benchmarks; people use {@code hikiwake serve}).
   *
   * @throws IllegalArgumentException for an unknown option or a missing value
   */
  public static ServerConfig fromArgs(String... args) {
    checkArgument(args.length % 2 == 0, "every option needs a value: %s", String.join(" ", args));
    ServerConfig config = defaults();
    for (int i = 0; i < args.length; i += 2) {
      String value = args[i + 1];
      switch (args[i]) {
        case "--port":
          config = config.withPort(Integer.parseInt(value));
          break;
        case "--bind":
          config = config.withBindAddress(value);
          break;
        case "--data":
          config = config.withDataDir(Path.of(value));
          break;
        case "--scenarios":
          config = config.withScenariosDir(Path.of(value));
          break;
        default:
          throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    return config;
  }

  public ServerConfig withPort(int newPort) {
    return new ServerConfig(bindAddress, newPort, dataDir, scenariosDir, maxFrameBytes,
        idleTimeout, frameTimeout, messagesPerSecond, messageBurst, maxGames,
        durable, finishedGameGrace);
  }

  public ServerConfig withBindAddress(String address) {
    return new ServerConfig(address, port, dataDir, scenariosDir, maxFrameBytes,
        idleTimeout, frameTimeout, messagesPerSecond, messageBurst, maxGames,
        durable, finishedGameGrace);
  }

  public ServerConfig withDataDir(Path dir) {
    return new ServerConfig(bindAddress, port, dir, scenariosDir, maxFrameBytes,
        idleTimeout, frameTimeout, messagesPerSecond, messageBurst, maxGames,
        durable, finishedGameGrace);
  }

  public ServerConfig withScenariosDir(Path dir) {
    return new ServerConfig(bindAddress, port, dataDir, Optional.of(dir), maxFrameBytes,
        idleTimeout, frameTimeout, messagesPerSecond, messageBurst, maxGames,
        durable, finishedGameGrace);
  }

  public ServerConfig withIdleTimeout(Duration timeout) {
    return new ServerConfig(bindAddress, port, dataDir, scenariosDir, maxFrameBytes,
        timeout, frameTimeout, messagesPerSecond, messageBurst, maxGames,
        durable, finishedGameGrace);
  }

  public ServerConfig withFrameTimeout(Duration timeout) {
    return new ServerConfig(bindAddress, port, dataDir, scenariosDir, maxFrameBytes,
        idleTimeout, timeout, messagesPerSecond, messageBurst, maxGames,
        durable, finishedGameGrace);
  }

  public ServerConfig withMessageRate(double perSecond, int burst) {
    return new ServerConfig(bindAddress, port, dataDir, scenariosDir, maxFrameBytes,
        idleTimeout, frameTimeout, perSecond, burst, maxGames,
        durable, finishedGameGrace);
  }

  public ServerConfig withMaxGames(int games) {
    return new ServerConfig(bindAddress, port, dataDir, scenariosDir, maxFrameBytes,
        idleTimeout, frameTimeout, messagesPerSecond, messageBurst, games,
        durable, finishedGameGrace);
  }

  public ServerConfig withFinishedGameGrace(Duration grace) {
    return new ServerConfig(bindAddress, port, dataDir, scenariosDir, maxFrameBytes,
        idleTimeout, frameTimeout, messagesPerSecond, messageBurst, maxGames, durable, grace);
  }

  public ServerConfig withDurable(boolean isDurable) {
    return new ServerConfig(bindAddress, port, dataDir, scenariosDir, maxFrameBytes,
        idleTimeout, frameTimeout, messagesPerSecond, messageBurst, maxGames,
        isDurable, finishedGameGrace);
  }
}
