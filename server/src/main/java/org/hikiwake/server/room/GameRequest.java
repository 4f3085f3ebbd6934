package org.hikiwake.server.room;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What someone asks a new game (or every game of a class) to be.
 *
 * @param rounds 0 for the scenario's own
 * @param turnLimit empty for untimed turns
 * @param dropNews news items that never arrive
 * @param shiftNews rounds to move every news item by
 * @param shuffleNews deal the news rounds to the items in a random order
 * @param endEarliest for an uncertain end, the first round after which the game may end;
 *     0 for a known end
 */
public record GameRequest(String scenarioId, int rounds, Optional<Duration> turnLimit,
    ImmutableList<String> dropNews, int shiftNews, boolean shuffleNews, int endEarliest) {
  public GameRequest {
    checkNotNull(scenarioId, "scenarioId");
    checkNotNull(turnLimit, "turnLimit");
    checkNotNull(dropNews, "dropNews");
  }

  /** A game with the scenario's news and a known end. */
  public static GameRequest of(String scenarioId, int rounds, Optional<Duration> turnLimit) {
    return new GameRequest(scenarioId, rounds, turnLimit, ImmutableList.of(), 0, false, 0);
  }

  public GameRequest withNews(List<String> drop, int shift, boolean shuffle) {
    return new GameRequest(scenarioId, rounds, turnLimit, ImmutableList.copyOf(drop), shift,
        shuffle, endEarliest);
  }

  public GameRequest withUncertainEnd(int earliest) {
    return new GameRequest(scenarioId, rounds, turnLimit, dropNews, shiftNews, shuffleNews,
        earliest);
  }
}
