package org.hikiwake.cli.net;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hikiwake.cli.CliException;
import org.junit.jupiter.api.Test;

class ConnectionTest {
  @Test
  void open_serverSendsAHugeLengthPrefix_failsWithTheLimitInTheReason() throws Exception {
    try (ServerSocket fake = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
        try {
          Socket s = fake.accept();
          OutputStream out = s.getOutputStream();
          // A varint32 prefix of 1 GiB, then a few bytes of the "frame".
          out.write(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x04,
              1, 2, 3});
          out.flush();
          return s;
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      ServerAddress address = new ServerAddress("127.0.0.1", fake.getLocalPort());
      assertThatThrownBy(() -> Connection.open(address, e -> { }, Duration.ofSeconds(5)))
          .isInstanceOf(CliException.class)
          .hasMessageContaining("the server sent a frame of 1,073,741,824 bytes, over this"
              + " client's limit of 16,777,216 bytes");
      accepted.get(5, TimeUnit.SECONDS).close();
    }
  }
}
