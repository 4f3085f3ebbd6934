package org.hikiwake.app;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hikiwake.app.scenario.ScenarioTools;
import org.hikiwake.cli.ClientCommands;
import org.hikiwake.cli.HikiwakeClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code hikiwake} launcher of the server distribution: the students'
 * client ({@link HikiwakeClient}) with {@code serve} and the scenario tools.
 */
@Command(
    name = "hikiwake",
    description = {
        "Hikiwake: a negotiation game for classes. Two sides, Japan and Russia, negotiate a"
            + " package deal in turns.",
        "",
        "Start a server with `hikiwake serve`, create a game with `hikiwake create`, and give"
            + " each player the join code: `hikiwake play CODE --role japan --name NAME`."})
public final class Hikiwake extends HikiwakeClient {
  /** The launcher's logging configuration, on the classpath. */
  static final String LOGGING = "hikiwake-logback.xml";

  // No static logger: main() must choose the logging configuration before logging starts.

  /** The launcher on the process's own streams and environment. */
  public Hikiwake() {
    super(System.getenv(), System.in, System.out, System.err, true);
  }

  /** The launcher on the given streams and environment (tests, embedding). */
  public Hikiwake(Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
    super(env, in, out, err, false);
  }

  public static void main(String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", LOGGING);
    }
    System.exit(new Hikiwake().execute(args));
  }

  /** The root command with {@code serve} first, then the client's commands, then help. */
  @Override
  protected CommandLine commandLine(Optional<String> only) {
    CommandLine cl = new CommandLine(this);
    cl.addSubcommand(ServeCommand.class);
    cl.addSubcommand(RecordingCommand.class);
    ClientCommands.addTo(cl);
    ScenarioTools.addTo(cl);
    cl.addSubcommand(CommandLine.HelpCommand.class);
    return finish(cl);
  }

  @Override
  protected List<String> exitCodeNotes() {
    return List.of("  (serve exits with 2 when it cannot listen on its address and port, or its",
        "  data folder is in use by another server)");
  }
}
