package org.hikiwake.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lines `serve` prints once it listens: where students connect. */
class ServeBannerTest {
  @TempDir
  Path tmp;

  @Test
  void banner_bindAll_listsTheAddressesStudentsCanUse() throws Exception {
    List<String> lines = ServeCommand.banner("0.0.0.0", 7430, tmp,
        List.of(InetAddress.getByName("192.168.1.20"), InetAddress.getByName("10.0.0.5")), false);
    assertThat(lines.get(0)).isEqualTo("Hikiwake 0.2.0 server listening on 0.0.0.0:7430 (every"
        + " network interface)");
    assertThat(lines).contains(
        "Students on other machines use one of: --server 192.168.1.20:7430,"
            + " --server 10.0.0.5:7430",
        "Create a game: hikiwake create --server 192.168.1.20:7430",
        "Join it: hikiwake play CODE --role japan --name NAME --server 192.168.1.20:7430");
  }

  @Test
  void banner_bindAllOnAMachineWithNoNetwork_saysNobodyElseCanConnect() throws Exception {
    List<String> lines = ServeCommand.banner("0.0.0.0", 7430, tmp, List.of(), false);
    assertThat(lines).anyMatch(l -> l.startsWith("This machine has no network address besides"
        + " loopback"));
  }

  @Test
  void banner_loopback_saysThisMachineOnly() throws Exception {
    List<String> lines = ServeCommand.banner("127.0.0.1", 7430, tmp,
        List.of(InetAddress.getByName("192.168.1.20")), false);
    assertThat(lines.get(0)).endsWith("(this machine only)");
    assertThat(lines).contains("Create a game: hikiwake create")
        .anyMatch(l -> l.contains("--bind 0.0.0.0"));
  }

  @Test
  void banner_tls_givesTlsAddresses_evenOnTheDefaultPortOfThisMachine() throws Exception {
    List<String> everywhere = ServeCommand.banner("0.0.0.0", 7430, tmp,
        List.of(InetAddress.getByName("192.168.1.20")), true);
    assertThat(everywhere).contains(
        "Students on other machines use one of: --server tls://192.168.1.20:7430",
        "Join it: hikiwake play CODE --role japan --name NAME --server tls://192.168.1.20:7430");

    List<String> here = ServeCommand.banner("127.0.0.1", 7430, tmp, List.of(), true);
    assertThat(here).contains("Create a game: hikiwake create --server tls://localhost:7430");
  }

  @Test
  void usableAddresses_leaveOutLoopbackAndLinkLocal() throws Exception {
    assertThat(ServeCommand.usable(List.of(InetAddress.getByName("127.0.0.1"),
        InetAddress.getByName("fe80::1"), InetAddress.getByName("192.168.1.20"),
        InetAddress.getByName("2001:db8::5"))))
        .containsExactly(InetAddress.getByName("192.168.1.20"),
            InetAddress.getByName("2001:db8::5"));
  }

}
