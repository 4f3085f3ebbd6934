package org.hikiwake.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.collect.ImmutableMap;
import com.google.common.hash.HashCode;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.LongConsumer;
import org.hikiwake.engine.game.Event;
import org.hikiwake.engine.game.GameSettings;
import org.hikiwake.engine.game.Outcome;
import org.hikiwake.engine.game.Result;
import org.hikiwake.engine.replay.Recorded;
import org.hikiwake.engine.scenario.Package;
import org.hikiwake.proto.game.ChatPosted;
import org.hikiwake.proto.game.Choice;
import org.hikiwake.proto.game.GameEvent;
import org.hikiwake.proto.game.GameSetup;
import org.hikiwake.proto.game.OfferMade;
import org.hikiwake.proto.game.OptionPackage;
import org.hikiwake.proto.game.SeatTaken;
import org.hikiwake.proto.recording.RecordingEntry;
import org.junit.jupiter.api.Test;

/**
 * The event codec's read/write pairs. The round trips are seeded property
 * tests: case {@code i} uses seed {@code hikiwake.seed + i}; a failure names
 * its seed, and {@code -Dhikiwake.seed=SEED -Dhikiwake.cases=1} replays just
 * that case.
 */
class EventCodecTest {
  private static final long BASE_SEED = Long.getLong("hikiwake.seed", 20131102L);
  private static final int CASES = Integer.getInteger("hikiwake.cases", 2_000);

  @Test
  void fromProto_randomEventsOfEveryKind_giveTheEventBack() {
    Set<GameEvent.KindCase> kinds = EnumSet.noneOf(GameEvent.KindCase.class);
    forEachCase(seed -> {
      Event event = new RandomEvents(new Random(seed)).event();
      GameEvent proto = EventCodec.toProto(event);
      kinds.add(proto.getKindCase());

      assertThat(EventCodec.fromProto(proto)).isEqualTo(event);
      assertThat(EventCodec.fromProto(parse(proto.toByteString()))).isEqualTo(event);
    });
    assertThat(kinds).as("every kind of event was tried")
        .isEqualTo(EnumSet.complementOf(EnumSet.of(GameEvent.KindCase.KIND_NOT_SET)));
  }

  @Test
  void fromEntry_randomRecordedEvents_giveTheRecordedEventBack() {
    forEachCase(seed -> {
      RandomEvents random = new RandomEvents(new Random(seed));
      Recorded recorded = random.recorded();
      RecordingEntry entry = EventCodec.toEntry(recorded);

      assertThat(EventCodec.fromEntry(entry)).isEqualTo(recorded);
      try {
        assertThat(EventCodec.fromEntry(RecordingEntry.parseFrom(entry.toByteString())))
            .isEqualTo(recorded);
      } catch (InvalidProtocolBufferException e) {
        throw new AssertionError(e);
      }
    });
  }

  @Test
  void fromProto_randomSettingsAndResults_giveThemBack() {
    forEachCase(seed -> {
      RandomEvents random = new RandomEvents(new Random(seed));
      GameSettings settings = random.settings();
      Result result = random.result();

      assertThat(EventCodec.fromProto(EventCodec.toProto(settings))).isEqualTo(settings);
      assertThat(EventCodec.fromProto(EventCodec.toProto(result))).isEqualTo(result);
    });
  }

  @Test
  void toEntry_seatTaken_isAnEventOfTheRulesNotAFormatOneSeatEntry() {
    Event.SeatTaken seat = new Event.SeatTaken("japan", "Aiko", Optional.empty(), hash(7));
    RecordingEntry entry = EventCodec.toEntry(new Recorded(1, Instant.EPOCH, "japan", seat));

    assertThat(entry.hasEvent()).isTrue();
    assertThat(entry.getEvent().hasSeatTaken()).isTrue();
    assertThat(entry.hasSeatTaken()).isFalse();
  }

  @Test
  void fromEntry_formatOneSeatEntry_isSeatTaken() {
    RecordingEntry entry = RecordingEntry.newBuilder().setSeq(2).setAtMillis(1_383_386_400_000L)
        .setRole("russia").setSeatTaken(SeatTaken.newBuilder().setRole("russia")
            .setDisplayName("Дмитрий").setTokenSha256(ByteString.copyFrom(hash(9).asBytes())))
        .build();

    assertThat(EventCodec.fromEntry(entry)).isEqualTo(new Recorded(2,
        Instant.parse("2013-11-02T10:00:00Z"), "russia",
        new Event.SeatTaken("russia", "Дмитрий", Optional.empty(), hash(9))));
  }

