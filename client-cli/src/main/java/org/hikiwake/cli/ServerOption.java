package org.hikiwake.cli;

import java.util.Map;
import java.util.Optional;
import org.hikiwake.cli.net.ServerAddress;
import picocli.CommandLine.Option;

/** The {@code --server HOST:PORT} option shared by the commands that talk to a server. */
final class ServerOption {
  @Option(names = "--server", paramLabel = "HOST:PORT",
      description = "Server to use (default: $HIKIWAKE_SERVER, else localhost:7430).")
  String server;

  ServerAddress resolve(Map<String, String> env) throws CliException {
    try {
      return ServerAddress.resolve(Optional.ofNullable(server), env);
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCode.USAGE, e.getMessage(), e);
    }
  }
}
