package dev.modal4j.testing;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The standalone emulator's tunnel CA certificate on disk, for clients in other processes: written
 * in PEM to a temporary file (deleted when the emulator exits) whose path is printed as {@code
 * modal emulator tunnel CA certificate: <path>}; point {@code NODE_EXTRA_CA_CERTS}, curl's {@code
 * --cacert} or {@code SSL_CERT_FILE} at it.
 */
final class TunnelCertificateFile {
  static final String PREFIX = "modal emulator tunnel CA certificate: ";

  private TunnelCertificateFile() {}

  static void write(ModalEmulator emulator, PrintStream out) {
    try {
      Path file = Files.createTempFile("modal4j-tunnel-ca-", ".pem");
      file.toFile().deleteOnExit();
      Files.writeString(
          file, emulator.sandboxes().tunnelCertificatePem(), StandardCharsets.US_ASCII);
      out.println(PREFIX + file);
    } catch (IOException e) {
      out.println("modal emulator: cannot write the tunnel CA certificate: " + e.getMessage());
    }
  }
}
