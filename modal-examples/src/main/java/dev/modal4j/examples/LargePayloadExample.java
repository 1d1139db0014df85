package dev.modal4j.examples;

import dev.modal4j.ModalClient;
import dev.modal4j.functions.Function;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

/**
 * Sends and receives payloads above Modal's 2 MiB inline limit: modal4j moves them through the blob
 * store (upload before the call, download of the result) without any extra code.
 */
public final class LargePayloadExample {
  private LargePayloadExample() {}

  /** Runs the example with {@code modal}. */
  public static void run(ModalClient modal) {
    byte[] data = new byte[8 * 1024 * 1024];
    new Random(42).nextBytes(data);
    Function echo = modal.functions().fromName(Examples.APP, "echo");
    long start = System.nanoTime();
    byte[] back = echo.remote(byte[].class, (Object) data);
    long ms = (System.nanoTime() - start) / 1_000_000;
    System.out.printf(
        "echoed %d MiB in %d ms; sha256 %s -> %s%n",
        data.length / (1024 * 1024), ms, sha256(data), sha256(back));
  }

  private static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data), 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs against real Modal when MODAL_TOKEN_ID is set, else against an embedded emulator. */
  public static void main(String[] args) {
    Examples.run(LargePayloadExample::run);
  }
}
