package org.hikiwake.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hikiwake.server.store.StoreFixtures.await;
import static org.hikiwake.server.store.StoreFixtures.game;
import static org.hikiwake.server.store.StoreFixtures.records;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hikiwake.codec.recording.RecordingReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingExportTest {
  @TempDir Path dataDir;

  @Test
  void export_whileTheStoreIsOpen_writesTheGamesRecording() throws Exception {
    try (SqliteStore store = SqliteStore.open(dataDir)) {
      await(await(store.create(game("OUT"))).append(records(7)));
      Path out = dataDir.resolve("OUT.hwr");

      assertThat(RecordingExport.export(dataDir, "OUT", out)).isTrue();

      assertThat(Files.readAllBytes(out)).isEqualTo(await(store.read("OUT")));
      assertThat(RecordingReader.read(out).events()).isEqualTo(records(7));
      assertThat(RecordingExport.export(dataDir, "NONE", dataDir.resolve("x.hwr"))).isFalse();
    }
  }
}
