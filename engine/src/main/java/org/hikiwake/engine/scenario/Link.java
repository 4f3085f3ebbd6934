package org.hikiwake.engine.scenario;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A linked issue in one role's points: a combination of options on two or
 * more issues whose worth to the role differs from the sum of its options'
 * points. A package meets the link when, for every issue in {@code
 * conditions}, it picks one of the options listed for that issue; the role's
 * score of such a package includes {@code delta}. For example, "a signed
 * treaty while the territory stays as it is: -12".
 *
 * @param id identifier, unique within the scenario
 * @param conditions issue id to the options of that issue any of which meets
 *     the condition; at least two issues, each with at least one option
 * @param delta points added to the score of a package that meets every
 *     condition; negative for a penalty, never 0
 * @param note private explanation for the role, may be empty
 */
public record Link(
    String id, ImmutableMap<String, ImmutableSet<String>> conditions, int delta, String note) {
  public Link {
    checkNotNull(id, "id");
    checkNotNull(note, "note");
    checkArgument(conditions.size() >= 2,
        "link %s needs conditions on at least two issues but has %s", id, conditions.keySet());
    conditions.forEach((issue, options) -> checkArgument(!options.isEmpty(),
        "link %s has a condition on issue %s with no options", id, issue));
    checkArgument(delta != 0, "link %s has a delta of 0", id);
  }

  /** A link from issue ids to the options that meet each condition. */
  public static Link of(String id, Map<String, ? extends Collection<String>> conditions,
      int delta, String note) {
    Map<String, ImmutableSet<String>> copy = new LinkedHashMap<>();
    conditions.forEach((issue, options) -> copy.put(issue, ImmutableSet.copyOf(options)));
    return new Link(id, ImmutableMap.copyOf(copy), delta, note);
  }

  /** True if the package picks one of the listed options on every issue of the link. */
  public boolean isMetBy(Package pkg) {
    for (Map.Entry<String, ImmutableSet<String>> condition : conditions.entrySet()) {
      Optional<String> option = pkg.option(condition.getKey());
      if (option.isEmpty() || !condition.getValue().contains(option.get())) {
        return false;
      }
    }
    return true;
  }
}
