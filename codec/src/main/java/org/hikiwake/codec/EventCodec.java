package org.hikiwake.codec;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.hash.HashCode;
import com.google.protobuf.ByteString;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hikiwake.engine.game.Event;
import org.hikiwake.engine.game.GameSettings;
import org.hikiwake.engine.game.NewsSchedule;
import org.hikiwake.engine.game.Outcome;
import org.hikiwake.engine.game.Result;
import org.hikiwake.engine.replay.Recorded;
import org.hikiwake.engine.scenario.Echo;
import org.hikiwake.engine.scenario.Package;
import org.hikiwake.proto.game.Announced;
import org.hikiwake.proto.game.ChatPosted;
import org.hikiwake.proto.game.Choice;
import org.hikiwake.proto.game.ClockRestarted;
import org.hikiwake.proto.game.GameEnded;
import org.hikiwake.proto.game.GameEvent;
import org.hikiwake.proto.game.GameOutcome;
import org.hikiwake.proto.game.GameResult;
import org.hikiwake.proto.game.GameSetup;
import org.hikiwake.proto.game.GameStarted;
import org.hikiwake.proto.game.NewsArrived;
import org.hikiwake.proto.game.NewsRound;
import org.hikiwake.proto.game.OfferMade;
import org.hikiwake.proto.game.OptionPackage;
import org.hikiwake.proto.game.Paused;
import org.hikiwake.proto.game.Resumed;
import org.hikiwake.proto.game.RoundsExtended;
import org.hikiwake.proto.game.SeatReleased;
import org.hikiwake.proto.game.RoleScore;
import org.hikiwake.proto.game.SeatTaken;
import org.hikiwake.proto.game.TurnChanged;
import org.hikiwake.proto.game.TurnTimedOut;
import org.hikiwake.proto.recording.RecordingEntry;

/**
 * Maps the rules' events, packages, settings and results to and from
 * game.proto messages, and recorded events to and from recording entries.
 * Every decode refuses a malformed message with an IllegalArgumentException.
 */
public final class EventCodec {
  private EventCodec() {}

  public static GameEvent toProto(Event event) {
    GameEvent.Builder b = GameEvent.newBuilder();
    if (event instanceof Event.SeatTaken e) {
      b.setSeatTaken(SeatTaken.newBuilder().setRole(e.role()).setDisplayName(e.displayName())
          .setTokenSha256(ByteString.copyFrom(e.tokenHash().asBytes()))
          .setBot(e.bot().orElse("")));
    } else if (event instanceof Event.GameStarted e) {
      b.setGameStarted(GameStarted.newBuilder().setAtMillis(e.at().toEpochMilli()));
    } else if (event instanceof Event.OfferMade e) {
      b.setOfferMade(OfferMade.newBuilder().setRole(e.role()).setPackage(toProto(e.pkg())));
    } else if (event instanceof Event.ChatPosted e) {
      b.setChatPosted(ChatPosted.newBuilder().setRole(e.role()).setText(e.text()));
    } else if (event instanceof Event.TurnTimedOut e) {
      b.setTurnTimedOut(TurnTimedOut.newBuilder().setRole(e.role()));
    } else if (event instanceof Event.TurnChanged e) {
      b.setTurnChanged(TurnChanged.newBuilder().setTurn(e.turn()).setRound(e.round())
          .setRole(e.role()).setDeadlineMillis(e.deadline().map(Instant::toEpochMilli).orElse(0L)));
    } else if (event instanceof Event.ClockRestarted e) {
      b.setClockRestarted(ClockRestarted.newBuilder()
          .setDeadlineMillis(e.deadline().toEpochMilli()));
    } else if (event instanceof Event.NewsArrived e) {
      b.setNewsArrived(NewsArrived.newBuilder().setNewsId(e.newsId()));
    } else if (event instanceof Event.GameEnded e) {
      b.setGameEnded(GameEnded.newBuilder().setResult(toProto(e.result())));
    } else if (event instanceof Event.SeatReleased e) {
      b.setSeatReleased(SeatReleased.newBuilder().setRole(e.role()));
    } else if (event instanceof Event.Announced e) {
      b.setAnnounced(Announced.newBuilder().setText(e.text()));
    } else if (event instanceof Event.Paused e) {
      b.setPaused(Paused.newBuilder().setAtMillis(e.at().toEpochMilli()));
    } else if (event instanceof Event.Resumed e) {
      b.setResumed(Resumed.newBuilder().setAtMillis(e.at().toEpochMilli())
          .setDeadlineMillis(e.deadline().map(Instant::toEpochMilli).orElse(0L)));
    } else if (event instanceof Event.RoundsExtended e) {
      b.setRoundsExtended(RoundsExtended.newBuilder().setRounds(e.rounds()));
    } else {
      throw new AssertionError(event);
    }
    return b.build();
  }

