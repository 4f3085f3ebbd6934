package org.hikiwake.server.record;

import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Instant;
import java.util.Optional;
import org.hikiwake.engine.game.GameSettings;
import org.hikiwake.engine.scenario.Scenario;

/**
 * What a new game's recording starts with: its code (and its class's, if it
 * belongs to one), when it was created, the whole scenario and the settings,
 * so the recording replays on its own.
 */
public record GameHeader(String gameCode, Optional<String> classCode, Instant createdAt,
    Scenario scenario, GameSettings settings) {
  public GameHeader(String gameCode, Instant createdAt, Scenario scenario,
      GameSettings settings) {
    this(gameCode, Optional.empty(), createdAt, scenario, settings);
  }

  public GameHeader {
    checkNotNull(gameCode, "gameCode");
    checkNotNull(classCode, "classCode");
    checkNotNull(createdAt, "createdAt");
    checkNotNull(scenario, "scenario");
    checkNotNull(settings, "settings");
  }
}
