package org.hikiwake.engine.scenario;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.Interner;
import com.google.common.collect.Interners;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The part of a scenario that every player and watcher may see: its title and
 * background, the two roles' names, the issues and their options, the number
 * of rounds and who moves first. No points, briefs, reservation values or
 * news schedule: those stay with the server until they are due.
 *
 * @param roles the two roles, in the scenario's order
 * @param issues the issues with their options, in the order they are shown
 */
public record PublicScenario(
    String id,
    String title,
    String background,
    ImmutableList<RoleName> roles,
    ImmutableList<Issue> issues,
    int rounds,
    String firstMover) {

  /** A role's id and display name. */
  public record RoleName(String id, String name) {
    public RoleName {
      checkNotNull(id, "id");
      checkNotNull(name, "name");
    }
  }

  public PublicScenario {
    checkNotNull(id, "id");
    checkNotNull(title, "title");
    checkNotNull(background, "background");
    checkArgument(roles.size() == 2, "a scenario has exactly two roles but got %s", roles.size());
    checkArgument(roles.stream().anyMatch(r -> r.id().equals(firstMover)),
        "first mover %s is not a role", firstMover);
  }

  public boolean hasRole(String roleId) {
    return roles.stream().anyMatch(r -> r.id().equals(roleId));
  }

  /** The display name of a role, or its id if the scenario does not know it. */
  public String roleName(String roleId) {
    return roles.stream().filter(r -> r.id().equals(roleId)).map(RoleName::name)
        .filter(n -> !n.isBlank()).findFirst().orElse(roleId);
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
    return issueOf(issues, issueId);
  }

  // A loop, not a stream: these run for every move.
  static Optional<Issue> issueOf(List<Issue> issues, String issueId) {
    for (Issue i : issues) {
      if (i.id().equals(issueId)) {
        return Optional.of(i);
      }
    }
    return Optional.empty();
  }

  /** The label of an option, or its id if there is no such option or label. */
  public String optionLabel(String issueId, String optionId) {
    return issue(issueId).flatMap(i -> i.option(optionId)).map(Option::label)
        .filter(l -> !l.isBlank()).orElse(optionId);
  }

  /** The ids of the issues the package does not name, in the scenario's order. */
  public List<String> missingIssues(Package pkg) {
    return issues.stream().map(Issue::id).filter(id -> pkg.option(id).isEmpty()).toList();
  }

  /**
   * What keeps the package from being a complete, valid package of this
   * scenario: missing issues, unknown issues and unknown options. Empty if it
   * is complete and valid.
   */
  public List<String> problemsWith(Package pkg) {
    return problemsWith(issues, pkg);
  }

  static List<String> problemsWith(List<Issue> issues, Package pkg) {
    List<String> problems = new ArrayList<>(0);
    for (Issue issue : issues) {
      Optional<String> option = pkg.option(issue.id());
      if (option.isEmpty()) {
        problems.add("missing issue " + issue.id());
      } else if (!issue.hasOption(option.get())) {
        problems.add("unknown option " + Echo.of(option.get()) + " for issue " + issue.id());
      }
    }
    for (String issueId : pkg.choices().keySet()) {
      if (issueOf(issues, issueId).isEmpty()) {
        problems.add("unknown issue " + Echo.of(issueId));
      }
    }
    return problems;
  }

  /**
   * The package's choices in this scenario's issue order; choices of issues
   * the scenario does not know come last, in their given order.
   */
  public Package ordered(Package pkg) {
    return ordered(issues, pkg);
  }

  static Package ordered(List<Issue> issues, Package pkg) {
    if (isInOrder(issues, pkg)) {
      return pkg;
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Issue issue : issues) {
      pkg.option(issue.id()).ifPresent(o -> out.put(issue.id(), o));
    }
    pkg.choices().forEach(out::putIfAbsent);
    return Package.of(out);
  }

  /** The package in this scenario's issue order; it must be complete and valid. */
  public Package canonical(Package pkg) {
    return canonical(issues, pkg);
  }

  /**
   * Canonical packages, one instance each: a scenario's package space is small (the analysis
   * enumerates it), so the offers of every game share a few thousand packages at most.
   */
  private static final Interner<Package> PACKAGES = Interners.newWeakInterner();

  static Package canonical(List<Issue> issues, Package pkg) {
    List<String> problems = problemsWith(issues, pkg);
    checkArgument(problems.isEmpty(), "invalid package %s: %s", pkg, problems);
    // the scenario's own id strings, not the ones parsed from a message: a game keeps every
    // offer for its whole life, and shared strings make each one several hundred bytes smaller
    ImmutableMap.Builder<String, String> out = ImmutableMap.builderWithExpectedSize(issues.size());
    for (Issue issue : issues) {
      out.put(issue.id(), issue.options().get(issue.indexOf(pkg.option(issue.id())
          .orElseThrow())).id());
    }
    return PACKAGES.intern(new Package(out.buildOrThrow()));
  }

  /** True if the package names exactly these issues, in this order. */
  private static boolean isInOrder(List<Issue> issues, Package pkg) {
    if (pkg.choices().size() != issues.size()) {
      return false;
    }
    int i = 0;
    for (String issueId : pkg.choices().keySet()) {
      if (!issues.get(i++).id().equals(issueId)) {
        return false;
      }
    }
    return true;
  }
}
