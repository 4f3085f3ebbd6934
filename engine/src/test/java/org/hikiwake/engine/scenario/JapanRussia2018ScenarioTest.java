package org.hikiwake.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hikiwake.engine.analysis.Analysis;
import org.hikiwake.engine.analysis.Point;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The DESIGN.md properties, in the form this scenario gives them, and its
 * linked issues, computed from the real file. Figures quoted in the file's
 * comment are printed by {@link ScenarioFiguresTest}.
 */
class JapanRussia2018ScenarioTest {
  static final String ID = "japan-russia-2018";
  private static final String JAPAN = "japan";
  private static final String RUSSIA = "russia";

  private static Scenario scenario;

  @BeforeAll
  static void load() throws ScenarioException {
    scenario = ScenarioLoader.fromClasspath(ID);
  }

  @Test
  void fromClasspath_builtInFile_loadsWithJapanFirstAndBestPackagesOf100() {
    assertThat(scenario.roles()).extracting(Role::id).containsExactly(JAPAN, RUSSIA);
    assertThat(ScenarioLoader.builtInIds()).contains(ID);
    for (Role role : scenario.roles()) {
      assertThat(scenario.pointsOf(role.id()).bestTotal()).as(role.id()).isEqualTo(100);
    }
  }

  @Test
  void fromProto_toProtoOfBuiltIn_roundTripsToAnEqualScenario() throws ScenarioException {
    assertThat(ScenarioLoader.fromProto(ScenarioLoader.toProto(scenario), "copy"))
        .isEqualTo(scenario);
  }

  /** Property 1. */
  @Test
  void zopa_atStart_isNotEmpty() {
    ScenarioProperties.assertZopaAtStart(scenario);
  }

  /**
   * Property 2, in every round, for both readings of "on the basis of 1956":
   * each side's reading alone is below the other side's reservation value,
   * and no four-islands package clears Russia's.
   */
  @Test
  void extremes_eachReadingOf1956AndAnyFourIslands_fallBelowTheOtherSidesReservationValue() {
    Package moscow = moscowsReading(scenario);
    Package tokyo = tokyosReading(scenario);
    forEveryRound((round, analysis) -> {
      assertThat(analysis.pointOf(moscow).first()).as("Japan, %s, round %s", moscow, round)
          .isLessThan(rv(JAPAN));
      assertThat(analysis.pointOf(tokyo).second()).as("Russia, %s, round %s", tokyo, round)
          .isLessThan(rv(RUSSIA));
      assertThat(analysis.points()).as("four_islands packages in round %s", round)
          .filteredOn(p -> p.pkg().option("islands").orElseThrow().equals("four_islands"))
          .isNotEmpty()
          .allSatisfy(p -> assertThat(p.second()).isLessThan(rv(RUSSIA)));
    });
  }

  /** Property 3 in every round: the islands option is neither extreme. */
  @Test
  void nash_inEveryRound_isAHikiwake() {
    ScenarioProperties.assertNashAvoids(scenario, "islands", "status_quo", "four_islands");
  }

  /** Until the constitution news, the Nash package passes sovereignty over two islands. */
  @Test
  void nash_beforeTheConstitutionNews_transfersSovereignty() {
    int round = scenario.newsItem("constitution-bars-handover").orElseThrow().round();
    for (int r = 1; r < round; r++) {
      Point nash = Analysis.of(scenario, scenario.pointsInForce(r)).nash().orElseThrow();
      assertThat(handsOverSovereignty(nash.pkg())).as("round %s: %s", r, nash.pkg()).isTrue();
    }
  }

  /** Property 4, first half. */
  @Test
  void weights_ofTheTwoSides_rankSomeIssuesInOppositeOrder() {
    ScenarioProperties.assertSomeIssuesRankedOppositely(scenario);
  }

  /** Property 4, logrolling: travel for former islanders one way, the economy the other. */
  @Test
  void logrolling_someIssuesEachWay_areDearToOneSideAndCheapForTheOther() {
    ScenarioProperties.assertLogrolling(scenario);
  }

