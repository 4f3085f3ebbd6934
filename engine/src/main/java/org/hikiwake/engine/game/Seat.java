package org.hikiwake.engine.game;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.hash.HashCode;
import java.util.Optional;

/**
 * A taken seat: the name shown to the other side, whether a bot holds it, and
 * the hash of the secret token that lets its holder resume it. The token
 * itself is never kept.
 *
 * @param displayName the player's name as shown to others
 * @param bot the bot's level (for example "medium") if a bot holds the seat
 * @param tokenHash SHA-256 of the seat token's bytes
 */
public record Seat(String displayName, Optional<String> bot, HashCode tokenHash) {
  public Seat {
    checkNotNull(displayName, "displayName");
    checkNotNull(bot, "bot");
    checkNotNull(tokenHash, "tokenHash");
  }

  /** True if a bot holds this seat. */
  public boolean isBot() {
    return bot.isPresent();
  }
}
