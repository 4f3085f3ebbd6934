package org.hikiwake.server.record;

import com.google.common.collect.ImmutableMap;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.hikiwake.engine.game.Event;
import org.hikiwake.engine.game.GameSettings;
import org.hikiwake.engine.game.Outcome;
import org.hikiwake.engine.game.Result;
import org.hikiwake.engine.scenario.Package;
import org.hikiwake.proto.game.ChatPosted;
import org.hikiwake.proto.game.Choice;
import org.hikiwake.proto.game.ClockRestarted;
import org.hikiwake.proto.game.GameEnded;
import org.hikiwake.proto.game.GameEvent;
import org.hikiwake.proto.game.GameStarted;
import org.hikiwake.proto.game.NewsArrived;
import org.hikiwake.proto.game.OfferMade;
import org.hikiwake.proto.game.RoleScore;
import org.hikiwake.proto.game.TurnChanged;
import org.hikiwake.proto.game.TurnTimedOut;

/** Maps the rules' events, packages, settings and results to and from game.proto messages. */
public final class EventCodec {
  private EventCodec() {}

  public static GameEvent toProto(Event event) {
    GameEvent.Builder b = GameEvent.newBuilder();
    if (event instanceof Event.GameStarted e) {
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
      case GAME_STARTED:
        return new Event.GameStarted(Instant.ofEpochMilli(event.getGameStarted().getAtMillis()));
      case OFFER_MADE:
        return new Event.OfferMade(event.getOfferMade().getRole(),
            fromProto(event.getOfferMade().getPackage()));
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
      case KIND_NOT_SET:
      default:
        throw new IllegalArgumentException("event has no kind: " + event);
    }
  }

  public static org.hikiwake.proto.game.OptionPackage toProto(Package pkg) {
    org.hikiwake.proto.game.OptionPackage.Builder b = org.hikiwake.proto.game.OptionPackage.newBuilder();
    pkg.choices().forEach((issue, option) ->
        b.addChoices(Choice.newBuilder().setIssue(issue).setOption(option)));
    return b.build();
  }

  /** A package from its message; a repeated issue keeps its last option. */
  public static Package fromProto(org.hikiwake.proto.game.OptionPackage pkg) {
    Map<String, String> choices = new LinkedHashMap<>();
    for (Choice c : pkg.getChoicesList()) {
      choices.put(c.getIssue(), c.getOption());
    }
    return Package.of(choices);
  }

  public static org.hikiwake.proto.game.GameResult toProto(Result result) {
    org.hikiwake.proto.game.GameResult.Builder b = org.hikiwake.proto.game.GameResult.newBuilder()
        .setOutcome(toProto(result.outcome()))
        .setEndedBy(result.endedBy().orElse(""));
    result.agreed().ifPresent(p -> b.setAgreed(toProto(p)));
    result.scores().forEach((role, score) ->
        b.addScores(RoleScore.newBuilder().setRole(role).setScore(score)));
    return b.build();
  }

  public static Result fromProto(org.hikiwake.proto.game.GameResult result) {
    Outcome outcome = fromProto(result.getOutcome());
    Map<String, Integer> scores = new LinkedHashMap<>();
    for (RoleScore s : result.getScoresList()) {
      scores.put(s.getRole(), s.getScore());
    }
    return new Result(outcome,
        outcome == Outcome.AGREEMENT ? Optional.of(fromProto(result.getAgreed()))
            : Optional.empty(),
        ImmutableMap.copyOf(scores),
        result.getEndedBy().isEmpty() ? Optional.empty() : Optional.of(result.getEndedBy()));
  }

  public static org.hikiwake.proto.game.GameOutcome toProto(Outcome outcome) {
    switch (outcome) {
      case AGREEMENT:
        return org.hikiwake.proto.game.GameOutcome.GAME_OUTCOME_AGREEMENT;
      case WALK_OUT:
        return org.hikiwake.proto.game.GameOutcome.GAME_OUTCOME_WALK_OUT;
      case DEADLINE:
        return org.hikiwake.proto.game.GameOutcome.GAME_OUTCOME_DEADLINE;
      default:
        throw new AssertionError(outcome);
    }
  }

  public static Outcome fromProto(org.hikiwake.proto.game.GameOutcome outcome) {
    switch (outcome) {
      case GAME_OUTCOME_AGREEMENT:
        return Outcome.AGREEMENT;
      case GAME_OUTCOME_WALK_OUT:
        return Outcome.WALK_OUT;
      case GAME_OUTCOME_DEADLINE:
        return Outcome.DEADLINE;
      default:
        throw new IllegalArgumentException("unknown outcome " + outcome);
    }
  }

  public static org.hikiwake.proto.game.GameSetup toProto(GameSettings settings) {
    return org.hikiwake.proto.game.GameSetup.newBuilder()
        .setRounds(settings.rounds())
        .setTurnLimitMillis(settings.turnLimit().map(Duration::toMillis).orElse(0L))
        .build();
  }

  public static GameSettings fromProto(org.hikiwake.proto.game.GameSetup settings) {
    return new GameSettings(settings.getRounds(), settings.getTurnLimitMillis() == 0
        ? Optional.empty() : Optional.of(Duration.ofMillis(settings.getTurnLimitMillis())));
  }
}
