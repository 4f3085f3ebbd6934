package org.hikiwake.engine.scenario;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated negotiation scenario: two roles, the issues with their options,
 * each role's points, the number of rounds, who moves first and the scheduled
 * news. Instances come from {@code ScenarioLoader}, which checks every rule the
 * game relies on, so code that holds a {@code Scenario} may trust it.
 */
public record Scenario(
    String id,
    String title,
    String background,
    ImmutableList<Role> roles,
    ImmutableList<Issue> issues,
    ImmutableMap<String, PointsTable> points,
    int rounds,
    String firstMover,
    ImmutableList<News> news) {

  public Scenario {
    checkNotNull(id, "id");
    checkArgument(roles.size() == 2, "a scenario has exactly two roles but got %s", roles.size());
    checkArgument(rounds >= 1, "rounds must be >= 1 but was %s", rounds);
    checkArgument(points.keySet().equals(roleIds(roles)), "points must cover exactly the roles");
    checkArgument(
        roles.stream().anyMatch(r -> r.id().equals(firstMover)),
        "first mover %s is not a role", firstMover);
  }

  private static java.util.Set<String> roleIds(List<Role> roles) {
    java.util.Set<String> ids = new java.util.LinkedHashSet<>();
    roles.forEach(r -> ids.add(r.id()));
    return ids;
  }

  /** The role with this id, if any. */
  public Optional<Role> role(String roleId) {
    for (Role r : roles) {
      if (r.id().equals(roleId)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  public boolean hasRole(String roleId) {
    return role(roleId).isPresent();
  }

  /** The role on the other side of the table. */
  public String opponentOf(String roleId) {
    checkArgument(hasRole(roleId), "unknown role %s", roleId);
    return roles.get(0).id().equals(roleId) ? roles.get(1).id() : roles.get(0).id();
  }

  /** The role that moves second in every round. */
  public String secondMover() {
    return opponentOf(firstMover);
  }

  /** The issue with this id, if any. */
  public Optional<Issue> issue(String issueId) {
    return PublicScenario.issueOf(issues, issueId);
  }

  /** The base points of one role, before any news. */
  public PointsTable pointsOf(String roleId) {
    PointsTable table = points.get(roleId);
    checkArgument(table != null, "unknown role %s", roleId);
    return table;
  }

  /**
   * The points in force during a round as scheduled in this scenario: the base
   * points with the news of rounds 1 to {@code round} applied, round by round
   * and in file order within a round. Round 0 gives the base points.
   */
  public ImmutableMap<String, PointsTable> pointsInForce(int round) {
    checkArgument(round >= 0 && round <= rounds, "round must be in [0, %s] but was %s", rounds,
        round);
    ImmutableMap<String, PointsTable> inForce = points;
    for (int r = 1; r <= round; r++) {
      for (News n : newsFor(r)) {
        inForce = n.applyTo(inForce);
      }
    }
    return inForce;
  }

  /** News that arrives at the start of the round, in file order. */
  public ImmutableList<News> newsFor(int round) {
    return news.stream().filter(n -> n.round() == round).collect(ImmutableList.toImmutableList());
  }

  /** The news item with this id, if any. */
  public Optional<News> newsItem(String newsId) {
    return news.stream().filter(n -> n.id().equals(newsId)).findFirst();
  }

  /** The part every player and watcher may see. */
  public PublicScenario publicPart() {
    return new PublicScenario(id, title, background,
        roles.stream().map(r -> new PublicScenario.RoleName(r.id(), r.name()))
            .collect(ImmutableList.toImmutableList()),
        issues, rounds, firstMover);
  }

  /**
   * What keeps the package from being a complete, valid package of this
   * scenario: missing issues, unknown issues and unknown options. Empty if it
   * is complete and valid.
   */
  public List<String> problemsWith(Package pkg) {
    return PublicScenario.problemsWith(issues, pkg);
  }

  /** The package in this scenario's issue order; it must be complete and valid. */
  public Package canonical(Package pkg) {
    return PublicScenario.canonical(issues, pkg);
  }
}
