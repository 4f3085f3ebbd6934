package org.hikiwake.cli.play;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hikiwake.engine.classroom.Names;

/** A command typed at the {@code play} prompt, parsed but not yet checked against the game. */
public sealed interface PromptCommand {
  /** The names completion offers, in the order {@code help} lists them. */
  ImmutableList<String> NAMES = ImmutableList.of("brief", "issues", "offer", "accept", "walkaway",
      "say", "score", "table", "history", "help", "quit");

  /** True if the command uses a turn, so a script waits for its turn before sending it. */
  default boolean needsTurn() {
    return false;
  }

  /** Show the confidential brief. */
  record Brief() implements PromptCommand {}

  /** List every issue and option with your points. */
  record Issues() implements PromptCommand {}

  /** Propose a package, given as {@code issue=option} words; from the table: only changes. */
  record Offer(ImmutableList<String> choices, boolean fromTable) implements PromptCommand {
    @Override
    public boolean needsTurn() {
      return true;
    }
  }

  /**
   * Accept the offer on the table; {@code confirmed} if the user already said
   * yes (e.g. {@code accept --yes}).
   */
  record Accept(boolean confirmed) implements PromptCommand {
    @Override
    public boolean needsTurn() {
      return true;
    }
  }

  /** Walk away; {@code confirmed} if the user already said yes (e.g. {@code walkaway --yes}). */
  record WalkAway(boolean confirmed) implements PromptCommand {
    @Override
    public boolean needsTurn() {
      return true;
    }
  }

  /** Say something to the other side. */
  record Say(String text) implements PromptCommand {}

  /**
   * Your points for a package; with no words, for the offer on the table; from
   * the table: the offer on the table with the named issues changed.
   */
  record Score(ImmutableList<String> choices, boolean fromTable) implements PromptCommand {}

  /** Show the offer on the table. */
  record Table() implements PromptCommand {}

  /** Show everything that has happened. */
  record History() implements PromptCommand {}

  /** Show the commands. */
  record Help() implements PromptCommand {}

  /** Leave the client; the seat is kept and can be resumed. */
  record Quit() implements PromptCommand {}

  /** A blank line or a comment. */
  record Empty() implements PromptCommand {}

  /** Something that is not a command; the reason says what to type instead. */
  record Invalid(String reason) implements PromptCommand {}

  /** Parses one line. Never throws. */
  static PromptCommand parse(String line) {
    String trimmed = line == null ? "" : line.strip();
    if (trimmed.isEmpty() || trimmed.startsWith("#")) {
      return new Empty();
    }
    int space = indexOfWhitespace(trimmed);
    String name = (space < 0 ? trimmed : trimmed.substring(0, space)).toLowerCase(Locale.ROOT);
    String rest = space < 0 ? "" : trimmed.substring(space).strip();
    List<String> words = joinEquals(rest.isEmpty() ? List.of() : List.of(rest.split("\\s+")));
    switch (name) {
      case "brief":
        return noArguments(name, words, new Brief());
      case "issues":
        return noArguments(name, words, new Issues());
      case "offer":
      case "propose": {
        List<String> choices = withoutFromTable(words);
        boolean fromTable = choices.size() < words.size();
        if (choices.isEmpty()) {
          return new Invalid(fromTable
              ? "say which issues to change, e.g. offer --from-table territory=two_islands_plus"
              : "an offer needs issue=option for every issue; type `issues` to see them");
        }
        return new Offer(ImmutableList.copyOf(choices), fromTable);
      }
      case "accept":
        return yesOrNothing(name, words, new Accept(false), new Accept(true));
      case "walkaway":
      case "walk-away":
      case "walk":
        return yesOrNothing("walkaway", words, new WalkAway(false), new WalkAway(true));
      case "say":
      case "chat":
        if (rest.isEmpty()) {
          return new Invalid("say what? e.g. say We can talk about energy first.");
        }
        return new Say(rest);
      case "score": {
        List<String> choices = withoutFromTable(words);
        return new Score(ImmutableList.copyOf(choices), choices.size() < words.size());
      }
      case "table":
        return noArguments(name, words, new Table());
      case "history":
        return noArguments(name, words, new History());
      case "help":
      case "?":
        return new Help();
      case "quit":
      case "exit":
        return new Quit();
      default:
        return new Invalid(unknown(name));
    }
  }

  /** Every name the prompt understands, aliases included, for suggestions. */
  ImmutableList<String> ALL_NAMES = ImmutableList.<String>builder().addAll(NAMES)
      .add("propose", "walk-away", "chat", "exit").build();

  private static String unknown(String name) {
    String nearest = null;
    int best = Integer.MAX_VALUE;
    for (String candidate : ALL_NAMES) {
      int d = Names.distance(name, candidate);
      boolean prefix = name.length() >= 2 && candidate.startsWith(name);
      int score = prefix ? 0 : d;
      if ((prefix || d <= Math.max(1, name.length() / 3)) && score < best) {
        best = score;
        nearest = candidate;
      }
    }
    return nearest == null ? "unknown command '" + name + "'; type `help` for the commands"
        : "unknown command '" + name + "'; did you mean `" + nearest + "`? Type `help` for the"
            + " commands.";
  }

  /**
   * The words with {@code issue = option}, {@code issue= option} and
   * {@code issue =option} each joined into one {@code issue=option}.
   */
  static List<String> joinEquals(List<String> words) {
    List<String> out = new ArrayList<>();
    boolean glue = false;
    for (String w : words) {
      int last = out.size() - 1;
      if (last >= 0 && ((glue && !w.contains("=") && !w.startsWith("-")) || w.startsWith("="))) {
        out.set(last, out.get(last) + w);
      } else {
        out.add(w);
      }
      glue = out.get(out.size() - 1).endsWith("=");
    }
    return out;
  }

  private static List<String> withoutFromTable(List<String> words) {
    return words.stream().filter(w -> !w.equals("--from-table") && !w.equals("-t")).toList();
  }

  private static PromptCommand yesOrNothing(String name, List<String> words, PromptCommand ask,
      PromptCommand confirmed) {
    if (words.isEmpty()) {
      return ask;
    }
    if (words.size() == 1 && (words.get(0).equals("--yes") || words.get(0).equals("-y"))) {
      return confirmed;
    }
    return new Invalid(name + " takes no arguments (or --yes to skip the question)");
  }

  private static PromptCommand noArguments(String name, List<String> words, PromptCommand command) {
    return words.isEmpty() ? command : new Invalid(name + " takes no arguments");
  }

  private static int indexOfWhitespace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }
}
