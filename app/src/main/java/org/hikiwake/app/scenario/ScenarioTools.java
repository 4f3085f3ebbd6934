package org.hikiwake.app.scenario;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.hikiwake.cli.CliException;
import org.hikiwake.cli.ExitCode;
import org.hikiwake.cli.Invocation;
import org.hikiwake.cli.ScenariosCommand;
import org.hikiwake.engine.analysis.Analysis;
import org.hikiwake.engine.scenario.Scenario;
import org.hikiwake.engine.scenario.ScenarioException;
import org.hikiwake.engine.scenario.ScenarioLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code hikiwake scenarios check} and {@code analyze}: the instructor's and
 * author's tools. They read whole scenarios, confidential points and news
 * schedule included, so they live in the server's launcher, never in the
 * students' client.
 */
public final class ScenarioTools {
  private ScenarioTools() {}

  /** Adds {@code check} and {@code analyze} below the {@code scenarios} command of a root. */
  public static void addTo(CommandLine root) {
    CommandLine scenarios = root.getSubcommands().get("scenarios");
    scenarios.addSubcommand(Check.class);
    scenarios.addSubcommand(Analyze.class);
  }

  /** {@code hikiwake scenarios check FILE}. */
  @Command(name = "check", mixinStandardHelpOptions = true,
      description = "Validate a scenario file; print each problem with its line (exit 5 if any).")
  static final class Check implements Callable<Integer> {
    @ParentCommand
    private ScenariosCommand parent;

    @Parameters(index = "0", paramLabel = "FILE", description = "A scenario file (.textproto).")
    private Path file;

    @Override
    public Integer call() throws Exception {
      Invocation root = parent.root();
      if (!Files.isRegularFile(file)) {
        throw new CliException(ExitCode.BAD_FILE, file + ": no such file");
      }
      Scenario scenario;
      try {
        scenario = ScenarioLoader.fromFile(file);
      } catch (ScenarioException e) {
        for (String problem : e.problems()) {
          root.out().println(problem);
        }
        root.out().flush();
        throw new CliException(ExitCode.BAD_FILE, file + ": " + e.problems().size()
            + (e.problems().size() == 1 ? " problem" : " problems"), e);
      }
      Analysis analysis = Analysis.of(scenario);
      root.out().println(file + ": ok: scenario " + scenario.id() + " (" + scenario.title()
          + "), " + scenario.issues().size() + " issues, " + Analysis.packageCount(scenario)
          + " packages, ZOPA " + analysis.zopaSize() + ".");
      if (analysis.zopaSize() == 0) {
        root.out().println("Warning: no package clears both reservation values; every game"
            + " will end without agreement.");
      }
      root.out().flush();
      return ExitCode.OK;
    }
  }

  /** {@code hikiwake scenarios analyze ID|FILE}. */
  @Command(name = "analyze", aliases = "analyse", mixinStandardHelpOptions = true,
      description = "Print the ZOPA size and the Nash and Kalai-Smorodinsky packages with both"
          + " sides' points, for a built-in scenario id or a scenario file.")
  static final class Analyze implements Callable<Integer> {
    @ParentCommand
    private ScenariosCommand parent;

    @Parameters(index = "0", paramLabel = "ID|FILE",
        description = "A built-in scenario id (e.g. japan-russia-2013) or a scenario file.")
    private String scenarioRef;

    @Override
    public Integer call() throws Exception {
      Invocation root = parent.root();
      Scenario scenario = load(scenarioRef);
      for (String line : AnalysisReport.of(scenario)) {
        root.out().println(line);
      }
      root.out().flush();
      return ExitCode.OK;
    }
  }

  /** A built-in scenario by id, else a scenario file by path. */
  static Scenario load(String ref) throws CliException {
    try {
      if (ScenarioLoader.builtInIds().contains(ref)) {
        return ScenarioLoader.fromClasspath(ref);
      }
      Path path = Path.of(ref);
      if (!Files.isRegularFile(path)) {
        throw new CliException(ExitCode.BAD_FILE, "'" + ref + "' is neither a built-in"
            + " scenario (" + String.join(", ", ScenarioLoader.builtInIds()) + ") nor a file");
      }
      return ScenarioLoader.fromFile(path);
    } catch (ScenarioException e) {
      throw new CliException(ExitCode.BAD_FILE, String.join("; ", e.problems()), e);
    }
  }
}
