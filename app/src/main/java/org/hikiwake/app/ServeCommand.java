package org.hikiwake.app;

import ch.qos.logback.classic.Level;
import java.net.BindException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.hikiwake.cli.CliException;
import org.hikiwake.cli.ExitCode;
import org.hikiwake.engine.scenario.ScenarioException;
import org.hikiwake.server.HikiwakeServer;
import org.hikiwake.server.ServerConfig;
import org.hikiwake.server.tls.ServerTls;
import org.hikiwake.server.tls.TlsSetupException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code hikiwake serve}: runs a game server until Ctrl-C or SIGTERM. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Run a game server. It keeps every game in the data folder and resumes"
        + " unfinished games when it starts again. Stop it with Ctrl-C."})
final class ServeCommand implements Callable<Integer> {
  @ParentCommand
  private Hikiwake root;

  @Option(names = "--port", defaultValue = "7430", paramLabel = "PORT",
      description = "TCP port to listen on (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  private int port;

  @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
      description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only;"
          + " use 0.0.0.0 for a classroom network).")
  private String bind;

  @Option(names = "--data", defaultValue = "hikiwake-data", paramLabel = "DIR",
      description = "Folder for game recordings (default: ./${DEFAULT-VALUE}).")
  private Path data;

  @Option(names = "--scenarios", paramLabel = "DIR",
      description = "Folder of extra scenario files (*.textproto) besides the built-in ones.")
  private Path scenarios;

  @Option(names = "--tls",
      description = "Take only encrypted (TLS) connections, for the game and the dashboard"
          + " alike. Without --tls-cert, a self-signed certificate is made on the first start"
          + " and kept in the data folder; give students its fingerprint, printed below.")
  private boolean tls;

  @Option(names = "--tls-cert", paramLabel = "FILE",
      description = "The certificate (chain) to use for TLS, a PEM file (implies --tls).")
  private Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "FILE",
      description = "The private key of --tls-cert, a PEM file.")
  private Path tlsKey;

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65535) {
      throw new CliException(ExitCode.USAGE, "--port must be 0-65535 but was " + port);
    }
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.hikiwake")).setLevel(Level.INFO);
    ServerConfig config = ServerConfig.defaults().withPort(port).withBindAddress(bind)
        .withDataDir(data);
    if (scenarios != null) {
      config = config.withScenariosDir(scenarios);
    }
    Optional<ServerTls> serverTls = tlsSetup();
    HikiwakeServer server;
    try {
      server = serverTls.isPresent() ? HikiwakeServer.start(config, serverTls.get())
          : HikiwakeServer.start(config);
    } catch (ScenarioException e) {
      for (String problem : e.problems()) {
        root.err().println(problem);
      }
      throw new CliException(ExitCode.BAD_FILE, "a scenario file is invalid: "
          + e.problems().size() + " problem(s), listed above", e);
    } catch (BindException e) {
      throw new CliException(ExitCode.CANNOT_CONNECT,
          "cannot listen on " + bind + ":" + port + ": " + e.getMessage()
              + " (is another server running? try --port)", e);
    }
    Thread hook = new Thread(server::close, "hikiwake-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    String where = bind + ":" + server.port();
    root.out().println("Hikiwake server listening on " + where);
    root.out().println("Games are recorded in " + data.toAbsolutePath().normalize());
    boolean loopback = bind.equals("127.0.0.1") || bind.equals("localhost") || bind.equals("::1");
    String serverArg = loopback && server.port() == ServerConfig.DEFAULT_PORT && !tls ? ""
        : " --server " + (tls ? "tls://" : "") + (loopback ? "localhost" : "HOST") + ":"
            + server.port();
    serverTls.ifPresent(t -> printTls(t, serverArg,
        (loopback ? "localhost" : "HOST") + ":" + server.port()));
    if (!loopback) {
      root.out().println("Players on other machines use this machine's name or address as HOST.");
    }
    root.out().println("Create a game:  hikiwake create" + serverArg);
    root.out().println("Join it:        hikiwake play CODE --role japan --name NAME" + serverArg);
    root.out().println("Stop the server with Ctrl-C.");
    root.out().flush();
    server.awaitTermination();
    return ExitCode.OK;
  }

  /** The server's TLS, if asked for: from the given files, else self-signed in the data folder. */
  private Optional<ServerTls> tlsSetup() throws CliException {
    if (tlsCert == null && tlsKey != null || tlsCert != null && tlsKey == null) {
      throw new CliException(ExitCode.USAGE, "--tls-cert and --tls-key go together: give both"
          + " (or neither, for a self-signed certificate kept in the data folder)");
    }
    tls |= tlsCert != null;
    if (!tls) {
      return Optional.empty();
    }
    try {
      return Optional.of(tlsCert != null ? ServerTls.fromFiles(tlsCert, tlsKey)
          : ServerTls.selfSigned(data));
    } catch (TlsSetupException e) {
      throw new CliException(ExitCode.BAD_FILE, e.getMessage(), e);
    }
  }

  /** What the instructor hands out for TLS: the address form and the fingerprint. */
  private void printTls(ServerTls t, String serverArg, String hostPort) {
    var out = root.out();
    out.println("TLS only: " + (t.isNew() ? "made a self-signed certificate, " : "certificate ")
        + t.certificateFile().toAbsolutePath().normalize());
    out.println("Its fingerprint:  " + t.fingerprint());
    out.println("  (as browsers show it: SHA-256 " + t.fingerprint().hex() + ")");
    out.println("Hand students the address and the fingerprint; they add:"
        + serverArg + " --fingerprint " + t.fingerprint());
    out.println("The dashboard is at https://" + hostPort + "/ (with a self-signed certificate"
        + " the browser warns first: check the fingerprint, then accept it).");
  }
}
