package org.hikiwake.server;

/**
 * A bare entry point for running the server in a child process (crash tests,
 * benchmarks): {@code --port N --bind ADDR --data DIR [--scenarios DIR]}.
 * People use {@code hikiwake serve}. Prints one line {@code listening on PORT}
 * once serving.
 */
public final class ServerMain {
  private ServerMain() {}

  public static void main(String[] args) throws Exception {
    HikiwakeServer server = HikiwakeServer.start(ServerConfig.fromArgs(args));
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
    System.out.println("listening on " + server.port());
    server.awaitTermination();
  }
}
