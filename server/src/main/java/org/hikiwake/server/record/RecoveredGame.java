package org.hikiwake.server.record;

import com.google.common.collect.ImmutableList;
import java.time.Instant;
import java.util.Optional;
import org.hikiwake.engine.replay.Replay;

/**
 * A game found in the data folder at start-up, replayed through the rules.
 *
 * @param source where it was found, for logs (e.g. its file)
 * @param gameCode its join code
 * @param createdAt when it was created
 * @param replay its events folded from the scenario and settings of its header
 * @param damage why it cannot be played on (a corrupt record in the middle, a
 *     record that breaks the rules): empty if it is sound
 * @param log where to append further events: present only for a sound, unfinished game
 * @param requests the idempotency keys kept with its latest requests, oldest first
 * @param classCode the class it belongs to, if any
 */
public record RecoveredGame(
    String source,
    String gameCode,
    Instant createdAt,
    Replay replay,
    Optional<String> damage,
    Optional<GameLog> log,
    ImmutableList<RequestKey> requests,
    Optional<String> classCode) {

  /** A game with no kept requests and no class, as the file store found them. */
  public RecoveredGame(String source, String gameCode, Instant createdAt, Replay replay,
      Optional<String> damage, Optional<GameLog> log) {
    this(source, gameCode, createdAt, replay, damage, log, ImmutableList.of(), Optional.empty());
  }
}