  /** Property 4, second half. */
  @Test
  void splitTheDifference_someOtherPackage_isStrictlyBetterForBoth() {
    ScenarioProperties.assertSplitTheDifferenceDominated(scenario);
  }

  /** Property 5: Lavrov's demand shrinks the zone. */
  @Test
  void lavrovNews_shrinksTheZopa() {
    ScenarioProperties.assertNewsShrinksTheZopa(scenario, "lavrov-war-outcome");
  }

  /** Property 5: so does the constitutional ban on giving up territory. */
  @Test
  void constitutionNews_shrinksTheZopa() {
    ScenarioProperties.assertNewsShrinksTheZopa(scenario, "constitution-bars-handover");
  }

  @Test
  void pointsInForce_inEveryRound_equalsWhatTheRulesApply() {
    ScenarioProperties.assertPointsInForceMatchTheRules(scenario);
  }

  /** Walking away and signing nothing new are worth the same, every round. */
  @Test
  void nothingAgreed_inEveryRound_scoresExactlyTheReservationValues() {
    ScenarioProperties.assertNothingAgreedScoresTheReservationValues(scenario);
  }

  /** The security link: Russia never passes sovereignty without a word on US forces. */
  @Test
  void sovereigntyWithoutSecurityCommitment_inEveryRound_isOutsideTheZopa() {
    forEveryRound((round, analysis) -> assertThat(analysis.zopa()).as("round %s", round)
        .noneMatch(p -> handsOverSovereignty(p.pkg())
            && p.pkg().option("security").orElseThrow().equals("no_commitment")));
  }

  /** The treaty link: Japan never signs a treaty that leaves it no sovereignty. */
  @Test
  void signedTreatyWithoutSovereignty_inEveryRound_isOutsideTheZopa() {
    forEveryRound((round, analysis) -> assertThat(analysis.zopa()).as("round %s", round)
        .noneMatch(p -> !handsOverSovereignty(p.pkg())
            && p.pkg().option("peace_treaty").orElseThrow().equals("treaty_signed")));
  }

  /** Russian law for joint projects is worth more to Japan once a treaty fixes the border. */
  @Test
  void russianLaw_isCheaperForJapanWithASignedTreaty() {
    PointsTable japan = scenario.pointsOf(JAPAN);
    Package base = ScenarioFigures.firstOptions(scenario).with("islands", "two_islands");
    List<Integer> gains = List.of("none", "treaty_signed").stream()
        .map(t -> japan.score(base.with("peace_treaty", t).with("joint_activity", "russian_law"))
            - japan.score(base.with("peace_treaty", t)))
        .toList();

    assertThat(gains.get(0)).isNegative();
    assertThat(gains.get(1)).isPositive();
  }

  /** Moscow's reading: use of Habomai and Shikotan, a signed treaty, nothing else. */
  static Package moscowsReading(Scenario scenario) {
    return ScenarioFigures.firstOptions(scenario).with("islands", "two_islands_use")
        .with("peace_treaty", "treaty_signed");
  }

  /** Tokyo's reading: sovereignty over Habomai and Shikotan, a signed treaty, nothing else. */
  static Package tokyosReading(Scenario scenario) {
    return ScenarioFigures.firstOptions(scenario).with("islands", "two_islands")
        .with("peace_treaty", "treaty_signed");
  }

  /** True if sovereignty over some island passes to Japan. */
  static boolean handsOverSovereignty(Package pkg) {
    return List.of("two_islands", "two_islands_plus", "four_islands")
        .contains(pkg.option("islands").orElseThrow());
  }

  private static void forEveryRound(ScenarioProperties.RoundCheck check) {
    ScenarioProperties.forEveryRound(scenario, check);
  }

  private static int rv(String role) {
    return ScenarioProperties.rv(scenario, role);
  }
}
