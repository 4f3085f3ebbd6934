package org.hikiwake.codec.recording;

import java.time.Instant;
import org.hikiwake.codec.EventCodec;
import org.hikiwake.codec.Versions;
import org.hikiwake.engine.game.GameSettings;
import org.hikiwake.engine.scenario.Scenario;
import org.hikiwake.engine.scenario.ScenarioLoader;
import org.hikiwake.proto.recording.RecordingHeader;

/** Builds the first frame of a recording: everything a replay needs, years later. */
public final class RecordingHeaders {
  private RecordingHeaders() {}

  /** The header of a new game's recording, in the format this build writes. */
  public static RecordingHeader of(String gameCode, Instant createdAt, Scenario scenario,
      GameSettings settings) {
    return of(gameCode, java.util.Optional.empty(), createdAt, scenario, settings);
  }

  /** The header of a new game's recording, of a class if {@code classCode} is present. */
  public static RecordingHeader of(String gameCode, java.util.Optional<String> classCode,
      Instant createdAt, Scenario scenario, GameSettings settings) {
    return RecordingHeader.newBuilder()
        .setClassCode(classCode.orElse(""))
        .setFormatVersion(Versions.RECORDING_FORMAT)
        .setGameCode(gameCode)
        .setCreatedAtMillis(createdAt.toEpochMilli())
        .setServerVersion(Versions.serverName())
        .setScenario(ScenarioLoader.toProto(scenario))
        .setSettings(EventCodec.toProto(settings))
        .build();
  }
}
