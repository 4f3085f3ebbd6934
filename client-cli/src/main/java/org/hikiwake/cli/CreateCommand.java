package org.hikiwake.cli;

import com.google.protobuf.util.JsonFormat;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.hikiwake.cli.net.Connection;
import org.hikiwake.cli.net.ServerAddress;
import org.hikiwake.cli.play.PlaySession;
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

/**
 * {@code hikiwake create}: creates a game and prints its join code; with
 * {@code --vs bot:LEVEL}, a practice game that the user plays at once.
 */
@Command(name = "create", mixinStandardHelpOptions = true,
    description = {"Create a game and print its join code.",
        "With --vs bot:LEVEL, a practice game against a bot: you take your seat and play at"
            + " once."},
    footer = {"", "Examples:",
        "  hikiwake create --rounds 4 --turn-seconds 120",
        "  hikiwake create --vs bot:medium --role japan"})
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

  @Option(names = "--vs", paramLabel = "bot:LEVEL",
      description = "Practise against a bot of this level: easy, medium or hard.")
  private String vs;

  @Option(names = "--role", paramLabel = "ROLE",
      description = "With --vs: the role you play (default: the scenario's first).")
  private String role;

  @Option(names = "--name", paramLabel = "NAME",
      description = "With --vs: the name the bot sees (default: your user name).")
  private String name;

  @Override
  public Integer call() throws Exception {
    options.check();
    String level = botLevel();
    if (level.isEmpty() && (role != null || name != null)) {
      throw new CliException(ExitCode.USAGE, "--role and --name go with --vs bot:LEVEL; players"
          + " of a game for two people choose theirs with `hikiwake play`");
    }
    ServerAddress address = server.resolve(root);
    GameCreated created;
    try (Connection c = Connection.open(address)) {
      CreateGame.Builder create = CreateGame.newBuilder().setScenarioId(scenario)
          .setRounds(options.rounds()).setTurnLimitMillis(options.turnLimitMillis())
          .setEndEarliest(options.endFrom);
      if (options.hasNewsPlan()) {
        create.setNews(options.newsPlan());
      }
      if (!level.isEmpty()) {
        create.setVsBot(level).setPlayerRole(role == null ? ""
            : role.strip().toLowerCase(Locale.ROOT));
      }
      ServerMessage reply = c.expect(ClientMessage.newBuilder().setCreateGame(create),
          ServerMessage.BodyCase.GAME_CREATED);
      created = reply.getGameCreated();
    }
    String code = Sanitizer.line(created.getGameCode());
    if (!level.isEmpty()) {
      return practise(address, code, created.getGame());
    }
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

  /** The bot level after {@code --vs bot:}, lower case; empty without {@code --vs}. */
  private String botLevel() throws CliException {
    if (vs == null) {
      return "";
    }
    String typed = vs.strip().toLowerCase(Locale.ROOT);
    if (!typed.startsWith("bot:") || typed.length() == "bot:".length()) {
      throw new CliException(ExitCode.USAGE, "--vs takes bot:LEVEL, e.g. --vs bot:medium (the"
          + " levels are easy, medium and hard)");
    }
    return typed.substring("bot:".length()).strip();
  }

  /** Takes the practice game's free seat (the bot has the other) and plays it to the end. */
  private int practise(ServerAddress address, String code, GameSummary game)
      throws CliException {
    String mine = role != null ? role.strip().toLowerCase(Locale.ROOT)
        : game.getSeatsList().get(0).getRole();
    root.err().println("Practice game " + code + " against a " + Sanitizer.line(botLevel())
        + " bot: you play " + Sanitizer.line(mine) + ".");
    root.err().flush();
    return PlayCommand.play(root, address, PlaySession.Attach.join(code, mine,
        name != null ? name : PlayCommand.defaultName()), json, PlaySession.Backoff.DEFAULT,
        s -> { });
  }
}
