package org.hikiwake.engine.classroom;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hikiwake.engine.analysis.Assessment;
import org.hikiwake.engine.analysis.Debrief;
import org.hikiwake.engine.analysis.Point;
import org.hikiwake.engine.game.Event;
import org.hikiwake.engine.game.GameState;
import org.hikiwake.engine.game.Outcome;
import org.hikiwake.engine.game.Result;
import org.hikiwake.engine.replay.Replay;
import org.hikiwake.engine.scenario.Role;

/**
 * What one game of a class tells a debrief: how it ended, how good the end
 * was for each side (as a share of the gain each could have had over its
 * reservation value, so roles are compared with themselves, not with each
 * other), how far from the best joint outcomes it was, and how each side
 * negotiated: its offers, its concessions, what it did after news.
 *
 * @param finished false while the game is still being played (the row says so)
 * @param result how it ended, once it has
 * @param roundsUsed the round the game was in when it ended (or is in now)
 * @param roles one report per role, in the scenario's role order
 * @param agreement where an agreed package sits against the frontier
 * @param jointLeft joint points left on the table: by an agreement, the most both could
 *     have added; without one, the best joint gain over both reservation values that a deal
 *     could have brought
 * @param debrief the analysis under the points in force at the end (or now)
 */
public record GameReport(
    String gameCode,
    boolean finished,
    Optional<Result> result,
    int roundsUsed,
    ImmutableList<RoleReport> roles,
    Optional<Assessment> agreement,
    int jointLeft,
    Debrief debrief) {

  /**
   * One side of a game.
   *
   * @param score points scored (the reservation value without an agreement); while the game
   *     runs, the points of the offer on the table, if any
   * @param shareOfGain (score - reservation value) / (the role's best points in an
   *     agreement the other side accepts - reservation value), under the points in force at
   *     the end, as {@code Analysis.shareOfGain}; 0 without an agreement
   * @param offers own offers, each with its own points at the time it was made (the
   *     concession curve)
   * @param afterNews for each news item that changed this side's points, its concession
   *     across it: own points of its last offer before, less those of its first offer
   *     after, both under the points in force after the news (positive: it gave ground)
   */
  public record RoleReport(String role, int score, int reservationValue, double shareOfGain,
      ImmutableList<Integer> offers, ImmutableMap<String, Integer> afterNews) {
    public RoleReport {
      checkNotNull(role, "role");
      checkNotNull(offers, "offers");
      checkNotNull(afterNews, "afterNews");
    }

    /** Points of its first offer, if it made one. */
    public Optional<Integer> firstOffer() {
      return offers.isEmpty() ? Optional.empty() : Optional.of(offers.get(0));
    }
  }

  /**
   * The report of a game from its replay and the debrief under the points in
   * force at its end (or now, for a game still running).
   */
  public static GameReport of(String gameCode, Replay replay, Debrief debrief) {
    GameState last = replay.last();
    Map<String, List<Integer>> offers = new LinkedHashMap<>();
    Map<String, Map<String, Integer>> afterNews = new LinkedHashMap<>();
    Map<String, Optional<org.hikiwake.engine.scenario.Package>> lastOffer = new LinkedHashMap<>();
    // news whose effect on a role's offers is waiting for that role's next offer
    Map<String, List<String>> pendingNews = new LinkedHashMap<>();
    for (Role r : last.scenario().roles()) {
      offers.put(r.id(), new ArrayList<>());
      afterNews.put(r.id(), new LinkedHashMap<>());
      lastOffer.put(r.id(), Optional.empty());
      pendingNews.put(r.id(), new ArrayList<>());
    }
    for (Replay.Step step : replay.steps()) {
      Event e = step.recorded().event();
      if (e instanceof Event.OfferMade o) {
        GameState now = step.after();
        offers.get(o.role()).add(now.pointsOf(o.role()).score(o.pkg()));
        Optional<org.hikiwake.engine.scenario.Package> before = lastOffer.get(o.role());
        for (String newsId : pendingNews.get(o.role())) {
          before.ifPresent(b -> afterNews.get(o.role()).put(newsId,
              now.pointsOf(o.role()).score(b) - now.pointsOf(o.role()).score(o.pkg())));
        }
        pendingNews.get(o.role()).clear();
        lastOffer.put(o.role(), Optional.of(o.pkg()));
      } else if (e instanceof Event.NewsArrived n) {
        last.scenario().newsItem(n.newsId()).ifPresent(news -> news.pointChanges().stream()
            .map(c -> c.role()).distinct()
            .forEach(role -> pendingNews.get(role).add(n.newsId())));
      }
    }
    Optional<Result> result = last.result();
    // A role's best agreement: its most points among packages the other side also accepts.
    // The packages of the ZOPA on the frontier reach it (as Analysis.largestGain does).
    int rvFirst = last.scenario().roles().get(0).reservationValue();
    int rvSecond = last.scenario().roles().get(1).reservationValue();
    List<Point> zopaFrontier = debrief.frontier().stream()
        .filter(p -> p.first() >= rvFirst && p.second() >= rvSecond).toList();
    int bestFirst = zopaFrontier.stream().mapToInt(Point::first).max().orElse(rvFirst);
    int bestSecond = zopaFrontier.stream().mapToInt(Point::second).max().orElse(rvSecond);
    ImmutableList.Builder<RoleReport> roles = ImmutableList.builder();
    for (int i = 0; i < last.scenario().roles().size(); i++) {
      Role role = last.scenario().roles().get(i);
      int rv = role.reservationValue();
      int score;
      if (result.isPresent()) {
        score = result.get().scores().get(role.id());
      } else {
        score = last.onTable().map(o -> last.pointsOf(role.id()).score(o.pkg())).orElse(rv);
      }
      int best = i == 0 ? bestFirst : bestSecond;
      double share = result.map(Result::outcome).filter(o -> o == Outcome.AGREEMENT).isPresent()
          && best > rv ? (score - rv) / (double) (best - rv) : 0.0;
      roles.add(new RoleReport(role.id(), score, rv, share,
          ImmutableList.copyOf(offers.get(role.id())), ImmutableMap.copyOf(afterNews.get(role.id()))));
    }
    int rvSum = rvFirst + rvSecond;
    int bestJoint = zopaFrontier.stream().mapToInt(Point::sum).max().orElse(rvSum);
    int jointLeft = debrief.agreement().map(Assessment::jointGainLeft)
        .orElse(result.isPresent() ? Math.max(0, bestJoint - rvSum) : 0);
    return new GameReport(gameCode, last.isOver(), result, Math.max(0, last.round()),
        roles.build(), debrief.agreement(), jointLeft, debrief);
  }
}
