package org.hikiwake.engine.scenario;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Optional;

/** A matter to settle; an agreement picks exactly one of its options. */
public record Issue(String id, String name, String description, ImmutableList<Option> options) {
  public Issue {
    checkNotNull(id, "id");
    checkNotNull(name, "name");
    checkNotNull(description, "description");
    checkArgument(!options.isEmpty(), "issue %s has no options", id);
  }

  public static Issue of(String id, String name, String description, List<Option> options) {
    return new Issue(id, name, description, ImmutableList.copyOf(options));
  }

  /** The option with this id, if the issue has one. */
  public Optional<Option> option(String optionId) {
    int i = indexOf(optionId);
    return i < 0 ? Optional.empty() : Optional.of(options.get(i));
  }

  /** Position of the option in this issue, or -1 if absent. */
  public int indexOf(String optionId) {
    for (int i = 0; i < options.size(); i++) {
      if (options.get(i).id().equals(optionId)) {
        return i;
      }
    }
    return -1;
  }

  public boolean hasOption(String optionId) {
    return indexOf(optionId) >= 0;
  }
}