  /**
   * The rules' event for a recorded one.
   *
   * @throws IllegalArgumentException if the message has no event or is malformed
   */
  public static Event fromProto(GameEvent event) {
    switch (event.getKindCase()) {
      case SEAT_TAKEN:
        return fromProto(event.getSeatTaken());
      case GAME_STARTED:
        return new Event.GameStarted(Instant.ofEpochMilli(event.getGameStarted().getAtMillis()));
      case OFFER_MADE:
        return new Event.OfferMade(event.getOfferMade().getRole(),
            strictPackage(event.getOfferMade().getPackage()));
      case CHAT_POSTED:
        return new Event.ChatPosted(event.getChatPosted().getRole(),
            event.getChatPosted().getText());
      case TURN_TIMED_OUT:
        return new Event.TurnTimedOut(event.getTurnTimedOut().getRole());
      case TURN_CHANGED: {
        TurnChanged t = event.getTurnChanged();
        return new Event.TurnChanged(t.getTurn(), t.getRound(), t.getRole(),
            t.getDeadlineMillis() == 0 ? Optional.empty()
                : Optional.of(Instant.ofEpochMilli(t.getDeadlineMillis())));
      }
      case CLOCK_RESTARTED:
        return new Event.ClockRestarted(
            Instant.ofEpochMilli(event.getClockRestarted().getDeadlineMillis()));
      case NEWS_ARRIVED:
        return new Event.NewsArrived(event.getNewsArrived().getNewsId());
      case GAME_ENDED:
        return new Event.GameEnded(fromProto(event.getGameEnded().getResult()));
      case SEAT_RELEASED:
        return new Event.SeatReleased(event.getSeatReleased().getRole());
      case ANNOUNCED:
        return new Event.Announced(event.getAnnounced().getText());
      case PAUSED:
        return new Event.Paused(Instant.ofEpochMilli(event.getPaused().getAtMillis()));
      case RESUMED:
        return new Event.Resumed(Instant.ofEpochMilli(event.getResumed().getAtMillis()),
            event.getResumed().getDeadlineMillis() == 0 ? Optional.empty()
                : Optional.of(Instant.ofEpochMilli(event.getResumed().getDeadlineMillis())));
      case ROUNDS_EXTENDED:
        return new Event.RoundsExtended(event.getRoundsExtended().getRounds());
      case KIND_NOT_SET:
      default:
        throw new IllegalArgumentException("event has no kind");
    }
  }

  private static Event.SeatTaken fromProto(SeatTaken s) {
    if (s.getTokenSha256().size() != 32) {
      throw new IllegalArgumentException("seat token hash must be 32 bytes but is "
          + s.getTokenSha256().size());
    }
    return new Event.SeatTaken(s.getRole(), s.getDisplayName(),
        s.getBot().isEmpty() ? Optional.empty() : Optional.of(s.getBot()),
        HashCode.fromBytes(s.getTokenSha256().toByteArray()));
  }

  /** A recorded event as a recording entry (format 2). */
  public static RecordingEntry toEntry(Recorded recorded) {
    return RecordingEntry.newBuilder().setSeq(recorded.seq())
        .setAtMillis(recorded.at().toEpochMilli()).setRole(recorded.actor())
        .setEvent(toProto(recorded.event())).build();
  }

  /**
   * A recording entry as a recorded event; format 1's separate seat entries
   * become {@link Event.SeatTaken}.
   *
   * @throws IllegalArgumentException if the entry is malformed
   */
  public static Recorded fromEntry(RecordingEntry entry) {
    Event event;
    if (entry.hasSeatTaken()) {
      event = fromProto(entry.getSeatTaken());
    } else if (entry.hasEvent()) {
      event = fromProto(entry.getEvent());
    } else {
      throw new IllegalArgumentException("record " + Long.toUnsignedString(entry.getSeq())
          + " holds nothing");
    }
    if (entry.getSeq() < 1) {
      throw new IllegalArgumentException("record number " + Long.toUnsignedString(entry.getSeq())
          + " is out of range");
    }
    return new Recorded(entry.getSeq(), Instant.ofEpochMilli(entry.getAtMillis()),
        entry.getRole(), event);
  }

  /** Every entry as a recorded event, in order. */
  public static ImmutableList<Recorded> fromEntries(List<RecordingEntry> entries) {
    ImmutableList.Builder<Recorded> out = ImmutableList.builderWithExpectedSize(entries.size());
    for (RecordingEntry e : entries) {
      out.add(fromEntry(e));
    }
    return out.build();
  }

  public static OptionPackage toProto(Package pkg) {
    OptionPackage.Builder b = OptionPackage.newBuilder();
    pkg.choices().forEach((issue, option) ->
        b.addChoices(Choice.newBuilder().setIssue(issue).setOption(option)));
    return b.build();
  }

