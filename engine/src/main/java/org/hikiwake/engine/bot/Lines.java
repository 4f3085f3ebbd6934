package org.hikiwake.engine.bot;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Optional;
import org.hikiwake.engine.game.Rules;

/**
 * The short plain lines bots say, each tied to what the bot does. None names
 * a number, so no line gives away points or a reservation value.
 */
final class Lines {
  private static final ImmutableList<String> FIRST_OFFER = ImmutableList.of(
      "Here is our opening proposal.",
      "Let us start from this package.",
      "This is where we would like to begin.");
  private static final ImmutableList<String> CONCESSION = ImmutableList.of(
      "We have moved on %s.",
      "A step towards you on %s.",
      "We can give some ground on %s.");
  private static final ImmutableList<String> REFUSAL = ImmutableList.of(
      "We cannot accept that offer.",
      "That package does not work for us.",
      "That is too far from anything we could sign.");
  private static final ImmutableList<String> FINAL_OFFER = ImmutableList.of(
      "This is our final offer.",
      "We cannot go further than this.");
  private static final ImmutableList<String> ACCEPTANCE = ImmutableList.of(
      "We accept. Agreed.",
      "Agreed. Let us sign.",
      "That works for us. We accept.");
  private static final ImmutableList<String> WALK_OUT = ImmutableList.of(
      "Time is up, and we cannot sign what is on the table. We leave it here.",
      "We are not able to agree to this. We will stop here.");

  private Lines() {}

  static Optional<String> firstOffer(Draws draws) {
    return Optional.of(pick(FIRST_OFFER, draws));
  }

  /** A concession line naming the issues (by their public names) on which the bot moved. */
  static Optional<String> concession(Draws draws, List<String> issueNames) {
    if (issueNames.isEmpty()) {
      return Optional.empty();
    }
    String line = String.format(pick(CONCESSION, draws), joined(issueNames));
    return Rules.chatProblem(line).isEmpty() ? Optional.of(line) : Optional.empty();
  }

  static Optional<String> refusal(Draws draws) {
    return Optional.of(pick(REFUSAL, draws));
  }

  static Optional<String> finalOffer(Draws draws) {
    return Optional.of(pick(FINAL_OFFER, draws));
  }

  static Optional<String> acceptance(Draws draws) {
    return Optional.of(pick(ACCEPTANCE, draws));
  }

  static Optional<String> walkOut(Draws draws) {
    return Optional.of(pick(WALK_OUT, draws));
  }

  /** Every line a bot may say, with the issue list left as {@code %s}, for tests. */
  static ImmutableList<String> all() {
    return ImmutableList.<String>builder().addAll(FIRST_OFFER).addAll(CONCESSION)
        .addAll(REFUSAL).addAll(FINAL_OFFER).addAll(ACCEPTANCE).addAll(WALK_OUT).build();
  }

  private static String pick(List<String> lines, Draws draws) {
    return lines.get(draws.nextInt(lines.size()));
  }

  private static String joined(List<String> names) {
    if (names.size() == 1) {
      return names.get(0);
    }
    return String.join(", ", names.subList(0, names.size() - 1)) + " and "
        + names.get(names.size() - 1);
  }
}
