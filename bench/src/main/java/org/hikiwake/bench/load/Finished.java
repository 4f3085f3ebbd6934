package org.hikiwake.bench.load;

/**
 * Heap the server keeps for games that have ended.
 *
 * @param baseline used heap after GC with the server started and no games
 * @param used used heap after GC once every game ended and every client disconnected
 * @param gamesHeld games the server's lobby still holds
 */
record Finished(int games, int rounds, boolean allFinished, long baseline, long used,
    int gamesHeld) {

  double kbPerGame() {
    return (used - baseline) / 1024.0 / games;
  }

  String line() {
    return String.format("%.1f KB kept per finished game; the lobby holds %d games%s",
        kbPerGame(), gamesHeld, allFinished ? "" : "; NOT ALL FINISHED");
  }
}
