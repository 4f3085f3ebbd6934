package org.hikiwake.server.record;

import java.time.Instant;
import java.util.Optional;
import org.hikiwake.engine.replay.Replay;

/**
 * A game found in the data folder at start-up, replayed through the rules.
 *
 * @param source where it was found, for logs (e.g. its file)
 * @param gameCode its join code
 * @param classCode the class it belongs to, if any
 * @param createdAt when it was created
 * @param replay its events folded from the scenario and settings of its header
 * @param damage why it cannot be played on (a corrupt record in the middle, a
 *     record that breaks the rules): empty if it is sound
 * @param log where to append further events: present only for a sound, unfinished game
 */
public record RecoveredGame(
    String source,
    String gameCode,
    Optional<String> classCode,
    Instant createdAt,
    Replay replay,
    Optional<String> damage,
    Optional<GameLog> log) {}
