package org.hikiwake.cli.play;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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

  /** Accept the offer on the table. */
  record Accept() implements PromptCommand {
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

  /** Your points for a package; with no words, for the offer on the table. */
  record Score(ImmutableList<String> choices) implements PromptCommand {}

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
    List<String> words = rest.isEmpty() ? List.of() : List.of(rest.split("\\s+"));
    switch (name) {
      case "brief":
        return noArguments(name, words, new Brief());
      case "issues":
        return noArguments(name, words, new Issues());
      case "offer":
      case "propose": {
        boolean fromTable = false;
        List<String> choices = new ArrayList<>();
        for (String w : words) {
          if (w.equals("--from-table") || w.equals("-t")) {
            fromTable = true;
          } else {
            choices.add(w);
          }
        }
        if (choices.isEmpty()) {
          return new Invalid(fromTable
              ? "say which issues to change, e.g. offer --from-table territory=two_islands_plus"
              : "an offer needs issue=option for every issue; type `issues` to see them");
        }
        return new Offer(ImmutableList.copyOf(choices), fromTable);
      }
      case "accept":
        return noArguments(name, words, new Accept());
      case "walkaway":
      case "walk-away":
      case "walk": {
        if (words.isEmpty()) {
          return new WalkAway(false);
        }
        if (words.size() == 1 && (words.get(0).equals("--yes") || words.get(0).equals("-y"))) {
          return new WalkAway(true);
        }
        return new Invalid("walkaway takes no arguments (or --yes to skip the question)");
      }
      case "say":
      case "chat":
        if (rest.isEmpty()) {
          return new Invalid("say what? e.g. say We can talk about energy first.");
        }
        return new Say(rest);
      case "score":
        return new Score(ImmutableList.copyOf(words));
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
        return new Invalid("unknown command '" + name + "'; type `help` for the commands");
    }
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
