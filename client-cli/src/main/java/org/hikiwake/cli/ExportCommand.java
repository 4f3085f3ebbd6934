package org.hikiwake.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.hikiwake.cli.record.Exporter;
import org.hikiwake.codec.recording.ReplayedRecording;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code hikiwake export}: writes a recorded game as JSON, CSV or Markdown. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Export a recorded game (a .hwr file, or a finished game's code) as JSON,"
        + " CSV or Markdown.",
        "  json  the whole record: settings, events with both sides' points, analysis",
        "  csv   one row per move with the package and both sides' points",
        "  md    a readable transcript"})
final class ExportCommand implements Callable<Integer> {
  @ParentCommand
  private Invocation root;

  @Mixin
  private RecordingSource recording;

  @Option(names = "--format", defaultValue = "md", paramLabel = "FORMAT",
      description = "Output format: json, csv or md (default: ${DEFAULT-VALUE}).")
  private Exporter.Format format;

  @Option(names = {"-o", "--output"}, paramLabel = "OUT",
      description = "Write to this file instead of standard output.")
  private Path output;

  @Override
  public Integer call() throws Exception {
    ReplayedRecording game = recording.replayed(root);
    String text = Exporter.export(game, format);
    if (output == null) {
      root.out().print(text);
      root.out().flush();
    } else {
      try {
        Files.writeString(output, text, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new CliException(ExitCode.BAD_FILE, "cannot write " + output + ": "
            + e.getMessage(), e);
      }
    }
    if (!game.isSound()) {
      throw new CliException(ExitCode.BAD_FILE, recording.name() + " is damaged: "
          + game.problem().orElse("") + "; exported what was readable: "
          + game.readableSummary());
    }
    return ExitCode.OK;
  }
}
