package org.hikiwake.server.record;

import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Instant;
import org.hikiwake.engine.game.GameSettings;
import org.hikiwake.engine.scenario.Scenario;

/**
 * What a new game's recording starts with: its code, when it was created,
 * the whole scenario and the settings, so the recording replays on its own.
 */
public record GameHeader(String gameCode, Instant createdAt, Scenario scenario,
    GameSettings settings) {
  public GameHeader {
    checkNotNull(gameCode, "gameCode");
    checkNotNull(createdAt, "createdAt");
    checkNotNull(scenario, "scenario");
    checkNotNull(settings, "settings");
  }
}
