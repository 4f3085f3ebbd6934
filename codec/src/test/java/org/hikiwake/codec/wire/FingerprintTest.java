package org.hikiwake.codec.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FingerprintTest {
  private static final String HEX = "21:2E:C3:E3:37:80:21:82:0A:78:03:C0:5C:F6:57:4F"
      + ":44:3F:1E:6A:15:E0:1E:0E:66:9E:F5:53:A8:BE:87:DE";
  private static final String SSH = "SHA256:IS7D4zeAIYIKeAPAXPZXT0Q/HmoV4B4OZp71U6i+h94";

  @Test
  void parse_sshFormAndHexForm_areTheSameFingerprint() {
    Fingerprint ssh = Fingerprint.parse(SSH);
    assertThat(Fingerprint.parse(HEX)).isEqualTo(ssh);
    assertThat(Fingerprint.parse("sha256:" + HEX.replace(":", "").toLowerCase()))
        .isEqualTo(ssh);
    assertThat(ssh.toString()).isEqualTo(SSH);
    assertThat(ssh.hex()).isEqualTo(HEX);
  }

  @Test
  void parse_somethingElse_saysWhatIsExpected() {
    assertThatThrownBy(() -> Fingerprint.parse("SHA256:abc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("43 base64 characters");
    assertThatThrownBy(() -> Fingerprint.parse(HEX.substring(3)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
