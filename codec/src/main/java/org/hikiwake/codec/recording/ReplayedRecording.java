package org.hikiwake.codec.recording;

import com.google.common.collect.ImmutableList;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hikiwake.codec.EventCodec;
import org.hikiwake.engine.game.GameSettings;
import org.hikiwake.engine.game.GameState;
import org.hikiwake.engine.replay.Recorded;
import org.hikiwake.engine.replay.Replay;
import org.hikiwake.engine.scenario.Scenario;
import org.hikiwake.engine.scenario.ScenarioException;
import org.hikiwake.engine.scenario.ScenarioLoader;
import org.hikiwake.proto.recording.RecordingEntry;
import org.hikiwake.proto.recording.RecordingHeader;

/**
 * A recording read and replayed through the engine's one fold: the header's
 * scenario and settings, and the replay of every readable record. A recording
 * damaged part-way replays up to the damage, and {@link #problem} says what is
 * wrong, for people.
 *
 * @param recording what was read from the bytes
 * @param scenario the scenario from the header, validated
 * @param settings the settings from the header
 * @param replay the fold over every record that could be decoded and applied
 * @param problem why the replay stops before the end of the file; empty if it does not
 */
public record ReplayedRecording(
    Recording recording,
    Scenario scenario,
    GameSettings settings,
    Replay replay,
    Optional<String> problem) {

  public RecordingHeader header() {
    return recording.header();
  }

  public String gameCode() {
    return recording.header().getGameCode();
  }

  public Instant createdAt() {
    return Instant.ofEpochMilli(recording.header().getCreatedAtMillis());
  }

  /** The state after the last record that applied. */
  public GameState last() {
    return replay.last();
  }

  public boolean isSound() {
    return problem.isEmpty();
  }

  /** What was readable, for messages: e.g. {@code 14 records (2,310 of 2,400 bytes)}. */
  public String readableSummary() {
    return String.format(java.util.Locale.ROOT, "%d records (%,d of %,d bytes)",
        replay.steps().size(), recording.goodBytes(), recording.totalBytes());
  }

  /**
   * Replays what was read.
   *
   * @param source names the recording in messages, e.g. its file
   * @throws RecordingException if nothing can be replayed
   */
  public static ReplayedRecording of(Recording recording, String source)
      throws RecordingException {
    if (!recording.hasHeader()) {
      throw new RecordingException(source + " is not a readable recording: "
          + recording.problem().map(Object::toString).orElse("no header"));
    }
    RecordingHeader header = recording.header();
    Scenario scenario;
    try {
      scenario = ScenarioLoader.fromProto(header.getScenario(), source + " (header)");
    } catch (ScenarioException e) {
      throw new RecordingException(source + ": the scenario in its header is invalid: "
          + String.join("; ", e.problems()), e);
    }
    GameSettings settings;
    try {
      settings = EventCodec.fromProto(header.getSettings());
    } catch (IllegalArgumentException e) {
      throw new RecordingException(source + ": bad game settings in its header: "
          + e.getMessage(), e);
    }
    Optional<String> problem = recording.problem().map(Object::toString);
    List<Recorded> events = new ArrayList<>(recording.records().size());
    for (RecordingEntry entry : recording.records()) {
      try {
        events.add(EventCodec.fromEntry(entry));
      } catch (IllegalArgumentException e) {
        problem = Optional.of("record " + Long.toUnsignedString(entry.getSeq())
            + " cannot be decoded (" + e.getMessage() + "); the replay stops before it");
        break;
      }
    }
    Replay replay = Replay.of(GameState.initial(scenario, settings), ImmutableList.copyOf(events));
    if (replay.problem().isPresent()) {
      problem = Optional.of(replay.problem().get() + "; the replay stops before it");
    }
    return new ReplayedRecording(recording, scenario, settings, replay, problem);
  }
}
