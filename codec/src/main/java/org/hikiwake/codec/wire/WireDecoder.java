package org.hikiwake.codec.wire;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hikiwake.codec.EventCodec;
import org.hikiwake.engine.analysis.Assessment;
import org.hikiwake.engine.analysis.Debrief;
import org.hikiwake.engine.analysis.Point;
import org.hikiwake.engine.game.Event;
import org.hikiwake.engine.game.Result;
import org.hikiwake.engine.scenario.Issue;
import org.hikiwake.engine.scenario.Link;
import org.hikiwake.engine.scenario.News;
import org.hikiwake.engine.scenario.Option;
import org.hikiwake.engine.scenario.Package;
import org.hikiwake.engine.scenario.PointChange;
import org.hikiwake.engine.scenario.PointsTable;
import org.hikiwake.engine.scenario.PublicScenario;
import org.hikiwake.engine.view.GameView;
import org.hikiwake.engine.view.Reveal;
import org.hikiwake.engine.view.RoleSheet;
import org.hikiwake.engine.view.Seen;
import org.hikiwake.engine.view.Sighting;
import org.hikiwake.engine.view.Viewer;
import org.hikiwake.proto.game.RoleScore;
import org.hikiwake.proto.wire.AnalysedPackage;
import org.hikiwake.proto.wire.EventView;
import org.hikiwake.proto.wire.GameOver;
import org.hikiwake.proto.wire.GameSnapshot;
import org.hikiwake.proto.wire.IssuePoints;
import org.hikiwake.proto.wire.IssueView;
import org.hikiwake.proto.wire.Joined;
import org.hikiwake.proto.wire.LinkCondition;
import org.hikiwake.proto.wire.LinkView;
import org.hikiwake.proto.wire.NewsView;
import org.hikiwake.proto.wire.OptionPoints;
import org.hikiwake.proto.wire.OptionView;
import org.hikiwake.proto.wire.PointDelta;
import org.hikiwake.proto.wire.PointsView;
import org.hikiwake.proto.wire.RevealedRole;
import org.hikiwake.proto.wire.RoleInfo;
import org.hikiwake.proto.wire.ScenarioView;

/**
 * Wire messages back to engine views, for clients: a client folds the
 * engine's {@link GameView} over what the server sent, with the same code
 * the server and the bots use, instead of keeping a model of its own.
 * Malformed messages are refused with an IllegalArgumentException.
 */
public final class WireDecoder {
  private WireDecoder() {}

  public static PublicScenario publicScenario(ScenarioView view) {
    ImmutableList.Builder<PublicScenario.RoleName> roles = ImmutableList.builder();
    for (RoleInfo r : view.getRolesList()) {
      roles.add(new PublicScenario.RoleName(r.getId(), r.getName()));
    }
    ImmutableList.Builder<Issue> issues = ImmutableList.builder();
    for (IssueView i : view.getIssuesList()) {
      ImmutableList.Builder<Option> options = ImmutableList.builder();
      for (OptionView o : i.getOptionsList()) {
        options.add(new Option(o.getId(), o.getLabel(), o.getDescription()));
      }
      issues.add(Issue.of(i.getId(), i.getName(), i.getDescription(), options.build()));
    }
    return new PublicScenario(view.getId(), view.getTitle(), view.getBackground(),
        roles.build(), issues.build(), Math.max(1, view.getRounds()), view.getFirstMover());
  }

  public static PointsTable pointsTable(PointsView view) {
    Map<String, Map<String, Integer>> points = new LinkedHashMap<>();
    for (IssuePoints issue : view.getIssuesList()) {
      Map<String, Integer> row = points.computeIfAbsent(issue.getIssue(),
          k -> new LinkedHashMap<>());
      for (OptionPoints option : issue.getOptionsList()) {
        row.put(option.getOption(), option.getPoints());
      }
    }
    List<Link> links = new java.util.ArrayList<>();
    for (LinkView l : view.getLinksList()) {
      Map<String, List<String>> conditions = new LinkedHashMap<>();
      for (LinkCondition c : l.getConditionsList()) {
        conditions.put(c.getIssue(), c.getOptionsList());
      }
      links.add(Link.of(l.getId(), conditions, l.getDelta(), l.getNote()));
    }
    return PointsTable.of(points, links);
  }

