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
  static boolean export(Path dataDir, String gameCode, Path out) throws Exception {
    Path db = dataDir.resolve(SqliteStore.DATABASE_FILE);
    if (!Files.exists(db)) {
      System.err.println("there is no game database at " + db);
      return false;
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + db.toAbsolutePath()
        + "?mode=ro")) {
      Optional<byte[]> bytes = SqliteStore.recordingBytes(c, gameCode);
      if (bytes.isEmpty()) {
        System.err.println("there is no game " + gameCode + " in " + db);
        return false;
      }
      Files.write(out, bytes.get());
      System.out.println("wrote game " + gameCode + " to " + out + " (" + bytes.get().length
          + " bytes)");
      return true;
    }
  }
}
