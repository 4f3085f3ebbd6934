package org.hikiwake.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.hikiwake.cli.net.Connection;
import org.hikiwake.codec.recording.RecordingException;
import org.hikiwake.codec.recording.RecordingReader;
import org.hikiwake.codec.recording.ReplayedRecording;
import org.hikiwake.proto.wire.ClientMessage;
import org.hikiwake.proto.wire.FetchRecording;
import org.hikiwake.proto.wire.RecordingFile;
import org.hikiwake.proto.wire.ServerMessage;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * The recording that {@code replay} and {@code export} read: a local file, or
 * a finished game's recording fetched from the server by its code.
 */
final class RecordingSource {
  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9]{4}-?[A-Za-z0-9]{4}");

  @Parameters(index = "0", paramLabel = "FILE|CODE",
      description = "The code of a finished game to fetch from the server, or a recording"
          + " file from the server's data folder, such as hikiwake-data/games/CODE.hwr.")
  String source;

  @Mixin
  ServerOption server;

  /**
   * The recording read and replayed through the engine. A file damaged
   * part-way replays up to the damage ({@link ReplayedRecording#problem}).
   *
   * @throws CliException with {@link ExitCode#BAD_FILE} if nothing can be replayed
   */
  ReplayedRecording replayed(Invocation root) throws CliException {
    Path file = file(root);
    try {
      if (Files.isDirectory(file)) {
        throw new CliException(ExitCode.BAD_FILE, file + " is a folder, not a recording");
      }
      return ReplayedRecording.of(RecordingReader.read(file), file.toString());
    } catch (NoSuchFileException e) {
      throw new CliException(ExitCode.BAD_FILE, file + ": no such file", e);
    } catch (IOException e) {
      throw new CliException(ExitCode.BAD_FILE, "cannot read " + file + ": " + e.getMessage(),
          e);
    } catch (RecordingException e) {
      throw new CliException(ExitCode.BAD_FILE, e.getMessage(), e);
    }
  }

  /** Where the recording came from, for messages. */
  String name() {
    return source;
  }

  /** A local file with the recording, fetching it from the server if needed. */
  Path file(Invocation root) throws CliException {
    Path path = Path.of(source);
    boolean fetch = server.server != null || (!Files.exists(path) && CODE.matcher(source)
        .matches());
    if (!fetch) {
      return path;
    }
    RecordingFile recording;
    try (Connection c = Connection.open(server.resolve(root))) {
      ServerMessage reply = c.expect(ClientMessage.newBuilder().setFetchRecording(
          FetchRecording.newBuilder().setGameCode(source)),
          ServerMessage.BodyCase.RECORDING_FILE);
      recording = reply.getRecordingFile();
    }
    try {
      Path dir = Files.createTempDirectory("hikiwake-replay");
      Path file = dir.resolve(recording.getGameCode() + ".hwr");
      Files.write(file, recording.getContent().toByteArray());
      file.toFile().deleteOnExit();
      dir.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new CliException(ExitCode.BAD_FILE, "cannot keep the fetched recording: "
          + e.getMessage(), e);
    }
  }
}
