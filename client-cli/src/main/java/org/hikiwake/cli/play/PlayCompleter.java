package org.hikiwake.cli.play;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.hikiwake.cli.text.Sanitizer;
import org.hikiwake.engine.scenario.Issue;
import org.hikiwake.engine.scenario.Option;
import org.hikiwake.engine.view.GameView;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion at the play prompt: command names first, then for
 * {@code offer} and {@code score} every {@code issue=option} pair of the issues
 * not yet named, each described with your points. Candidates keep the
 * scenario's order (JLine sorts by the sort key before the value, and the
 * candidates have no group, as JLine would list groups by name), and the
 * points line up in one column.
 */
public final class PlayCompleter implements Completer {
  private final Supplier<LiveGame> model;

  public PlayCompleter(Supplier<LiveGame> model) {
    this.model = model;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    candidates.addAll(candidates(line.words(), line.wordIndex()));
  }

  /** The candidates for the word at {@code wordIndex}; pure, for tests. */
  public List<Candidate> candidates(List<String> words, int wordIndex) {
    List<Candidate> out = new java.util.ArrayList<>();
    int sort = 0;
    if (wordIndex == 0) {
      for (String name : PromptCommand.NAMES) {
        out.add(new Candidate(name, name, null, null, null, null, true, sort++));
      }
      return out;
    }
    String command = words.isEmpty() ? "" : words.get(0);
    if (!command.equals("offer") && !command.equals("score")) {
      return out;
    }
    LiveGame game = model.get();
    if (game == null) {
      return out;
    }
    GameView m = game.view();
    out.add(new Candidate("--from-table", "--from-table", null,
        "change only the named issues of the offer on the table", null, null, true, sort++));
    Set<String> named = new HashSet<>();
    for (int i = 1; i < words.size(); i++) {
      if (i == wordIndex) {
        continue;
      }
      int eq = words.get(i).indexOf('=');
      if (eq > 0) {
        named.add(words.get(i).substring(0, eq));
      }
    }
    for (Issue issue : m.scenario().issues()) {
      String issueId = Sanitizer.line(issue.id());
      if (named.contains(issueId)) {
        continue;
      }
      for (Option option : issue.options()) {
        String optionId = Sanitizer.line(option.id());
        String description = Sanitizer.line(option.label());
        Integer p = m.mySheet().map(sheet -> sheet.points().points().get(issue.id()))
            .map(row -> row.get(option.id())).orElse(null);
        if (p != null) {
          // JLine right-aligns descriptions, so points at the end line up in one column.
          description = description + String.format(java.util.Locale.ROOT, "  %3d pts", p);
        }
        out.add(new Candidate(issueId + "=" + optionId, issueId + "=" + optionId, null,
            description, null, null, true, sort++));
      }
    }
    return out;
  }
}
