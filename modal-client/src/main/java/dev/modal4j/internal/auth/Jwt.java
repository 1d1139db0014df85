package dev.modal4j.internal.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import java.util.OptionalLong;

/** Reads the {@code exp} claim of a JWT without verifying it. */
public final class Jwt {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Jwt() {}

  /** The {@code exp} claim in epoch seconds, or empty if the token has none or is malformed. */
  public static OptionalLong expiry(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      return OptionalLong.empty();
    }
    try {
      byte[] payload = Base64.getUrlDecoder().decode(pad(parts[1]));
      JsonNode exp = JSON.readTree(payload).get("exp");
      if (exp == null || !exp.isNumber()) {
        return OptionalLong.empty();
      }
      return OptionalLong.of(exp.asLong());
    } catch (Exception e) {
      return OptionalLong.empty();
    }
  }

  private static String pad(String s) {
    String t = s.replace("=", "");
    int rem = t.length() % 4;
    return rem == 0 ? t : t + "=".repeat(4 - rem);
  }
}
