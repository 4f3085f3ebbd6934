package org.hikiwake.cli.play;

import java.util.Optional;
import org.hikiwake.engine.analysis.Analysis;
import org.hikiwake.engine.analysis.Point;
import org.hikiwake.engine.scenario.Package;
import org.hikiwake.engine.scenario.Scenario;
import org.hikiwake.engine.scenario.ScenarioException;
import org.hikiwake.engine.scenario.ScenarioLoader;
import org.hikiwake.proto.game.GameSetup;
import org.hikiwake.proto.game.GameOutcome;
import org.hikiwake.proto.game.GameResult;
import org.hikiwake.proto.game.RoleScore;
import org.hikiwake.proto.wire.AnalysedPackage;
import org.hikiwake.proto.wire.Debrief;
import org.hikiwake.proto.wire.EventView;
import org.hikiwake.proto.wire.GameOver;
import org.hikiwake.proto.wire.GameView;
import org.hikiwake.proto.wire.GamePhase;
import org.hikiwake.proto.wire.RevealedRole;
import org.hikiwake.proto.wire.SeatInfo;
import org.hikiwake.server.room.Views;

/** Game models and events of the built-in scenario, for renderer and model tests. */
final class Fixtures {
  static final String CODE = "K7MX-Q2PA";
  /** The Nash package of the built-in scenario: Japan 57, Russia 82. */
  static final Package NASH = Package.of("territory", "two_islands_plus",
      "peace_treaty", "roadmap", "energy", "lng_and_pipeline", "far_east", "major",
      "security", "full_fact_sheet", "missile_defence", "no_statement");

  private Fixtures() {}

  static Scenario scenario() {
    try {
      return ScenarioLoader.fromClasspath("japan-russia-2013");
    } catch (ScenarioException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A game in progress in round 1, Japan to move, seen from the given seat. */
  static GameModel inProgress(String role) {
    return model(Optional.of(role), GamePhase.GAME_PHASE_IN_PROGRESS, "japan", 0);
  }

  static GameModel watching() {
    return model(Optional.empty(), GamePhase.GAME_PHASE_IN_PROGRESS, "japan", 0);
  }

  static GameModel model(Optional<String> role, GamePhase phase, String toMove, long deadline) {
    Scenario s = scenario();
    GameView view = GameView.newBuilder()
        .setGameCode(CODE)
        .setScenario(Views.scenarioView(s))
        .setSettings(GameSetup.newBuilder().setRounds(6))
        .setPhase(phase)
        .setRound(phase == GamePhase.GAME_PHASE_WAITING ? 0 : 1)
        .setTurn(phase == GamePhase.GAME_PHASE_WAITING ? -1 : 0)
        .setToMove(phase == GamePhase.GAME_PHASE_IN_PROGRESS ? toMove : "")
        .setDeadlineMillis(deadline)
        .addSeats(SeatInfo.newBuilder().setRole("japan").setRoleName("Japan").setTaken(true)
            .setDisplayName("Aiko").setConnected(true))
        .addSeats(SeatInfo.newBuilder().setRole("russia").setRoleName("Russia").setTaken(true)
            .setDisplayName("Boris").setConnected(true))
        .build();
    Optional<Seat> seat = role.map(r -> new Seat(r, "secret-token",
        s.role(r).orElseThrow().brief(), s.role(r).orElseThrow().reservationValue(),
        Points.from(Views.pointsTable(s, s.pointsOf(r)))));
    return GameModel.fromView(view, seat);
  }

  static EventView event(long seq, EventView.Builder b) {
    return b.setGameCode(CODE).setSeq(seq).setAtMillis(1_000_000L).build();
  }

  /** The game-over event of an agreement on the given package, accepted by Russia. */
  static GameOver agreementOn(Package pkg) {
    Scenario s = scenario();
    Analysis a = Analysis.of(s);
    Point p = a.pointOf(pkg);
    Point nash = a.nash().orElseThrow();
    var assessment = a.assess(pkg);
    return GameOver.newBuilder()
        .setResult(GameResult.newBuilder().setOutcome(GameOutcome.GAME_OUTCOME_AGREEMENT)
            .setAgreed(GameModel.toProto(pkg))
            .addScores(RoleScore.newBuilder().setRole("japan").setScore(p.first()))
            .addScores(RoleScore.newBuilder().setRole("russia").setScore(p.second()))
            .setEndedBy("russia"))
        .addRoles(RevealedRole.newBuilder().setRole("japan").setReservationValue(24)
            .setPoints(Views.pointsTable(s, s.pointsOf("japan"))))
        .addRoles(RevealedRole.newBuilder().setRole("russia").setReservationValue(55)
            .setPoints(Views.pointsTable(s, s.pointsOf("russia"))))
        .setDebrief(Debrief.newBuilder().setZopaSize(a.zopaSize()).setPackageCount(1620)
            .setNash(AnalysedPackage.newBuilder().setPackage(GameModel.toProto(nash.pkg()))
                .addPoints(RoleScore.newBuilder().setRole("japan").setScore(nash.first()))
                .addPoints(RoleScore.newBuilder().setRole("russia").setScore(nash.second())))
            .setAgreedDominated(assessment.dominated())
            .setAgreedDistanceToFrontier(assessment.distanceToFrontier())
            .setAgreedJointGainLeft(assessment.jointGainLeft()))
        .build();
  }
}
