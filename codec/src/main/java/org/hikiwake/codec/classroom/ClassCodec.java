package org.hikiwake.codec.classroom;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.hash.HashCode;
import com.google.protobuf.ByteString;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.hikiwake.codec.EventCodec;
import org.hikiwake.engine.classroom.ClassEvent;
import org.hikiwake.engine.classroom.ClassRecorded;
import org.hikiwake.engine.classroom.ClassSettings;
import org.hikiwake.engine.classroom.Control;
import org.hikiwake.engine.classroom.Player;
import org.hikiwake.engine.classroom.Roster;
import org.hikiwake.proto.classroom.ClassControl;
import org.hikiwake.proto.classroom.ClassEnded;
import org.hikiwake.proto.classroom.ClassEntry;
import org.hikiwake.proto.classroom.ClassSetup;
import org.hikiwake.proto.classroom.ControlUsed;
import org.hikiwake.proto.classroom.GameFormed;
import org.hikiwake.proto.classroom.RosterPair;
import org.hikiwake.proto.classroom.SeatPlayer;
import org.hikiwake.proto.classroom.StudentArrived;
import org.hikiwake.proto.classroom.StudentFreed;
import org.hikiwake.proto.classroom.StudentReadmitted;
import org.hikiwake.proto.classroom.TimeLimitSet;

/**
 * Maps a class's settings and events to and from classroom.proto. Decoding
 * refuses malformed messages with an IllegalArgumentException.
 */
public final class ClassCodec {
  /** The class record format this build writes. */
  public static final int FORMAT_VERSION = 1;

  private ClassCodec() {}

  public static ClassSetup toProto(ClassSettings s) {
    ClassSetup.Builder b = ClassSetup.newBuilder().setScenarioId(s.scenarioId())
        .setRounds(s.rounds())
        .setTurnLimitMillis(s.turnLimit().map(Duration::toMillis).orElse(0L))
        .setPairingSeed(s.pairingSeed()).setOddStudentBot(s.oddStudentBot().orElse(""))
        .setGame(EventCodec.toProto(s.gameSettings()));
    s.standIn().ifPresent(x -> b.setStandIn(org.hikiwake.proto.classroom.StandIn.newBuilder()
        .setLevel(x.level()).setGraceMillis(x.grace().toMillis())));
    s.roster().ifPresent(r -> {
      org.hikiwake.proto.classroom.Roster.Builder rb =
          org.hikiwake.proto.classroom.Roster.newBuilder().addAllNames(r.names());
      r.pairs().forEach(p -> rb.addPairs(RosterPair.newBuilder().setFirst(p.first())
          .setSecond(p.second())));
      b.setRoster(rb);
    });
    return b.build();
  }

  public static ClassSettings fromProto(ClassSetup s) {
    Optional<Roster> roster = Optional.empty();
    if (s.hasRoster()) {
      roster = Optional.of(new Roster(ImmutableList.copyOf(s.getRoster().getNamesList()),
          s.getRoster().getPairsList().stream().map(p -> new Roster.Pair(p.getFirst(),
              p.getSecond())).collect(ImmutableList.toImmutableList())));
    }
    // the game part carries the news schedule and an uncertain end (a class's rounds are
    // resolved when it is created, so the two agree)
    org.hikiwake.engine.game.GameSettings game = s.hasGame()
        ? EventCodec.fromProto(s.getGame())
        : org.hikiwake.engine.game.GameSettings.untimed(Math.max(1, s.getRounds()));
    return new ClassSettings(s.getScenarioId(), s.getRounds(),
        s.getTurnLimitMillis() == 0 ? Optional.empty()
            : Optional.of(Duration.ofMillis(s.getTurnLimitMillis())),
        s.getPairingSeed(), roster,
        s.getOddStudentBot().isEmpty() ? Optional.empty() : Optional.of(s.getOddStudentBot()),
        game.news(), game.uncertainEnd(), s.hasStandIn()
            ? Optional.of(new ClassSettings.StandIn(s.getStandIn().getLevel(),
                Duration.ofMillis(s.getStandIn().getGraceMillis())))
            : Optional.empty());
  }

  public static ClassEntry toEntry(ClassRecorded r) {
    ClassEntry.Builder b = ClassEntry.newBuilder().setSeq(r.seq())
        .setAtMillis(r.at().toEpochMilli()).setActor(r.actor());
    ClassEvent e = r.event();
    if (e instanceof ClassEvent.StudentArrived a) {
      b.setStudentArrived(StudentArrived.newBuilder().setName(a.name())
          .setTokenSha256(bytes(a.tokenHash())));
    } else if (e instanceof ClassEvent.StudentFreed f) {
      b.setStudentFreed(StudentFreed.newBuilder().setName(f.name()));
    } else if (e instanceof ClassEvent.StudentReadmitted a) {
      b.setStudentReadmitted(StudentReadmitted.newBuilder().setName(a.name())
          .setTokenSha256(bytes(a.tokenHash())));
    } else if (e instanceof ClassEvent.GameFormed g) {
      GameFormed.Builder gb = GameFormed.newBuilder().setGameCode(g.gameCode());
      g.players().forEach((role, player) -> {
        SeatPlayer.Builder sp = SeatPlayer.newBuilder().setRole(role);
        if (player instanceof Player.Student s) {
          sp.setStudent(s.name());
        } else if (player instanceof Player.Bot bot) {
          sp.setBotLevel(bot.level());
        }
        gb.addPlayers(sp);
      });
      b.setGameFormed(gb);
    } else if (e instanceof ClassEvent.ControlUsed c) {
      b.setControlUsed(ControlUsed.newBuilder().setControl(toProto(c.control()))
          .addAllApplied(c.applied()).putAllRefused(c.refused()));
    } else if (e instanceof ClassEvent.TimeLimitSet t) {
      b.setTimeLimitSet(TimeLimitSet.newBuilder().setEndsAtMillis(t.endsAt().toEpochMilli()));
    } else if (e instanceof ClassEvent.ClassEnded c) {
      b.setClassEnded(ClassEnded.newBuilder().setAtMillis(c.at().toEpochMilli()));
    } else {
      throw new AssertionError(e);
    }
    return b.build();
  }

