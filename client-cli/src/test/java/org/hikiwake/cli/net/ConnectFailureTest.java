package org.hikiwake.cli.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** Every way a connection fails says what happened and what to do next. */
class ConnectFailureTest {
  private static final ServerAddress CLASSROOM = ServerAddress.parse("192.168.1.20:7430");
  private static final Duration TEN = Duration.ofSeconds(10);

  @Test
  void describe_unknownHost_saysToCheckTheSpellingAndTheNetwork() {
    assertThat(ConnectFailure.describe(ServerAddress.parse("clasroom.local"),
        new UnknownHostException("clasroom.local"), TEN))
        .contains("there is no computer called 'clasroom.local'")
        .contains("Check the spelling of the server address").contains("same network");
  }

  @Test
  void describe_timeout_namesTheFirewallAndThePort() {
    assertThat(ConnectFailure.describe(CLASSROOM,
        new ConnectTimeoutException("connection timed out"), TEN))
        .contains("no answer within 10 s").contains("same network (Wi-Fi)")
        .contains("firewall may be blocking port 7430").contains("tell your instructor");
  }

  @Test
  void describe_refusedOnAnotherMachine_saysTheServerIsNotRunningYet() {
    assertThat(ConnectFailure.describe(CLASSROOM,
        new ConnectException("Connection refused"), TEN))
        .contains("nothing is listening there (connection refused)")
        .contains("ask your instructor to start it");
  }

  @Test
  void describe_refusedOnThisMachine_saysHowToStartOneOrGiveTheAddress() {
    assertThat(ConnectFailure.describe(ServerAddress.DEFAULT,
        new ConnectException("Connection refused"), TEN))
        .contains("Start one with `hikiwake serve`").contains("--server HOST:PORT");
  }

  @Test
  void handshake_closedByAPlainServer_saysToConnectWithoutTls() {
    ServerAddress tls = ServerAddress.parse("tls://192.168.1.20:7430");
    SSLHandshakeException closed = new SSLHandshakeException("handshake failed");
    closed.initCause(new ClosedChannelException());
    assertThat(ConnectFailure.handshake(tls, closed)).contains("probably not set up for TLS")
        .contains("--server 192.168.1.20:7430 (no tls://");
    assertThat(ConnectFailure.handshake(tls, new SslHandshakeTimeoutException("timed out")))
        .contains("did not complete an encrypted (TLS) handshake in time");
  }
}
