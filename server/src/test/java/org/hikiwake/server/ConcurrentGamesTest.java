package org.hikiwake.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.hikiwake.proto.wire.GameOver;
import org.hikiwake.codec.EventCodec;
import org.hikiwake.server.room.GameListing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentGamesTest {
  static final int GAMES = 50;

  @TempDir Path data;
  HikiwakeServer server;
  ExecutorService players;

  @BeforeEach
  void start() throws Exception {
    server = HikiwakeServer.start(ServerConfig.defaults().withPort(0).withDataDir(data));
    players = Executors.newFixedThreadPool(GAMES);
  }

  @AfterEach
  void stop() throws InterruptedException {
    players.shutdownNow();
    players.awaitTermination(10, TimeUnit.SECONDS);
    server.close();
  }

  @Test
  void fiftyGames_playedAtOnce_allFinishWithTheirExpectedResults() throws Exception {
    List<HonestGame> scripts = new ArrayList<>();
    List<Future<GameOver>> ends = new ArrayList<>();
    for (int i = 0; i < GAMES; i++) {
      HonestGame script = HonestGame.values()[i % HonestGame.values().length];
      scripts.add(script);
      ends.add(players.submit(() -> script.play(server.port())));
    }

    for (int i = 0; i < GAMES; i++) {
      GameOver end = ends.get(i).get(60, TimeUnit.SECONDS);
      scripts.get(i).check(end.getResult());
    }
    List<GameListing> listed = server.lobby().list();
    assertThat(listed).hasSize(GAMES).allSatisfy(g -> {
      assertThat(g.isOver()).isTrue();
      assertThat(g.damage()).isEmpty();
    });
    for (HonestGame script : HonestGame.values()) {
      long expected = scripts.stream().filter(s -> s == script).count();
      assertThat(listed).filteredOn(g -> g.result().map(EventCodec::toProto)
              .filter(r -> r.getOutcome() == script.outcome()
                  && r.getScores(0).getScore() == script.scores().get("japan")).isPresent())
          .as("%s", script).hasSize((int) expected);
    }
  }
}
