package org.hikiwake.engine.classroom;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.hash.HashCode;
import java.time.Instant;
import java.util.Optional;

/**
 * Everything a class's rules know: its settings, who has arrived, the games
 * it formed, its time limit and whether it is over. Immutable.
 *
 * @param code the class code students type
 * @param settings how the class is run
 * @param students every student that arrived, by {@link Names#key}, in arrival order
 * @param games every game formed, oldest first
 * @param endsAt when every game ends, if the instructor set a limit
 * @param ended when the class ended, once it has
 */
public record ClassState(
    String code,
    ClassSettings settings,
    ImmutableMap<String, Student> students,
    ImmutableList<ClassEvent.GameFormed> games,
    Optional<Instant> endsAt,
    Optional<Instant> ended) {

  /**
   * A student of the class.
   *
   * @param tokenHash SHA-256 of the student's class token; empty once freed, until they return
   * @param gameCode the student's game, once paired
   * @param role the student's role in that game
   */
  public record Student(String name, Optional<HashCode> tokenHash, Optional<String> gameCode,
      Optional<String> role) {
    public Student {
      checkNotNull(name, "name");
      checkNotNull(tokenHash, "tokenHash");
      checkNotNull(gameCode, "gameCode");
      checkNotNull(role, "role");
    }

    public boolean isWaiting() {
      return gameCode.isEmpty();
    }
  }

  public ClassState {
    checkNotNull(code, "code");
    checkNotNull(settings, "settings");
    checkNotNull(students, "students");
    checkNotNull(games, "games");
    checkNotNull(endsAt, "endsAt");
    checkNotNull(ended, "ended");
  }

  /** A class just created: nobody has arrived. */
  public static ClassState initial(String code, ClassSettings settings) {
    return new ClassState(code, settings, ImmutableMap.of(), ImmutableList.of(),
        Optional.empty(), Optional.empty());
  }

  public boolean isOver() {
    return ended.isPresent();
  }

  /** The student with this name, however it was typed. */
  public Optional<Student> student(String name) {
    return Optional.ofNullable(students.get(Names.key(name)));
  }

  /** Students without a game, in arrival order. */
  public ImmutableList<String> waiting() {
    return students.values().stream().filter(Student::isWaiting).map(Student::name)
        .collect(ImmutableList.toImmutableList());
  }

  /** The codes of every game the class formed. */
  public ImmutableList<String> gameCodes() {
    return games.stream().map(ClassEvent.GameFormed::gameCode)
        .collect(ImmutableList.toImmutableList());
  }

  /** True if the game is one of this class's. */
  public boolean hasGame(String gameCode) {
    return games.stream().anyMatch(g -> g.gameCode().equals(gameCode));
  }
}
