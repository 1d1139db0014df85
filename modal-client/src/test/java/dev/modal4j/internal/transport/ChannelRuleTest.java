package dev.modal4j.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.InvalidException;
import org.junit.jupiter.api.Test;

class ChannelRuleTest {
  private static final String SIGNED = "?X-Amz-Signature=s3cr3t&X-Amz-Credential=AKIA";

  @Test
  void httpsAnywhereAndHttpToLoopbackArePermitted() {
    assertThat(ChannelRule.checkServedUrl("https://blobs.example.com/b/1" + SIGNED, "x", false))
        .hasHost("blobs.example.com");
    for (String host : new String[] {"127.0.0.1", "localhost", "[::1]", "LOCALHOST"}) {
      assertThat(ChannelRule.checkServedUrl("http://" + host + ":9/b/1", "x", false)).isNotNull();
    }
  }

  @Test
  void plaintextToARemoteHostIsRefusedNamingOnlySchemeAndHost() {
    assertThatThrownBy(
            () ->
                ChannelRule.checkServedUrl(
                    "http://example.com/bucket/blob-1" + SIGNED, "blob upload", false))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("blob upload")
        .hasMessageContaining("http://example.com")
        .hasMessageContaining("allowInsecure(true)")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t", "AKIA", "bucket"));
    assertThat(ChannelRule.checkServedUrl("http://example.com/b" + SIGNED, "x", true))
        .hasHost("example.com");
  }

  @Test
  void otherSchemesAndMalformedUrlsAreRefusedEvenWhenInsecureIsAllowed() {
    for (String url :
        new String[] {
          "ftp://example.com/b", "file:///etc/passwd", "jar:http://x/y!/z", "no scheme", "http:///x"
        }) {
      assertThatThrownBy(() -> ChannelRule.checkServedUrl(url, "blob download", true))
          .as(url)
          .isInstanceOf(InvalidException.class)
          .hasMessageContaining("blob download");
    }
    assertThatThrownBy(() -> ChannelRule.checkServedUrl("http://ex ample.com/" + SIGNED, "x", true))
        .isInstanceOf(InvalidException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t"));
  }

  @Test
  void theServerAddressFollowsTheSameRule() {
    assertThat(ServerAddress.parse("http://127.0.0.1:1", false).plaintext()).isTrue();
    assertThatThrownBy(() -> ServerAddress.parse("http://example.com", false))
        .isInstanceOf(InvalidException.class);
    assertThat(ServerAddress.parse("http://example.com", true).port()).isEqualTo(80);
  }
}
