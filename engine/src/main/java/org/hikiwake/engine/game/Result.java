package org.hikiwake.engine.game;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableMap;
import java.util.Optional;
import org.hikiwake.engine.scenario.Package;

/**
 * The end of a game: how it ended, the agreed package (only for an agreement),
 * each role's score, and the role that ended it (the acceptor or the one who
 * walked away; empty at the deadline).
 */
public record Result(
    Outcome outcome,
    Optional<Package> agreed,
    ImmutableMap<String, Integer> scores,
    Optional<String> endedBy) {
  public Result {
    checkNotNull(outcome, "outcome");
    checkArgument(agreed.isPresent() == (outcome == Outcome.AGREEMENT),
        "an agreed package goes with, and only with, an agreement");
    checkArgument(scores.size() == 2, "two scores expected but got %s", scores);
  }
}
