package dev.modal4j.internal.transport;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes Modal credentials from log text: the values of the credential headers, JWT-shaped tokens,
 * and JWTs inside hex dumps (Netty's HTTP/2 DATA frame logs).
 */
public final class CredentialRedactor {
  /** What a credential header's value becomes. */
  public static final String REDACTED = "<redacted>";

  /** What a JWT-shaped token becomes. */
  public static final String REDACTED_JWT = "<redacted-jwt>";

  private static final Pattern HEADER =
      Pattern.compile(
          "(?i)\\b(x-modal-token-secret|x-modal-auth-token|x-modal-refresh-token"
              + "|x-modal-oauth-client-secret|x-modal-oauth-client-assertion|authorization)\\b"
              + "([\"']?\\s*[:=]\\s*)([^,\\]\\)\\r\\n]*)");

  private static final Pattern JWT =
      Pattern.compile("eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_-]*)?");

  /** Even-length runs of hex digits holding "eyJ" (65794a), the start of every JWT. */
  private static final Pattern HEX_RUN =
      Pattern.compile("(?i)(?<![0-9a-f])(?:[0-9a-f]{2})*?65794a(?:[0-9a-f]{2})*");

  /** In decoded hex a JWT may be cut off anywhere: "eyJ" and at least five more token chars. */
  private static final Pattern JWT_PREFIX = Pattern.compile("eyJ[A-Za-z0-9_.-]{5,}");

  private CredentialRedactor() {}

  /** {@code text} with every credential replaced; {@code null} stays {@code null}. */
  public static String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = HEADER.matcher(text).replaceAll("$1$2" + Matcher.quoteReplacement(REDACTED));
    out = JWT.matcher(out).replaceAll(Matcher.quoteReplacement(REDACTED_JWT));
    return redactHex(out);
  }

  private static String redactHex(String text) {
    Matcher runs = HEX_RUN.matcher(text);
    if (!runs.find()) {
      return text;
    }
    StringBuilder sb = new StringBuilder(text.length());
    int copied = 0;
    do {
      String hex = text.substring(runs.start(), runs.end());
      int start = runs.start();
      String bytes = new String(HexFormat.of().parseHex(hex), StandardCharsets.ISO_8859_1);
      Matcher jwt = JWT_PREFIX.matcher(bytes);
      while (jwt.find()) {
        sb.append(text, copied, start + 2 * jwt.start()).append(REDACTED_JWT);
        copied = start + 2 * jwt.end();
      }
    } while (runs.find());
    return sb.append(text, copied, text.length()).toString();
  }
}
