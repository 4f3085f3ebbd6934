package org.hikiwake.cli.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerAddressTest {
  @Test
  void parse_hostAndPort() {
    assertThat(ServerAddress.parse("classroom.local:9000"))
        .isEqualTo(new ServerAddress("classroom.local", 9000));
  }

  @Test
  void parse_hostOnly_usesDefaultPort() {
    assertThat(ServerAddress.parse("10.0.0.5")).isEqualTo(new ServerAddress("10.0.0.5", 7430));
  }

  @Test
  void parse_portOnly_usesLocalhost() {
    assertThat(ServerAddress.parse(":7500")).isEqualTo(new ServerAddress("localhost", 7500));
  }

  @Test
  void parse_bracketedIpv6() {
    assertThat(ServerAddress.parse("[::1]:7431")).isEqualTo(new ServerAddress("::1", 7431));
    assertThat(new ServerAddress("::1", 7431).toString()).isEqualTo("[::1]:7431");
  }

  @Test
  void parse_badPort_isRejectedWithTheText() {
    assertThatThrownBy(() -> ServerAddress.parse("host:http"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host:http");
    assertThatThrownBy(() -> ServerAddress.parse("host:70000"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65535");
  }

  @Test
  void resolve_optionBeatsEnvironment() {
    assertThat(ServerAddress.resolve(Optional.of("a:1"), Map.of(ServerAddress.ENV, "b:2")))
        .isEqualTo(new ServerAddress("a", 1));
  }

  @Test
  void resolve_environmentBeatsDefault() {
    assertThat(ServerAddress.resolve(Optional.empty(), Map.of(ServerAddress.ENV, "b:2")))
        .isEqualTo(new ServerAddress("b", 2));
  }

  @Test
  void resolve_nothingGiven_isLocalhost7430() {
    assertThat(ServerAddress.resolve(Optional.empty(), Map.of()))
        .isEqualTo(new ServerAddress("localhost", 7430));
  }

  @Test
  void resolve_badEnvironment_namesTheVariable() {
    assertThatThrownBy(() -> ServerAddress.resolve(Optional.empty(),
        Map.of(ServerAddress.ENV, "x:y"))).hasMessageStartingWith("HIKIWAKE_SERVER");
  }

  @Test
  void parse_tlsScheme_isTheSameServerReachedWithTls() {
    ServerAddress a = ServerAddress.parse("tls://10.0.0.5:7431/");
    assertThat(a.isTls()).isTrue();
    assertThat(a.host()).isEqualTo("10.0.0.5");
    assertThat(a.port()).isEqualTo(7431);
    assertThat(a.hostPort()).isEqualTo("10.0.0.5:7431");
    assertThat(a.toString()).isEqualTo("tls://10.0.0.5:7431");
    assertThat(ServerAddress.parse("TLS://[::1]").toString()).isEqualTo("tls://[::1]:7430");
  }

  @Test
  void parse_otherScheme_saysWhatToWrite() {
    assertThatThrownBy(() -> ServerAddress.parse("http://10.0.0.5:7430"))
        .hasMessageContaining("use host:port, or tls://host:port");
  }

  @Test
  void isLoopback_byNameOrAddress_withoutALookUp() {
    assertThat(ServerAddress.parse("localhost").isLoopback()).isTrue();
    assertThat(ServerAddress.parse("127.0.0.2:9").isLoopback()).isTrue();
    assertThat(ServerAddress.parse("[::1]:9").isLoopback()).isTrue();
    assertThat(ServerAddress.parse("192.168.1.20").isLoopback()).isFalse();
    assertThat(ServerAddress.parse("classroom.local").isLoopback()).isFalse();
  }
}
