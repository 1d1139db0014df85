package dev.modal4j.testing.volumes;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a block PUT answers and VolumePutFiles2 later checks as the block's {@code put_response}: a
 * MAC of the block's hash under a key of this emulator, so only a real upload yields it.
 */
final class BlockReceipts {
  private static final String PREFIX = "modal4j-block-receipt:";
  private final byte[] key = new byte[32];

  BlockReceipts() {
    new SecureRandom().nextBytes(key);
  }

  /** The receipt of the block with this hex SHA-256. */
  byte[] receipt(String sha256Hex) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] tag = mac.doFinal(sha256Hex.getBytes(StandardCharsets.US_ASCII));
      return (PREFIX + ContentStore.hex(tag)).getBytes(StandardCharsets.US_ASCII);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether {@code putResponse} is the receipt of this block. */
  boolean valid(String sha256Hex, byte[] putResponse) {
    return MessageDigest.isEqual(receipt(sha256Hex), putResponse);
  }
}
