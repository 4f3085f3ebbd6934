package org.hikiwake.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code hikiwake} launcher: one command with the subcommands of the game. */
@Command(
    name = "hikiwake",
    mixinStandardHelpOptions = true,
    versionProvider = Hikiwake.Version.class,
    description = {
        "Hikiwake: a negotiation game for classes. Two sides, Japan and Russia, negotiate a"
            + " package deal in turns.",
        "",
        "Start a server with `hikiwake serve`, create a game with `hikiwake create`, and give"
            + " each player the join code: `hikiwake play CODE --role japan --name NAME`."},
    subcommands = {
        ServeCommand.class,
        CreateCommand.class,
        PlayCommand.class,
        WatchCommand.class,
        GamesCommand.class,
        ScenariosCommand.class,
        ReplayCommand.class,
        ExportCommand.class,
        CommandLine.HelpCommand.class},
    footerHeading = "%nExit codes:%n",
    footer = {
        "  0  ok; for play and watch: the game ended normally (or you quit)",
        "  1  bad command line",
        "  2  cannot connect to the server (serve: cannot listen)",
        "  3  the server refused the request (unknown game, seat taken, ...)",
        "  4  connection lost and could not be re-established",
        "  5  bad file: missing, unreadable, damaged or invalid",
        "  6  unexpected failure in the client (a bug)",
        "Every failure also prints a one-line reason on standard error.",
        "",
        "Environment: HIKIWAKE_SERVER (default server, host:port), HIKIWAKE_HOME (where seat"
            + " tokens and history are kept; default ~/.hikiwake)."})
public final class Hikiwake implements Callable<Integer> {
  // No static logger: main() must choose the logging configuration before logging starts.

  private final Map<String, String> env;
  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;
  private final boolean systemStreams;

  @Spec
  private CommandSpec spec;

  /** The launcher on the process's own streams and environment. */
  public Hikiwake() {
    this(System.getenv(), System.in, System.out, System.err, true);
  }

  /** The launcher on the given streams and environment (tests, embedding). */
  public Hikiwake(Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
    this(env, in, out, err, false);
  }

  private Hikiwake(Map<String, String> env, InputStream in, PrintStream out, PrintStream err,
      boolean systemStreams) {
    this.env = env;
    this.in = in;
    this.out = out;
    this.err = err;
    this.systemStreams = systemStreams;
  }

  public static void main(String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "hikiwake-cli-logback.xml");
    }
    System.exit(new Hikiwake().execute(args));
  }

  /** Runs the command line and returns the exit code. */
  public int execute(String... args) {
    return commandLine().execute(args);
  }

  CommandLine commandLine() {
    CommandLine cl = new CommandLine(this);
    cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (e instanceof CliException cli) {
        err.println("hikiwake: " + oneLine(cli.getMessage()));
        err.flush();
        return cli.exitCode();
      }
      Logger log = LoggerFactory.getLogger(Hikiwake.class);
      log.error("unexpected failure", e);
      err.println("hikiwake: unexpected failure: " + oneLine(String.valueOf(e))
          + " (this is a bug; please report it)");
      err.flush();
      return ExitCode.SOFTWARE;
    });
    cl.setParameterExceptionHandler((e, args) -> {
      err.println("hikiwake: " + oneLine(e.getMessage()));
      err.println("Try `" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help`.");
      err.flush();
      return ExitCode.USAGE;
    });
    return cl;
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(err);
    return ExitCode.USAGE;
  }

  Map<String, String> env() {
    return env;
  }

  InputStream in() {
    return in;
  }

  PrintStream out() {
    return out;
  }

  PrintStream err() {
    return err;
  }

  /** True when running on the process's own standard streams (so a terminal may be used). */
  boolean hasSystemStreams() {
    return systemStreams;
  }

  /** The version from the jar's manifest, when there is one. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Hikiwake.class.getPackage().getImplementationVersion();
      return new String[] {"hikiwake " + (v == null ? "0.1.0-SNAPSHOT" : v)};
    }
  }
}
