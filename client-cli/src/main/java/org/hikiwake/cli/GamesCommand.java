package org.hikiwake.cli;

import com.google.protobuf.util.JsonFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.hikiwake.cli.net.Connection;
import org.hikiwake.cli.text.Sanitizer;
import org.hikiwake.proto.game.RoleScore;
import org.hikiwake.proto.wire.ClientMessage;
import org.hikiwake.proto.wire.GameList;
import org.hikiwake.proto.wire.GameSummary;
import org.hikiwake.proto.wire.ListGames;
import org.hikiwake.proto.wire.GamePhase;
import org.hikiwake.proto.wire.SeatInfo;
import org.hikiwake.proto.wire.ServerMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code hikiwake games}: lists the server's games with their state. */
@Command(name = "games", mixinStandardHelpOptions = true,
    description = "List the games on the server with their state, newest first.")
final class GamesCommand implements Callable<Integer> {
  @ParentCommand
  private Invocation root;

  @Mixin
  private ServerOption server;

  @Option(names = "--json", description = "Print the list as JSON.")
  private boolean json;

  @Override
  public Integer call() throws Exception {
    GameList list;
    try (Connection c = Connection.open(server.resolve(root))) {
      list = c.expect(ClientMessage.newBuilder().setListGames(ListGames.getDefaultInstance()),
          ServerMessage.BodyCase.GAME_LIST).getGameList();
    }
    if (json) {
      root.out().println(JsonFormat.printer().preservingProtoFieldNames().print(list));
    } else {
      for (String line : table(list)) {
        root.out().println(line);
      }
    }
    root.out().flush();
    return ExitCode.OK;
  }

  /** The list as aligned text lines. */
  static List<String> table(GameList list) {
    List<String> out = new ArrayList<>();
    if (list.getGamesCount() == 0) {
      out.add("No games yet. Create one with `hikiwake create`.");
      return out;
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"CODE", "SCENARIO", "STATE", "ROUND", "SEATS", "RESULT"});
    for (GameSummary g : list.getGamesList()) {
      rows.add(new String[] {
          Sanitizer.line(g.getGameCode()),
          Sanitizer.line(g.getScenarioId()),
          g.getDamaged() ? "damaged" : phase(g.getPhase()),
          g.getRound() + "/" + g.getRounds(),
          seats(g),
          g.getDamaged() ? Sanitizer.line(g.getDamage()) : result(g)});
    }
    int[] widths = new int[rows.get(0).length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        widths[i] = Math.max(widths[i], r[i].length());
      }
    }
    for (String[] r : rows) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        b.append(r[i]);
        if (i < r.length - 1) {
          b.append(" ".repeat(widths[i] - r[i].length() + 2));
        }
      }
      out.add(b.toString().stripTrailing());
    }
    return out;
  }

  private static String phase(GamePhase p) {
    switch (p) {
      case GAME_PHASE_WAITING:
        return "waiting";
      case GAME_PHASE_IN_PROGRESS:
        return "playing";
      case GAME_PHASE_ENDED:
        return "ended";
      default:
        return "?";
    }
  }

  private static String seats(GameSummary g) {
    List<String> parts = new ArrayList<>();
    for (SeatInfo s : g.getSeatsList()) {
      String who = s.getTaken()
          ? Sanitizer.line(s.getDisplayName()) + (s.getConnected() ? "" : " (away)")
          : "(free)";
      parts.add(Sanitizer.line(s.getRole()) + ": " + who);
    }
    return String.join(", ", parts);
  }

  private static String result(GameSummary g) {
    if (!g.hasResult() || g.getPhase() != GamePhase.GAME_PHASE_ENDED) {
      return "";
    }
    String outcome = g.getResult().getOutcome().name().replace("GAME_OUTCOME_", "")
        .toLowerCase(Locale.ROOT).replace('_', '-');
    List<String> scores = new ArrayList<>();
    for (RoleScore s : g.getResult().getScoresList()) {
      scores.add(Sanitizer.line(s.getRole()) + " " + s.getScore());
    }
    return outcome + " (" + String.join(", ", scores) + ")";
  }
}
