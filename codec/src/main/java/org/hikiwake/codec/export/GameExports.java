package org.hikiwake.codec.export;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.Locale;
import org.hikiwake.codec.EventCodec;
import org.hikiwake.codec.recording.ReplayedRecording;
import org.hikiwake.engine.analysis.Analysis;
import org.hikiwake.engine.analysis.Assessment;
import org.hikiwake.engine.analysis.Point;
import org.hikiwake.engine.game.Event;
import org.hikiwake.engine.game.GameState;
import org.hikiwake.engine.game.Result;
import org.hikiwake.engine.replay.Replay;
import org.hikiwake.engine.scenario.Package;
import org.hikiwake.engine.scenario.Role;
import org.hikiwake.engine.scenario.Scenario;
import org.hikiwake.proto.export.AgreementAssessment;
import org.hikiwake.proto.export.AnalysedPackage;
import org.hikiwake.proto.export.EventDetail;
import org.hikiwake.proto.export.ExportedEvent;
import org.hikiwake.proto.export.ExportedResult;
import org.hikiwake.proto.export.ExportedRole;
import org.hikiwake.proto.export.FileSoundness;
import org.hikiwake.proto.export.GameExport;
import org.hikiwake.proto.export.SeatTaken;
import org.hikiwake.proto.game.GameEvent;

/**
 * A replayed recording as an export document (hikiwake/export/v1): the
 * header, every event with its actor and round and, for offers, both sides'
 * points, the result, the analysis, and whether the file was sound. It lives
 * here, with the other engine-to-protobuf mappings, so that anything holding
 * a recording (the client's {@code export}, a server's dashboard) writes the
 * same document.
 */
public final class GameExports {
  private GameExports() {}

  public static GameExport of(ReplayedRecording game) {
    Scenario s = game.scenario();
    GameExport.Builder b = GameExport.newBuilder()
        .setGameCode(game.gameCode())
        .setScenarioId(s.id())
        .setScenarioTitle(s.title())
        .setCreatedAt(timestamp(game.createdAt()))
        .setServerVersion(game.header().getServerVersion())
        .setSettings(EventCodec.toProto(game.settings()));
    for (Role r : s.roles()) {
      b.addRoles(ExportedRole.newBuilder().setId(r.id()).setName(r.name())
          .setReservationValue(r.reservationValue()));
    }
    for (Replay.Step step : game.replay().steps()) {
      b.addEvents(event(s, step));
    }
    GameState last = game.last();
    b.setResult(result(s, last));
    b.setAnalysis(analysis(s, last));
    b.setFile(FileSoundness.newBuilder().setComplete(game.isSound())
        .setProblem(game.problem().orElse(""))
        .setGoodBytes(bytes(game.recording().goodBytes()))
        .setTotalBytes(bytes(game.recording().totalBytes())));
    return b.build();
  }

  static ExportedEvent event(Scenario s, Replay.Step step) {
    Event e = step.recorded().event();
    ExportedEvent.Builder b = ExportedEvent.newBuilder()
        .setSeq(Math.toIntExact(step.recorded().seq()))
        .setAt(timestamp(step.recorded().at()))
        .setRole(step.recorded().actor())
        .setRound(step.before().round());
    EventDetail detail = detail(e);
    b.setKind(detail.getDetailCase().name().toLowerCase(Locale.ROOT)).setEvent(detail);
    if (e instanceof Event.OfferMade o) {
      for (Role r : s.roles()) {
        b.putPoints(r.id(), step.after().pointsOf(r.id()).score(o.pkg()));
      }
    }
    return b.build();
  }

  /** The event as recorded, but a seat without its token's hash. */
  static EventDetail detail(Event e) {
    EventDetail.Builder b = EventDetail.newBuilder();
    if (e instanceof Event.SeatTaken seat) {
      return b.setSeatTaken(SeatTaken.newBuilder().setRole(seat.role())
          .setDisplayName(seat.displayName()).setBot(seat.bot().orElse(""))).build();
    }
    GameEvent g = EventCodec.toProto(e);
    switch (g.getKindCase()) {
      case GAME_STARTED:
        return b.setGameStarted(g.getGameStarted()).build();
      case OFFER_MADE:
        return b.setOfferMade(g.getOfferMade()).build();
      case CHAT_POSTED:
        return b.setChatPosted(g.getChatPosted()).build();
      case TURN_TIMED_OUT:
        return b.setTurnTimedOut(g.getTurnTimedOut()).build();
      case TURN_CHANGED:
        return b.setTurnChanged(g.getTurnChanged()).build();
      case CLOCK_RESTARTED:
        return b.setClockRestarted(g.getClockRestarted()).build();
      case NEWS_ARRIVED:
        return b.setNewsArrived(g.getNewsArrived()).build();
      case GAME_ENDED:
        return b.setGameEnded(g.getGameEnded()).build();
      default:
        throw new AssertionError(g.getKindCase());
    }
  }

  static ExportedResult result(Scenario s, GameState last) {
    ExportedResult.Builder b = ExportedResult.newBuilder();
    if (last.result().isEmpty()) {
      return b.setFinished(false).build();
    }
    Result r = last.result().get();
    b.setFinished(true).setOutcome(EventCodec.toProto(r.outcome()))
        .setEndedBy(r.endedBy().orElse(""));
    for (Role role : s.roles()) {
      b.putScores(role.id(), r.scores().getOrDefault(role.id(), 0));
    }
    r.agreed().ifPresent(p -> b.putAllAgreed(s.publicPart().ordered(p).choices()));
    return b.build();
  }

  static org.hikiwake.proto.export.Analysis analysis(Scenario s, GameState last) {
    Analysis a = Analysis.of(s, last.pointsInForce());
    org.hikiwake.proto.export.Analysis.Builder b = org.hikiwake.proto.export.Analysis.newBuilder()
        .setPackageCount(Math.toIntExact(Analysis.packageCount(s)))
        .setZopaSize(a.zopaSize())
        .setFrontierSize(a.frontier().size());
    a.nash().ifPresent(p -> b.setNash(analysed(s, p)));
    a.kalaiSmorodinsky().ifPresent(p -> b.setKalaiSmorodinsky(analysed(s, p)));
    last.result().flatMap(Result::agreed).ifPresent(p -> {
      Assessment as = a.assess(p);
      b.setAgreed(AgreementAssessment.newBuilder().setDominated(as.dominated())
          .setDistanceToFrontier(as.distanceToFrontier())
          .setJointGainLeft(as.jointGainLeft()));
    });
    return b.build();
  }

  private static AnalysedPackage analysed(Scenario s, Point p) {
    Package pkg = s.publicPart().ordered(p.pkg());
    return AnalysedPackage.newBuilder().putAllPackage(pkg.choices())
        .putPoints(s.roles().get(0).id(), p.first())
        .putPoints(s.roles().get(1).id(), p.second())
        .build();
  }

  private static Timestamp timestamp(Instant at) {
    return Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()).build();
  }

  private static int bytes(long n) {
    return (int) Math.min(Integer.MAX_VALUE, n);
  }
}
