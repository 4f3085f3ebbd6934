package org.hikiwake.bench.load;

/**
 * Heap after a great many finished games, against the same server before any.
 *
 * @param games games played to their end
 * @param seconds how long playing them took
 * @param baseline used heap after GC with the server started and no games
 * @param after used heap after GC once every game ended, its players left and its grace passed
 * @param gamesHeld games the lobby still holds in memory
 * @param listed games the first page of ListGames would show (from the store)
 */
record Soak(long games, double seconds, long baseline, long after, int gamesHeld,
    long databaseBytes) {

  double bytesPerGame() {
    return (after - baseline) / (double) games;
  }

  String line() {
    return String.format("%,d games finished in %.0f s (%,.0f games/s); heap %,.1f MB before,"
        + " %,.1f MB after: %,.0f bytes per finished game; %d games left in memory;"
        + " database %,.0f MB", games, seconds, games / seconds, baseline / 1048576.0,
        after / 1048576.0, bytesPerGame(), gamesHeld, databaseBytes / 1048576.0);
  }
}
