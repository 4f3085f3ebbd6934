package org.hikiwake.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.hikiwake.server.record.GameQuery;
import org.hikiwake.server.store.SqliteStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lobby's pages over the SQLite store, with games in memory laid over them. */
class LobbyListingTest {
  @TempDir Path data;

  @Test
  void list_gamesCreatedWithinOneMillisecond_pageEachGameOnceInTheStoresOrder()
      throws Exception {
    // 40 games, ten to a millisecond: the store keeps creation times to the millisecond,
    // so games in memory must too, or a page's position skips some of them
    Instant t0 = Instant.parse("2013-11-02T09:00:00Z");
    AtomicLong reads = new AtomicLong();
    Clock ticking = new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return t0.plusNanos(100_000 * reads.getAndIncrement());
      }
    };
    ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
    try (SqliteStore store = SqliteStore.open(data)) {
      Lobby lobby = new Lobby(ScenarioCatalog.load(Optional.empty()), store, () -> loop,
          ticking, new JoinCodes(new SecureRandom()), new SeatTokens(new SecureRandom()),
          new Revealer(Runnable::run), 1_000);
      List<String> created = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        created.add(lobby.create("japan-russia-2013", 6, Optional.empty()).get(10,
            TimeUnit.SECONDS).code());
      }

      List<String> seen = new ArrayList<>();
      Optional<GameQuery.Position> after = Optional.empty();
      int pages = 0;
      do {
        Lobby.Page page = lobby.list(new GameQuery(Optional.empty(), Optional.empty(), after,
            3)).get(10, TimeUnit.SECONDS);
        page.games().forEach(g -> seen.add(g.gameCode()));
        after = page.next();
        pages++;
      } while (after.isPresent() && pages < 100);

      assertThat(seen).as("every game once").doesNotHaveDuplicates()
          .containsExactlyInAnyOrderElementsOf(created);
      assertThat(pages).isEqualTo(14);
    } finally {
      loop.shutdownNow();
    }
  }
}