  @Test
  void fromProto_packageNamingAnIssueTwice_reportsTheIssueOnce() {
    OptionPackage pkg = OptionPackage.newBuilder()
        .addChoices(choice("territory", "two_islands"))
        .addChoices(choice("energy", "none"))
        .addChoices(choice("territory", "four_islands"))
        .addChoices(choice("territory", "area_split"))
        .build();

    EventCodec.DecodedPackage decoded = EventCodec.fromProto(pkg);

    assertThat(decoded.isWellFormed()).isFalse();
    assertThat(decoded.problems()).containsExactly("issue territory is named more than once");
    assertThat(decoded.pkg()).isEqualTo(Package.of("territory", "two_islands", "energy", "none"));
    assertThatThrownBy(() -> EventCodec.strictPackage(pkg))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("territory is named more than once");
  }

  @Test
  void fromProto_packageNamingEachIssueOnce_isWellFormedInItsOrder() {
    OptionPackage pkg = OptionPackage.newBuilder().addChoices(choice("energy", "none"))
        .addChoices(choice("territory", "two_islands")).build();

    EventCodec.DecodedPackage decoded = EventCodec.fromProto(pkg);

    assertThat(decoded.isWellFormed()).isTrue();
    assertThat(decoded.problems()).isEmpty();
    assertThat(decoded.pkg().choices().keySet()).containsExactly("energy", "territory");
    assertThat(EventCodec.toProto(decoded.pkg())).isEqualTo(pkg);
  }

  @Test
  void fromProto_recordedOfferNamingAnIssueTwice_isRefused() {
    GameEvent offer = GameEvent.newBuilder().setOfferMade(OfferMade.newBuilder().setRole("japan")
        .setPackage(OptionPackage.newBuilder().addChoices(choice("energy", "none"))
            .addChoices(choice("energy", "pipeline")))).build();

    assertThatThrownBy(() -> EventCodec.fromProto(offer))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("energy is named more than once");
  }

  @Test
  void fromProto_seatTakenWithAShortTokenHash_isRefused() {
    GameEvent seat = GameEvent.newBuilder().setSeatTaken(SeatTaken.newBuilder().setRole("japan")
        .setTokenSha256(ByteString.copyFrom(new byte[16]))).build();

    assertThatThrownBy(() -> EventCodec.fromProto(seat))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes but is 16");
  }

