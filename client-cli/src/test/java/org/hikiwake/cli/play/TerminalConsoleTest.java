package org.hikiwake.cli.play;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The terminal console on an 80x24 terminal made of pipes, typed at as a student would. */
class TerminalConsoleTest {
  @TempDir
  Path tmp;

  private PipedOutputStream keys;
  private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
  private Terminal terminal;
  private TerminalConsole console;

  @BeforeEach
  void open() throws IOException {
    PipedInputStream in = new PipedInputStream(64 * 1024);
    keys = new PipedOutputStream(in);
    // The exec provider makes an ExternalTerminal straight on the pipes; the JNI one, first
    // on the classpath, would put a real pty between them (output then arrives late).
    terminal = TerminalBuilder.builder().system(false).providers("exec").streams(in, screen)
        .type("xterm").encoding(StandardCharsets.UTF_8).size(new Size(80, 24)).build();
    // As a real terminal is set up: Ctrl-C is the interrupt character and raises a signal.
    Attributes attributes = terminal.getAttributes();
    attributes.setLocalFlag(Attributes.LocalFlag.ISIG, true);
    attributes.setControlChar(Attributes.ControlChar.VINTR, 3);
    terminal.setAttributes(attributes);
    console = TerminalConsole.on(terminal, tmp.resolve("history"), (r, l, c) -> { },
        () -> "> ");
  }

  @AfterEach
  void close() {
    console.close();
  }

  private void type(String text) throws IOException {
    keys.write(text.getBytes(StandardCharsets.UTF_8));
    keys.flush();
  }

  private String screen() {
    return screen.toString(StandardCharsets.UTF_8);
  }

  /** What is on the screen as lines, without escape sequences and carriage returns. */
  private List<String> screenLines() {
    String plain = screen().replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", "")
        .replaceAll("\u001b[()][0-9A-Za-z]", "").replaceAll("\u001b[=>]", "")
        .replace("\r", "");
    return Arrays.asList(plain.split("\n"));
  }

  /**
   * Reads a line while typing the keys once the prompt is up (a key typed
   * before JLine reads would reach the terminal before its handlers).
   */
  private String readLineTyping(String keys) throws Exception {
    int before = screen().length();
    CompletableFuture<String> line = CompletableFuture.supplyAsync(console::readLine);
    await().atMost(Duration.ofSeconds(20)).until(() -> screen().substring(before)
        .contains("> "));
    type(keys);
    return line.get(20, java.util.concurrent.TimeUnit.SECONDS);
  }

  @Test
  void readLine_ctrlCHalfwayThroughALine_cancelsTheLineAndStays() throws Exception {
    int before = screen().length();
    CompletableFuture<String> first = CompletableFuture.supplyAsync(console::readLine);
    await().atMost(Duration.ofSeconds(20)).until(() -> screen().substring(before)
        .contains("> "));
    type("offer terr");
    // Ctrl-C reaches JLine as a signal, ahead of keys it has not read yet: wait for the echo
    await().atMost(Duration.ofSeconds(20)).until(() -> screen().substring(before)
        .contains("offer terr"));
    type("\u0003");
    assertThat(first.get(20, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("");
    assertThat(readLineTyping("quit\r")).isEqualTo("quit");
    assertThat(screen()).doesNotContain("to leave, type quit");
  }

  @Test
  void readLine_ctrlCOnAnEmptyLine_saysHowToLeave() throws Exception {
    assertThat(readLineTyping("\u0003")).isEqualTo("");
    assertThat(screen()).contains("Ctrl-C only cancels the line; to leave, type quit or press"
        + " Ctrl-D.");
  }

  @Test
  void readLine_ctrlD_leaves() throws Exception {
    assertThat(readLineTyping("\u0004")).isNull();
  }

  @Test
  void show_longText_isWrappedToTheTerminalWidthBetweenWords() {
    String paragraph = "  How the game runs. The talks have six rounds and Japan moves first"
        + " in each, so Russia has the last turn of the game. On your turn you may table a"
        + " complete package (one option on every issue), accept the package the other side"
        + " has tabled, or walk away.";
    console.show(List.of(paragraph));
    List<String> lines = screenLines().stream().filter(l -> !l.isBlank()).toList();
    assertThat(lines).hasSizeGreaterThan(2).allMatch(l -> l.length() <= 80);
    assertThat(String.join(" ", lines).strip().split("\\s+"))
        .containsExactly(paragraph.strip().split("\\s+"));
  }

  @Test
  void page_textLongerThanTheScreen_waitsAfterAScreenfulAndStopsOnQ() throws Exception {
    List<String> text = new ArrayList<>();
    for (int i = 1; i <= 60; i++) {
      text.add("line " + i);
    }
    CompletableFuture<Void> paging = CompletableFuture.runAsync(() -> console.page(text));
    await().atMost(Duration.ofSeconds(20)).until(() -> screen().contains("-- more"));
    assertThat(screen()).contains("line 23\r\n").doesNotContain("line 24\r\n");
    type(" ");
    await().atMost(Duration.ofSeconds(20)).until(() -> screen().contains("line 46\r\n"));
    type("q");
    paging.get(20, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(screen()).doesNotContain("line 60");
  }

  @Test
  void page_shortText_isShownWithoutStopping() throws Exception {
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> console.page(List.of("a", "b")));
    assertThat(screen()).contains("a").contains("b").doesNotContain("-- more");
  }

  @Test
  void bell_ringsTheTerminalBell() {
    console.bell();
    assertThat(screen()).contains("\u0007");
  }
}