  /**
   * The view a seat starts from before its first event: the public scenario
   * and the seat's own sheet with its points before any news. Folding the
   * joined game's history over it gives the seat's view now.
   */
  public static GameView initialView(Joined joined) {
    GameSnapshot game = joined.getGame();
    PublicScenario scenario = publicScenario(game.getScenario());
    PointsView base = joined.hasInitialPoints() ? joined.getInitialPoints() : joined.getPoints();
    RoleSheet sheet = new RoleSheet(joined.getBrief(), joined.getReservationValue(),
        pointsTable(base));
    return GameView.initial(Viewer.player(joined.getRole()), scenario,
        EventCodec.fromProto(game.getSettings()), Map.of(joined.getRole(), sheet));
  }

  /** The view a watcher starts from before the first event. */
  public static GameView initialWatcherView(GameSnapshot game) {
    return GameView.initial(Viewer.watcher(), publicScenario(game.getScenario()),
        EventCodec.fromProto(game.getSettings()), Map.of());
  }

  /** True if the event is one of the game's recorded events (presence and seat moves are not). */
  public static boolean isRecorded(EventView event) {
    switch (event.getKindCase()) {
      case PRESENCE_CHANGED:
      case SEAT_MOVED:
      case KIND_NOT_SET:
        return false;
      default:
        return event.getSeq() > 0;
    }
  }

  /**
   * A recorded event as the engine's sighting.
   *
   * @param viewerRole the viewer's role, for a player: whose private note the news carries
   * @throws IllegalArgumentException if the event is not a recorded one or is malformed
   */
  public static Sighting sighting(EventView e, Optional<String> viewerRole) {
    if (!isRecorded(e)) {
      throw new IllegalArgumentException("event " + e.getKindCase() + " is not recorded");
    }
    return new Sighting(e.getSeq(), Instant.ofEpochMilli(e.getAtMillis()), seen(e, viewerRole));
  }

  /** The recorded events of a snapshot's history, in order. */
  public static ImmutableList<Sighting> history(GameSnapshot game, Optional<String> viewerRole) {
    ImmutableList.Builder<Sighting> out = ImmutableList.builder();
    for (EventView e : game.getHistoryList()) {
      if (isRecorded(e)) {
        out.add(sighting(e, viewerRole));
      }
    }
    return out.build();
  }

  private static Seen seen(EventView e, Optional<String> viewerRole) {
    switch (e.getKindCase()) {
      case SEAT_FILLED:
        return new Seen.SeatFilled(e.getSeatFilled().getRole(),
            e.getSeatFilled().getDisplayName(), e.getSeatFilled().getBot().isEmpty()
                ? Optional.empty() : Optional.of(e.getSeatFilled().getBot()));
      case GAME_STARTED:
        return new Seen.Public(new Event.GameStarted(
            Instant.ofEpochMilli(e.getGameStarted().getAtMillis())));
      case OFFER_MADE:
        return new Seen.Public(new Event.OfferMade(e.getOfferMade().getRole(),
            EventCodec.strictPackage(e.getOfferMade().getPackage())));
      case CHAT_POSTED:
        return new Seen.Public(new Event.ChatPosted(e.getChatPosted().getRole(),
            e.getChatPosted().getText()));
      case NEWS_ARRIVED:
        return new Seen.NewsArrived(news(e.getNewsArrived(), viewerRole));
      case TURN_CHANGED:
        return new Seen.Public(EventCodec.fromProto(org.hikiwake.proto.game.GameEvent
            .newBuilder().setTurnChanged(e.getTurnChanged()).build()));
      case TURN_TIMED_OUT:
        return new Seen.Public(new Event.TurnTimedOut(e.getTurnTimedOut().getRole()));
      case CLOCK_RESTARTED:
        return new Seen.Public(new Event.ClockRestarted(
            Instant.ofEpochMilli(e.getClockRestarted().getDeadlineMillis())));
      case GAME_ENDED:
        return new Seen.GameEnded(EventCodec.fromProto(e.getGameEnded().getResult()),
            reveal(e.getGameEnded()));
      case SEAT_RELEASED:
        return new Seen.Public(new Event.SeatReleased(e.getSeatReleased().getRole()));
      case ANNOUNCED:
        return new Seen.Public(new Event.Announced(e.getAnnounced().getText()));
      case PAUSED:
        return new Seen.Public(EventCodec.fromProto(org.hikiwake.proto.game.GameEvent
            .newBuilder().setPaused(e.getPaused()).build()));
      case RESUMED:
        return new Seen.Public(EventCodec.fromProto(org.hikiwake.proto.game.GameEvent
            .newBuilder().setResumed(e.getResumed()).build()));
      case ROUNDS_EXTENDED:
        return new Seen.Public(EventCodec.fromProto(org.hikiwake.proto.game.GameEvent
            .newBuilder().setRoundsExtended(e.getRoundsExtended()).build()));
      default:
        throw new IllegalArgumentException("event " + e.getKindCase() + " is not recorded");
    }
  }

