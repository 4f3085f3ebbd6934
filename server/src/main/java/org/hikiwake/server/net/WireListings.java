package org.hikiwake.server.net;

import java.util.Optional;
import org.hikiwake.codec.EventCodec;
import org.hikiwake.engine.game.Phase;
import org.hikiwake.proto.wire.GamePhase;
import org.hikiwake.codec.wire.WireViews;
import org.hikiwake.proto.wire.GameSummary;
import org.hikiwake.proto.wire.SeatInfo;
import org.hikiwake.server.room.GameListing;

/** Game listings as wire summaries. */
final class WireListings {
  private WireListings() {}

  static GameSummary summary(GameListing g) {
    GameSummary.Builder b = GameSummary.newBuilder().setGameCode(g.gameCode())
        .setScenarioId(g.scenarioId()).setScenarioTitle(g.scenarioTitle())
        .setPhase(WireViews.phase(g.phase())).setRound(g.round()).setRounds(g.rounds())
        .setDamaged(g.damage().isPresent()).setDamage(g.damage().orElse(""))
        .setCreatedAtMillis(g.createdAt().toEpochMilli());
    for (GameListing.SeatListing s : g.seats()) {
      b.addSeats(SeatInfo.newBuilder().setRole(s.role()).setRoleName(s.roleName())
          .setTaken(s.isTaken()).setDisplayName(s.displayName().orElse(""))
          .setBot(s.bot().orElse("")).setConnected(s.connected()));
    }
    g.result().ifPresent(r -> b.setResult(EventCodec.toProto(r)));
    return b.build();
  }

  /** The phase a ListGames asks for; empty for every phase (unspecified, or one this build does not know). */
  static Optional<Phase> phaseFilter(GamePhase phase) {
    switch (phase) {
      case GAME_PHASE_WAITING:
        return Optional.of(Phase.WAITING);
      case GAME_PHASE_IN_PROGRESS:
        return Optional.of(Phase.IN_PROGRESS);
      case GAME_PHASE_ENDED:
        return Optional.of(Phase.ENDED);
      default:
        return Optional.empty();
    }
  }
}
