package org.hikiwake.cli.record;

import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hikiwake.cli.CliException;
import org.hikiwake.cli.ExitCode;
import org.hikiwake.engine.game.Event;
import org.hikiwake.engine.game.GameSettings;
import org.hikiwake.engine.game.GameState;
import org.hikiwake.engine.game.Rules;
import org.hikiwake.engine.scenario.Scenario;
import org.hikiwake.engine.scenario.ScenarioException;
import org.hikiwake.engine.scenario.ScenarioLoader;
import org.hikiwake.proto.recording.RecordingEntry;
import org.hikiwake.proto.recording.RecordingHeader;
import org.hikiwake.codec.EventCodec;
import org.hikiwake.codec.recording.Recording;
import org.hikiwake.codec.recording.RecordingReader;

/**
 * A recording file read and replayed through the rules: the header's scenario
 * and settings, and every readable record with the game state after it.
 *
 * @param problem why reading stopped before the end of the file, for people; empty if sound
 */
public record LoadedGame(
    Path file,
    RecordingHeader header,
    Scenario scenario,
    GameSettings settings,
    ImmutableList<Step> steps,
    GameState initial,
    Optional<String> problem,
    long goodBytes,
    long totalBytes) {

  /**
   * One record and the state after it.
   *
   * @param event the rules' event, if the record is one (seat records are not)
   */
  public record Step(RecordingEntry record, Optional<Event> event, GameState before, GameState after) {}

  /** The state after the last readable record. */
  public GameState last() {
    return steps.isEmpty() ? initial : steps.get(steps.size() - 1).after();
  }

  public boolean isSound() {
    return problem.isEmpty();
  }

  /** What was readable, for messages: e.g. {@code 14 records (2,310 of 2,400 bytes)}. */
  public String readableSummary() {
    return steps.size() + " records (" + goodBytes + " of " + totalBytes + " bytes)";
  }

  /**
   * Reads and replays a recording file. A file damaged part-way is loaded up
   * to the damage, with {@link #problem} saying what is wrong.
   *
   * @throws CliException with {@link ExitCode#BAD_FILE} if nothing can be replayed
   */
  public static LoadedGame load(Path file) throws CliException {
    Recording recording;
    try {
      if (Files.isDirectory(file)) {
        throw new CliException(ExitCode.BAD_FILE, file + " is a folder, not a recording");
      }
      recording = RecordingReader.read(file);
    } catch (NoSuchFileException e) {
      throw new CliException(ExitCode.BAD_FILE, file + ": no such file", e);
    } catch (IOException e) {
      throw new CliException(ExitCode.BAD_FILE, "cannot read " + file + ": " + e.getMessage(),
          e);
    }
    if (!recording.hasHeader()) {
      throw new CliException(ExitCode.BAD_FILE, file + " is not a readable recording: "
          + recording.problem().map(Object::toString).orElse("no header")
          + " (nothing readable: 0 of " + recording.totalBytes() + " bytes)");
    }
    RecordingHeader header = recording.header();
    Scenario scenario;
    try {
      scenario = ScenarioLoader.fromProto(header.getScenario(), file + " (header)");
    } catch (ScenarioException e) {
      throw new CliException(ExitCode.BAD_FILE, file + ": the scenario in its header is invalid: "
          + String.join("; ", e.problems()), e);
    }
    GameSettings settings;
    try {
      settings = EventCodec.fromProto(header.getSettings());
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCode.BAD_FILE, file + ": bad game settings in its header: "
          + e.getMessage(), e);
    }
    GameState initial = GameState.initial(scenario, settings);
    GameState state = initial;
    List<Step> steps = new ArrayList<>();
    Optional<String> problem = recording.problem().map(Object::toString);
    for (RecordingEntry r : recording.records()) {
      Optional<Event> event = Optional.empty();
      GameState before = state;
      if (r.hasEvent()) {
        try {
          Event e = EventCodec.fromProto(r.getEvent());
          state = Rules.apply(state, e);
          event = Optional.of(e);
        } catch (IllegalArgumentException | IllegalStateException e) {
          problem = Optional.of("record " + r.getSeq() + " does not follow the rules ("
              + e.getMessage() + "); the replay stops before it");
          break;
        }
      }
      steps.add(new Step(r, event, before, state));
    }
    return new LoadedGame(file, header, scenario, settings, ImmutableList.copyOf(steps),
        initial, problem, recording.goodBytes(), recording.totalBytes());
  }
}
