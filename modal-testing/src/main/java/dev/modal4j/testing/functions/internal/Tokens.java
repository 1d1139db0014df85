package dev.modal4j.testing.functions.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed JWT-shaped tokens the emulator hands out (input JWTs with an {@code idx} claim, call JWTs,
 * attempt and map tokens) and later reads back. Claims are flat string/number JSON.
 */
public final class Tokens {
  private static final String HEADER =
      b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private final byte[] key = new byte[32];
  private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

  /** Creates a token factory with a fresh random signing key. */
  public Tokens() {
    new SecureRandom().nextBytes(key);
  }

  /** Signs a JSON object body such as {@code "fc":"fc-1","idx":3} (without braces). */
  public String sign(String claimsWithoutBraces) {
    String payload = b64(("{" + claimsWithoutBraces + "}").getBytes(StandardCharsets.UTF_8));
    String signingInput = HEADER + "." + payload;
    return signingInput + "." + ENCODER.encodeToString(mac(signingInput));
  }

  /** Verifies a token and returns its claims, or null when it is malformed or not ours. */
  public JsonNode verify(String token) {
    if (token == null) {
      return null;
    }
    int first = token.indexOf('.');
    int last = token.lastIndexOf('.');
    if (first <= 0 || last <= first) {
      return null;
    }
    try {
      byte[] expected = mac(token.substring(0, last));
      byte[] actual = Base64.getUrlDecoder().decode(token.substring(last + 1));
      if (!MessageDigest.isEqual(expected, actual)) {
        return null;
      }
      JsonNode claims =
          JSON.readTree(Base64.getUrlDecoder().decode(token.substring(first + 1, last)));
      return claims != null && claims.isObject() ? claims : null;
    } catch (IllegalArgumentException | IOException e) {
      return null;
    }
  }

  private byte[] mac(String input) {
    return macs.get().doFinal(input.getBytes(StandardCharsets.US_ASCII));
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
