package org.hikiwake.app;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hikiwake.cli.CliException;
import org.hikiwake.cli.ExitCode;
import org.hikiwake.codec.Versions;
import org.hikiwake.engine.scenario.ScenarioException;
import org.hikiwake.server.HikiwakeServer;
import org.hikiwake.server.ServerConfig;
import org.hikiwake.server.tls.ServerTls;
import org.hikiwake.server.tls.TlsSetupException;
import org.slf4j.Logger;
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

  @Option(names = "--bot-seconds", defaultValue = "3", paramLabel = "S",
      description = "How long a bot waits before each move, so it plays at a person's pace"
          + " (default: ${DEFAULT-VALUE}; 0 for at once). Bots always move within the turn"
          + " limit.")
  private double botSeconds;

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65535) {
      throw new CliException(ExitCode.USAGE, "--port must be 0-65535 but was " + port);
    }
    if (!(botSeconds >= 0 && botSeconds <= 600)) {
      throw new CliException(ExitCode.USAGE, "--bot-seconds must be 0-600 but was "
          + botSeconds);
    }
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.hikiwake")).setLevel(Level.INFO);
    Path folder = data.toAbsolutePath().normalize();
    // A port in use is found before the data folder is made, so a failed start leaves none.
    checkPortIsFree();
    boolean existed = Files.exists(folder);
    ServerConfig config = ServerConfig.defaults().withPort(port).withBindAddress(bind)
        .withDataDir(data);
    if (scenarios != null) {
      config = config.withScenariosDir(scenarios);
    }
    Optional<ServerTls> serverTls = tlsSetup();
    HikiwakeServer server;
    try {
      server = HikiwakeServer.start(config, serverTls, java.util.Optional.of(
          java.time.Duration.ofMillis(Math.round(botSeconds * 1000))));
    } catch (ScenarioException e) {
      removeIfMadeHere(folder, existed);
      for (String problem : e.problems()) {
        root.err().println(problem);
      }
      throw new CliException(ExitCode.BAD_FILE, "a scenario file is invalid: "
          + e.problems().size() + " problem(s), listed above", e);
    } catch (BindException e) {
      removeIfMadeHere(folder, existed);
      throw cannotListen(e);
    } catch (IOException e) {
      removeIfMadeHere(folder, existed);
      // Most often a second server on the same folder: its lock keeps this one off.
      String why = String.valueOf(e.getMessage()).contains("in use")
          ? "another server is using it" : e.getMessage();
      throw new CliException(ExitCode.CANNOT_CONNECT, "cannot use the data folder " + folder
          + ": " + why + "; stop that server, or give this one another folder with --data DIR",
          e);
    }
    Thread hook = new Thread(server::close, "hikiwake-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    List<InetAddress> addresses = usable(machineAddresses());
    for (String line : banner(bind, server.port(), folder, addresses, serverTls.isPresent())) {
      root.out().println(line);
    }
    serverTls.ifPresent(t -> printTls(t, dashboardHost(addresses), server.port()));
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

  /**
   * What the instructor hands out for TLS, after the banner (whose addresses
   * already say {@code tls://}): the certificate's fingerprint, and where the
   * dashboard is.
   */
  private void printTls(ServerTls t, String host, int port) {
    var out = root.out();
    out.println("TLS only: " + (t.isNew() ? "made a self-signed certificate, " : "certificate ")
        + t.certificateFile().toAbsolutePath().normalize());
    out.println("Its fingerprint:  " + t.fingerprint());
    out.println("  (as browsers show it: SHA-256 " + t.fingerprint().hex() + ")");
    out.println("Hand students the address and the fingerprint; they add: --fingerprint "
        + t.fingerprint());
    out.println("The dashboard is at https://" + host + ":" + port
        + "/ (with a self-signed certificate"
        + " the browser warns first: check the fingerprint, then accept it).");
  }

  /** The host of the dashboard's address as the banner's first address has it. */
  private String dashboardHost(List<InetAddress> addresses) {
    if (isLoopback(bind)) {
      return "localhost";
    }
    if (!isWildcard(bind)) {
      return bracketed(bind);
    }
    List<String> hosts = hosts(addresses);
    return hosts.isEmpty() ? "localhost" : hosts.get(0);
  }

  private void checkPortIsFree() throws CliException {
    if (port == 0) {
      return;
    }
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress(bind, port));
    } catch (BindException e) {
      throw cannotListen(e);
    } catch (IOException e) {
      // Not for this check to say (an unknown address, say): the server's own bind will.
      LoggerFactory.getLogger(ServeCommand.class).debug("port check on {}:{}", bind, port, e);
    }
  }

  private CliException cannotListen(BindException e) {
    return new CliException(ExitCode.CANNOT_CONNECT, "cannot listen on " + bind + ":" + port
        + ": " + e.getMessage() + " (is another server running? try --port)", e);
  }

  /**
   * After a failed start, removes the data folder if this start made it and
   * it holds nothing of value (only empty files, such as a lock).
   */
  static void removeIfMadeHere(Path folder, boolean existed) {
    if (existed || !Files.isDirectory(folder)) {
      return;
    }
    Logger log = LoggerFactory.getLogger(ServeCommand.class);
    try (Stream<Path> walk = Files.walk(folder)) {
      List<Path> all = walk.sorted(Comparator.reverseOrder()).toList();
      for (Path p : all) {
        if (Files.isRegularFile(p) && Files.size(p) > 0) {
          log.info("keeping {}: the failed start left {} in it", folder, p);
          return;
        }
      }
      for (Path p : all) {
        Files.delete(p);
      }
    } catch (IOException e) {
      log.warn("could not remove the data folder {} made by the failed start", folder, e);
    }
  }

  /**
   * What the operator reads once the server listens: the version (as
   * {@code --version} says it), where games are kept, and the addresses
   * students can really use, with the commands to create and join a game.
   *
   * @param addresses this machine's addresses that other machines can reach
   * @param tls whether the server takes only TLS: students then need a {@code tls://} address
   */
  static List<String> banner(String bind, int port, Path data, List<InetAddress> addresses,
      boolean tls) {
    List<String> out = new ArrayList<>();
    String scheme = tls ? "tls://" : "";
    boolean everywhere = isWildcard(bind);
    boolean loopback = isLoopback(bind);
    out.add("Hikiwake " + Versions.SOFTWARE + " server listening on " + bind + ":" + port
        + (everywhere ? " (every network interface)" : loopback ? " (this machine only)" : ""));
    out.add("Games are recorded in " + data);
    String serverArg;
    if (everywhere) {
      List<String> hosts = hosts(addresses);
      if (hosts.isEmpty()) {
        out.add("This machine has no network address besides loopback, so no other machine"
            + " can reach it yet; on this machine use --server " + scheme + "localhost:" + port
            + ".");
        serverArg = " --server " + scheme + "localhost:" + port;
      } else {
        out.add("Students on other machines use one of: " + hosts.stream()
            .map(h -> "--server " + scheme + h + ":" + port).collect(Collectors.joining(", ")));
        serverArg = " --server " + scheme + hosts.get(0) + ":" + port;
      }
    } else if (loopback) {
      out.add("Other machines cannot connect; for a classroom, start it with --bind 0.0.0.0.");
      serverArg = port == ServerConfig.DEFAULT_PORT && !tls ? ""
          : " --server " + scheme + "localhost:" + port;
    } else {
      serverArg = " --server " + scheme + bracketed(bind) + ":" + port;
      out.add("Students use" + serverArg + ".");
    }
    out.add("Create a game: hikiwake create" + serverArg);
    out.add("Join it: hikiwake play CODE --role japan --name NAME" + serverArg);
    out.add("Stop the server with Ctrl-C.");
    return out;
  }

  /** The addresses other machines can use: not loopback, not link-local, not the wildcard. */
  static List<InetAddress> usable(List<InetAddress> addresses) {
    return addresses.stream().filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress()
        && !a.isAnyLocalAddress()).toList();
  }

  /** The IPv4 addresses, or the IPv6 ones (in brackets) if there are none. */
  private static List<String> hosts(List<InetAddress> addresses) {
    List<String> v4 = addresses.stream().filter(a -> a instanceof Inet4Address)
        .map(InetAddress::getHostAddress).toList();
    if (!v4.isEmpty()) {
      return v4;
    }
    return addresses.stream().filter(a -> a instanceof Inet6Address)
        .map(a -> bracketed(a.getHostAddress().replaceAll("%.*", ""))).toList();
  }

  private static String bracketed(String host) {
    return host.contains(":") ? "[" + host + "]" : host;
  }

  private static boolean isWildcard(String bind) {
    try {
      return InetAddress.getByName(bind).isAnyLocalAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static boolean isLoopback(String bind) {
    return bind.equals("127.0.0.1") || bind.equals("localhost") || bind.equals("::1");
  }

  /** Every address of this machine's network interfaces that are up. */
  private static List<InetAddress> machineAddresses() {
    List<InetAddress> out = new ArrayList<>();
    try {
      for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (n.isUp() && !n.isLoopback()) {
          out.addAll(Collections.list(n.getInetAddresses()));
        }
      }
    } catch (SocketException e) {
      LoggerFactory.getLogger(ServeCommand.class).warn("cannot list the network interfaces", e);
    }
    return out;
  }
}
