package org.hikiwake.cli.play;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hikiwake.engine.scenario.Issue;
import org.hikiwake.engine.scenario.Option;
import org.hikiwake.engine.scenario.Package;
import org.hikiwake.engine.scenario.PublicScenario;

/**
 * Turns {@code issue=option} words into a package of the game's scenario.
 * Names match their ids case-insensitively, or by a prefix that fits only one.
 */
public final class PackageInput {
  private PackageInput() {}

  /**
   * The package the words describe, laid over {@code base} (empty for a fresh
   * package), and what is wrong with the words, if anything.
   */
  public record Parsed(Package pkg, ImmutableList<String> problems) {
    public boolean isValid() {
      return problems.isEmpty();
    }
  }

  public static Parsed parse(PublicScenario scenario, List<String> words, Package base) {
    Map<String, String> choices = new LinkedHashMap<>(base.choices());
    List<String> problems = new ArrayList<>();
    Map<String, String> named = new LinkedHashMap<>();
    for (String word : words) {
      int eq = word.indexOf('=');
      if (eq <= 0 || eq == word.length() - 1) {
        problems.add("'" + word + "' is not issue=option");
        continue;
      }
      String issueText = word.substring(0, eq);
      String optionText = word.substring(eq + 1);
      Optional<Issue> issue = matchIssue(scenario, issueText);
      if (issue.isEmpty()) {
        problems.add("unknown issue '" + issueText + "' (issues: "
            + scenario.issues().stream().map(Issue::id).collect(Collectors.joining(", ")) + ")");
        continue;
      }
      String issueId = issue.get().id();
      Optional<Option> option = matchOption(issue.get(), optionText);
      if (option.isEmpty()) {
        problems.add(issueId + " has no option '" + optionText + "' (options: "
            + issue.get().options().stream().map(Option::id)
                .collect(Collectors.joining(", ")) + ")");
        continue;
      }
      String previous = named.put(issueId, option.get().id());
      if (previous != null && !previous.equals(option.get().id())) {
        problems.add(issueId + " is named twice (" + previous + " and " + option.get().id()
            + ")");
      }
      choices.put(issueId, option.get().id());
    }
    return new Parsed(scenario.ordered(Package.of(choices)), ImmutableList.copyOf(problems));
  }

  static Optional<Issue> matchIssue(PublicScenario scenario, String text) {
    return match(scenario.issues(), Issue::id, text);
  }

  static Optional<Option> matchOption(Issue issue, String text) {
    return match(issue.options(), Option::id, text);
  }

  private interface Id<T> {
    String of(T item);
  }

  private static <T> Optional<T> match(List<T> items, Id<T> id, String text) {
    String wanted = text.toLowerCase(Locale.ROOT);
    for (T item : items) {
      if (id.of(item).toLowerCase(Locale.ROOT).equals(wanted)) {
        return Optional.of(item);
      }
    }
    List<T> prefixed = items.stream()
        .filter(item -> id.of(item).toLowerCase(Locale.ROOT).startsWith(wanted)).toList();
    return prefixed.size() == 1 ? Optional.of(prefixed.get(0)) : Optional.empty();
  }
}
