package org.hikiwake.server.net;

import com.google.protobuf.ByteString;
import java.time.Instant;
import org.hikiwake.codec.EventCodec;
import org.hikiwake.codec.wire.WireViews;
import org.hikiwake.engine.scenario.News;
import org.hikiwake.proto.game.RoleScore;
import org.hikiwake.proto.wire.ClassBoard;
import org.hikiwake.proto.wire.ClassCommandDone;
import org.hikiwake.proto.wire.ClassCreated;
import org.hikiwake.proto.wire.ClassDebriefFiles;
import org.hikiwake.proto.wire.ClassGameRow;
import org.hikiwake.proto.wire.ClassJoined;
import org.hikiwake.proto.wire.ClassPhase;
import org.hikiwake.proto.wire.NamedFile;
import org.hikiwake.proto.wire.NewsInfo;
import org.hikiwake.proto.wire.OfferView;
import org.hikiwake.proto.wire.ServerMessage;
import org.hikiwake.proto.wire.StudentInfo;
import org.hikiwake.server.classroom.ClassReply;
import org.hikiwake.server.classroom.DebriefFiles;
import org.hikiwake.server.room.GameProgress;

/** Classes' domain replies as wire messages. Boards carry both sides' points: instructors only. */
final class WireClasses {
  private WireClasses() {}

  static ServerMessage reply(long id, ClassReply reply) {
    ServerMessage.Builder m = ServerMessage.newBuilder().setRequestId(id);
    if (reply instanceof ClassReply.Created c) {
      return m.setClassCreated(ClassCreated.newBuilder().setClassCode(c.classCode())
          .setInstructorToken(c.instructorToken()).setBoard(board(c.board()))).build();
    } else if (reply instanceof ClassReply.Joined j) {
      return m.setClassJoined(ClassJoined.newBuilder().setClassCode(j.classCode())
          .setName(j.name()).setStudentToken(j.studentToken())
          .setScenarioTitle(j.scenarioTitle()).setWaiting(j.waiting())).build();
    } else if (reply instanceof ClassReply.Done d) {
      return m.setClassCommandDone(ClassCommandDone.newBuilder().setSummary(d.summary())
          .addAllApplied(d.applied()).putAllRefused(d.refused()).setBoard(board(d.board())))
          .build();
    } else if (reply instanceof ClassReply.Board b) {
      return m.setClassBoard(board(b.board())).build();
    } else if (reply instanceof ClassReply.Debrief d) {
      ClassDebriefFiles.Builder files = ClassDebriefFiles.newBuilder();
      for (DebriefFiles.File f : d.files()) {
        files.addFiles(NamedFile.newBuilder().setName(f.name()).setMediaType(f.mediaType())
            .setContent(ByteString.copyFrom(f.content())));
      }
      return m.setClassDebriefFiles(files).build();
    } else if (reply instanceof ClassReply.Refused r) {
      return Session.refused(id, r.refusal());
    }
    throw new AssertionError(reply);
  }

  static ClassBoard board(org.hikiwake.server.classroom.ClassBoard b) {
    ClassBoard.Builder out = ClassBoard.newBuilder().setClassCode(b.classCode())
        .setScenarioTitle(b.scenarioTitle()).setPhase(phase(b.phase()))
        .addAllWaiting(b.waiting())
        .setEndsAtMillis(b.endsAt().map(Instant::toEpochMilli).orElse(0L))
        .setAtMillis(b.at().toEpochMilli());
    for (GameProgress g : b.games()) {
      out.addGames(row(g));
    }
    for (org.hikiwake.server.classroom.ClassBoard.NewsItem n : b.news()) {
      out.addNews(NewsInfo.newBuilder().setId(n.id()).setRound(n.round())
          .setHeadline(n.headline()));
    }
    for (org.hikiwake.server.classroom.ClassBoard.StudentRow s : b.students()) {
      out.addStudents(StudentInfo.newBuilder().setName(s.name())
          .setGameCode(s.gameCode().orElse("")).setRole(s.role().orElse(""))
          .setConnected(s.connected()));
    }
    return out.build();
  }

  static ClassGameRow row(GameProgress g) {
    ClassGameRow.Builder r = ClassGameRow.newBuilder().setGameCode(g.listing().gameCode())
        .addAllSeats(WireListings.summary(g.listing()).getSeatsList())
        .setPhase(WireViews.phase(g.listing().phase())).setRound(g.listing().round())
        .setRounds(g.listing().rounds()).setTurn(g.turn()).setToMove(g.toMove().orElse(""))
        .setDeadlineMillis(g.deadline().map(Instant::toEpochMilli).orElse(0L))
        .setPaused(g.paused()).setDamage(g.listing().damage().orElse(""));
    g.onTable().ifPresent(o -> r.setOnTable(OfferView.newBuilder().setRole(o.proposer())
        .setPackage(EventCodec.toProto(o.pkg()))));
    g.onTablePoints().forEach((role, points) -> r.addOnTablePoints(RoleScore.newBuilder()
        .setRole(role).setScore(points)));
    g.listing().result().ifPresent(res -> r.setResult(EventCodec.toProto(res)));
    return r.build();
  }

  private static ClassPhase phase(org.hikiwake.server.classroom.ClassBoard.Phase p) {
    switch (p) {
      case OPEN:
        return ClassPhase.CLASS_PHASE_OPEN;
      case RUNNING:
        return ClassPhase.CLASS_PHASE_RUNNING;
      case ENDED:
        return ClassPhase.CLASS_PHASE_ENDED;
      default:
        throw new AssertionError(p);
    }
  }
}
