package org.hikiwake.server;

import java.nio.file.Path;

/**
 * A bare entry point for running the server in a child process (crash tests,
 * benchmarks): {@code --port N --bind ADDR --data DIR [--scenarios DIR]}.
 * People use {@code hikiwake serve}. Prints one line {@code listening on PORT}
 * once serving.
 */
public final class ServerMain {
  private ServerMain() {}

  public static void main(String[] args) throws Exception {
    ServerConfig config = ServerConfig.defaults();
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--port":
          config = config.withPort(Integer.parseInt(args[i + 1]));
          break;
        case "--bind":
          config = config.withBindAddress(args[i + 1]);
          break;
        case "--data":
          config = config.withDataDir(Path.of(args[i + 1]));
          break;
        case "--scenarios":
          config = config.withScenariosDir(Path.of(args[i + 1]));
          break;
        default:
          throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    HikiwakeServer server = HikiwakeServer.start(config);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
    System.out.println("listening on " + server.port());
    System.out.flush();
    server.awaitTermination();
  }
}
