package org.hikiwake.cli;

import com.google.protobuf.util.JsonFormat;
import java.util.concurrent.Callable;
import org.hikiwake.cli.net.Connection;
import org.hikiwake.cli.net.ServerAddress;
import org.hikiwake.cli.text.EventText;
import org.hikiwake.cli.text.Sanitizer;
import org.hikiwake.proto.wire.ClientMessage;
import org.hikiwake.proto.wire.CreateGame;
import org.hikiwake.proto.wire.GameCreated;
import org.hikiwake.proto.wire.GameSummary;
import org.hikiwake.proto.wire.SeatInfo;
import org.hikiwake.proto.wire.ServerMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code hikiwake create}: creates a game and prints its join code. */
@Command(name = "create", mixinStandardHelpOptions = true,
    description = "Create a game and print its join code.")
final class CreateCommand implements Callable<Integer> {
  @ParentCommand
  private Invocation root;

  @Mixin
  private ServerOption server;

  @Option(names = "--scenario", defaultValue = "japan-russia-2013", paramLabel = "ID",
      description = "Scenario to play (default: ${DEFAULT-VALUE}; see `hikiwake scenarios`).")
  private String scenario;

  @Mixin
  private GameOptions options;

  @Option(names = "--json", description = "Print the created game as JSON.")
  private boolean json;

  @Option(names = {"-q", "--quiet"}, description = "Print only the join code.")
  private boolean quiet;

  @Override
  public Integer call() throws Exception {
    options.check();
    ServerAddress address = server.resolve(root);
    GameCreated created;
    try (Connection c = Connection.open(address)) {
      CreateGame.Builder create = CreateGame.newBuilder().setScenarioId(scenario)
          .setRounds(options.rounds()).setTurnLimitMillis(options.turnLimitMillis())
          .setEndEarliest(options.endFrom);
      if (options.hasNewsPlan()) {
        create.setNews(options.newsPlan());
      }
      ServerMessage reply = c.expect(ClientMessage.newBuilder().setCreateGame(create),
          ServerMessage.BodyCase.GAME_CREATED);
      created = reply.getGameCreated();
    }
    String code = Sanitizer.line(created.getGameCode());
    if (json) {
      root.out().println(JsonFormat.printer().preservingProtoFieldNames().print(created));
    } else if (quiet) {
      root.out().println(code);
    } else {
      GameSummary g = created.getGame();
      String serverArg = server.server == null ? "" : " --server " + address;
      root.out().println("Game " + code + " created: " + Sanitizer.line(g.getScenarioTitle())
          + ", " + g.getRounds() + " rounds, "
          + (options.turnLimitMillis() > 0 ? EventText.duration(options.turnLimitMillis())
              + " per turn." : "untimed turns."));
      root.out().println("Join code: " + code);
      root.out().println("Players join with:");
      for (SeatInfo seat : g.getSeatsList()) {
        root.out().println("  hikiwake play " + code + " --role " + Sanitizer.line(seat.getRole())
            + " --name NAME" + serverArg);
      }
      root.out().println("Watch it with:  hikiwake watch " + code + serverArg);
    }
    root.out().flush();
    return ExitCode.OK;
  }
}
