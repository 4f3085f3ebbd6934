package org.hikiwake.cli;

import java.util.ArrayList;
import java.util.List;
import org.hikiwake.proto.wire.NewsPlan;
import picocli.CommandLine.Option;

/**
 * The options that shape a game beyond its rounds and turn limit: news
 * rearranged so that history does not give it away, and an end nobody knows
 * in advance. Shared by {@code create} and {@code class create}.
 */
final class GameOptions {
  @Option(names = "--news-shift", defaultValue = "0", paramLabel = "N",
      description = "Move every news item N rounds later (negative: earlier).")
  int shift;

  @Option(names = "--news-drop", split = ",", paramLabel = "ID",
      description = "News items that never arrive (ids from `hikiwake scenarios analyze`).")
  List<String> drop = new ArrayList<>();

  @Option(names = "--news-shuffle",
      description = "Deal the news rounds to the items in a random order, so that nobody can"
          + " tell from history which news comes when.")
  boolean shuffle;

  @Option(names = "--end-from", defaultValue = "0", paramLabel = "ROUND",
      description = "An uncertain end: the game may end after any round from ROUND to the"
          + " last; the server draws when and tells nobody (a known last round makes the last"
          + " turn an ultimatum).")
  int endFrom;

  /** The news plan asked for, if any. */
  boolean hasNewsPlan() {
    return shift != 0 || !drop.isEmpty() || shuffle;
  }

  NewsPlan newsPlan() {
    return NewsPlan.newBuilder().setShift(shift).addAllDrop(drop).setShuffle(shuffle).build();
  }

  void check() throws CliException {
    if (endFrom < 0) {
      throw new CliException(ExitCode.USAGE, "--end-from must be a round (1 or more)");
    }
  }
}
