package org.hikiwake.cli.play;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromptCommandTest {
  @Test
  void parse_offer_keepsTheWords() {
    assertThat(PromptCommand.parse("  offer territory=two_islands  energy=none "))
        .isEqualTo(new PromptCommand.Offer(
            com.google.common.collect.ImmutableList.of("territory=two_islands", "energy=none"),
            false));
  }

  @Test
  void parse_offerFromTable_setsTheFlagAnywhere() {
    PromptCommand c = PromptCommand.parse("offer energy=pipeline --from-table");
    assertThat(c).isInstanceOf(PromptCommand.Offer.class);
    assertThat(((PromptCommand.Offer) c).fromTable()).isTrue();
    assertThat(((PromptCommand.Offer) c).choices()).containsExactly("energy=pipeline");
  }

  @Test
  void parse_offerWithNothing_isInvalid() {
    assertThat(PromptCommand.parse("offer")).isInstanceOf(PromptCommand.Invalid.class);
    assertThat(PromptCommand.parse("offer --from-table")).isInstanceOf(PromptCommand.Invalid.class);
  }

  @Test
  void parse_say_keepsTheTextAsTyped() {
    assertThat(PromptCommand.parse("say Don't   worry: 'two islands' is fine"))
        .isEqualTo(new PromptCommand.Say("Don't   worry: 'two islands' is fine"));
  }

  @Test
  void parse_walkaway_withAndWithoutYes() {
    assertThat(PromptCommand.parse("walkaway")).isEqualTo(new PromptCommand.WalkAway(false));
    assertThat(PromptCommand.parse("walkaway --yes")).isEqualTo(new PromptCommand.WalkAway(true));
    assertThat(PromptCommand.parse("walkaway now")).isInstanceOf(PromptCommand.Invalid.class);
  }

  @Test
  void parse_namesAreCaseInsensitive() {
    assertThat(PromptCommand.parse("ACCEPT")).isEqualTo(new PromptCommand.Accept(false));
    assertThat(PromptCommand.parse("Quit")).isEqualTo(new PromptCommand.Quit());
  }

  @Test
  void parse_blankAndComments_areEmpty() {
    assertThat(PromptCommand.parse("")).isEqualTo(new PromptCommand.Empty());
    assertThat(PromptCommand.parse("   # a comment")).isEqualTo(new PromptCommand.Empty());
  }

  @Test
  void parse_unknown_pointsToHelp() {
    assertThat(PromptCommand.parse("frobnicate x=y")).isEqualTo(new PromptCommand.Invalid(
        "unknown command 'frobnicate'; type `help` for the commands"));
  }

  @Test
  void parse_misspelledCommand_suggestsTheNearest() {
    assertThat(PromptCommand.parse("acept")).isEqualTo(new PromptCommand.Invalid(
        "unknown command 'acept'; did you mean `accept`? Type `help` for the commands."));
    assertThat(PromptCommand.parse("propse x=y")).isEqualTo(new PromptCommand.Invalid(
        "unknown command 'propse'; did you mean `propose`? Type `help` for the commands."));
    assertThat(((PromptCommand.Invalid) PromptCommand.parse("hist")).reason())
        .contains("did you mean `history`?");
    assertThat(((PromptCommand.Invalid) PromptCommand.parse("offr a=b")).reason())
        .contains("did you mean `offer`?");
  }

  @Test
  void parse_acceptYes_skipsTheQuestion() {
    assertThat(PromptCommand.parse("accept")).isEqualTo(new PromptCommand.Accept(false));
    assertThat(PromptCommand.parse("accept --yes")).isEqualTo(new PromptCommand.Accept(true));
    assertThat(PromptCommand.parse("accept -y")).isEqualTo(new PromptCommand.Accept(true));
    assertThat(PromptCommand.parse("accept it")).isInstanceOf(PromptCommand.Invalid.class);
  }

  @Test
  void parse_spacesAroundEquals_areJoined() {
    assertThat(PromptCommand.parse("offer territory = two_islands energy= none far_east =major"
        + " security=dialogue_only"))
        .isEqualTo(new PromptCommand.Offer(com.google.common.collect.ImmutableList.of(
            "territory=two_islands", "energy=none", "far_east=major", "security=dialogue_only"),
            false));
    assertThat(PromptCommand.parse("score energy = none"))
        .isEqualTo(new PromptCommand.Score(
            com.google.common.collect.ImmutableList.of("energy=none"), false));
  }

  @Test
  void parse_scoreFromTable_setsTheFlag() {
    assertThat(PromptCommand.parse("score --from-table far_east=none"))
        .isEqualTo(new PromptCommand.Score(
            com.google.common.collect.ImmutableList.of("far_east=none"), true));
    assertThat(PromptCommand.parse("score -t energy=none"))
        .isEqualTo(new PromptCommand.Score(
            com.google.common.collect.ImmutableList.of("energy=none"), true));
    assertThat(PromptCommand.parse("score"))
        .isEqualTo(new PromptCommand.Score(com.google.common.collect.ImmutableList.of(), false));
  }

  @Test
  void needsTurn_onlyForMoves() {
    assertThat(PromptCommand.parse("accept").needsTurn()).isTrue();
    assertThat(PromptCommand.parse("walkaway").needsTurn()).isTrue();
    assertThat(PromptCommand.parse("offer a=b").needsTurn()).isTrue();
    assertThat(PromptCommand.parse("say hi").needsTurn()).isFalse();
    assertThat(PromptCommand.parse("score").needsTurn()).isFalse();
  }
}