  /**
   * A package from its message and what is wrong with its form: an issue
   * named twice is a problem (a package names each issue once), not a choice
   * to be settled by taking the last. Whether the issues and options exist is
   * the rules' business.
   */
  public static DecodedPackage fromProto(OptionPackage pkg) {
    Map<String, String> choices = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (Choice c : pkg.getChoicesList()) {
      String earlier = choices.putIfAbsent(c.getIssue(), c.getOption());
      if (earlier != null) {
        String problem = "issue " + Echo.of(c.getIssue()) + " is named more than once";
        if (!problems.contains(problem)) {
          problems.add(problem);
        }
      }
    }
    return new DecodedPackage(Package.of(choices), ImmutableList.copyOf(problems));
  }

  /**
   * A decoded package.
   *
   * @param pkg the choices, each issue's first option kept
   * @param problems what is wrong with the message's form; empty if nothing
   */
  public record DecodedPackage(Package pkg, ImmutableList<String> problems) {
    public boolean isWellFormed() {
      return problems.isEmpty();
    }
  }

  /** A package that must be well formed, e.g. in a recording. */
  public static Package strictPackage(OptionPackage pkg) {
    DecodedPackage decoded = fromProto(pkg);
    if (!decoded.isWellFormed()) {
      throw new IllegalArgumentException(String.join("; ", decoded.problems()));
    }
    return decoded.pkg();
  }

  public static GameResult toProto(Result result) {
    GameResult.Builder b = GameResult.newBuilder()
        .setOutcome(toProto(result.outcome()))
        .setEndedBy(result.endedBy().orElse(""));
    result.agreed().ifPresent(p -> b.setAgreed(toProto(p)));
    result.scores().forEach((role, score) ->
        b.addScores(RoleScore.newBuilder().setRole(role).setScore(score)));
    return b.build();
  }

  public static Result fromProto(GameResult result) {
    Outcome outcome = fromProto(result.getOutcome());
    Map<String, Integer> scores = new LinkedHashMap<>();
    for (RoleScore s : result.getScoresList()) {
      scores.put(s.getRole(), s.getScore());
    }
    return new Result(outcome,
        outcome == Outcome.AGREEMENT ? Optional.of(strictPackage(result.getAgreed()))
            : Optional.empty(),
        ImmutableMap.copyOf(scores),
        result.getEndedBy().isEmpty() ? Optional.empty() : Optional.of(result.getEndedBy()));
  }

  public static GameOutcome toProto(Outcome outcome) {
    switch (outcome) {
      case AGREEMENT:
        return GameOutcome.GAME_OUTCOME_AGREEMENT;
      case WALK_OUT:
        return GameOutcome.GAME_OUTCOME_WALK_OUT;
      case DEADLINE:
        return GameOutcome.GAME_OUTCOME_DEADLINE;
      case ABANDONED:
        return GameOutcome.GAME_OUTCOME_ABANDONED;
      default:
        throw new AssertionError(outcome);
    }
  }

  public static Outcome fromProto(GameOutcome outcome) {
    switch (outcome) {
      case GAME_OUTCOME_AGREEMENT:
        return Outcome.AGREEMENT;
      case GAME_OUTCOME_WALK_OUT:
        return Outcome.WALK_OUT;
      case GAME_OUTCOME_DEADLINE:
        return Outcome.DEADLINE;
      case GAME_OUTCOME_ABANDONED:
        return Outcome.ABANDONED;
      default:
        throw new IllegalArgumentException("unknown outcome " + outcome);
    }
  }

  public static GameSetup toProto(GameSettings settings) {
    GameSetup.Builder b = GameSetup.newBuilder()
        .setRounds(settings.rounds())
        .setTurnLimitMillis(settings.turnLimit().map(Duration::toMillis).orElse(0L));
    settings.news().rounds().ifPresent(rounds -> {
      b.setNewsRescheduled(true);
      rounds.forEach((id, round) -> b.addNewsRounds(NewsRound.newBuilder().setNewsId(id)
          .setRound(round)));
    });
    settings.uncertainEnd().ifPresent(u -> b.setEndEarliest(u.earliest())
        .setEndDrawn(u.lastRound().orElse(0)));
    return b.build();
  }

  public static GameSettings fromProto(GameSetup settings) {
    NewsSchedule news = NewsSchedule.asScenario();
    if (settings.getNewsRescheduled()) {
      Map<String, Integer> rounds = new LinkedHashMap<>();
      for (NewsRound r : settings.getNewsRoundsList()) {
        rounds.put(r.getNewsId(), r.getRound());
      }
      news = NewsSchedule.of(rounds);
    }
    Optional<GameSettings.UncertainEnd> end = settings.getEndEarliest() == 0 ? Optional.empty()
        : Optional.of(new GameSettings.UncertainEnd(settings.getEndEarliest(),
            settings.getEndDrawn() == 0 ? Optional.empty()
                : Optional.of(settings.getEndDrawn())));
    return new GameSettings(settings.getRounds(), settings.getTurnLimitMillis() == 0
        ? Optional.empty() : Optional.of(Duration.ofMillis(settings.getTurnLimitMillis())),
        news, end);
  }
}
