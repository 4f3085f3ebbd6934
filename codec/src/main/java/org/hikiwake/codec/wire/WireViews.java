package org.hikiwake.codec.wire;

import com.google.common.collect.ImmutableList;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hikiwake.codec.EventCodec;
import org.hikiwake.engine.analysis.Debrief;
import org.hikiwake.engine.analysis.Point;
import org.hikiwake.engine.game.Event;
import org.hikiwake.engine.game.Phase;
import org.hikiwake.engine.scenario.Issue;
import org.hikiwake.engine.scenario.Link;
import org.hikiwake.engine.scenario.News;
import org.hikiwake.engine.scenario.Option;
import org.hikiwake.engine.scenario.PointChange;
import org.hikiwake.engine.scenario.PointsTable;
import org.hikiwake.engine.scenario.PublicScenario;
import org.hikiwake.engine.scenario.Scenario;
import org.hikiwake.engine.view.GameView;
import org.hikiwake.engine.view.Reveal;
import org.hikiwake.engine.view.Seen;
import org.hikiwake.engine.view.Sighting;
import org.hikiwake.proto.game.RoleScore;
import org.hikiwake.proto.wire.AnalysedPackage;
import org.hikiwake.proto.wire.EventView;
import org.hikiwake.proto.wire.GameOver;
import org.hikiwake.proto.wire.GamePhase;
import org.hikiwake.proto.wire.GameSnapshot;
import org.hikiwake.proto.wire.IssuePoints;
import org.hikiwake.proto.wire.IssueView;
import org.hikiwake.proto.wire.LinkCondition;
import org.hikiwake.proto.wire.LinkView;
import org.hikiwake.proto.wire.NewsView;
import org.hikiwake.proto.wire.OfferView;
import org.hikiwake.proto.wire.OptionPoints;
import org.hikiwake.proto.wire.OptionView;
import org.hikiwake.proto.wire.PointDelta;
import org.hikiwake.proto.wire.PointsView;
import org.hikiwake.proto.wire.PresenceChanged;
import org.hikiwake.proto.wire.RevealedRole;
import org.hikiwake.proto.wire.RoleInfo;
import org.hikiwake.proto.wire.ScenarioSummary;
import org.hikiwake.proto.wire.ScenarioView;
import org.hikiwake.proto.wire.SeatFilled;
import org.hikiwake.proto.wire.SeatInfo;
import org.hikiwake.proto.wire.SeatMoved;
import org.hikiwake.proto.wire.ServerMessage;

/**
 * Engine views to wire messages. The engine has already decided what a
 * viewer may see ({@code Projection}); this class only changes the form, so
 * nothing a viewer may not see can reach these messages.
 */
public final class WireViews {
  private WireViews() {}

  public static GamePhase phase(Phase phase) {
    switch (phase) {
      case WAITING:
        return GamePhase.GAME_PHASE_WAITING;
      case IN_PROGRESS:
        return GamePhase.GAME_PHASE_IN_PROGRESS;
      case ENDED:
        return GamePhase.GAME_PHASE_ENDED;
      default:
        throw new AssertionError(phase);
    }
  }

  public static ScenarioSummary summary(Scenario scenario) {
    ScenarioSummary.Builder b = ScenarioSummary.newBuilder().setId(scenario.id())
        .setTitle(scenario.title()).setRounds(scenario.rounds())
        .setIssueCount(scenario.issues().size());
    scenario.publicPart().roles().forEach(r -> b.addRoles(roleInfo(r)));
    return b.build();
  }

  static RoleInfo roleInfo(PublicScenario.RoleName role) {
    return RoleInfo.newBuilder().setId(role.id()).setName(role.name()).build();
  }

