package org.hikiwake.cli;

import com.google.protobuf.util.JsonFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.hikiwake.cli.net.Connection;
import org.hikiwake.cli.text.Sanitizer;
import org.hikiwake.proto.wire.ClientMessage;
import org.hikiwake.proto.wire.ListScenarios;
import org.hikiwake.proto.wire.RoleInfo;
import org.hikiwake.proto.wire.ScenarioList;
import org.hikiwake.proto.wire.ScenarioSummary;
import org.hikiwake.proto.wire.ServerMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code hikiwake scenarios}: lists the server's scenarios. The scenario tools
 * ({@code check}, {@code analyze}) read scenario files, confidential points
 * included, so they are not in the student's client: the server's launcher
 * adds them below this command.
 */
@Command(name = "scenarios", mixinStandardHelpOptions = true,
    description = {"List the scenarios the server offers."},
    footer = {"", "Checking and analysing scenario files (`scenarios check FILE`, `scenarios"
        + " analyze ID|FILE`) is for instructors and scenario authors: it comes with the"
        + " server's hikiwake.jar, not with the students' client."})
public final class ScenariosCommand implements Callable<Integer> {
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

  /** The launcher running this command, for the scenario tools a launcher adds below it. */
  public Invocation root() {
    return root;
  }
}