  public static ClassRecorded fromEntry(ClassEntry e) {
    ClassEvent event;
    switch (e.getKindCase()) {
      case STUDENT_ARRIVED:
        event = new ClassEvent.StudentArrived(e.getStudentArrived().getName(),
            hash(e.getStudentArrived().getTokenSha256()));
        break;
      case STUDENT_FREED:
        event = new ClassEvent.StudentFreed(e.getStudentFreed().getName());
        break;
      case STUDENT_READMITTED:
        event = new ClassEvent.StudentReadmitted(e.getStudentReadmitted().getName(),
            hash(e.getStudentReadmitted().getTokenSha256()));
        break;
      case GAME_FORMED: {
        Map<String, Player> players = new LinkedHashMap<>();
        for (SeatPlayer sp : e.getGameFormed().getPlayersList()) {
          switch (sp.getPlayerCase()) {
            case STUDENT:
              players.put(sp.getRole(), new Player.Student(sp.getStudent()));
              break;
            case BOT_LEVEL:
              players.put(sp.getRole(), new Player.Bot(sp.getBotLevel()));
              break;
            default:
              throw new IllegalArgumentException("a seat of game "
                  + e.getGameFormed().getGameCode() + " names no player");
          }
        }
        event = new ClassEvent.GameFormed(e.getGameFormed().getGameCode(),
            ImmutableMap.copyOf(players));
        break;
      }
      case CONTROL_USED:
        event = new ClassEvent.ControlUsed(fromProto(e.getControlUsed().getControl()),
            ImmutableList.copyOf(e.getControlUsed().getAppliedList()),
            ImmutableMap.copyOf(e.getControlUsed().getRefusedMap()));
        break;
      case TIME_LIMIT_SET:
        event = new ClassEvent.TimeLimitSet(
            Instant.ofEpochMilli(e.getTimeLimitSet().getEndsAtMillis()));
        break;
      case CLASS_ENDED:
        event = new ClassEvent.ClassEnded(Instant.ofEpochMilli(e.getClassEnded().getAtMillis()));
        break;
      default:
        throw new IllegalArgumentException("class record " + e.getSeq() + " holds nothing");
    }
    if (e.getSeq() < 1) {
      throw new IllegalArgumentException("class record number " + e.getSeq() + " is out of range");
    }
    return new ClassRecorded(e.getSeq(), Instant.ofEpochMilli(e.getAtMillis()), e.getActor(),
        event);
  }

  public static ClassControl toProto(Control c) {
    ClassControl.Builder b = ClassControl.newBuilder();
    if (c instanceof Control.ReleaseNews n) {
      b.setReleaseNews(n.newsId());
    } else if (c instanceof Control.Announce a) {
      b.setAnnounce(a.text());
    } else if (c instanceof Control.Pause) {
      b.setPause(true);
    } else if (c instanceof Control.Resume) {
      b.setResume(true);
    } else if (c instanceof Control.Extend x) {
      b.setExtendRounds(x.rounds());
    } else if (c instanceof Control.End end) {
      b.setEndAs(EventCodec.toProto(end.outcome()));
    } else {
      throw new AssertionError(c);
    }
    return b.build();
  }

  public static Control fromProto(ClassControl c) {
    switch (c.getKindCase()) {
      case RELEASE_NEWS:
        return new Control.ReleaseNews(c.getReleaseNews());
      case ANNOUNCE:
        return new Control.Announce(c.getAnnounce());
      case PAUSE:
        return new Control.Pause();
      case RESUME:
        return new Control.Resume();
      case EXTEND_ROUNDS:
        return new Control.Extend(c.getExtendRounds());
      case END_AS:
        return new Control.End(EventCodec.fromProto(c.getEndAs()));
      default:
        throw new IllegalArgumentException("a class control names no control");
    }
  }

  private static ByteString bytes(HashCode hash) {
    return ByteString.copyFrom(hash.asBytes());
  }

  private static HashCode hash(ByteString bytes) {
    if (bytes.size() != 32) {
      throw new IllegalArgumentException("a token hash must be 32 bytes but is " + bytes.size());
    }
    return HashCode.fromBytes(bytes.toByteArray());
  }
}
