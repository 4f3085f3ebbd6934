package org.hikiwake.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.hikiwake.cli.record.LoadedGame;
import org.hikiwake.cli.record.ReplayRenderer;
import org.hikiwake.engine.scenario.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code hikiwake replay}: steps through a recorded game with the points revealed. */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {"Replay a recorded game (a .hwr file from the server's data folder,"
        + " e.g. hikiwake-data/games/CODE.hwr) move by move, then show the analysis.",
        "In a terminal, press Enter for the next move; --speed plays it on its own."})
final class ReplayCommand implements Callable<Integer> {
  @ParentCommand
  private Invocation root;

  @Mixin
  private RecordingSource recording;

  @Option(names = "--as", defaultValue = "all", paramLabel = "ROLE|all",
      description = "Whose points to show with each offer: a role id, or all (default).")
  private String as;

  @Option(names = "--speed", paramLabel = "SECONDS",
      description = "Seconds to wait after each move instead of waiting for Enter (0: none).")
  private Double speed;

  @Override
  public Integer call() throws Exception {
    Path file = recording.file(root.env());
    LoadedGame game = LoadedGame.load(file);
    Set<String> shown = shown(game);
    if (speed != null && speed < 0) {
      throw new CliException(ExitCode.USAGE, "--speed must be >= 0 but was " + speed);
    }
    boolean stepByKey = speed == null && root.hasSystemStreams() && System.console() != null;
    BufferedReader keys = stepByKey
        ? new BufferedReader(new InputStreamReader(root.in(), StandardCharsets.UTF_8)) : null;
    print(ReplayRenderer.header(game));
    if (stepByKey) {
      root.out().println("(Enter: next move, q then Enter: skip to the end)");
    }
    boolean skipping = false;
    for (LoadedGame.Step step : game.steps()) {
      print(ReplayRenderer.step(game, step, shown));
      if (!skipping && ReplayRenderer.isPause(step)) {
        skipping = pause(keys);
      }
    }
    print(ReplayRenderer.ending(game));
    if (!game.isSound()) {
      throw new CliException(ExitCode.BAD_FILE, file + " is damaged: "
          + game.problem().orElse("") + "; replayed what was readable: "
          + game.readableSummary());
    }
    return ExitCode.OK;
  }

  private Set<String> shown(LoadedGame game) throws CliException {
    Set<String> roles = new LinkedHashSet<>();
    for (Role r : game.scenario().roles()) {
      roles.add(r.id());
    }
    String wanted = as.toLowerCase(Locale.ROOT);
    if (wanted.equals("all")) {
      return roles;
    }
    if (!roles.contains(wanted)) {
      throw new CliException(ExitCode.USAGE, "--as must be one of " + String.join(", ", roles)
          + " or all, but was " + as);
    }
    return Set.of(wanted);
  }

  /** Waits after a move; true if the user asked to skip to the end. */
  private boolean pause(BufferedReader keys) throws IOException, InterruptedException {
    root.out().flush();
    if (keys != null) {
      String line = keys.readLine();
      return line == null || line.strip().equalsIgnoreCase("q");
    }
    if (speed != null && speed > 0) {
      Thread.sleep((long) (speed * 1000));
    }
    return false;
  }

  private void print(List<String> lines) {
    for (String l : lines) {
      root.out().println(l);
    }
    root.out().flush();
  }
}
