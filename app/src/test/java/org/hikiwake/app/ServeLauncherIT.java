package org.hikiwake.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's launcher running the server, after {@code package}: the
 * first {@code serve} after a build prepares a class-data-sharing archive of
 * the server's start, and the next one starts from it.
 */
class ServeLauncherIT {
  private static final Path ROOT = Path.of(System.getProperty("hikiwake.repoRoot"));
  private static final Path TARGET = ROOT.resolve("app/target");

  @Test
  void serve_firstAfterABuildPreparesTheArchive_theNextStartsFromIt(@TempDir Path tmp)
      throws Exception {
    assertThat(TARGET.resolve("hikiwake.jar")).as("the launcher's jar (mvn package)")
        .isRegularFile();
    for (Path old : archives()) {
      Files.delete(old);
    }

    Served first = serve(tmp.resolve("first"), "");
    assertThat(first.err()).contains("preparing a faster server start");
    assertThat(archives()).singleElement()
        .satisfies(a -> assertThat(Files.size(a)).isGreaterThan(1_000_000));

    // -Xshare:on: a JVM that cannot map the archive refuses to start instead of going on
    Served second = serve(tmp.resolve("second"), "-Xshare:on");
    assertThat(second.err()).doesNotContain("preparing").doesNotContain("warning");
  }

  private record Served(String listening, String err) {}

  /** Runs {@code hikiwake serve} until it says it listens, then stops it. */
  private static Served serve(Path data, String javaOptions) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(ROOT.resolve("hikiwake").toString(), "serve",
        "--port", "0", "--data", data.toString());
    pb.environment().put("HIKIWAKE_NO_BUILD", "1");
    pb.environment().put("HIKIWAKE_JAVA_OPTS", javaOptions);
    pb.environment().remove("HIKIWAKE_CDS");
    Path errFile = Files.createDirectories(data.getParent()).resolve(data.getFileName()
        + ".err");
    pb.redirectError(errFile.toFile());
    Process p = pb.start();
    BlockingQueue<String> out = lines(p.getInputStream());
    try {
      String line;
      do {
        line = out.poll(90, TimeUnit.SECONDS);
        assertThat(line).as("a line from the server before it listens; stderr: %s",
            Files.readString(errFile)).isNotNull().doesNotStartWith("EOF");
      } while (!line.contains("listening on"));
      p.destroy();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("the server stops on SIGTERM").isTrue();
      return new Served(line, Files.readString(errFile));
    } finally {
      p.destroyForcibly();
    }
  }

  private static BlockingQueue<String> lines(InputStream in) {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in,
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          lines.add(line);
        }
      } catch (IOException e) {
        lines.add("EOF " + e);
      }
      lines.add("EOF");
    });
    t.setDaemon(true);
    t.start();
    return lines;
  }

  private static List<Path> archives() throws IOException {
    try (Stream<Path> s = Files.list(TARGET)) {
      return s.filter(f -> f.getFileName().toString().startsWith("hikiwake-serve-")
          && f.getFileName().toString().endsWith(".jsa")).toList();
    }
  }
}
