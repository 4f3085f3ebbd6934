package org.hikiwake.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each malformed case starts from one small valid scenario and breaks one thing.
 * The line a problem is expected on is marked in the variant with a {@code # <-}
 * comment, so expected line numbers come from the text, not from the loader.
 */
class ScenarioLoaderTest {
  /** Two roles, two issues, three rounds, two news items; every rule holds. */
  private static final String VALID = """
      id: "mini"
      title: "Mini"
      roles {
        id: "a"
        name: "A"
        reservation_value: 40
      }
      roles {
        id: "b"
        name: "B"
        reservation_value: 30
      }
      issues {
        id: "x"
        name: "X"
        options {
          id: "x1"
          label: "X1"
          points { role: "a" value: 60 }
          points { role: "b" value: 0 }
        }
        options {
          id: "x2"
          label: "X2"
          points { role: "a" value: 0 }
          points { role: "b" value: 70 }
        }
      }
      issues {
        id: "y"
        name: "Y"
        options {
          id: "y1"
          label: "Y1"
          points { role: "a" value: 40 }
          points { role: "b" value: 0 }
        }
        options {
          id: "y2"
          label: "Y2"
          points { role: "a" value: 0 }
          points { role: "b" value: 30 }
        }
      }
      rounds: 3
      first_mover: "a"
      news {
        id: "n1"
        round: 2
        headline: "First news"
        point_changes { role: "a" issue: "x" option: "x1" delta: -5 }
        private_notes { role: "a" text: "X1 is worth less." }
      }
      news {
        id: "n2"
        round: 3
        headline: "Second news"
        point_changes { role: "b" issue: "y" option: "y2" delta: 5 }
      }
      """;

  /**
   * VALID plus one link per role. A: x2 with y1 is 20 (40 - 20). B: x1 with y2
   * is 40 (30 + 10). Both best packages stay 100 and no package drops below 0.
   */
  private static final String LINKED = VALID + """
      links {
        id: "a-x2-y1"
        role: "a"
        conditions { issue: "x" options: "x2" }
        conditions { issue: "y" options: "y1" }
        delta: -20
        note: "Y1 is worth little to A without X1."
      }
      links {
        id: "b-x1-y2"
        role: "b"
        conditions { issue: "x" options: "x1" }
        conditions { issue: "y" options: "y2" }
        delta: 10
      }
      """;

  private static final String MARK = "# <-";

  @TempDir Path dir;

  @Test
  void fromFile_minimalValidScenario_loadsEveryField() throws Exception {
    Scenario s = ScenarioLoader.fromFile(write(VALID));

    assertThat(s.id()).isEqualTo("mini");
    assertThat(s.roles()).extracting(Role::id, Role::reservationValue)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a", 40),
            org.assertj.core.groups.Tuple.tuple("b", 30));
    assertThat(s.issues()).extracting(Issue::id).containsExactly("x", "y");
    assertThat(s.issue("x").orElseThrow().options()).extracting(Option::id)
        .containsExactly("x1", "x2");
    assertThat(s.pointsOf("a").points("x", "x1")).isEqualTo(60);
    assertThat(s.pointsOf("b").points("y", "y2")).isEqualTo(30);
    assertThat(s.pointsOf("a").bestTotal()).isEqualTo(100);
    assertThat(s.pointsOf("b").bestTotal()).isEqualTo(100);
    assertThat(s.rounds()).isEqualTo(3);
    assertThat(s.firstMover()).isEqualTo("a");
    assertThat(s.newsFor(2)).extracting(News::id).containsExactly("n1");
    assertThat(s.newsItem("n1").orElseThrow().pointChanges())
        .containsExactly(new PointChange("a", "x", "x1", -5));
    assertThat(s.newsItem("n1").orElseThrow().privateNotes()).containsEntry("a", "X1 is worth less.");
  }

  @Test
  void fromFile_syntaxError_namesFileLineAndSyntaxError() throws Exception {
    Path file = write(replaceOnce(VALID, "rounds: 3", "rounds: three " + MARK));

    assertSingleProblem(file, "syntax error");
  }

  @Test
  void fromFile_unknownField_isASyntaxErrorOnItsLine() throws Exception {
    Path file = write(replaceOnce(VALID, "title: \"Mini\"",
        "title: \"Mini\"\ncolour: \"red\" " + MARK));

    assertSingleProblem(file, "syntax error", "colour");
  }

  @Test
  void fromFile_duplicateRoleId_namesTheSecondRole() throws Exception {
    Path file = write(replaceOnce(VALID, "roles {\n  id: \"b\"\n  name: \"B\"",
        "roles { " + MARK + "\n  id: \"a\"\n  name: \"B\""));

    ScenarioException e = load(file);

    // With no role "b" left, the options' points for "b" are reported too;
    // only the duplicate is this test's concern.
    assertProblem(e, file, "duplicate role id 'a'");
  }

  @Test
  void fromFile_duplicateIssueId_namesTheSecondIssue() throws Exception {
    Path file = write(replaceOnce(VALID, "issues {\n  id: \"y\"",
        "issues { " + MARK + "\n  id: \"x\""));

    // News n2 now names an issue "y" that is gone; only the duplicate is this test's concern.
    assertProblem(load(file), file, "duplicate issue id 'x'");
  }

  @Test
  void fromFile_duplicateOptionIdWithinIssue_namesTheSecondOption() throws Exception {
    Path file = write(replaceOnce(VALID, "options {\n    id: \"x2\"",
        "options { " + MARK + "\n    id: \"x1\""));

    assertSingleProblem(file, "duplicate option id 'x1'", "issue 'x'");
  }

  @Test
  void fromFile_sameOptionIdInTwoIssues_loads() throws Exception {
    Path file = write(replaceOnce(VALID, "id: \"y1\"", "id: \"x1\""));

    assertThatCode(() -> ScenarioLoader.fromFile(file)).doesNotThrowAnyException();
  }

  @Test
  void fromFile_duplicateNewsId_namesTheSecondNews() throws Exception {
    Path file = write(replaceOnce(VALID, "news {\n  id: \"n2\"",
        "news { " + MARK + "\n  id: \"n1\""));

    assertSingleProblem(file, "duplicate news id 'n1'");
  }

  @Test
  void fromFile_optionWithoutPointsForARole_namesTheOptionAndRole() throws Exception {
    Path file = write(replaceOnce(VALID,
        "options {\n    id: \"x1\"\n    label: \"X1\"\n"
            + "    points { role: \"a\" value: 60 }\n    points { role: \"b\" value: 0 }\n",
        "options { " + MARK + "\n    id: \"x1\"\n    label: \"X1\"\n"
            + "    points { role: \"a\" value: 60 }\n"));

    assertSingleProblem(file, "x/x1", "no points for role 'b'");
  }

  @Test
  void fromFile_bestPackageBelow100_namesTheRoleAndItsTotal() throws Exception {
    Path file = write(replaceOnce(
        markRole(VALID, "a"),
        "points { role: \"a\" value: 40 }", "points { role: \"a\" value: 39 }"));

    assertSingleProblem(file, "best package of role 'a'", "99", "exactly 100");
  }

  @Test
  void fromFile_bestPackageAbove100_namesTheRoleAndItsTotal() throws Exception {
    Path file = write(replaceOnce(
        markRole(VALID, "b"),
        "points { role: \"b\" value: 30 }", "points { role: \"b\" value: 31 }"));

    assertSingleProblem(file, "best package of role 'b'", "101", "exactly 100");
  }

  @Test
  void fromFile_negativeReservationValue_namesTheRole() throws Exception {
    Path file = write(replaceOnce(
        markRole(VALID, "a"),
        "reservation_value: 40", "reservation_value: -1"));

    assertSingleProblem(file, "reservation value of role 'a'", "-1");
  }

  @Test
  void fromFile_reservationValueOf100_namesTheRole() throws Exception {
    Path file = write(replaceOnce(
        markRole(VALID, "b"),
        "reservation_value: 30", "reservation_value: 100"));

    assertSingleProblem(file, "reservation value of role 'b'", "below 100", "100");
  }

  @Test
  void fromFile_reservationValueOf99_loads() throws Exception {
    Path file = write(replaceOnce(VALID, "reservation_value: 30", "reservation_value: 99"));

    assertThat(ScenarioLoader.fromFile(file).role("b").orElseThrow().reservationValue())
        .isEqualTo(99);
  }

  @Test
  void fromFile_newsAfterTheLastRound_namesTheNews() throws Exception {
    Path file = write(replaceOnce(VALID, "news {\n  id: \"n2\"\n  round: 3",
        "news { " + MARK + "\n  id: \"n2\"\n  round: 4"));

    assertSingleProblem(file, "news 'n2'", "round 4", "rounds 1 to 3");
  }

  @Test
  void fromFile_newsInRoundZero_namesTheNews() throws Exception {
    Path file = write(replaceOnce(VALID, "news {\n  id: \"n2\"\n  round: 3",
        "news { " + MARK + "\n  id: \"n2\"\n  round: 0"));

    assertSingleProblem(file, "news 'n2'", "round 0");
  }

  @Test
  void fromFile_pointChangeWithUnknownOption_namesTheChange() throws Exception {
    Path file = write(replaceOnce(VALID,
        "point_changes { role: \"a\" issue: \"x\" option: \"x1\" delta: -5 }",
        "point_changes { role: \"a\" issue: \"x\" option: \"x9\" delta: -5 } " + MARK));

    assertSingleProblem(file, "news 'n1'", "unknown option 'x9'", "issue 'x'");
  }

  @Test
  void fromFile_pointChangeWithOptionOfAnotherIssue_namesTheChange() throws Exception {
    Path file = write(replaceOnce(VALID,
        "point_changes { role: \"a\" issue: \"x\" option: \"x1\" delta: -5 }",
        "point_changes { role: \"a\" issue: \"x\" option: \"y1\" delta: -5 } " + MARK));

    assertSingleProblem(file, "news 'n1'", "unknown option 'y1'");
  }

  @Test
  void fromFile_pointChangeWithUnknownIssue_namesTheChange() throws Exception {
    Path file = write(replaceOnce(VALID,
        "point_changes { role: \"b\" issue: \"y\" option: \"y2\" delta: 5 }",
        "point_changes { role: \"b\" issue: \"z\" option: \"y2\" delta: 5 } " + MARK));

    assertSingleProblem(file, "news 'n2'", "unknown issue 'z'");
  }

  @Test
  void fromFile_pointChangeWithUnknownRole_namesTheChange() throws Exception {
    Path file = write(replaceOnce(VALID,
        "point_changes { role: \"b\" issue: \"y\" option: \"y2\" delta: 5 }",
        "point_changes { role: \"c\" issue: \"y\" option: \"y2\" delta: 5 } " + MARK));

    assertSingleProblem(file, "news 'n2'", "unknown role 'c'");
  }

  @Test
  void fromFile_packageSpaceLargerThanTheAnalysisAccepts_namesTheIssueAndTheLimit()
      throws Exception {
    // 7 issues of 8 options: 8^7 = 2,097,152 packages. The analysis enumerates
    // at most 1,000,000, so the game would load and then fail at its end.
    StringBuilder issues = new StringBuilder();
    for (int i = 1; i <= 7; i++) {
      issues.append("issues {").append(i == 7 ? " " + MARK : "").append("\n  id: \"i")
          .append(i).append("\"\n  name: \"I").append(i).append("\"\n");
      for (int o = 1; o <= 8; o++) {
        int a = o == 1 && i <= 4 ? 25 : 0;
        int b = o == 2 && i <= 4 ? 25 : 0;
        issues.append("  options { id: \"o").append(o).append("\" label: \"O").append(o)
            .append("\" points { role: \"a\" value: ").append(a)
            .append(" } points { role: \"b\" value: ").append(b).append(" } }\n");
      }
      issues.append("}\n");
    }
    String big = "id: \"big\"\ntitle: \"Big\"\n"
        + "roles { id: \"a\" name: \"A\" reservation_value: 40 }\n"
        + "roles { id: \"b\" name: \"B\" reservation_value: 30 }\n"
        + issues + "rounds: 3\nfirst_mover: \"a\"\n";
    Path file = write(big);

    // The seventh issue is the one that takes the space past the limit.
    assertSingleProblem(file, "2097152 packages", "at most " + ScenarioLoader.MAX_PACKAGES);
  }

  @Test
  void fromFile_packageSpaceAtTheLimit_loads() throws Exception {
    // 10^6 packages exactly: six issues of ten options would exceed MAX_OPTIONS,
    // so use 8 * 5 * 5 * 5 * 5 * 8 * 5 = 1,000,000.
    int[] sizes = {8, 5, 5, 5, 5, 8, 5};
    StringBuilder issues = new StringBuilder();
    for (int i = 0; i < sizes.length; i++) {
      issues.append("issues { id: \"i").append(i).append("\" name: \"I").append(i)
          .append("\"\n");
      for (int o = 0; o < sizes[i]; o++) {
        int a = o == 0 && i < 4 ? 25 : 0;
        int b = o == 1 && i < 4 ? 25 : 0;
        issues.append("  options { id: \"o").append(o).append("\" label: \"O").append(o)
            .append("\" points { role: \"a\" value: ").append(a)
            .append(" } points { role: \"b\" value: ").append(b).append(" } }\n");
      }
      issues.append("}\n");
    }
    Path file = write("id: \"edge\"\ntitle: \"Edge\"\n"
        + "roles { id: \"a\" name: \"A\" reservation_value: 40 }\n"
        + "roles { id: \"b\" name: \"B\" reservation_value: 30 }\n"
        + issues + "rounds: 3\nfirst_mover: \"a\"\n");

    assertThat(ScenarioLoader.fromFile(file).issues()).hasSize(7);
  }

  // ---- linked issues ----

  @Test
  void fromFile_links_loadIntoTheirRolesTablesAndCountInScores() throws Exception {
    Scenario s = ScenarioLoader.fromFile(write(LINKED));

    Link a = s.pointsOf("a").links().get(0);
    assertThat(a.id()).isEqualTo("a-x2-y1");
    assertThat(a.conditions()).containsOnlyKeys("x", "y");
    assertThat(a.conditions().get("x")).containsExactly("x2");
    assertThat(a.delta()).isEqualTo(-20);
    assertThat(a.note()).isEqualTo("Y1 is worth little to A without X1.");
    assertThat(s.pointsOf("a").links()).hasSize(1);
    assertThat(s.pointsOf("b").links()).extracting(Link::id).containsExactly("b-x1-y2");
    assertThat(s.pointsOf("a").score(Package.of("x", "x2", "y", "y1"))).isEqualTo(20);
    assertThat(s.pointsOf("b").score(Package.of("x", "x1", "y", "y2"))).isEqualTo(40);
  }

  @Test
  void fromProto_toProtoOfLinkedScenario_roundTripsToAnEqualScenario() throws Exception {
    Scenario s = ScenarioLoader.fromText(LINKED, "inline");

    assertThat(ScenarioLoader.fromProto(ScenarioLoader.toProto(s), "copy")).isEqualTo(s);
  }

  @Test
  void fromFile_linkForUnknownRole_namesTheLink() throws Exception {
    Path file = write(replaceOnce(LINKED, "  id: \"b-x1-y2\"\n  role: \"b\"",
        "  id: \"b-x1-y2\"\n  role: \"c\" " + MARK));

    assertSingleProblem(file, "link 'b-x1-y2'", "unknown role 'c'");
  }

  /** Each row replaces A's condition on y with a broken one; the problem names it. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "unknown issue | issue: \"z\" options: \"y1\" | unknown issue 'z'",
      "option of x   | issue: \"y\" options: \"x1\" | unknown option 'x1' of issue 'y'",
      "option twice  | issue: \"y\" options: \"y1\" options: \"y1\" | option 'y1' twice",
      "no options    | issue: \"y\" | issue 'y' with no options",
      "every option  | issue: \"y\" options: \"y1\" options: \"y2\" | every option of issue 'y'"})
  void fromFile_brokenLinkCondition_namesTheLinkOnTheConditionsLine(String why,
      String condition, String problem) throws Exception {
    Path file = write(replaceOnce(LINKED, "conditions { issue: \"y\" options: \"y1\" }",
        "conditions { " + condition.strip() + " } " + MARK));

    assertSingleProblem(file, "link 'a-x2-y1'", problem.strip());
  }

  @Test
  void fromFile_linkWithOneCondition_namesTheLink() throws Exception {
    Path file = write(replaceOnce(replaceOnce(LINKED,
            "links {\n  id: \"b-x1-y2\"", "links { " + MARK + "\n  id: \"b-x1-y2\""),
        "  conditions { issue: \"y\" options: \"y2\" }\n", ""));

    assertSingleProblem(file, "link 'b-x1-y2'", "at least two issues");
  }

  @Test
  void fromFile_linkWithTwoConditionsOnOneIssue_namesTheSecondCondition() throws Exception {
    Path file = write(replaceOnce(LINKED, "conditions { issue: \"y\" options: \"y2\" }",
        "conditions { issue: \"x\" options: \"x2\" } " + MARK));

    // Only one issue is left, too; the repeated issue is what this test is about.
    assertProblem(load(file), file, "link 'b-x1-y2'", "issue 'x' twice");
  }

  @Test
  void fromFile_linkWithZeroDelta_namesTheLink() throws Exception {
    Path file = write(replaceOnce(LINKED, "delta: 10", "delta: 0 " + MARK));

    assertSingleProblem(file, "link 'b-x1-y2'", "delta");
  }

  @Test
  void fromFile_linkWithDeltaBeyond100_namesTheLink() throws Exception {
    Path file = write(replaceOnce(LINKED, "delta: -20", "delta: -101 " + MARK));

    assertSingleProblem(file, "link 'a-x2-y1'", "-101", "between -100 and 100");
  }

  @Test
  void fromFile_moreLinksThanTheLimit_namesTheFirstLinkPastIt() throws Exception {
    StringBuilder links = new StringBuilder();
    for (int l = 1; l <= ScenarioLoader.MAX_LINKS + 1; l++) {
      links.append("links { id: \"l").append(l).append("\" role: \"b\" delta: 1")
          .append(l == ScenarioLoader.MAX_LINKS + 1 ? " " + MARK : "")
          .append("\n  conditions { issue: \"x\" options: \"x1\" }")
          .append(" conditions { issue: \"y\" options: \"y1\" } }\n");
    }
    Path file = write(VALID + links);

    assertSingleProblem(file, "link 'l65'", "at most 64 links");
  }

  @Test
  void fromFile_duplicateLinkId_namesTheSecondLink() throws Exception {
    Path file = write(replaceOnce(LINKED, "links {\n  id: \"b-x1-y2\"",
        "links { " + MARK + "\n  id: \"a-x2-y1\""));

    assertSingleProblem(file, "duplicate link id 'a-x2-y1'");
  }

  @Test
  void fromFile_linkPenalisingTheBestOptions_bestPackageIsComputedOverPackages()
      throws Exception {
    // The best options x1 and y1 still add up to 100, but together they now
    // score 90 and no other package reaches 100.
    Path file = write(replaceOnce(
        markRole(LINKED, "a"),
        "conditions { issue: \"x\" options: \"x2\" }\n"
            + "  conditions { issue: \"y\" options: \"y1\" }\n  delta: -20",
        "conditions { issue: \"x\" options: \"x1\" }\n"
            + "  conditions { issue: \"y\" options: \"y1\" }\n  delta: -10"));

    assertSingleProblem(file, "best package of role 'a'", "worth 90", "exactly 100");
  }

  @Test
  void fromFile_linkBonusReachingExactly100_loads() throws Exception {
    // B's best options now add up to 95; a bonus for x2 with y2 makes that
    // package 65 + 30 + 5 = 100.
    String text = replaceOnce(replaceOnce(LINKED,
            "points { role: \"b\" value: 70 }", "points { role: \"b\" value: 65 }"),
        "conditions { issue: \"x\" options: \"x1\" }\n"
            + "  conditions { issue: \"y\" options: \"y2\" }\n  delta: 10",
        "conditions { issue: \"x\" options: \"x2\" }\n"
            + "  conditions { issue: \"y\" options: \"y2\" }\n  delta: 5");

    Scenario s = ScenarioLoader.fromFile(write(text));

    assertThat(s.pointsOf("b").bestTotal()).isEqualTo(100);
  }

  @Test
  void fromFile_linkTakingAPackageBelowZero_loadsAndScoresBelowZero() throws Exception {
    // x2 with y1 is now worth 40 - 45 = -5 to A: worse than nothing at all.
    Scenario s = ScenarioLoader.fromFile(write(replaceOnce(LINKED, "delta: -20",
        "delta: -45")));

    assertThat(s.pointsOf("a").score(Package.of("x", "x2", "y", "y1"))).isEqualTo(-5);
    assertThat(s.pointsOf("a").worstTotal()).isEqualTo(-5);
  }

  // ---- negative points ----

  @Test
  void fromFile_newsTakingPointsBelowZero_loadsAndScoresBelowZero() throws Exception {
    // x1 is worth 60 to A; news n1 takes it to -10: an option that became a cost.
    Scenario s = ScenarioLoader.fromFile(write(replaceOnce(VALID,
        "option: \"x1\" delta: -5", "option: \"x1\" delta: -70")));

    PointsTable a = s.pointsInForce(2).get("a");
    assertThat(a.points("x", "x1")).isEqualTo(-10);
    assertThat(a.score(Package.of("x", "x1", "y", "y2"))).isEqualTo(-10);
    assertThat(a.worstTotal()).isEqualTo(-10);
  }

  @Test
  void fromFile_negativeOptionPointsInTheFile_namesTheOption() throws Exception {
    Path file = write(replaceOnce(VALID,
        "options {\n    id: \"y2\"\n    label: \"Y2\"\n    points { role: \"a\" value: 0 }",
        "options { " + MARK + "\n    id: \"y2\"\n    label: \"Y2\"\n"
            + "    points { role: \"a\" value: -1 }"));

    assertSingleProblem(file, "y/y2", "-1", "between 0 and 100");
  }

  @Test
  void fromFile_newsDeltaBeyond100_namesTheChange() throws Exception {
    Path file = write(replaceOnce(VALID,
        "point_changes { role: \"a\" issue: \"x\" option: \"x1\" delta: -5 }",
        "point_changes { role: \"a\" issue: \"x\" option: \"x1\" delta: -101 } " + MARK));

    assertSingleProblem(file, "news 'n1'", "-101", "between -100 and 100");
  }

  @Test
  void fromFile_zeroRounds_isRejectedOnItsLine() throws Exception {
    // Both news items now fall after the last round too; the rounds line is what matters.
    Path file = write(replaceOnce(VALID, "rounds: 3", "rounds: 0 " + MARK));

    assertProblem(load(file), file, "rounds must be between 1 and");
  }

  @Test
  void fromFile_firstMoverNotARole_isRejectedOnItsLine() throws Exception {
    Path file = write(replaceOnce(VALID, "first_mover: \"a\"", "first_mover: \"c\" " + MARK));

    assertSingleProblem(file, "first_mover 'c'", "not one of the roles");
  }

  @Test
  void fromFile_oneRole_isRejected() throws Exception {
    String oneRole = replaceOnce(VALID,
        "roles {\n  id: \"b\"\n  name: \"B\"\n  reservation_value: 30\n}\n", "");
    Path file = write(oneRole);

    ScenarioException e = load(file);

    assertThat(e.getMessage()).contains(file.toString()).contains("exactly two roles but has 1");
  }

  @Test
  void fromFile_threeRoles_isRejected() throws Exception {
    String threeRoles = replaceOnce(VALID, "issues {\n  id: \"x\"",
        "roles {\n  id: \"c\"\n  name: \"C\"\n  reservation_value: 10\n}\nissues {\n  id: \"x\"");
    Path file = write(threeRoles);

    ScenarioException e = load(file);

    assertThat(e.getMessage()).contains(file.toString()).contains("exactly two roles but has 3");
  }

  @Test
  void fromFile_missingFile_namesTheFile() {
    Path file = dir.resolve("absent.textproto");

    ScenarioException e = load(file);

    assertThat(e.source()).isEqualTo(file.toString());
    assertThat(e.getMessage()).contains(file.toString()).contains("cannot read");
  }

  @Test
  void fromFile_severalProblems_reportsEveryOne() throws Exception {
    Path file = write(replaceOnce(replaceOnce(VALID, "rounds: 3", "rounds: 2"),
        "first_mover: \"a\"", "first_mover: \"c\""));

    ScenarioException e = load(file);

    assertThat(e.problems()).hasSize(2);
    assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("news 'n2'"));
    assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("first_mover 'c'"));
  }

  @Test
  void fromProto_toProtoOfValidScenario_roundTripsToAnEqualScenario() throws Exception {
    Scenario s = ScenarioLoader.fromText(VALID, "inline");

    Scenario back = ScenarioLoader.fromProto(ScenarioLoader.toProto(s), "copy");

    assertThat(back).isEqualTo(s);
  }

  @Test
  void fromProto_invalidMessage_reportsProblemsWithoutLines() throws Exception {
    Scenario s = ScenarioLoader.fromText(VALID, "inline");
    org.hikiwake.proto.scenario.ScenarioSpec bad =
        ScenarioLoader.toProto(s).toBuilder().setFirstMover("c").build();

    ScenarioException e = catchThrowableOfType(ScenarioException.class,
        () -> ScenarioLoader.fromProto(bad, "recording"));

    assertThat(e.problems()).singleElement().asString()
        .startsWith("recording: ").contains("first_mover 'c'");
  }

  private Path write(String text) throws IOException {
    Path file = Files.createTempFile(dir, "scenario", ".textproto");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private static ScenarioException load(Path file) {
    ScenarioException e = catchThrowableOfType(ScenarioException.class,
        () -> ScenarioLoader.fromFile(file));
    assertThat(e).as("loading %s should fail", file).isNotNull();
    return e;
  }

  /** Loading fails with exactly one problem, on the marked line, saying all of {@code what}. */
  private static void assertSingleProblem(Path file, String... what) throws IOException {
    ScenarioException e = load(file);
    assertThat(e.problems()).as("problems of %s", file).hasSize(1);
    assertProblem(e, file, what);
  }

  /** Some problem is on the marked line and says all of {@code what}; the message has it too. */
  private static void assertProblem(ScenarioException e, Path file, String... what)
      throws IOException {
    String prefix = file + ":" + markedLine(file) + ": ";
    assertThat(e.source()).isEqualTo(file.toString());
    assertThat(e.problems()).as("problems of %s", file).anySatisfy(p -> {
      assertThat(p).startsWith(prefix);
      for (String w : what) {
        assertThat(p).contains(w);
      }
    });
    assertThat(e.getMessage()).contains(prefix);
  }

  /** The 1-based line of the file that carries the marker comment. */
  private static int markedLine(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    int found = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(MARK)) {
        assertThat(found).as("only one marked line in %s", file).isEqualTo(-1);
        found = i + 1;
      }
    }
    assertThat(found).as("a marked line in %s", file).isPositive();
    return found;
  }

  /** The text with the marker on the line that opens the role's block. */
  private static String markRole(String text, String role) {
    return replaceOnce(text, "roles {\n  id: \"" + role + "\"",
        "roles { " + MARK + "\n  id: \"" + role + "\"");
  }

  private static String replaceOnce(String text, String from, String to) {
    int at = text.indexOf(from);
    assertThat(at).as("'%s' occurs in the text", from).isNotNegative();
    assertThat(text.indexOf(from, at + 1)).as("'%s' occurs once", from).isNegative();
    return text.substring(0, at) + to + text.substring(at + from.length());
  }
}