  @Test
  void fromProto_eventWithNoKind_isRefused() {
    assertThatThrownBy(() -> EventCodec.fromProto(GameEvent.getDefaultInstance()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no kind");
  }

  @Test
  void fromEntry_entryHoldingNothing_isRefused() {
    assertThatThrownBy(() -> EventCodec.fromEntry(RecordingEntry.newBuilder().setSeq(3).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("record 3 holds nothing");
  }

  @Test
  void fromEntry_recordNumberZero_isRefused() {
    RecordingEntry entry = RecordingEntry.newBuilder().setSeq(0).setEvent(GameEvent.newBuilder()
        .setChatPosted(ChatPosted.newBuilder().setRole("japan").setText("hi"))).build();

    assertThatThrownBy(() -> EventCodec.fromEntry(entry))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("record number 0");
  }

  @Test
  void fromProto_setupWithoutTurnLimit_isUntimed() {
    assertThat(EventCodec.fromProto(GameSetup.newBuilder().setRounds(6).build()))
        .isEqualTo(GameSettings.untimed(6));
  }

  private static void forEachCase(LongConsumer check) {
    for (int i = 0; i < CASES; i++) {
      long seed = BASE_SEED + i;
      try {
        check.accept(seed);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("case with seed=" + seed + " failed (replay it alone with"
            + " -Dhikiwake.seed=" + seed + " -Dhikiwake.cases=1): " + e.getMessage(), e);
      }
    }
  }

  private static GameEvent parse(ByteString bytes) {
    try {
      return GameEvent.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  private static Choice choice(String issue, String option) {
    return Choice.newBuilder().setIssue(issue).setOption(option).build();
  }

  private static HashCode hash(int seed) {
    byte[] bytes = new byte[32];
    new Random(seed).nextBytes(bytes);
    return HashCode.fromBytes(bytes);
  }

  /**
   * Random values of every shape the codec carries, drawn from what the
   * format can hold: times in milliseconds, a deadline of 0 meaning untimed
   * (so no deadline falls on the epoch itself), and an empty name meaning none.
   */
  private static final class RandomEvents {
    private static final String[] ALPHABETS = {"abcxyz_-09", "日本ロシア北方領土",
        "Россия Япония", "\ud83c\udf8c\ud83c\uddef\ud83c\uddf5\u200d", "\"\\\n\t\u0000<&>'"};
    private final Random random;

    RandomEvents(Random random) {
      this.random = random;
    }

    Recorded recorded() {
      long seq = random.nextBoolean() ? 1 + random.nextInt(10_000)
          : 1 + (random.nextLong() & Long.MAX_VALUE - 1);
      return new Recorded(seq, instant(), random.nextInt(4) == 0 ? "" : text(1), event());
    }

    Event event() {
      switch (random.nextInt(14)) {
        case 9:
          return new Event.SeatReleased(text(0));
        case 10:
          return new Event.Announced(text(0));
        case 11:
          return new Event.Paused(instant());
        case 12:
          return new Event.Resumed(instant(),
              random.nextBoolean() ? Optional.empty() : Optional.of(nonEpochInstant()));
        case 13:
          return new Event.RoundsExtended(1 + random.nextInt(GameSettings.MAX_ROUNDS));
        case 0:
          return new Event.SeatTaken(text(0), text(0), optionalText(), hash(random.nextInt()));
        case 1:
          return new Event.GameStarted(instant());
        case 2:
          return new Event.OfferMade(text(0), pkg());
        case 3:
          return new Event.ChatPosted(text(0), text(0));
        case 4:
          return new Event.TurnTimedOut(text(0));
        case 5:
          return new Event.TurnChanged(random.nextInt(10_000), 1 + random.nextInt(10_000),
              text(0), random.nextBoolean() ? Optional.empty() : Optional.of(nonEpochInstant()));
        case 6:
          return new Event.ClockRestarted(instant());
        case 7:
          return new Event.NewsArrived(text(0));
        case 8:
          return new Event.GameEnded(result());
        default:
          throw new AssertionError("no event kind for that number");
      }
    }

    Result result() {
      Outcome outcome = Outcome.values()[random.nextInt(Outcome.values().length)];
      String first = text(1);
      String second = first + text(1); // distinct from the first
      return new Result(outcome,
          outcome == Outcome.AGREEMENT ? Optional.of(pkg()) : Optional.empty(),
          ImmutableMap.of(first, random.nextInt(), second, random.nextInt()), optionalText());
    }

    GameSettings settings() {
      int rounds = 1 + random.nextInt(GameSettings.MAX_ROUNDS);
      return random.nextBoolean() ? GameSettings.untimed(rounds)
          : GameSettings.timed(rounds, Duration.ofMillis(1 + random.nextInt(86_400_000)));
    }

    Package pkg() {
      Map<String, String> choices = new LinkedHashMap<>();
      int n = random.nextInt(8);
      for (int i = 0; i < n; i++) {
        choices.putIfAbsent(text(0), text(0));
      }
      return Package.of(choices);
    }

    Optional<String> optionalText() {
      return random.nextBoolean() ? Optional.empty() : Optional.of(text(1));
    }

    Instant instant() {
      // Around the present, and now and then far before or after the epoch.
      return Instant.ofEpochMilli(random.nextInt(8) == 0 ? random.nextLong() >> 20
          : 1_383_386_400_000L + random.nextInt(Integer.MAX_VALUE));
    }

    Instant nonEpochInstant() {
      Instant at = instant();
      return at.equals(Instant.EPOCH) ? at.plusMillis(1) : at;
    }

    /** Text of at least {@code min} code points, of one of several scripts. */
    String text(int min) {
      String alphabet = ALPHABETS[random.nextInt(ALPHABETS.length)];
      int[] codePoints = alphabet.codePoints().toArray();
      int length = min + (random.nextInt(10) == 0 ? random.nextInt(600) : random.nextInt(12));
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < length; i++) {
        sb.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
      }
      return sb.toString();
    }
  }
}
