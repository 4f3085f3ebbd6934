package org.hikiwake.app;

import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.hikiwake.cli.CliException;
import org.hikiwake.cli.ExitCode;
import org.hikiwake.server.store.RecordingExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * Writes a game kept in a server's data folder out as a self-contained
 * recording file, for {@code replay FILE} and {@code export FILE}. It reads the
 * database read-only, so it works with or without the server running.
 */
@Command(name = "recording", mixinStandardHelpOptions = true,
    description = {"Write a game from the server's data folder out as a recording file"
        + " (CODE.hwr), for replay and export. Works while the server runs, or without it."})
final class RecordingCommand implements Callable<Integer> {
  @ParentCommand
  private Hikiwake root;

  @Parameters(index = "0", paramLabel = "CODE", description = "The game's code.")
  private String code;

  @Option(names = "--data", defaultValue = "hikiwake-data", paramLabel = "DIR",
      description = "The server's data folder (default: ${DEFAULT-VALUE}).")
  private Path data;

  @Option(names = "--out", paramLabel = "FILE",
      description = "Where to write it (default: CODE.hwr in the current folder).")
  private Path out;

  @Override
  public Integer call() throws Exception {
    String normalized = code.strip().toUpperCase(Locale.ROOT);
    Path target = out != null ? out : Path.of(normalized + ".hwr");
    Optional<byte[]> bytes;
    try {
      bytes = RecordingExport.read(data, normalized);
    } catch (FileNotFoundException e) {
      throw new CliException(ExitCode.BAD_FILE, e.getMessage() + "; give the server's data"
          + " folder with --data DIR");
    }
    if (bytes.isEmpty()) {
      throw new CliException(ExitCode.BAD_FILE, "there is no game " + normalized + " in "
          + data.toAbsolutePath().normalize() + "; list the games with: hikiwake games");
    }
    Files.write(target, bytes.get());
    root.out().println("Wrote game " + normalized + " to " + target + " ("
        + String.format(Locale.ROOT, "%,d", bytes.get().length) + " bytes). Replay it with:"
        + " hikiwake replay " + target);
    return ExitCode.OK;
  }
}
