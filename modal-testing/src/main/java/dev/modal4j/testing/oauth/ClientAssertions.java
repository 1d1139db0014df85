package dev.modal4j.testing.oauth;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies RS256 client assertions: signature by the client's registered key, {@code kid} the key's
 * RFC 7638 thumbprint, {@code iss} = {@code sub} = the client id, {@code aud} {@value #AUDIENCE},
 * {@code exp} in the future and at most five minutes after {@code iat}, and a {@code jti} never
 * seen before (replays are refused).
 */
final class ClientAssertions {
  static final String AUDIENCE = "modal-server";
  private static final long MAX_LIFETIME_SECONDS = 5 * 60;
  private static final long CLOCK_SKEW_SECONDS = 60;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Decoder B64URL = Base64.getUrlDecoder();

  private final Clock clock;
  private final Map<String, Long> seenJtis = new ConcurrentHashMap<>();

  ClientAssertions(Clock clock) {
    this.clock = clock;
  }

  /** Null if {@code assertion} is valid for {@code client}, else why not. */
  String check(OAuthClient client, String assertion) {
    String[] parts = assertion.split("\\.", -1);
    if (parts.length != 3) {
      return "the client assertion is not a JWT";
    }
    try {
      Map<String, Object> header = read(parts[0]);
      Map<String, Object> claims = read(parts[1]);
      RSAPublicKey key = client.publicKey().orElseThrow();
      if (!"RS256".equals(header.get("alg"))) {
        return "the client assertion must be signed with RS256";
      }
      if (!thumbprint(key).equals(header.get("kid"))) {
        return "the client assertion's kid does not name the client's registered key";
      }
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initVerify(key);
      s.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!s.verify(B64URL.decode(parts[2]))) {
        return "the client assertion's signature does not verify";
      }
      if (!client.clientId().equals(claims.get("iss"))
          || !client.clientId().equals(claims.get("sub"))) {
        return "the client assertion's iss and sub must be the client id";
      }
      if (!AUDIENCE.equals(claims.get("aud"))) {
        return "the client assertion's aud must be " + AUDIENCE;
      }
      long now = clock.instant().getEpochSecond();
      long iat = number(claims.get("iat"));
      long exp = number(claims.get("exp"));
      if (exp <= now) {
        return "the client assertion has expired";
      }
      if (iat > now + CLOCK_SKEW_SECONDS || exp - iat > MAX_LIFETIME_SECONDS) {
        return "the client assertion's iat/exp are out of range";
      }
      Object jti = claims.get("jti");
      if (!(jti instanceof String) || ((String) jti).isEmpty()) {
        return "the client assertion has no jti";
      }
      seenJtis.values().removeIf(e -> e <= now);
      if (seenJtis.putIfAbsent(client.clientId() + "/" + jti, exp) != null) {
        return "the client assertion was already used (replayed jti)";
      }
      return null;
    } catch (IllegalArgumentException | java.io.IOException | GeneralSecurityException e) {
      return "the client assertion is malformed";
    }
  }

  private static Map<String, Object> read(String part) throws java.io.IOException {
    return JSON.readValue(B64URL.decode(part), new TypeReference<Map<String, Object>>() {});
  }

  private static long number(Object v) {
    if (!(v instanceof Number)) {
      throw new IllegalArgumentException("not a number");
    }
    return ((Number) v).longValue();
  }

  static String thumbprint(RSAPublicKey key) {
    Base64.Encoder enc = Base64.getUrlEncoder().withoutPadding();
    String canonical =
        "{\"e\":\""
            + enc.encodeToString(unsigned(key.getPublicExponent().toByteArray()))
            + "\",\"kty\":\"RSA\",\"n\":\""
            + enc.encodeToString(unsigned(key.getModulus().toByteArray()))
            + "\"}";
    try {
      return enc.encodeToString(
          MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] unsigned(byte[] b) {
    return b.length > 1 && b[0] == 0 ? Arrays.copyOfRange(b, 1, b.length) : b;
  }
}
