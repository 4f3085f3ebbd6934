package org.hikiwake.cli;

import com.google.protobuf.util.JsonFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.hikiwake.cli.net.Connection;
import org.hikiwake.cli.report.AnalysisReport;
import org.hikiwake.cli.text.Sanitizer;
import org.hikiwake.engine.analysis.Analysis;
import org.hikiwake.engine.scenario.Scenario;
import org.hikiwake.engine.scenario.ScenarioException;
import org.hikiwake.engine.scenario.ScenarioLoader;
import org.hikiwake.proto.wire.ClientMessage;
import org.hikiwake.proto.wire.ListScenarios;
import org.hikiwake.proto.wire.RoleInfo;
import org.hikiwake.proto.wire.ScenarioList;
import org.hikiwake.proto.wire.ScenarioSummary;
import org.hikiwake.proto.wire.ServerMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code hikiwake scenarios}: lists the server's scenarios; checks and analyses scenario files. */
@Command(name = "scenarios", mixinStandardHelpOptions = true,
    description = {"List the scenarios the server offers.",
        "`check FILE` and `analyze ID|FILE` work offline."},
    subcommands = {ScenariosCommand.Check.class, ScenariosCommand.Analyze.class})
final class ScenariosCommand implements Callable<Integer> {
  @ParentCommand
  private Invocation root;

  @Mixin
  private ServerOption server;

  @Option(names = "--json", description = "Print the list as JSON.")
  private boolean json;

  @Override
  public Integer call() throws Exception {
    ScenarioList list;
    try (Connection c = Connection.open(server.resolve(root))) {
      list = c.expect(ClientMessage.newBuilder()
              .setListScenarios(ListScenarios.getDefaultInstance()),
          ServerMessage.BodyCase.SCENARIO_LIST).getScenarioList();
    }
    if (json) {
      root.out().println(JsonFormat.printer().preservingProtoFieldNames().print(list));
    } else {
      for (ScenarioSummary s : list.getScenariosList()) {
        List<String> roles = new ArrayList<>();
        for (RoleInfo r : s.getRolesList()) {
          roles.add(Sanitizer.line(r.getId()));
        }
        root.out().println(Sanitizer.line(s.getId()) + "  " + Sanitizer.line(s.getTitle())
            + "  (roles: " + String.join(", ", roles) + "; " + s.getRounds() + " rounds, "
            + s.getIssueCount() + " issues)");
      }
      if (list.getScenariosCount() == 0) {
        root.out().println("The server offers no scenarios.");
      }
    }
    root.out().flush();
    return ExitCode.OK;
  }

  Invocation root() {
    return root;
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
