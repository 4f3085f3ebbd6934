package org.hikiwake.engine.classroom;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableMap;
import com.google.common.hash.HashCode;
import java.util.List;
import java.util.Optional;
import org.hikiwake.engine.game.RejectionCode;
import org.junit.jupiter.api.Test;

class ClassRulesTest {
  private static final HashCode T1 = HashCode.fromString("01010101");
  private static final HashCode T2 = HashCode.fromString("02020202");
  private static final HashCode T3 = HashCode.fromString("03030303");

  private static ClassState open(Optional<Roster> roster) {
    return ClassState.initial("CLASS-1", new ClassSettings("japan-russia-2013", 6,
        Optional.empty(), 42, roster, Optional.empty()));
  }

  private static ClassState arrive(ClassState s, String name, HashCode token) {
    ClassRules.Arrival a = ClassRules.arrive(s, name, token);
    assertThat(a).as("%s", a).isInstanceOf(ClassRules.Arrival.Admitted.class);
    return ClassRules.apply(s, ((ClassRules.Arrival.Admitted) a).event());
  }

  private static RejectionCode refusal(ClassState s, String name) {
    ClassRules.Arrival a = ClassRules.arrive(s, name, T2);
    assertThat(a).isInstanceOf(ClassRules.Arrival.Refused.class);
    return ((ClassRules.Arrival.Refused) a).rejection().code();
  }

  @Test
  void arrive_nameOnRosterTypedLoosely_isAdmittedUnderTheRostersSpelling() throws Exception {
    ClassState s = arrive(open(Optional.of(Roster.parse("Zoë O'Neil\nBoris\n", "r"))),
        "  zoe  o'neil ", T1);

    assertThat(s.waiting()).containsExactly("Zoë O'Neil");
  }

  @Test
  void arrive_nameNotOnRoster_isRefusedWithTheNearestNames() throws Exception {
    ClassState s = open(Optional.of(Roster.parse("Aiko Tanaka\nBoris Ivanov\n", "r")));

    ClassRules.Arrival a = ClassRules.arrive(s, "Aiko Tanka", T1);

    assertThat(((ClassRules.Arrival.Refused) a).rejection().message())
        .contains("not on this class's roster").contains("Did you mean 'Aiko Tanaka'");
    assertThat(refusal(s, "Aiko Tanka")).isEqualTo(RejectionCode.NOT_ON_ROSTER);
  }

  @Test
  void arrive_sameNameTwice_isDuplicateUntilTheInstructorFreesIt() {
    ClassState s = arrive(open(Optional.empty()), "Aiko", T1);

    assertThat(refusal(s, "AIKO")).isEqualTo(RejectionCode.DUPLICATE_NAME);

    s = ClassRules.apply(s, new ClassEvent.StudentFreed("Aiko"));
    ClassRules.Arrival back = ClassRules.arrive(s, "aiko", T2);
    assertThat(back).isEqualTo(new ClassRules.Arrival.Admitted(
        new ClassEvent.StudentReadmitted("Aiko", T2), "Aiko"));
    s = ClassRules.apply(s, ((ClassRules.Arrival.Admitted) back).event());
    assertThat(s.student("Aiko").orElseThrow().tokenHash()).contains(T2);
  }

  @Test
  void arrive_badName_isInvalidText() {
    assertThat(refusal(open(Optional.empty()), "<b>")).isEqualTo(RejectionCode.INVALID_TEXT);
  }

  @Test
  void startProblem_nobodyOrOnlyPlayingStudents_isNobodyWaiting_andAnEndedGameFreesThem() {
    ClassState s = open(Optional.empty());
    assertThat(ClassRules.startProblem(s, ClassRules.free(s, g -> false))).hasValueSatisfying(r ->
        assertThat(r.code()).isEqualTo(RejectionCode.NOBODY_WAITING));

    s = arrive(arrive(s, "Aiko", T1), "Boris", T2);
    assertThat(ClassRules.startProblem(s, ClassRules.free(s, g -> false))).isEmpty();
    Pairing.Plan plan = ClassRules.plan(s, ClassRules.free(s, x -> false), 0);
    Pairing.Planned g = plan.games().get(0);
    s = ClassRules.apply(s, new ClassEvent.GameFormed("GAME-0001",
        ImmutableMap.of("japan", g.first(), "russia", g.second())));

    assertThat(s.waiting()).isEmpty();
    assertThat(s.student("Aiko").orElseThrow().gameCode()).contains("GAME-0001");
    assertThat(ClassRules.startProblem(s, ClassRules.free(s, x -> false)).orElseThrow()
        .message()).contains("in a game that has not ended");

    // once their game has ended, both may be paired again, in arrival order
    ClassState after = arrive(s, "Chen", T3);
    assertThat(ClassRules.free(after, x -> false)).containsExactly("Chen");
    assertThat(ClassRules.free(after, "GAME-0001"::equals)).containsExactly("Aiko", "Boris", "Chen");
    assertThat(ClassRules.startProblem(after, List.of("Chen")).orElseThrow().message())
        .contains("Only Chen is free").contains("class pair");
  }

  @Test
  void everything_afterTheClassEnded_isClassOver() {
    ClassState s = ClassRules.apply(arrive(open(Optional.empty()), "Aiko", T1),
        new ClassEvent.ClassEnded(java.time.Instant.EPOCH));

    assertThat(refusal(s, "Boris")).isEqualTo(RejectionCode.CLASS_OVER);
    assertThat(ClassRules.startProblem(s, List.of("Aiko")).orElseThrow().code())
        .isEqualTo(RejectionCode.CLASS_OVER);
    assertThat(ClassRules.freeProblem(s, "Aiko").orElseThrow().code())
        .isEqualTo(RejectionCode.CLASS_OVER);
    assertThat(ClassRules.controlProblem(s, java.util.List.of()).orElseThrow().code())
        .isEqualTo(RejectionCode.CLASS_OVER);
  }

  @Test
  void freeingAMistypedName_isUnknownStudent_withTheNearestNames() {
    ClassState s = arrive(arrive(open(Optional.empty()), "Aiko", T1), "Boris", T1);

    var problem = ClassRules.freeProblem(s, "Aik").orElseThrow();

    assertThat(problem.code()).isEqualTo(RejectionCode.UNKNOWN_STUDENT);
    assertThat(problem.message()).contains("No student named 'Aik'")
        .contains("Did you mean 'Aiko'?").doesNotContain("Boris");
    assertThat(ClassRules.freeProblem(s, "Zed").orElseThrow().message())
        .doesNotContain("Did you mean");
  }
}
