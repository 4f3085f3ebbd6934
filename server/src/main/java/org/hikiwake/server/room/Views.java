package org.hikiwake.server.room;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Optional;
import org.hikiwake.engine.analysis.Analysis;
import org.hikiwake.engine.analysis.Assessment;
import org.hikiwake.engine.analysis.Point;
import org.hikiwake.engine.game.Event;
import org.hikiwake.engine.game.GameState;
import org.hikiwake.engine.game.Phase;
import org.hikiwake.engine.game.Rejection;
import org.hikiwake.engine.scenario.Issue;
import org.hikiwake.engine.scenario.News;
import org.hikiwake.engine.scenario.Option;
import org.hikiwake.engine.scenario.PointChange;
import org.hikiwake.engine.scenario.PointsTable;
import org.hikiwake.engine.scenario.Role;
import org.hikiwake.engine.scenario.Scenario;
import org.hikiwake.proto.game.RoleScore;
import org.hikiwake.proto.wire.AnalysedPackage;
import org.hikiwake.proto.wire.Debrief;
import org.hikiwake.proto.wire.ErrorCode;
import org.hikiwake.proto.wire.GameOver;
import org.hikiwake.proto.wire.IssuePoints;
import org.hikiwake.proto.wire.IssueView;
import org.hikiwake.proto.wire.NewsView;
import org.hikiwake.proto.wire.OptionPoints;
import org.hikiwake.proto.wire.OptionView;
import org.hikiwake.proto.wire.PointDelta;
import org.hikiwake.proto.wire.RevealedRole;
import org.hikiwake.proto.wire.RoleInfo;
import org.hikiwake.proto.wire.ScenarioSummary;
import org.hikiwake.proto.wire.ScenarioView;
import org.hikiwake.proto.wire.ServerMessage;
import org.hikiwake.server.record.EventCodec;

/**
 * Projections of a game onto wire messages, one viewer at a time: a player of
 * a role sees that role's private news; watchers see public parts only.
 * Points are revealed to everyone only in the game-over event.
 */
public final class Views {
  private Views() {}

  public static ServerMessage error(long requestId, ErrorCode code, String message) {
    return error(requestId, code, message, List.of());
  }

  public static ServerMessage error(long requestId, ErrorCode code, String message,
      List<String> details) {
    return ServerMessage.newBuilder().setRequestId(requestId)
        .setError(org.hikiwake.proto.wire.ErrorReply.newBuilder().setCode(code).setMessage(message)
            .addAllDetails(details))
        .build();
  }

  /** The typed error for a move the rules refused. */
  public static ServerMessage rejected(long requestId, Rejection rejection) {
    return error(requestId, codeFor(rejection), rejection.message(), rejection.details());
  }

  static ErrorCode codeFor(Rejection rejection) {
    switch (rejection.code()) {
      case GAME_NOT_STARTED:
        return ErrorCode.ERROR_CODE_GAME_NOT_STARTED;
      case ALREADY_STARTED:
      case TURN_NOT_EXPIRED:
      case UNTIMED_GAME:
        return ErrorCode.ERROR_CODE_BAD_REQUEST;
      case GAME_OVER:
        return ErrorCode.ERROR_CODE_GAME_OVER;
      case UNKNOWN_ROLE:
        return ErrorCode.ERROR_CODE_UNKNOWN_ROLE;
      case NOT_YOUR_TURN:
        return ErrorCode.ERROR_CODE_NOT_YOUR_TURN;
      case INVALID_PACKAGE:
        return ErrorCode.ERROR_CODE_INVALID_PACKAGE;
      case NOTHING_TO_ACCEPT:
        return ErrorCode.ERROR_CODE_NOTHING_TO_ACCEPT;
      case OWN_OFFER:
        return ErrorCode.ERROR_CODE_OWN_OFFER;
      case INVALID_MESSAGE:
        return ErrorCode.ERROR_CODE_INVALID_TEXT;
      default:
        throw new AssertionError(rejection.code());
    }
  }

  public static org.hikiwake.proto.wire.GamePhase phase(Phase phase) {
    switch (phase) {
      case WAITING:
        return org.hikiwake.proto.wire.GamePhase.GAME_PHASE_WAITING;
      case IN_PROGRESS:
        return org.hikiwake.proto.wire.GamePhase.GAME_PHASE_IN_PROGRESS;
      case ENDED:
        return org.hikiwake.proto.wire.GamePhase.GAME_PHASE_ENDED;
      default:
        throw new AssertionError(phase);
    }
  }

