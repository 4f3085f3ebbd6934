package org.hikiwake.server.classroom;

import com.google.common.collect.ImmutableList;
import java.time.Instant;
import java.util.Optional;
import org.hikiwake.engine.scenario.News;
import org.hikiwake.server.room.GameProgress;

/**
 * A class as its instructor sees it: who is waiting, every game's progress
 * with both sides' points, the time limit and the scenario's news. Never sent
 * to a student.
 *
 * @param phase open, running or ended
 * @param waiting students without a game, in arrival order
 * @param students every student, with their game and whether they are connected
 * @param games every game's progress, oldest first
 * @param released the news the instructor released last, from any terminal or page
 */
public record ClassBoard(
    String classCode,
    String scenarioTitle,
    Phase phase,
    ImmutableList<String> waiting,
    ImmutableList<StudentRow> students,
    ImmutableList<GameProgress> games,
    Optional<Instant> endsAt,
    ImmutableList<NewsItem> news,
    Optional<Released> released,
    Instant at) {

  /**
   * A news item of the class's scenario, with the round the class's games get
   * it in, or 0 if it never arrives by itself (dropped, or after the last round).
   */
  public record NewsItem(String id, String headline, int round) {}

  /** News the instructor released to the games at once (not on the scenario's schedule). */
  public record Released(String newsId, String headline, Instant at) {}

  /** Where a class stands. */
  public enum Phase { OPEN, RUNNING, ENDED }

  /** A student: name, game and role once paired, and whether a client of theirs is connected. */
  public record StudentRow(String name, Optional<String> gameCode, Optional<String> role,
      boolean connected) {}
}
