package org.hikiwake.codec.classroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.hikiwake.engine.classroom.ClassSettings;
import org.hikiwake.engine.game.NewsSchedule;
import org.junit.jupiter.api.Test;

class ClassCodecTest {
  @Test
  void settings_withAndWithoutAStandIn_roundTrip() {
    ClassSettings plain = new ClassSettings("japan-russia-2013", 4,
        Optional.of(Duration.ofSeconds(90)), 42, Optional.empty(), Optional.of("easy"));
    ClassSettings standIn = new ClassSettings("japan-russia-2013", 4, Optional.empty(), 7,
        Optional.empty(), Optional.empty(), NewsSchedule.asScenario(), Optional.empty(),
        Optional.of(new ClassSettings.StandIn("medium", Duration.ofSeconds(45))));

    assertThat(ClassCodec.fromProto(ClassCodec.toProto(plain))).isEqualTo(plain);
    assertThat(ClassCodec.fromProto(ClassCodec.toProto(standIn))).isEqualTo(standIn);
    assertThat(ClassCodec.toProto(plain).hasStandIn()).isFalse();
  }
}
