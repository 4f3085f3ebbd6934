package org.hikiwake.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.hikiwake.cli.play.TerminalChoice;
import org.hikiwake.codec.Versions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code hikiwake} root command of the students' client jar: the client's
 * subcommands ({@link ClientCommands}) and help. The server's launcher extends
 * it with {@code serve} and the scenario tools.
 */
@Command(
    name = "hikiwake",
    mixinStandardHelpOptions = true,
    versionProvider = HikiwakeClient.Version.class,
    description = {
        "Hikiwake: a negotiation game for classes. Two sides, Japan and Russia, negotiate a"
            + " package deal in turns.",
        "",
        "Your instructor gives you a server address and a game code: `hikiwake play` asks for"
            + " both, or give them: `hikiwake play CODE --server HOST:7430`."})
public class HikiwakeClient implements Callable<Integer>, Invocation {
  private final Map<String, String> env;
  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;
  private final boolean systemStreams;

  @Spec
  private CommandSpec spec;

  /** The client on the process's own streams and environment. */
  public HikiwakeClient() {
    this(System.getenv(), System.in, System.out, System.err, true);
  }

  /** The client on the given streams and environment (tests, embedding). */
  public HikiwakeClient(Map<String, String> env, InputStream in, PrintStream out,
      PrintStream err) {
    this(env, in, out, err, false);
  }

  protected HikiwakeClient(Map<String, String> env, InputStream in, PrintStream out,
      PrintStream err, boolean systemStreams) {
    this.env = env;
    this.in = in;
    this.out = out;
    this.err = err;
    this.systemStreams = systemStreams;
  }

  /** The students' client: {@code java -jar hikiwake-client.jar ...}. */
  public static void main(String[] args) {
    quickStart();
    System.exit(new HikiwakeClient().execute(args));
  }

  /**
   * Settings for a short-lived client process, made before Netty loads: no
   * Java Flight Recorder events from Netty's allocators (registering them
   * costs a client about a fifth of a second at start-up, for nothing).
   */
  protected static void quickStart() {
    if (System.getProperty("io.netty.jfr.enabled") == null) {
      System.setProperty("io.netty.jfr.enabled", "false");
    }
  }

  /** Runs the command line and returns the exit code. */
  public int execute(String... args) {
    return commandLine(ClientCommands.subcommandOf(args)).execute(args);
  }

  /** The root command with every subcommand, then help. */
  public CommandLine commandLine() {
    return commandLine(Optional.empty());
  }

  /**
   * The root command with the subcommand named {@code only} if it is one of
   * this launcher's, else with every subcommand; then help.
   */
  protected CommandLine commandLine(Optional<String> only) {
    CommandLine cl = new CommandLine(this);
    boolean known = only.isPresent() && ClientCommands.ALL.stream()
        .anyMatch(c -> ClientCommands.isNamed(c, only.get()));
    ClientCommands.addTo(cl, known ? only : Optional.empty());
    cl.addSubcommand(CommandLine.HelpCommand.class);
    return finish(cl);
  }

  /**
   * Adds the exit codes and the environment to the help of a root command line
   * whose subcommands are all added, and sets its streams and failure handling.
   */
  protected final CommandLine finish(CommandLine cl) {
    List<String> footer = new ArrayList<>();
    for (String line : ExitCode.HELP) {
      footer.add("  " + line);
    }
    footer.addAll(exitCodeNotes());
    footer.add("Every failure also prints a one-line reason on standard error.");
    footer.add("");
    footer.add("Environment: HIKIWAKE_SERVER (default server, host:port or tls://host:port),");
    footer.add("HIKIWAKE_HOME (where seat tokens, known servers and history are kept; default");
    footer.add("~/.hikiwake), NO_COLOR (plain text, no colours).");
    cl.getCommandSpec().usageMessage().footerHeading("%nExit codes:%n")
        .footer(footer.toArray(String[]::new));
    if (!TerminalChoice.decide(env, systemStreams && System.console() != null, false).colour()) {
      cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
    }
    return ClientCommands.configure(cl, out, err);
  }

  /** Lines the help adds below the exit code table. */
  protected List<String> exitCodeNotes() {
    return List.of();
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
  public static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"hikiwake " + Versions.SOFTWARE};
    }
  }
}
