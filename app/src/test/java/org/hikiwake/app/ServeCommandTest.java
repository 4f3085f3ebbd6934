package org.hikiwake.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hikiwake.cli.ExitCode;
import org.hikiwake.server.HikiwakeServer;
import org.hikiwake.server.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** What the server's operator sees when `serve` starts, or cannot. */
class ServeCommandTest {
  @TempDir
  Path tmp;

  @Test
  void serve_dataFolderInUseByAnotherServer_saysSoInOneLine() throws Exception {
    try (TestServer first = TestServer.start(tmp)) {
      CliRun second = CliRun.run(Map.of(), "serve", "--port", "0", "--data",
          first.dataDir.toString());
      assertThat(second.exitCode()).as(second.toString()).isEqualTo(ExitCode.CANNOT_CONNECT);
      assertThat(second.err()).as(second.toString())
          .startsWith("hikiwake: cannot use the data folder " + first.dataDir.toAbsolutePath())
          .contains("another server is using it")
          .contains("--data")
          .doesNotContain("bug").doesNotContain("Exception");
      assertThat(second.err().strip()).doesNotContain("\n");
    }
  }

  @Test
  void serve_portInUse_leavesNoEmptyDataFolderBehind() throws Exception {
    Path data = tmp.resolve("fresh-data");
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("127.0.0.1", 0));
      CliRun run = CliRun.run(Map.of(), "serve", "--port",
          Integer.toString(taken.getLocalPort()), "--data", data.toString());
      assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.CANNOT_CONNECT);
      assertThat(run.err()).startsWith("hikiwake: cannot listen on 127.0.0.1:"
          + taken.getLocalPort());
    }
    assertThat(data).doesNotExist();
  }

  @Test
  void serve_portInUse_keepsADataFolderThatWasThere() throws Exception {
    Path data = Files.createDirectories(tmp.resolve("kept"));
    Files.writeString(data.resolve("notes.txt"), "mine");
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("127.0.0.1", 0));
      CliRun.run(Map.of(), "serve", "--port", Integer.toString(taken.getLocalPort()), "--data",
          data.toString());
    }
    assertThat(data.resolve("notes.txt")).hasContent("mine");
  }

  @Test
  void serverLog_versionAgreesWithDashDashVersionAndCountsReadAsEnglish() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(HikiwakeServer.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try {
      String code;
      try (TestServer first = TestServer.start(tmp)) {
        code = first.createGame();
      }
      HikiwakeServer again = HikiwakeServer.start(ServerConfig.defaults().withPort(0)
          .withDataDir(tmp.resolve("data")));
      again.close();
      String version = CliRun.run(Map.of(), "--version").out().strip();
      assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage)
          .anyMatch(m -> m.startsWith(version + " serving on "))
          .noneMatch(m -> m.contains("hikiwake hikiwake-"))
          .anyMatch(m -> m.startsWith("recovered 1 recording from ")
              && m.endsWith("; 1 unfinished game resumes"));
      assertThat(code).isNotEmpty();
    } finally {
      logger.detachAppender(appender);
    }
  }
}
