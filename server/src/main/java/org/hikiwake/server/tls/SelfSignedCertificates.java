package org.hikiwake.server.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes the server's self-signed certificate: an EC P-256 key and a
 * certificate for ten years (clients pin the certificate itself, so it need
 * not expire with the term), written as PEM with the key readable by its
 * owner only. The key is written straight to the data folder, never to a
 * shared temporary folder.
 */
final class SelfSignedCertificates {
  static final String CERTIFICATE = "server.crt";
  static final String KEY = "server.key";
  private static final Duration VALIDITY = Duration.ofDays(3653);

  private SelfSignedCertificates() {}

  /** Writes {@code server.crt} and {@code server.key} into {@code dir}. */
  static void write(Path dir) throws IOException {
    KeyPair keys;
    X509Certificate cert;
    try {
      SecureRandom random = new SecureRandom();
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), random);
      keys = generator.generateKeyPair();
      X500Name name = new X500Name("CN=hikiwake");
      Instant now = Instant.now();
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
          new BigInteger(64, random).abs().add(BigInteger.ONE),
          Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(VALIDITY)), name,
          keys.getPublic());
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
          new GeneralName[] {new GeneralName(GeneralName.dNSName, "localhost"),
              new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
      ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA")
          .build(keys.getPrivate());
      cert = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IOException("cannot make a key and certificate: " + e.getMessage(), e);
    }
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    if (posix) {
      Files.createDirectories(dir,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } else {
      Files.createDirectories(dir);
    }
    // the key first: a certificate without its key would stop the next start
    writePem(dir, KEY, "PRIVATE KEY", keys.getPrivate().getEncoded(), posix);
    try {
      writePem(dir, CERTIFICATE, "CERTIFICATE", cert.getEncoded(), posix);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot encode the certificate", e);
    }
  }

  private static void writePem(Path dir, String name, String type, byte[] der, boolean posix)
      throws IOException {
    String pem = "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
    Path tmp = posix
        ? Files.createTempFile(dir, name, ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
        : Files.createTempFile(dir, name, ".tmp");
    try {
      Files.writeString(tmp, pem, StandardCharsets.US_ASCII);
      Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
