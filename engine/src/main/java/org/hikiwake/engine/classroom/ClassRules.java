package org.hikiwake.engine.classroom;

import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.hash.HashCode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hikiwake.engine.game.Rejection;
import org.hikiwake.engine.game.RejectionCode;
import org.hikiwake.engine.game.Rules;

/**
 * The rules of a class, as pure functions like the game's: who may arrive
 * (the roster, one student per name), who is paired with whom
 * ({@link Pairing}), and what changes with each {@link ClassEvent}. The host
 * forms the games a {@link Pairing.Plan} asks for and records them.
 */
public final class ClassRules {
  /** The longest whole-class time limit. */
  public static final Duration MAX_TIME_LIMIT = Duration.ofHours(12);

  private ClassRules() {}

  /** What a student's arrival does: the event to record, or why they may not arrive. */
  public sealed interface Arrival {
    /** They may arrive; record this event. */
    record Admitted(ClassEvent event, String name) implements Arrival {}

    /** They may not. */
    record Refused(Rejection rejection) implements Arrival {}
  }

  /**
   * Decides whether a student may arrive under the name they typed.
   *
   * @param tokenHash SHA-256 of the fresh token the host will give them
   */
  public static Arrival arrive(ClassState s, String typedName, HashCode tokenHash) {
    if (s.isOver()) {
      return refuse(RejectionCode.CLASS_OVER, "This class is over; ask your instructor.");
    }
    String name = typedName.strip().replaceAll("\\s+", " ");
    Optional<Rejection> nameProblem = Rules.nameProblem(name);
    if (nameProblem.isPresent()) {
      return new Arrival.Refused(nameProblem.get());
    }
    if (s.settings().roster().isPresent()) {
      Roster roster = s.settings().roster().get();
      Optional<String> onRoster = roster.find(name);
      if (onRoster.isEmpty()) {
        List<String> near = Names.nearest(name, roster.names());
        return refuse(RejectionCode.NOT_ON_ROSTER, "'" + name + "' is not on this class's"
            + " roster." + (near.isEmpty() ? " Type your name as your instructor listed it."
                : " Did you mean " + String.join(" or ", near.stream().map(n -> "'" + n + "'")
                    .toList()) + "?"));
      }
      name = onRoster.get();
    }
    Optional<ClassState.Student> known = s.student(name);
    if (known.isPresent()) {
      if (known.get().tokenHash().isEmpty()) {
        return new Arrival.Admitted(new ClassEvent.StudentReadmitted(known.get().name(),
            tokenHash), known.get().name());
      }
      return refuse(RejectionCode.DUPLICATE_NAME, "A student named '" + known.get().name()
          + "' is already in this class." + (s.settings().roster().isPresent() ? ""
              : " If you are someone else, join with a name that tells you apart (for"
                  + " example with your surname's initial).")
          + " If it is you on another laptop, rejoin on that laptop, or ask your instructor"
          + " to free your seat (hikiwake class free) and then join here.");
    }
    return new Arrival.Admitted(new ClassEvent.StudentArrived(name, tokenHash), name);
  }

  /**
   * The students who may be paired now: those never paired, and those whose
   * game has ended, in arrival order.
   *
   * @param ended which of the class's games have ended (the host knows)
   */
  public static List<String> free(ClassState s, java.util.function.Predicate<String> ended) {
    return s.students().values().stream()
        .filter(st -> st.gameCode().isEmpty() || ended.test(st.gameCode().get()))
        .map(ClassState.Student::name).toList();
  }

  /**
   * The games the instructor's start forms from the students free now.
   *
   * @param free the students to pair: never paired, or their game has ended,
   *     in arrival order (the host knows which games have ended and who is here)
   * @param round how many times the class has been paired before
   */
  public static Pairing.Plan plan(ClassState s, List<String> free, int round) {
    return Pairing.of(free, s.settings().roster(), s.settings().pairingSeed(), round,
        s.settings().oddStudentBot());
  }

  /**
   * Why the class cannot be started now, if it cannot.
   *
   * @param free the students who could be paired now (see {@link #plan})
   */
  public static Optional<Rejection> startProblem(ClassState s, List<String> free) {
    if (s.isOver()) {
      return Optional.of(Rejection.of(RejectionCode.CLASS_OVER, "This class is over."));
    }
    if (free.isEmpty()) {
      return Optional.of(Rejection.of(RejectionCode.NOBODY_WAITING, s.students().isEmpty()
          ? "No student has joined yet: give them the class code first."
          : "Every student here is in a game that has not ended."));
    }
    if (free.size() == 1 && s.settings().oddStudentBot().isEmpty()) {
      return Optional.of(Rejection.of(RejectionCode.NOBODY_WAITING, "Only " + free.get(0)
          + " is free, and this class plays no bot against an odd student: wait for another"
          + " student, or pair them by hand (hikiwake class pair \"" + free.get(0)
          + "\" bot:medium, or with a student whose game has ended)."));
    }
    return Optional.empty();
  }

  /** Why a student cannot be freed, if they cannot. */
  public static Optional<Rejection> freeProblem(ClassState s, String name) {
    if (s.isOver()) {
      return Optional.of(Rejection.of(RejectionCode.CLASS_OVER, "This class is over."));
    }
    if (s.student(name).isEmpty()) {
      List<String> near = Names.nearest(name, s.students().values().stream()
          .map(ClassState.Student::name).toList());
      return Optional.of(Rejection.of(RejectionCode.UNKNOWN_STUDENT, "No student named '"
          + name + "' has joined this class." + (near.isEmpty() ? ""
              : " Did you mean " + String.join(" or ", near.stream()
                  .map(n -> "'" + n + "'").toList()) + "?")));
    }
    return Optional.empty();
  }

