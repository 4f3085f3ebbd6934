package org.hikiwake.server.record;

import com.google.common.collect.ImmutableList;
import java.util.Optional;

/**
 * One page of stored games.
 *
 * @param games in listing order
 * @param next where the next page starts; empty if this is the last
 */
public record GamePage(ImmutableList<StoredGame> games, Optional<GameQuery.Position> next) {
  public static GamePage empty() {
    return new GamePage(ImmutableList.of(), Optional.empty());
  }
}
