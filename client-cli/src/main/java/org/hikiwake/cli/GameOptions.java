package org.hikiwake.cli;

import java.util.ArrayList;
import java.util.List;
import org.hikiwake.engine.game.GameSettings;
import org.hikiwake.proto.wire.NewsPlan;
import picocli.CommandLine.Option;

/**
 * The options that shape a game: its rounds and turn limit, news rearranged
 * so that history does not give it away, and an end nobody knows in advance.
 * Shared by {@code create} and {@code class create}, which refuse settings
 * that make no game rather than quietly choose a default.
 */
final class GameOptions {
  /** The shortest turn limit a person can use: time to read an offer and type a reply. */
  static final int MIN_TURN_SECONDS = 10;

  @Option(names = "--rounds", paramLabel = "N",
      description = "Rounds per game, 1 to " + GameSettings.MAX_ROUNDS
          + " (default: the scenario's own).")
  Integer rounds;

  @Option(names = "--turn-seconds", paramLabel = "S",
      description = "Time limit of each turn in seconds, at least " + MIN_TURN_SECONDS
          + " (default: untimed).")
  Integer turnSeconds;

  /** For tests that need turns to run out quickly; no person can play at this speed. */
  @Option(names = "--turn-limit-ms", hidden = true)
  Long turnLimitMillis;

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

  /** The rounds to ask the server for; 0 for the scenario's own. */
  int rounds() {
    return rounds == null ? 0 : rounds;
  }

  /** The turn limit to ask the server for; 0 for untimed turns. */
  long turnLimitMillis() {
    if (turnLimitMillis != null) {
      return turnLimitMillis;
    }
    return turnSeconds == null ? 0 : turnSeconds * 1000L;
  }

  void check() throws CliException {
    if (rounds != null && (rounds < 1 || rounds > GameSettings.MAX_ROUNDS)) {
      throw new CliException(ExitCode.USAGE, "--rounds must be from 1 to "
          + GameSettings.MAX_ROUNDS + " but was " + rounds + "; leave it out for the"
          + " scenario's own number of rounds");
    }
    if (turnSeconds != null && turnSeconds < MIN_TURN_SECONDS) {
      throw new CliException(ExitCode.USAGE, "--turn-seconds must be at least "
          + MIN_TURN_SECONDS + " (a turn needs time to read and type); leave it out for"
          + " untimed turns");
    }
    if (turnLimitMillis != null && turnLimitMillis < 1) {
      throw new CliException(ExitCode.USAGE, "--turn-limit-ms must be positive");
    }
    if (endFrom < 0) {
      throw new CliException(ExitCode.USAGE, "--end-from must be a round (1 or more)");
    }
    if (endFrom > 0 && rounds != null && endFrom > rounds) {
      throw new CliException(ExitCode.USAGE, "--end-from " + endFrom + " is after the last"
          + " round (--rounds " + rounds + ")");
    }
  }
}
