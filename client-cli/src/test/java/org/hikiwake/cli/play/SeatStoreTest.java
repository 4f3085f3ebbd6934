package org.hikiwake.cli.play;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.hikiwake.cli.net.ServerAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeatStoreTest {
  @TempDir
  Path tmp;

  private final ServerAddress server = new ServerAddress("localhost", 7430);

  @Test
  void save_thenFind_byCodeInAnyCase() throws Exception {
    SeatStore store = SeatStore.in(tmp.resolve("home"));
    store.save(server, "K7MX-Q2PA", "japan", "tok-1");
    assertThat(store.find(server, "k7mxq2pa")).containsExactly(
        new SeatStore.StoredSeat("japan", "tok-1"));
    assertThat(store.find(server, "k7mx-q2pa", "japan")).contains(
        new SeatStore.StoredSeat("japan", "tok-1"));
    assertThat(store.find(server, "K7MX-Q2PA", "russia")).isEmpty();
    assertThat(store.find(new ServerAddress("other", 7430), "K7MX-Q2PA")).isEmpty();
    assertThat(store.find(server, "AAAA-BBBB")).isEmpty();
  }

  @Test
  void save_keepsOtherGamesAndRolesAndReplacesTheSameSeat() throws Exception {
    SeatStore store = SeatStore.in(tmp);
    store.save(server, "AAAA-BBBB", "japan", "t1");
    store.save(server, "CCCC-DDDD", "russia", "t2");
    store.save(server, "AAAA-BBBB", "russia", "t4");
    store.save(server, "AAAA-BBBB", "japan", "t3");
    assertThat(store.find(server, "AAAA-BBBB")).containsExactly(
        new SeatStore.StoredSeat("japan", "t3"), new SeatStore.StoredSeat("russia", "t4"));
    assertThat(store.find(server, "CCCC-DDDD")).containsExactly(
        new SeatStore.StoredSeat("russia", "t2"));
  }

  @Test
  void save_fileAndFolderAreOwnerOnly() throws Exception {
    Path home = tmp.resolve("new-home");
    SeatStore.in(home).save(server, "AAAA-BBBB", "japan", "t1");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home)))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(
        Files.getPosixFilePermissions(home.resolve(SeatStore.FILE_NAME)))).isEqualTo("rw-------");
    try (var files = Files.list(home)) {
      assertThat(files).hasSize(1);
    }
  }

  @Test
  void homeDir_fromEnvironmentElseUserHome() {
    assertThat(SeatStore.homeDir(Map.of(SeatStore.HOME_ENV, "/x/y"))).isEqualTo(Path.of("/x/y"));
    assertThat(SeatStore.homeDir(Map.of()))
        .isEqualTo(Path.of(System.getProperty("user.home"), ".hikiwake"));
  }
}
