package org.hikiwake.cli;

import java.util.Optional;
import org.hikiwake.cli.net.ServerAddress;
import org.hikiwake.cli.net.TlsTrust;
import org.hikiwake.cli.play.SeatStore;
import org.hikiwake.codec.wire.Fingerprint;
import picocli.CommandLine.Option;

/**
 * The options shared by the commands that talk to a server: where it is, and
 * whether to encrypt the connection and which certificate to trust.
 */
final class ServerOption {
  @Option(names = "--server", paramLabel = "HOST:PORT",
      description = "The server, as your instructor gave it: HOST:PORT, or tls://HOST:PORT"
          + " to encrypt the connection (default: $HIKIWAKE_SERVER, else localhost:7430).")
  String server;

  @Option(names = "--tls",
      description = "Encrypt the connection (TLS), as with a tls:// address. The server's"
          + " certificate is trusted on first use and kept; a changed one is refused.")
  boolean tls;

  @Option(names = "--fingerprint", paramLabel = "SHA256:...",
      description = "The server's certificate fingerprint from your instructor (implies"
          + " --tls): only a server with this certificate is trusted, and it is kept.")
  String fingerprint;

  /**
   * The server to use, with TLS set up if asked for. A plain connection to
   * another machine gets a one-line note that it is not encrypted.
   */
  ServerAddress resolve(Invocation root) throws CliException {
    ServerAddress address;
    Optional<Fingerprint> pinned;
    try {
      address = ServerAddress.resolve(Optional.ofNullable(server), root.env());
      pinned = fingerprint == null ? Optional.empty()
          : Optional.of(Fingerprint.parse(fingerprint));
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCode.USAGE, e.getMessage(), e);
    }
    if (address.isTls() || tls || pinned.isPresent()) {
      return address.withTls(TlsTrust.of(
          SeatStore.homeDir(root.env()).resolve(TlsTrust.FILE_NAME), pinned, root.err()));
    }
    if (!address.isLoopback()) {
      root.err().println("Note: the connection to " + address + " is not encrypted. If your"
          + " instructor gave you a tls:// address or a fingerprint, use it.");
      root.err().flush();
    }
    return address;
  }
}
