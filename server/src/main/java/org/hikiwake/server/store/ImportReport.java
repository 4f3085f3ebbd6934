package org.hikiwake.server.store;

import com.google.common.collect.ImmutableList;
import java.util.Locale;

/**
 * What opening the store did with wave-1 recordings found in {@code games/}.
 *
 * @param unfinished imported games that resume
 * @param finished imported games that had ended
 * @param damaged imported games whose recording is damaged part-way: what was
 *     readable is kept, and the game is marked damaged
 * @param skipped files left out, each with why (no readable header, a code already stored)
 * @param alreadyImported files imported by an earlier start, not read again
 */
public record ImportReport(int unfinished, int finished, int damaged,
    ImmutableList<String> skipped, int alreadyImported) {

  static ImportReport none() {
    return new ImportReport(0, 0, 0, ImmutableList.of(), 0);
  }

  public int imported() {
    return unfinished + finished + damaged;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "imported %d wave-1 recordings (%d unfinished, %d finished,"
        + " %d damaged), skipped %d, %d imported before", imported(), unfinished, finished,
        damaged, skipped.size(), alreadyImported);
  }
}
