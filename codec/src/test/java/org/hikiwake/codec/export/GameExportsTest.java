package org.hikiwake.codec.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.JsonFormat;
import java.util.Arrays;
import org.hikiwake.codec.recording.RecordedGames;
import org.hikiwake.proto.export.ExportedEvent;
import org.hikiwake.proto.export.GameExport;
import org.hikiwake.proto.game.GameOutcome;
import org.junit.jupiter.api.Test;

class GameExportsTest {
  @Test
  void of_agreement_holdsHeaderEventsResultAndAnalysis() {
    GameExport e = GameExports.of(RecordedGames.agreement().replayed());
    assertThat(e.getGameCode()).isEqualTo(RecordedGames.CODE);
    assertThat(e.getScenarioId()).isEqualTo("japan-russia-2013");
    assertThat(e.getCreatedAt().getSeconds()).isEqualTo(RecordedGames.CREATED.getEpochSecond());
    assertThat(e.getSettings().getRounds()).isEqualTo(6);
    assertThat(e.getRolesList()).extracting(r -> r.getId() + " " + r.getReservationValue())
        .containsExactly("japan 24", "russia 55");
    assertThat(e.getResult().getFinished()).isTrue();
    assertThat(e.getResult().getOutcome()).isEqualTo(GameOutcome.GAME_OUTCOME_AGREEMENT);
    assertThat(e.getResult().getEndedBy()).isEqualTo("russia");
    assertThat(e.getResult().getScoresMap()).containsEntry("japan", 57)
        .containsEntry("russia", 82);
    assertThat(e.getResult().getAgreedMap()).containsEntry("territory", "two_islands_plus");
    assertThat(e.getAnalysis().getZopaSize()).isEqualTo(559);
    assertThat(e.getAnalysis().getPackageCount()).isEqualTo(1620);
    assertThat(e.getAnalysis().getAgreed().getDominated()).isFalse();
    assertThat(e.getAnalysis().getNash().getPointsMap()).containsEntry("japan", 57);
    assertThat(e.getFile().getComplete()).isTrue();
  }

  @Test
  void of_offer_carriesBothSidesPointsActorAndRound() {
    GameExport e = GameExports.of(RecordedGames.agreement().replayed());
    ExportedEvent offer = e.getEventsList().stream()
        .filter(x -> x.getKind().equals("offer_made")).findFirst().orElseThrow();
    assertThat(offer.getPointsMap()).containsEntry("japan", 57).containsEntry("russia", 82);
    assertThat(offer.getRole()).isEqualTo("japan");
    assertThat(offer.getRound()).isEqualTo(1);
    assertThat(offer.getEvent().getOfferMade().getPackage().getChoicesCount()).isEqualTo(6);
    assertThat(e.getEventsList()).extracting(ExportedEvent::getSeq)
        .isEqualTo(java.util.stream.IntStream.rangeClosed(1, e.getEventsCount()).boxed()
            .toList());
  }

  @Test
  void json_seats_neverCarryTheTokenHash() throws Exception {
    GameExport e = GameExports.of(RecordedGames.agreement().replayed());
    assertThat(e.getEvents(0).getKind()).isEqualTo("seat_taken");
    assertThat(e.getEvents(0).getEvent().getSeatTaken().getDisplayName()).isEqualTo("Aiko");
    String json = JsonFormat.printer().preservingProtoFieldNames()
        .alwaysPrintFieldsWithNoPresence().print(e);
    assertThat(json).doesNotContain("token").contains("\"display_name\": \"Aiko\"");
  }

  @Test
  void of_truncatedRecording_isUnfinishedAndSaysWhy() {
    byte[] bytes = RecordedGames.agreement().bytes();
    GameExport e = GameExports.of(RecordedGames.replayed(Arrays.copyOf(bytes,
        bytes.length - 7)));
    assertThat(e.getResult().getFinished()).isFalse();
    assertThat(e.getResult().getOutcome()).isEqualTo(GameOutcome.GAME_OUTCOME_UNSPECIFIED);
    assertThat(e.getFile().getComplete()).isFalse();
    assertThat(e.getFile().getProblem()).contains("torn tail");
    assertThat(e.getFile().getTotalBytes()).isEqualTo(bytes.length - 7);
    assertThat(e.getEventsList()).noneMatch(x -> x.getKind().equals("game_ended"));
  }
}
