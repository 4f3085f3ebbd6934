package org.hikiwake.server.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Optional;

/**
 * Writes a stored game's self-contained recording out as a {@code .hwr} file,
 * for {@code hikiwake replay FILE} and {@code export}: {@code RecordingExport
 * DATA_FOLDER GAME_CODE OUT.hwr}. It opens the database read-only, so it works
 * while a server runs on the folder (WAL readers do not wait for the writer).
 */
public final class RecordingExport {
  private RecordingExport() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: RecordingExport DATA_FOLDER GAME_CODE OUT.hwr");
      System.exit(1);
    }
    System.exit(export(Path.of(args[0]), args[1], Path.of(args[2])) ? 0 : 3);
  }

  /** Writes the recording; false, with a line on standard error, if there is no such game. */
  public static boolean export(Path dataDir, String gameCode, Path out) throws Exception {
    Optional<byte[]> bytes;
    try {
      bytes = read(dataDir, gameCode);
    } catch (java.io.FileNotFoundException e) {
      System.err.println(e.getMessage());
      return false;
    }
    if (bytes.isEmpty()) {
      System.err.println("there is no game " + gameCode + " in "
          + dataDir.resolve(SqliteStore.DATABASE_FILE));
      return false;
    }
    Files.write(out, bytes.get());
    System.out.println("wrote game " + gameCode + " to " + out + " (" + bytes.get().length
        + " bytes)");
    return true;
  }

  /**
   * A stored game's recording, as the bytes of a {@code .hwr} file; empty if
   * the database has no such game. The database is opened read-only.
   *
   * @throws java.io.FileNotFoundException if the folder holds no game database
   */
  public static Optional<byte[]> read(Path dataDir, String gameCode) throws Exception {
    Path db = dataDir.resolve(SqliteStore.DATABASE_FILE);
    if (!Files.exists(db)) {
      throw new java.io.FileNotFoundException("there is no game database at " + db);
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + db.toAbsolutePath()
        + "?mode=ro")) {
      return SqliteStore.recordingBytes(c, gameCode);
    }
  }
}
