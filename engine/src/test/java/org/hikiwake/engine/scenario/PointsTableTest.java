package org.hikiwake.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A two-issue table with one link, worked out by hand:
 *
 * <pre>
 *   land:   none 0, half 30, all 60      treaty: no 0, yes 40
 *   link "treaty-without-land": land in {none} and treaty yes: -35
 *
 *   none/no 0   none/yes 5 (40 - 35)   half/no 30   half/yes 70
 *   all/no 60   all/yes 100
 * </pre>
 */
class PointsTableTest {
  private static final Link TREATY_WITHOUT_LAND = Link.of("treaty-without-land",
      Map.of("land", List.of("none"), "treaty", List.of("yes")), -35,
      "A treaty that gives up the claim is hard to sell.");

  private static final PointsTable TABLE = PointsTable.of(
      Map.of("land", Map.of("none", 0, "half", 30, "all", 60),
          "treaty", Map.of("no", 0, "yes", 40)),
      List.of(TREATY_WITHOUT_LAND));

  @Test
  void score_packageMeetingALink_addsTheLinksDelta() {
    assertThat(TABLE.score(Package.of("land", "none", "treaty", "yes"))).isEqualTo(5);
  }

  @Test
  void score_packageMissingOneCondition_isTheSumOfItsOptions() {
    assertThat(TABLE.score(Package.of("land", "half", "treaty", "yes"))).isEqualTo(70);
    assertThat(TABLE.score(Package.of("land", "none", "treaty", "no"))).isZero();
  }

  @Test
  void linksMetBy_package_listsOnlyTheLinksItMeets() {
    assertThat(TABLE.linksMetBy(Package.of("land", "none", "treaty", "yes")))
        .containsExactly(TREATY_WITHOUT_LAND);
    assertThat(TABLE.linksMetBy(Package.of("land", "all", "treaty", "yes"))).isEmpty();
  }

  @Test
  void bestTotal_linkPenalisesTheBestOptions_isTheBestPackageNotTheSumOfMaxima() {
    // The penalty falls on none/yes, not on the best options: best stays 100.
    assertThat(TABLE.bestTotal()).isEqualTo(100);
    // A bonus link can lift the best package above the sum of the best options,
    // and a penalty on the best options lowers it.
    PointsTable bonus = PointsTable.of(TABLE.points(), List.of(Link.of("both",
        Map.of("land", List.of("half"), "treaty", List.of("yes")), 35, "")));
    PointsTable penalty = PointsTable.of(TABLE.points(), List.of(Link.of("greedy",
        Map.of("land", List.of("all"), "treaty", List.of("yes")), -50, "")));

    assertThat(bonus.bestTotal()).isEqualTo(105); // half/yes 30 + 40 + 35
    assertThat(penalty.bestTotal()).isEqualTo(70); // half/yes; all/yes is 50, all/no 60
  }

  @Test
  void worstTotal_linkBelowZero_isTheWorstPackage() {
    PointsTable deep = PointsTable.of(TABLE.points(), List.of(Link.of("deep",
        Map.of("land", List.of("none", "half"), "treaty", List.of("yes")), -75, "")));

    assertThat(TABLE.worstTotal()).isZero();
    assertThat(deep.worstTotal()).isEqualTo(-35); // none/yes: 0 + 40 - 75
  }

  @Test
  void bestTotal_issuesNoLinkNames_addTheirBestOption() {
    PointsTable wider = PointsTable.of(
        Map.of("land", Map.of("none", 0, "half", 30, "all", 60),
            "treaty", Map.of("no", 0, "yes", 40),
            "trade", Map.of("low", 2, "high", 7)),
        List.of(TREATY_WITHOUT_LAND));

    assertThat(wider.bestTotal()).isEqualTo(107);
    assertThat(wider.worstTotal()).isEqualTo(2);
  }

  @Test
  void plus_newsChangesAnOption_keepsTheLinks() {
    PointsTable after = TABLE.plus("treaty", "yes", -50);

    assertThat(after.links()).containsExactly(TREATY_WITHOUT_LAND);
    assertThat(after.points("treaty", "yes")).isEqualTo(-10);
    // Points in force may be negative, and so may a score.
    assertThat(after.score(Package.of("land", "none", "treaty", "yes"))).isEqualTo(-45);
    assertThat(after.worstTotal()).isEqualTo(-45);
  }

  @Test
  void of_withoutLinks_hasNone() {
    assertThat(PointsTable.of(TABLE.points()).links()).isEmpty();
    assertThat(new PointsTable(TABLE.points()).links()).isEmpty();
  }

  @Test
  void of_linkOnUnknownOption_isACallerMistake() {
    Link bad = Link.of("bad", Map.of("land", List.of("most"), "treaty", List.of("yes")), -1, "");

    assertThatThrownBy(() -> PointsTable.of(TABLE.points(), List.of(bad)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("most");
  }

  @Test
  void of_linkOnUnknownIssue_isACallerMistake() {
    Link bad = Link.of("bad", Map.of("sea", List.of("all"), "treaty", List.of("yes")), -1, "");

    assertThatThrownBy(() -> PointsTable.of(TABLE.points(), List.of(bad)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sea");
  }

  @Test
  void of_twoLinksWithOneId_isACallerMistake() {
    assertThatThrownBy(() -> PointsTable.of(TABLE.points(),
        List.of(TREATY_WITHOUT_LAND, TREATY_WITHOUT_LAND)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("treaty-without-land");
  }

  @Test
  void linkOf_singleIssue_isACallerMistake() {
    assertThatThrownBy(() -> Link.of("one", Map.of("land", List.of("none")), -1, ""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two issues");
  }
}