  public static ScenarioView scenarioView(PublicScenario scenario) {
    ScenarioView.Builder b = ScenarioView.newBuilder().setId(scenario.id())
        .setTitle(scenario.title()).setBackground(scenario.background())
        .setFirstMover(scenario.firstMover()).setRounds(scenario.rounds());
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

  /** One role's points for every option, in the scenario's order, and the role's links. */
  public static PointsView pointsView(PublicScenario scenario, PointsTable table) {
    PointsView.Builder b = PointsView.newBuilder();
    for (Issue issue : scenario.issues()) {
      IssuePoints.Builder ib = IssuePoints.newBuilder().setIssue(issue.id());
      for (Option o : issue.options()) {
        ib.addOptions(OptionPoints.newBuilder().setOption(o.id())
            .setPoints(table.points(issue.id(), o.id())));
      }
      b.addIssues(ib);
    }
    for (Link link : table.links()) {
      LinkView.Builder lb = LinkView.newBuilder().setId(link.id()).setDelta(link.delta())
          .setNote(link.note());
      link.conditions().forEach((issue, options) -> lb.addConditions(
          LinkCondition.newBuilder().setIssue(issue).addAllOptions(options)));
      b.addLinks(lb);
    }
    return b.build();
  }

  /** A news item as the viewer sees it (the projection already kept only what it may see). */
  public static NewsView news(News news) {
    NewsView.Builder b = NewsView.newBuilder().setId(news.id()).setRound(news.round())
        .setHeadline(news.headline()).setText(news.text());
    for (PointChange c : news.pointChanges()) {
      b.addYourChanges(PointDelta.newBuilder().setIssue(c.issue()).setOption(c.option())
          .setDelta(c.delta()).setRole(c.role()));
    }
    b.setYourNote(String.join("\n", news.privateNotes().values()));
    return b.build();
  }

  /** A recorded event as one viewer sees it, pushed with request id 0. */
  public static ServerMessage pushed(String gameCode, Sighting sighting,
      PublicScenario scenario) {
    return ServerMessage.newBuilder().setEvent(eventView(gameCode, sighting, scenario)).build();
  }

  public static EventView eventView(String gameCode, Sighting sighting,
      PublicScenario scenario) {
    EventView.Builder b = EventView.newBuilder().setGameCode(gameCode).setSeq(sighting.seq())
        .setAtMillis(sighting.at().toEpochMilli());
    Seen seen = sighting.seen();
    if (seen instanceof Seen.SeatFilled s) {
      b.setSeatFilled(SeatFilled.newBuilder().setRole(s.role()).setDisplayName(s.displayName())
          .setBot(s.bot().orElse("")));
    } else if (seen instanceof Seen.NewsArrived n) {
      b.setNewsArrived(news(n.news()));
    } else if (seen instanceof Seen.GameEnded g) {
      b.setGameEnded(gameOver(scenario, g));
    } else if (seen instanceof Seen.Public p) {
      publicEvent(b, p.event());
    } else {
      throw new AssertionError(seen);
    }
    return b.build();
  }

  private static void publicEvent(EventView.Builder b, Event event) {
    if (event instanceof Event.GameStarted s) {
      b.setGameStarted(EventCodec.toProto(s).getGameStarted());
    } else if (event instanceof Event.OfferMade o) {
      b.setOfferMade(EventCodec.toProto(o).getOfferMade());
    } else if (event instanceof Event.ChatPosted c) {
      b.setChatPosted(EventCodec.toProto(c).getChatPosted());
    } else if (event instanceof Event.TurnTimedOut t) {
      b.setTurnTimedOut(EventCodec.toProto(t).getTurnTimedOut());
    } else if (event instanceof Event.TurnChanged t) {
      b.setTurnChanged(EventCodec.toProto(t).getTurnChanged());
    } else if (event instanceof Event.ClockRestarted c) {
      b.setClockRestarted(EventCodec.toProto(c).getClockRestarted());
    } else if (event instanceof Event.SeatReleased r) {
      b.setSeatReleased(EventCodec.toProto(r).getSeatReleased());
    } else if (event instanceof Event.Announced a) {
      b.setAnnounced(EventCodec.toProto(a).getAnnounced());
    } else if (event instanceof Event.Paused p) {
      b.setPaused(EventCodec.toProto(p).getPaused());
    } else if (event instanceof Event.Resumed r) {
      b.setResumed(EventCodec.toProto(r).getResumed());
    } else if (event instanceof Event.RoundsExtended x) {
      b.setRoundsExtended(EventCodec.toProto(x).getRoundsExtended());
    } else {
      throw new AssertionError(event);
    }
  }

  /** A player connected or disconnected (not recorded: seq 0). */
  public static ServerMessage presence(String gameCode, String role, boolean connected,
      Instant at) {
    return ServerMessage.newBuilder().setEvent(EventView.newBuilder().setGameCode(gameCode)
        .setAtMillis(at.toEpochMilli())
        .setPresenceChanged(PresenceChanged.newBuilder().setRole(role).setConnected(connected)))
        .build();
  }

  /** The seat this connection held was resumed by another one (not recorded: seq 0). */
  public static ServerMessage seatMoved(String gameCode, String role, Instant at,
      boolean freed) {
    return ServerMessage.newBuilder().setEvent(EventView.newBuilder().setGameCode(gameCode)
        .setAtMillis(at.toEpochMilli()).setSeatMoved(SeatMoved.newBuilder().setRole(role)
            .setFreed(freed)))
        .build();
  }

  /** The end of a game, with everything revealed. */
  public static GameOver gameOver(PublicScenario scenario, Seen.GameEnded ended) {
    Reveal reveal = ended.reveal();
    GameOver.Builder b = GameOver.newBuilder().setResult(EventCodec.toProto(ended.result()));
    for (PublicScenario.RoleName role : scenario.roles()) {
      b.addRoles(RevealedRole.newBuilder().setRole(role.id())
          .setReservationValue(reveal.reservationValues().get(role.id()))
          .setPoints(pointsView(scenario, reveal.points().get(role.id()))));
    }
    return b.setDebrief(debrief(scenario, reveal.debrief())).build();
  }

  static org.hikiwake.proto.wire.Debrief debrief(PublicScenario scenario, Debrief d) {
    org.hikiwake.proto.wire.Debrief.Builder b = org.hikiwake.proto.wire.Debrief.newBuilder()
        .setZopaSize(d.zopaSize()).setPackageCount((int) Math.min(Integer.MAX_VALUE,
            d.packageCount()));
    d.nash().ifPresent(p -> b.setNash(analysed(scenario, p)));
    d.kalaiSmorodinsky().ifPresent(p -> b.setKalaiSmorodinsky(analysed(scenario, p)));
    d.frontier().forEach(p -> b.addFrontier(analysed(scenario, p)));
    d.agreement().ifPresent(a -> b.setAgreedDominated(a.dominated())
        .setAgreedDistanceToFrontier(a.distanceToFrontier())
        .setAgreedJointGainLeft(a.jointGainLeft()));
    return b.build();
  }

  static AnalysedPackage analysed(PublicScenario scenario, Point p) {
    ImmutableList<PublicScenario.RoleName> roles = scenario.roles();
    return AnalysedPackage.newBuilder().setPackage(EventCodec.toProto(p.pkg()))
        .addPoints(RoleScore.newBuilder().setRole(roles.get(0).id()).setScore(p.first()))
        .addPoints(RoleScore.newBuilder().setRole(roles.get(1).id()).setScore(p.second()))
        .build();
  }

  /**
   * The game as one viewer sees it, with its history.
   *
   * @param connected which roles' holders are connected now
   */
  public static GameSnapshot snapshot(String gameCode, GameView view,
      List<Sighting> history, Map<String, Boolean> connected) {
    GameSnapshot.Builder b = GameSnapshot.newBuilder().setGameCode(gameCode)
        .setScenario(scenarioView(view.scenario()))
        .setSettings(EventCodec.toProto(view.settings()))
        .setPhase(phase(view.phase()))
        .setRound(view.round()).setTurn(view.turn())
        .setToMove(view.toMove().orElse(""))
        .setDeadlineMillis(view.deadline().map(Instant::toEpochMilli).orElse(0L));
    view.onTable().ifPresent(o -> b.setOnTable(OfferView.newBuilder().setRole(o.proposer())
        .setPackage(EventCodec.toProto(o.pkg()))));
    b.addAllSeats(seats(view, connected));
    for (Sighting s : history) {
      b.addHistory(eventView(gameCode, s, view.scenario()));
    }
    return b.build();
  }

  /** Every seat of the game, taken or not. */
  public static List<SeatInfo> seats(GameView view, Map<String, Boolean> connected) {
    ImmutableList.Builder<SeatInfo> out = ImmutableList.builder();
    for (PublicScenario.RoleName r : view.scenario().roles()) {
      GameView.Occupant occupant = view.seats().get(r.id());
      SeatInfo.Builder b = SeatInfo.newBuilder().setRole(r.id()).setRoleName(r.name())
          .setTaken(occupant != null);
      if (occupant != null) {
        b.setDisplayName(occupant.displayName()).setBot(occupant.bot().orElse(""))
            .setConnected(connected.getOrDefault(r.id(), false));
      }
      out.add(b.build());
    }
    return out.build();
  }
}