  public static ScenarioSummary summary(Scenario scenario) {
    ScenarioSummary.Builder b = ScenarioSummary.newBuilder().setId(scenario.id())
        .setTitle(scenario.title()).setRounds(scenario.rounds())
        .setIssueCount(scenario.issues().size());
    scenario.roles().forEach(r -> b.addRoles(roleInfo(r)));
    return b.build();
  }

  static RoleInfo roleInfo(Role role) {
    return RoleInfo.newBuilder().setId(role.id()).setName(role.name()).build();
  }

  public static ScenarioView scenarioView(Scenario scenario) {
    ScenarioView.Builder b = ScenarioView.newBuilder().setId(scenario.id())
        .setTitle(scenario.title()).setBackground(scenario.background())
        .setFirstMover(scenario.firstMover());
    scenario.roles().forEach(r -> b.addRoles(roleInfo(r)));
    for (Issue issue : scenario.issues()) {
      IssueView.Builder ib = IssueView.newBuilder().setId(issue.id()).setName(issue.name())
          .setDescription(issue.description());
      for (Option o : issue.options()) {
        ib.addOptions(OptionView.newBuilder().setId(o.id()).setLabel(o.label())
            .setDescription(o.description()));
      }
      b.addIssues(ib);
    }
    return b.build();
  }

  public static org.hikiwake.proto.wire.PointsView pointsTable(Scenario scenario,
      PointsTable table) {
    org.hikiwake.proto.wire.PointsView.Builder b =
        org.hikiwake.proto.wire.PointsView.newBuilder();
    for (Issue issue : scenario.issues()) {
      IssuePoints.Builder ib = IssuePoints.newBuilder().setIssue(issue.id());
      for (Option o : issue.options()) {
        ib.addOptions(OptionPoints.newBuilder().setOption(o.id())
            .setPoints(table.points(issue.id(), o.id())));
      }
      b.addIssues(ib);
    }
    return b.build();
  }

  /** News as one viewer sees it: the private part only for a player of the role it concerns. */
  static NewsView news(News news, Optional<String> viewerRole) {
    NewsView.Builder b = NewsView.newBuilder().setId(news.id()).setRound(news.round())
        .setHeadline(news.headline()).setText(news.text());
    viewerRole.ifPresent(role -> {
      for (PointChange c : news.changesFor(role)) {
        b.addYourChanges(PointDelta.newBuilder().setIssue(c.issue()).setOption(c.option())
            .setDelta(c.delta()));
      }
      b.setYourNote(news.privateNotes().getOrDefault(role, ""));
    });
    return b.build();
  }

  /** The game-over event: result, both revealed positions and the debrief. */
  static GameOver gameOver(GameState end, Event.GameEnded ended) {
    Scenario scenario = end.scenario();
    GameOver.Builder b = GameOver.newBuilder().setResult(EventCodec.toProto(ended.result()));
    for (Role role : scenario.roles()) {
      b.addRoles(RevealedRole.newBuilder().setRole(role.id())
          .setReservationValue(role.reservationValue())
          .setPoints(pointsTable(scenario, end.pointsOf(role.id()))));
    }
    Analysis analysis = Analysis.of(scenario, end.pointsInForce());
    Debrief.Builder d = Debrief.newBuilder().setZopaSize(analysis.zopaSize())
        .setPackageCount(analysis.points().size());
    analysis.nash().ifPresent(p -> d.setNash(analysed(scenario, p)));
    analysis.kalaiSmorodinsky().ifPresent(p -> d.setKalaiSmorodinsky(analysed(scenario, p)));
    analysis.frontier().forEach(p -> d.addFrontier(analysed(scenario, p)));
    ended.result().agreed().ifPresent(pkg -> {
      Assessment a = analysis.assess(pkg);
      d.setAgreedDominated(a.dominated()).setAgreedDistanceToFrontier(a.distanceToFrontier())
          .setAgreedJointGainLeft(a.jointGainLeft());
    });
    return b.setDebrief(d).build();
  }

  static AnalysedPackage analysed(Scenario scenario, Point p) {
    ImmutableList<Role> roles = scenario.roles();
    return AnalysedPackage.newBuilder().setPackage(EventCodec.toProto(p.pkg()))
        .addPoints(RoleScore.newBuilder().setRole(roles.get(0).id()).setScore(p.first()))
        .addPoints(RoleScore.newBuilder().setRole(roles.get(1).id()).setScore(p.second()))
        .build();
  }
}
