package org.hikiwake.engine.game;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.hikiwake.engine.scenario.Echo;
import java.util.Optional;
import org.hikiwake.engine.game.Decision.Accepted;
import org.hikiwake.engine.game.Decision.Rejected;

/**
 * The rules of the instructor's controls: news released early, announcements,
 * pause and resume, extra rounds, calling time or abandoning a game, and
 * freeing a seat. Each is decided like a player's move and recorded as an
 * event, so a replay shows it where it happened.
 */
final class Controls {
  private Controls() {}

  static Decision decide(GameState s, Move move) {
    if (move instanceof Move.ReleaseNews news) {
      return releaseNews(s, news);
    } else if (move instanceof Move.Announce announce) {
      return announce(s, announce);
    } else if (move instanceof Move.Pause pause) {
      return pause(s, pause);
    } else if (move instanceof Move.Resume resume) {
      return resume(s, resume);
    } else if (move instanceof Move.Extend extend) {
      return extend(s, extend);
    } else if (move instanceof Move.End end) {
      return end(s, end);
    } else if (move instanceof Move.ReleaseSeat release) {
      return releaseSeat(s, release);
    }
    throw new AssertionError(move);
  }

  private static Decision releaseNews(GameState s, Move.ReleaseNews release) {
    if (s.isOver()) {
      return reject(RejectionCode.GAME_OVER, "The game is over.");
    }
    if (s.scenario().newsItem(release.newsId()).isEmpty()) {
      return reject(RejectionCode.UNKNOWN_NEWS, "The scenario has no news '" + Echo.of(release.newsId())
          + "'. News: " + String.join(", ", s.scenario().news().stream()
              .map(n -> n.id()).toList()) + ".");
    }
    if (s.newsArrived().contains(release.newsId())) {
      return reject(RejectionCode.NEWS_ALREADY_ARRIVED, "The news '" + Echo.of(release.newsId())
          + "' has already arrived in this game.");
    }
    return Accepted.of(List.of(new Event.NewsArrived(release.newsId())));
  }

  private static Decision announce(GameState s, Move.Announce announce) {
    if (s.isOver()) {
      return reject(RejectionCode.GAME_OVER, "The game is over.");
    }
    Optional<Rejection> textProblem = Rules.chatProblem(announce.text());
    if (textProblem.isPresent()) {
      return new Rejected(textProblem.get());
    }
    return Accepted.of(List.of(new Event.Announced(announce.text())));
  }

  private static Decision pause(GameState s, Move.Pause pause) {
    Optional<Rejection> phaseProblem = Rules.checkInProgress(s);
    if (phaseProblem.isPresent()) {
      return new Rejected(phaseProblem.get());
    }
    if (s.isPaused()) {
      return reject(RejectionCode.PAUSE_STATE, "The game is already paused.");
    }
    return Accepted.of(List.of(new Event.Paused(pause.at())));
  }

  private static Decision resume(GameState s, Move.Resume resume) {
    Optional<Rejection> phaseProblem = Rules.checkInProgress(s);
    if (phaseProblem.isPresent()) {
      return new Rejected(phaseProblem.get());
    }
    if (!s.isPaused()) {
      return reject(RejectionCode.PAUSE_STATE, "The game is not paused.");
    }
    Instant pausedAt = s.pausedAt().orElseThrow();
    Duration paused = resume.at().isAfter(pausedAt) ? Duration.between(pausedAt, resume.at())
        : Duration.ZERO;
    return Accepted.of(List.of(new Event.Resumed(resume.at(),
        s.deadline().map(d -> d.plus(paused)))));
  }

  private static Decision extend(GameState s, Move.Extend extend) {
    if (s.isOver()) {
      return reject(RejectionCode.GAME_OVER, "The game is over.");
    }
    int rounds = s.settings().rounds() + extend.extraRounds();
    if (extend.extraRounds() < 1 || rounds > GameSettings.MAX_ROUNDS) {
      return reject(RejectionCode.BAD_EXTENSION, "A game can be extended by 1 to "
          + (GameSettings.MAX_ROUNDS - s.settings().rounds()) + " rounds (at most "
          + GameSettings.MAX_ROUNDS + " in all).");
    }
    return Accepted.of(List.of(new Event.RoundsExtended(rounds)));
  }

  private static Decision end(GameState s, Move.End end) {
    if (s.isOver()) {
      return reject(RejectionCode.GAME_OVER, "The game is over.");
    }
    if (end.outcome() != Outcome.DEADLINE && end.outcome() != Outcome.ABANDONED) {
      throw new IllegalArgumentException("a game is ended as a deadline or abandoned, not "
          + end.outcome());
    }
    return Accepted.of(List.of(new Event.GameEnded(
        Rules.noAgreement(s, end.outcome(), Optional.empty()))));
  }

  private static Decision releaseSeat(GameState s, Move.ReleaseSeat release) {
    if (!s.scenario().hasRole(release.role())) {
      return reject(RejectionCode.UNKNOWN_ROLE, "There is no role '" + Echo.of(release.role()) + "'.");
    }
    if (s.isOver()) {
      return reject(RejectionCode.GAME_OVER, "The game is over.");
    }
    if (!s.seats().containsKey(release.role())) {
      return reject(RejectionCode.SEAT_FREE, "The " + release.role() + " seat is not taken.");
    }
    return Accepted.of(List.of(new Event.SeatReleased(release.role())));
  }

  private static Decision reject(RejectionCode code, String message) {
    return new Rejected(Rejection.of(code, message));
  }
}
