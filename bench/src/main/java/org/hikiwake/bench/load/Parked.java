package org.hikiwake.bench.load;

/**
 * Heap held by unfinished, idle games.
 *
 * @param baseline used heap after GC with the server started and no games
 * @param withClients used heap after GC with every game parked and both its connections open
 *     (both ends of each connection are in this JVM)
 * @param serverOnly used heap after GC once every client has disconnected: the games' state
 *     alone, as the server keeps unfinished games for their players to resume
 * @param restartWarm restart timing in this JVM, or null
 * @param restartCold restart timing in a new JVM, or null
 * @param restartsServed restart timings of {@code java -jar hikiwake.jar serve} in a new JVM
 *     (the launcher's jar: without, then with its class-data-sharing archive), if built
 */
record Parked(boolean durable, int games, int offers, boolean allParked, int connections,
    long baseline, long withClients, long serverOnly, int gamesHeld, Restart restartWarm,
    Restart restartCold, java.util.List<Restart> restartsServed) {

  double kbPerGame() {
    return (serverOnly - baseline) / 1024.0 / games;
  }

  double kbPerGameWithClients() {
    return (withClients - baseline) / 1024.0 / games;
  }

  String line() {
    return String.format("%.1f KB per idle game (server state, clients gone); %.1f KB per game"
        + " with both connections open (both ends, clients in-process); %d connections held,"
        + " %d games held%s", kbPerGame(), kbPerGameWithClients(), connections, gamesHeld,
        allParked ? "" : "; NOT ALL PARKED");
  }
}
