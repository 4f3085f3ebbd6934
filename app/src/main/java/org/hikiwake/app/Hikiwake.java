package org.hikiwake.app;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;
import org.hikiwake.cli.ClientCommands;
import org.hikiwake.cli.ExitCode;
import org.hikiwake.cli.Invocation;
import org.hikiwake.codec.Versions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code hikiwake} launcher: the root command, with {@code serve} and the
 * client's subcommands ({@link ClientCommands}).
 */
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
    footerHeading = "%nExit codes:%n",
    footer = {
        "  0  ok; for play and watch: the game ended normally (or you quit)",
        "  1  bad command line",
        "  2  cannot connect to the server (serve: cannot listen, or its data folder is",
        "     in use by another server)",
        "  3  the server refused the request (unknown game, seat taken, seat taken over",
        "     elsewhere, ...)",
        "  4  connection lost and could not be re-established",
        "  5  bad file: missing, unreadable, damaged or invalid",
        "  6  unexpected failure in the client (a bug)",
        "Every failure also prints a one-line reason on standard error.",
        "",
        "Environment: HIKIWAKE_SERVER (default server, host:port), HIKIWAKE_HOME (where",
        "seat tokens and history are kept; default ~/.hikiwake)."})
public final class Hikiwake implements Callable<Integer>, Invocation {
  /** The launcher's logging configuration, on the classpath. */
  static final String LOGGING = "hikiwake-logback.xml";

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
      System.setProperty("logback.configurationFile", LOGGING);
    }
    System.exit(new Hikiwake().execute(args));
  }

  /** Runs the command line and returns the exit code. */
  public int execute(String... args) {
    return commandLine().execute(args);
  }

  /** The root command with {@code serve} first, then the client's commands, then help. */
  CommandLine commandLine() {
    CommandLine cl = new CommandLine(this);
    cl.addSubcommand(ServeCommand.class);
    cl.addSubcommand(RecordingCommand.class);
    ClientCommands.addTo(cl);
    cl.addSubcommand(CommandLine.HelpCommand.class);
    return ClientCommands.configure(cl, out, err);
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(err);
    return ExitCode.USAGE;
  }

  @Override
  public Map<String, String> env() {
    return env;
  }

  @Override
  public InputStream in() {
    return in;
  }

  @Override
  public PrintStream out() {
    return out;
  }

  @Override
  public PrintStream err() {
    return err;
  }

  @Override
  public boolean hasSystemStreams() {
    return systemStreams;
  }

  /** The software version, as recordings and the server name it. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"hikiwake " + Versions.SOFTWARE};
    }
  }
}
