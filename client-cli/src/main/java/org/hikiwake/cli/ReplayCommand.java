package org.hikiwake.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.hikiwake.cli.record.ReplayText;
import org.hikiwake.cli.record.ViewedReplay;
import org.hikiwake.codec.recording.ReplayedRecording;
import org.hikiwake.engine.scenario.Role;
import org.hikiwake.engine.view.Viewer;
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
      description = "Whose view to replay: a role id (the game as that side saw it), or all"
          + " (default: both sides' points throughout).")
  private String as;

  @Option(names = "--speed", paramLabel = "SECONDS",
      description = "Seconds to wait after each move instead of waiting for Enter (0: none).")
  private Double speed;

  @Override
  public Integer call() throws Exception {
    ReplayedRecording game = recording.replayed(root);
    ViewedReplay replay = ViewedReplay.of(game, viewer(game));
    if (speed != null && speed < 0) {
      throw new CliException(ExitCode.USAGE, "--speed must be >= 0 but was " + speed);
    }
    boolean stepByKey = speed == null && root.hasSystemStreams() && System.console() != null;
    BufferedReader keys = stepByKey
        ? new BufferedReader(new InputStreamReader(root.in(), StandardCharsets.UTF_8)) : null;
    print(ReplayText.header(replay));
    if (stepByKey) {
      root.out().println("(Enter: next move, q then Enter: skip to the end)");
    }
    boolean skipping = false;
    for (ViewedReplay.Step step : replay.steps()) {
      print(ReplayText.step(replay, step));
      if (!skipping && ReplayText.isPause(step)) {
        skipping = pause(keys);
      }
    }
    print(ReplayText.ending(replay));
    if (!game.isSound()) {
      throw new CliException(ExitCode.BAD_FILE, recording.name() + " is damaged: "
          + game.problem().orElse("") + "; replayed what was readable: "
          + game.readableSummary());
    }
    return ExitCode.OK;
  }

  /** Whose view the replay shows: one role's, as its player saw it, or everyone's. */
  private Viewer viewer(ReplayedRecording game) throws CliException {
    List<String> roles = new ArrayList<>();
    for (Role r : game.scenario().roles()) {
      roles.add(r.id());
    }
    String wanted = as.toLowerCase(Locale.ROOT);
    if (wanted.equals("all")) {
      return Viewer.umpire();
    }
    if (!roles.contains(wanted)) {
      throw new CliException(ExitCode.USAGE, "--as must be one of " + String.join(", ", roles)
          + " or all, but was " + as);
    }
    return Viewer.player(wanted);
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
