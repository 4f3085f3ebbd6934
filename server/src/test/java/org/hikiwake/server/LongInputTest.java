package org.hikiwake.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.hikiwake.proto.game.Choice;
import org.hikiwake.proto.game.OptionPackage;
import org.hikiwake.proto.wire.ClientMessage;
import org.hikiwake.proto.wire.ErrorCode;
import org.hikiwake.proto.wire.Propose;
import org.hikiwake.proto.wire.ServerMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An error repeats at most a short piece of what it refuses: no reply outgrows its request. */
class LongInputTest {
  @TempDir Path data;
  private HikiwakeServer server;

  @BeforeEach
  void start() throws Exception {
    server = HikiwakeServer.start(ServerConfig.defaults().withPort(0).withDataDir(data));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void join_roleOfSixtyThousandCharacters_isRefusedWithAShortMessage() throws Exception {
    try (TestClient c = TestClient.connect(server.port())) {
      String code = c.create("japan-russia-2013", 0, 0);
      ServerMessage m = c.join(code, "r".repeat(60_000), "Aiko");
      assertThat(m.getError().getCode()).isEqualTo(ErrorCode.ERROR_CODE_UNKNOWN_ROLE);
      assertThat(m.getError().getMessage()).hasSizeLessThan(200).contains("rrr...");
    }
  }

  @Test
  void propose_hundredsOfUnknownIssues_isRefusedWithBoundedDetails() throws Exception {
    try (TestClient japan = TestClient.connect(server.port());
        TestClient russia = TestClient.connect(server.port())) {
      String code = japan.create("japan-russia-2013", 0, 0);
      japan.join(code, "japan", "Aiko");
      russia.join(code, "russia", "Boris");
      OptionPackage.Builder pkg = OptionPackage.newBuilder();
      for (int i = 0; i < 500; i++) {
        pkg.addChoices(Choice.newBuilder().setIssue("issue-" + i + "-" + "z".repeat(40))
            .setOption("o".repeat(10)));
      }
      ServerMessage m = japan.request(ClientMessage.newBuilder().setPropose(
          Propose.newBuilder().setPackage(pkg)));
      assertThat(m.getError().getCode()).isEqualTo(ErrorCode.ERROR_CODE_INVALID_PACKAGE);
      assertThat(m.getError().getDetailsCount()).isLessThanOrEqualTo(20);
      assertThat(m.getError().getDetails(19)).contains("more");
      assertThat(m.getSerializedSize()).isLessThan(4_000);
    }
  }
}
