package org.hikiwake.cli.play;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fallback to line mode, with the real JLine: a test's standard streams
 * are no terminal, so every provider refuses, as on a laptop where no native
 * library loads and there is no stty.
 */
class ConsolesTest {
  @TempDir
  Path home;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream notes = new ByteArrayOutputStream();

  private Console open(TerminalChoice choice, String input) {
    return Consoles.open(choice, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(out, true, StandardCharsets.UTF_8), home, new AtomicReference<>(),
        () -> "hikiwake > ", new PrintStream(notes, true, StandardCharsets.UTF_8));
  }

  @Test
  void open_jlineThatCannotDriveTheTerminal_fallsBackToLineModeAndSaysSo() throws Exception {
    TerminalChoice wanted = TerminalChoice.decide(Map.of("TERM", "xterm"), true, false);

    try (Console c = open(wanted, "brief\n")) {
      assertThat(c).isInstanceOf(StreamConsole.class);
      assertThat(c.isInteractive()).isTrue();
      assertThat(notes.toString(StandardCharsets.UTF_8)).startsWith("(Plain line mode:")
          .contains("no Tab completion or live countdown");
      assertThat(c.readLine()).isEqualTo("brief");
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("hikiwake > ");
  }

  @Test
  void lineMode_asksBeforeWalkingAway_andPrintsThePromptAgainBelowNews() throws Exception {
    TerminalChoice lines = TerminalChoice.decide(Map.of("TERM", "dumb"), true, false);
    PipedOutputStream typing = new PipedOutputStream();
    PipedInputStream keyboard = new PipedInputStream(typing);
    PrintStream shown = new PrintStream(out, true, StandardCharsets.UTF_8);

    try (Console c = Consoles.open(lines, keyboard, shown, shown, home, new AtomicReference<>(),
        () -> "hikiwake > ", new PrintStream(notes, true, StandardCharsets.UTF_8))) {
      typing.write("walkaway\nno\n".getBytes(StandardCharsets.UTF_8));
      typing.flush();
      assertThat(c.readLine()).isEqualTo("walkaway");
      assertThat(c.confirm("Walk away?")).isFalse();
      CompletableFuture<String> next = CompletableFuture.supplyAsync(() -> {
        try {
          return c.readLine();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      await().until(() -> out.toString(StandardCharsets.UTF_8).endsWith("[y/N] hikiwake > "));
      c.show(List.of("NEWS (round 2)"));
      typing.close();
      assertThat(next.get(10, TimeUnit.SECONDS)).isNull();
    }
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo("hikiwake > Walk away? [y/N] hikiwake > \nNEWS (round 2)\nhikiwake > ");
    assertThat(notes.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void scriptMode_asksNothing() throws Exception {
    TerminalChoice script = TerminalChoice.decide(Map.of(), false, false);

    try (Console c = open(script, "walkaway\n")) {
      assertThat(c.isInteractive()).isFalse();
      assertThat(c.confirm("Walk away?")).isTrue();
      assertThat(c.readLine()).isEqualTo("walkaway");
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }
}