  /** Why a time limit cannot be set, if it cannot. */
  public static Optional<Rejection> limitProblem(ClassState s, Duration limit) {
    if (s.isOver()) {
      return Optional.of(Rejection.of(RejectionCode.CLASS_OVER, "This class is over."));
    }
    if (limit.isNegative() || limit.isZero() || limit.compareTo(MAX_TIME_LIMIT) > 0) {
      return Optional.of(Rejection.of(RejectionCode.BAD_EXTENSION,
          "A class time limit is between a minute and 12 hours."));
    }
    return Optional.empty();
  }

  /** Why a control cannot be used, if it cannot. */
  public static Optional<Rejection> controlProblem(ClassState s, List<String> targets) {
    if (s.isOver()) {
      return Optional.of(Rejection.of(RejectionCode.CLASS_OVER, "This class is over."));
    }
    if (s.games().isEmpty()) {
      return Optional.of(Rejection.of(RejectionCode.NO_GAMES_YET,
          "The class has no games yet: start it first (hikiwake class start)."));
    }
    for (String t : targets) {
      if (!s.hasGame(t)) {
        return Optional.of(Rejection.of(RejectionCode.UNKNOWN_GAME_OF_CLASS, "Game '" + t
            + "' is not one of this class's games."));
      }
    }
    return Optional.empty();
  }

  /** The class after one event. */
  public static ClassState apply(ClassState s, ClassEvent event) {
    if (event instanceof ClassEvent.StudentArrived a) {
      checkState(s.student(a.name()).isEmpty(), "%s has already arrived", a.name());
      Map<String, ClassState.Student> students = new LinkedHashMap<>(s.students());
      students.put(Names.key(a.name()), new ClassState.Student(a.name(),
          Optional.of(a.tokenHash()), Optional.empty(), Optional.empty()));
      return with(s, students, s.games());
    } else if (event instanceof ClassEvent.StudentFreed f) {
      ClassState.Student st = s.student(f.name()).orElseThrow(
          () -> new IllegalStateException("no student " + f.name()));
      return withStudent(s, new ClassState.Student(st.name(), Optional.empty(), st.gameCode(),
          st.role()));
    } else if (event instanceof ClassEvent.StudentReadmitted r) {
      ClassState.Student st = s.student(r.name()).orElseThrow(
          () -> new IllegalStateException("no student " + r.name()));
      return withStudent(s, new ClassState.Student(st.name(), Optional.of(r.tokenHash()),
          st.gameCode(), st.role()));
    } else if (event instanceof ClassEvent.GameFormed g) {
      Map<String, ClassState.Student> students = new LinkedHashMap<>(s.students());
      g.players().forEach((role, player) -> {
        if (player instanceof Player.Student p) {
          ClassState.Student st = students.get(Names.key(p.name()));
          checkState(st != null, "no student %s", p.name());
          students.put(Names.key(p.name()), new ClassState.Student(st.name(), st.tokenHash(),
              Optional.of(g.gameCode()), Optional.of(role)));
        }
      });
      return with(s, students, ImmutableList.<ClassEvent.GameFormed>builder().addAll(s.games())
          .add(g).build());
    } else if (event instanceof ClassEvent.ControlUsed) {
      return s;
    } else if (event instanceof ClassEvent.TimeLimitSet t) {
      return new ClassState(s.code(), s.settings(), s.students(), s.games(),
          Optional.of(t.endsAt()), s.ended());
    } else if (event instanceof ClassEvent.ClassEnded e) {
      return new ClassState(s.code(), s.settings(), s.students(), s.games(), s.endsAt(),
          Optional.of(e.at()));
    }
    throw new AssertionError(event);
  }

  /** Applies events in order. */
  public static ClassState applyAll(ClassState s, Iterable<? extends ClassEvent> events) {
    ClassState out = s;
    for (ClassEvent e : events) {
      out = apply(out, e);
    }
    return out;
  }

  private static ClassState withStudent(ClassState s, ClassState.Student student) {
    Map<String, ClassState.Student> students = new LinkedHashMap<>(s.students());
    students.put(Names.key(student.name()), student);
    return with(s, students, s.games());
  }

  private static ClassState with(ClassState s, Map<String, ClassState.Student> students,
      ImmutableList<ClassEvent.GameFormed> games) {
    return new ClassState(s.code(), s.settings(), ImmutableMap.copyOf(students), games,
        s.endsAt(), s.ended());
  }

  private static Arrival refuse(RejectionCode code, String message) {
    return new Arrival.Refused(Rejection.of(code, message));
  }

  /**
   * The first round after which a class's games may end when the instructor
   * asked for neither an uncertain end nor a known one: two rounds before the
   * last, for classes of 4 rounds or more (6 rounds: after round 4, 5 or 6);
   * 0 (a known end) for shorter ones, which have no room to hide the end in.
   * With a known end the last turn is an ultimatum, and waiting for it pays;
   * {@code bench}'s EndRuleBenchmark measures what the uncertain end changes.
   */
  public static int defaultEndEarliest(int rounds) {
    return rounds >= 4 ? rounds - 2 : 0;
  }
}
