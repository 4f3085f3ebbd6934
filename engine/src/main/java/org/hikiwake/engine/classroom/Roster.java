package org.hikiwake.engine.classroom;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hikiwake.engine.game.Rejection;
import org.hikiwake.engine.game.Rules;

/**
 * A class's list of students, and optionally who plays with whom. Written as
 * text, one line each: a name ({@code Aiko Tanaka}), or a pair
 * ({@code Aiko Tanaka, Boris Ivanov}: the first plays the scenario's first
 * role, the second the other). {@code #} starts a comment; blank lines are
 * ignored.
 *
 * @param names every student, in file order
 * @param pairs the pairs the file gives, in file order; each name is in at most one
 */
public record Roster(ImmutableList<String> names, ImmutableList<Pair> pairs) {

  /** Two students who play one game: {@code first} takes the scenario's first role. */
  public record Pair(String first, String second) {
    public Pair {
      checkNotNull(first, "first");
      checkNotNull(second, "second");
    }
  }

  public Roster {
    checkNotNull(names, "names");
    checkNotNull(pairs, "pairs");
  }

  /** The roster's own spelling of a typed name, if it is on the roster. */
  public Optional<String> find(String typed) {
    return names.stream().filter(n -> Names.same(n, typed)).findFirst();
  }

  /** The pair a student is in, if the roster pairs them. */
  public Optional<Pair> pairOf(String name) {
    return pairs.stream().filter(p -> Names.same(p.first(), name) || Names.same(p.second(), name))
        .findFirst();
  }

  /**
   * Parses a roster file.
   *
   * @param source names the file in problems, e.g. its path
   * @throws RosterException listing every bad line as {@code source:line: what is wrong}
   */
  public static Roster parse(String text, String source) throws RosterException {
    List<String> problems = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<Pair> pairs = new ArrayList<>();
    Map<String, Integer> seenAt = new LinkedHashMap<>();
    // a byte-order mark, as Windows editors and spreadsheets save UTF-8, is not part of a name
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    String[] lines = body.split("\r?\n|\r", -1);
    for (int i = 0; i < lines.length; i++) {
      int lineNo = i + 1;
      String line = lines[i];
      int hash = line.indexOf('#');
      if (hash >= 0) {
        line = line.substring(0, hash);
      }
      if (line.isBlank()) {
        continue;
      }
      String[] parts = line.split(",", -1);
      if (parts.length > 2) {
        problems.add(source + ":" + lineNo + ": a line holds one name, or two names separated"
            + " by a comma (a pair), but this one has " + parts.length + " parts");
        continue;
      }
      List<String> lineNames = new ArrayList<>();
      for (String part : parts) {
        String name = part.strip().replaceAll("\\s+", " ");
        Optional<Rejection> problem = Rules.nameProblem(name);
        if (problem.isPresent()) {
          problems.add(source + ":" + lineNo + ": '" + name + "' is not a usable name: "
              + problem.get().message());
          continue;
        }
        Integer earlier = seenAt.putIfAbsent(Names.key(name), lineNo);
        if (earlier != null) {
          problems.add(source + ":" + lineNo + ": '" + name + "' is already on the roster (line "
              + earlier + ")");
          continue;
        }
        lineNames.add(name);
      }
      names.addAll(lineNames);
      if (parts.length == 2 && lineNames.size() == 2) {
        pairs.add(new Pair(lineNames.get(0), lineNames.get(1)));
      }
    }
    if (names.isEmpty() && problems.isEmpty()) {
      problems.add(source + ": the roster names no students");
    }
    if (!problems.isEmpty()) {
      throw new RosterException(source, problems);
    }
    return new Roster(ImmutableList.copyOf(names), ImmutableList.copyOf(pairs));
  }
}
