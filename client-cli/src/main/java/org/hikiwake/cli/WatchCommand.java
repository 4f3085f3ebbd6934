package org.hikiwake.cli;

import java.io.ByteArrayInputStream;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.hikiwake.cli.net.ServerAddress;
import org.hikiwake.cli.play.LiveGame;
import org.hikiwake.cli.play.PlaySession;
import org.hikiwake.cli.play.StreamConsole;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code hikiwake watch}: streams a game's public events until it ends. */
@Command(name = "watch", mixinStandardHelpOptions = true,
    description = "Follow a game's public events, read-only, until it ends (exit 0).")
final class WatchCommand implements Callable<Integer> {
  @ParentCommand
  private Invocation root;

  @Mixin
  private ServerOption server;

  @Parameters(index = "0", paramLabel = "CODE", description = "The game's join code.")
  private String code;

  @Option(names = "--json",
      description = "Print one JSON object per event on standard output; messages go to"
          + " standard error.")
  private boolean json;

  @Override
  public Integer call() throws Exception {
    ServerAddress address = server.resolve(root);
    try (StreamConsole console = new StreamConsole(new ByteArrayInputStream(new byte[0]),
            root.out(), root.err(), json);
        PlaySession session = new PlaySession(address, console, new AtomicReference<LiveGame>(),
            Optional.empty(), PlaySession.Backoff.DEFAULT)) {
      return session.run(PlaySession.Attach.watch(code));
    }
  }
}
