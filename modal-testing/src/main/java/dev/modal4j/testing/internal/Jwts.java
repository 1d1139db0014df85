package dev.modal4j.testing.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and verifies the JWT-shaped tokens of one emulator: {@code
 * base64url(header).base64url(payload).base64url(HMAC-SHA256)}, signed with a key that lives only
 * in this instance, so a token from another emulator (or a forged one) does not verify.
 *
 * <p>Areas use it for auth tokens, input JWTs and function-call JWTs.
 */
public final class Jwts {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
  private static final String HEADER = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");

  private final Clock clock;
  private final SecretKeySpec key;

  /** Creates an issuer with a fresh random signing key. */
  public Jwts(Clock clock) {
    this.clock = clock;
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.key = new SecretKeySpec(secret, "HmacSHA256");
  }

  /**
   * Issues a token with {@code iat}, {@code exp} = now + lifetime (epoch seconds), a random {@code
   * jti}, and the given extra claims (which may override none of those three).
   */
  public String issue(Duration lifetime, Map<String, ?> claims) {
    long now = clock.instant().getEpochSecond();
    Map<String, Object> payload = new LinkedHashMap<>(claims);
    payload.put("iat", now);
    payload.put("exp", now + lifetime.toSeconds());
    payload.put("jti", UUID.randomUUID().toString());
    String unsigned;
    try {
      unsigned = HEADER + "." + encode(JSON.writeValueAsString(payload));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("claims are not JSON-serializable", e);
    }
    return unsigned + "." + ENCODER.encodeToString(sign(unsigned));
  }

  /**
   * The claims of {@code token} if this issuer signed it and its {@code exp} is still in the
   * future; empty otherwise (malformed, forged, from another emulator, or expired).
   */
  public Optional<Map<String, Object>> verify(String token) {
    if (token == null) {
      return Optional.empty();
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      return Optional.empty();
    }
    try {
      byte[] expected = sign(parts[0] + "." + parts[1]);
      if (!MessageDigest.isEqual(expected, DECODER.decode(parts[2]))) {
        return Optional.empty();
      }
      Map<String, Object> claims =
          JSON.readValue(DECODER.decode(parts[1]), new TypeReference<Map<String, Object>>() {});
      Object exp = claims.get("exp");
      if (!(exp instanceof Number)
          || ((Number) exp).longValue() <= clock.instant().getEpochSecond()) {
        return Optional.empty();
      }
      return Optional.of(claims);
    } catch (IllegalArgumentException | java.io.IOException e) {
      return Optional.empty();
    }
  }

  private byte[] sign(String unsigned) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(unsigned.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  private static String encode(String json) {
    return ENCODER.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
