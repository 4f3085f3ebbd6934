package org.hikiwake.engine.scenario;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.base.Joiner;
import com.google.common.collect.ImmutableMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A choice of options by issue id. A complete package names one option for
 * every issue of its scenario; {@link Scenario#problemsWith(Package)} says
 * whether it is. Iteration order is the order the choices were given in.
 */
public record Package(ImmutableMap<String, String> choices) {
  public Package {
    checkNotNull(choices, "choices");
  }

  public static Package of(Map<String, String> choices) {
    return new Package(ImmutableMap.copyOf(choices));
  }

  /** Builds a package from alternating issue and option ids. */
  public static Package of(String... issueOptionPairs) {
    if (issueOptionPairs.length % 2 != 0) {
      throw new IllegalArgumentException("expected issue/option pairs but got an odd count");
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < issueOptionPairs.length; i += 2) {
      map.put(issueOptionPairs[i], issueOptionPairs[i + 1]);
    }
    return of(map);
  }

  /** The option chosen for the issue, if any. */
  public Optional<String> option(String issueId) {
    return Optional.ofNullable(choices.get(issueId));
  }

  /** A copy with one issue's option replaced (or added). */
  public Package with(String issueId, String optionId) {
    Map<String, String> map = new LinkedHashMap<>(choices);
    map.put(issueId, optionId);
    return of(map);
  }

  @Override
  public String toString() {
    return Joiner.on(' ').withKeyValueSeparator('=').join(choices);
  }
}
