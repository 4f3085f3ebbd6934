package org.hikiwake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.hikiwake.cli.net.ServerAddress;
import org.junit.jupiter.api.Test;

class ClassCommandTest {
  @Test
  void dashboardUrl_isHttpsForATlsServer_andBracketsAnIpv6Host() {
    assertThat(ClassCommand.dashboardUrl(ServerAddress.parse("tls://class.example:7430"),
        "/c/K7MX")).isEqualTo("https://class.example:7430/c/K7MX");
    assertThat(ClassCommand.dashboardUrl(ServerAddress.parse("[::1]:7430"), "/c/K7MX"))
        .isEqualTo("http://[::1]:7430/c/K7MX");
  }
}
