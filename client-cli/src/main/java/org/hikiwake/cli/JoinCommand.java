package org.hikiwake.cli;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.hikiwake.cli.net.ServerAddress;
import org.hikiwake.cli.play.PlaySession;
import org.hikiwake.cli.play.SeatStore;
import org.hikiwake.engine.classroom.Names;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code hikiwake join}: joins a class as a student and plays the game it gives. */
@Command(name = "join", mixinStandardHelpOptions = true,
    description = {
        "Join a class with the class code your instructor gave you, wait in its lobby, and"
            + " play the game it pairs you into (no second code to type).",
        "",
        "After a disconnect, run the same command again: your place and your seat come back."
            + " On another laptop, ask your instructor to free your seat first",
        "(hikiwake class free NAME), then run it there."},
    footer = {"", "Example:", "  hikiwake join K7MX-Q2PA --name \"Aiko Tanaka\""})
final class JoinCommand implements Callable<Integer> {
  @ParentCommand
  private Invocation root;

  @Mixin
  private ServerOption server;

  @Parameters(index = "0", paramLabel = "CLASS", description = "The class code.")
  private String classCode;

  @Option(names = "--name", required = true, paramLabel = "NAME",
      description = "Your name, as your instructor listed it.")
  private String name;

  @Option(names = "--json",
      description = "Print one JSON object per event on standard output. Implies line mode.")
  private boolean json;

  @Override
  public Integer call() throws Exception {
    ServerAddress address = server.resolve(root);
    SeatStore tokens = SeatStore.in(SeatStore.homeDir(root.env())).classTokens();
    Optional<SeatStore.StoredSeat> kept;
    try {
      kept = tokens.find(address, classCode, Names.key(name));
    } catch (IOException e) {
      throw new CliException(ExitCode.BAD_FILE, "cannot read the class tokens in "
          + tokens.file() + ": " + e.getMessage(), e);
    }
    if (kept.isPresent()) {
      root.err().println("You joined this class before as " + name + "; coming back.");
    }
    return PlayCommand.play(root, address, PlaySession.Attach.classJoin(classCode, name,
        kept.map(SeatStore.StoredSeat::token).orElse("")), json, PlaySession.Backoff.DEFAULT,
        s -> { });
  }
}