  static News news(NewsView n, Optional<String> viewerRole) {
    ImmutableList.Builder<PointChange> changes = ImmutableList.builder();
    for (PointDelta d : n.getYourChangesList()) {
      String role = !d.getRole().isEmpty() ? d.getRole()
          : viewerRole.orElseThrow(() -> new IllegalArgumentException(
              "a point change names no role"));
      changes.add(new PointChange(role, d.getIssue(), d.getOption(), d.getDelta()));
    }
    ImmutableMap<String, String> notes = viewerRole.isPresent() && !n.getYourNote().isBlank()
        ? ImmutableMap.of(viewerRole.get(), n.getYourNote()) : ImmutableMap.of();
    return new News(n.getId(), Math.max(1, n.getRound()), n.getHeadline(), n.getText(),
        changes.build(), notes);
  }

  /** What the end of a game revealed. */
  public static Reveal reveal(GameOver over) {
    Map<String, PointsTable> points = new LinkedHashMap<>();
    Map<String, Integer> rvs = new LinkedHashMap<>();
    for (RevealedRole r : over.getRolesList()) {
      points.put(r.getRole(), pointsTable(r.getPoints()));
      rvs.put(r.getRole(), r.getReservationValue());
    }
    List<String> roles = over.getRolesList().stream().map(RevealedRole::getRole).toList();
    org.hikiwake.proto.wire.Debrief d = over.getDebrief();
    Optional<Assessment> agreement = Optional.empty();
    Result result = EventCodec.fromProto(over.getResult());
    if (result.agreed().isPresent() && roles.size() == 2) {
      Package agreed = result.agreed().get();
      Point p = new Point(agreed, result.scores().getOrDefault(roles.get(0), 0),
          result.scores().getOrDefault(roles.get(1), 0));
      boolean acceptable = p.first() >= rvs.get(roles.get(0))
          && p.second() >= rvs.get(roles.get(1));
      agreement = Optional.of(new Assessment(p, d.getAgreedDominated(),
          d.getAgreedDistanceToFrontier(), d.getAgreedJointGainLeft(), acceptable));
    }
    Debrief debrief = new Debrief(d.getZopaSize(), d.getPackageCount(),
        d.hasNash() ? Optional.of(point(d.getNash(), roles)) : Optional.empty(),
        d.hasKalaiSmorodinsky() ? Optional.of(point(d.getKalaiSmorodinsky(), roles))
            : Optional.empty(),
        d.getFrontierList().stream().map(a -> point(a, roles))
            .collect(ImmutableList.toImmutableList()),
        agreement);
    return new Reveal(ImmutableMap.copyOf(points), ImmutableMap.copyOf(rvs), debrief);
  }

  private static Point point(AnalysedPackage a, List<String> roles) {
    Map<String, Integer> byRole = new LinkedHashMap<>();
    for (RoleScore s : a.getPointsList()) {
      byRole.put(s.getRole(), s.getScore());
    }
    int first = roles.isEmpty() ? 0 : byRole.getOrDefault(roles.get(0), 0);
    int second = roles.size() < 2 ? 0 : byRole.getOrDefault(roles.get(1), 0);
    return new Point(EventCodec.strictPackage(a.getPackage()), first, second);
  }
}
