package dev.modal4j.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class CredentialRedactorTest {
  private static final String JWT = "eyJhbGciOiJub25lIn0.eyJleHAiOjE3MDAwMDAwMDB9.c2lnbmF0dXJl";

  @Test
  void redactsCredentialHeaderValuesInNettyHeaderDumps() {
    String headers =
        "DefaultHttp2Headers[:path: /modal.client.ModalClient/AppGetOrCreate,"
            + " x-modal-token-id: ak-1, x-modal-token-secret: as-s3cret,"
            + " X-Modal-Auth-Token: opaque-token, authorization: Bearer abc def]";
    assertThat(CredentialRedactor.redact("OUTBOUND HEADERS: streamId=3 headers=" + headers))
        .isEqualTo(
            "OUTBOUND HEADERS: streamId=3 headers=DefaultHttp2Headers["
                + ":path: /modal.client.ModalClient/AppGetOrCreate, x-modal-token-id: ak-1,"
                + " x-modal-token-secret: <redacted>, X-Modal-Auth-Token: <redacted>,"
                + " authorization: <redacted>]");
  }

  @Test
  void redactsMetadataStyleAndLastHeaders() {
    assertThat(CredentialRedactor.redact("Metadata(x-modal-token-secret=as-x,a=b)"))
        .isEqualTo("Metadata(x-modal-token-secret=<redacted>,a=b)");
    assertThat(CredentialRedactor.redact("x-modal-token-secret: as-end"))
        .isEqualTo("x-modal-token-secret: <redacted>");
  }

  @Test
  void redactsJwtsAnywhere() {
    assertThat(CredentialRedactor.redact("token " + JWT + " expired"))
        .isEqualTo("token <redacted-jwt> expired");
    assertThat(CredentialRedactor.redact("cut " + JWT.substring(0, 30)))
        .isEqualTo("cut <redacted-jwt>");
  }

  @Test
  void redactsJwtsInsideHexDumps() {
    String prefix = "0000000045";
    String jwtHex = hex(JWT.substring(0, 40));
    String redacted =
        CredentialRedactor.redact("DATA: length=69 bytes=" + prefix + "0a43" + jwtHex);
    assertThat(redacted).isEqualTo("DATA: length=69 bytes=" + prefix + "0a43<redacted-jwt>");
    String twoTokens = "bytes=" + hex("eyJabcdefgh,eyJijklmnop");
    assertThat(CredentialRedactor.redact(twoTokens))
        .isEqualTo("bytes=<redacted-jwt>" + hex(",") + "<redacted-jwt>");
    String shortRun = "bytes=" + hex("zeyJab!") + "00";
    assertThat(CredentialRedactor.redact(shortRun)).isEqualTo(shortRun);
  }

  @Test
  void leavesOtherTextAlone() {
    String plain =
        "[id: 0x65794a01, L:/127.0.0.1:1 - R:/127.0.0.1:2] INBOUND SETTINGS: ack=false"
            + " settings={MAX_HEADER_LIST_SIZE=8192} x-modal-token-id: ak-visible {} eyJ";
    assertThat(CredentialRedactor.redact(plain)).isEqualTo(plain);
    assertThat(CredentialRedactor.redact(null)).isNull();
    assertThat(CredentialRedactor.redact("")).isEmpty();
  }

  private static String hex(String s) {
    return HexFormat.of().formatHex(s.getBytes(StandardCharsets.US_ASCII));
  }
}
