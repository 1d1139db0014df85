package dev.modal4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.proto.AuthTokenGetRequest;
import dev.modal4j.proto.BlobCreateRequest;
import dev.modal4j.proto.BlobCreateResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The standalone emulator's multipart flags: they set the threshold and the part length. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EmulatorMainMultipartTest {

  @Test
  void theMultipartFlagsMakeSmallBlobsMultipart() throws Exception {
    try (ModalEmulator emulator =
        EmulatorMain.start(
            new String[] {
              "--port=0",
              "--blob-multipart-threshold",
              "1048576",
              "--blob-multipart-part-length=1000000",
              "--no-built-in-fixtures"
            })) {
      var stub = Stubs.credentials(emulator.inProcessChannel());
      String token = stub.authTokenGet(AuthTokenGetRequest.getDefaultInstance()).getToken();
      var authed = Stubs.authenticated(emulator.inProcessChannel(), token);
      BlobCreateResponse big =
          authed.blobCreate(
              BlobCreateRequest.newBuilder()
                  .setContentMd5("AAAAAAAAAAAAAAAAAAAAAA==")
                  .setContentLength(3_000_001)
                  .build());
      assertThat(big.getMultipart().getPartLength()).isEqualTo(1_000_000);
      assertThat(big.getMultipart().getUploadUrlsCount()).isEqualTo(4);
      BlobCreateResponse small =
          authed.blobCreate(
              BlobCreateRequest.newBuilder()
                  .setContentMd5("AAAAAAAAAAAAAAAAAAAAAA==")
                  .setContentLength(1_048_576)
                  .build());
      assertThat(small.hasMultipart()).isFalse();
      assertThat(small.getUploadUrl()).isNotEmpty();
    }
  }

  @Test
  void badMultipartFlagsAreRefused() {
    for (List<String> args :
        List.of(
            List.of("--blob-multipart-threshold"),
            List.of("--blob-multipart-threshold", "x"),
            List.of("--blob-multipart-part-length", "0"),
            List.of("--blob-multipart-threshold=-2"))) {
      assertThatThrownBy(() -> EmulatorMain.parse(args.toArray(String[]::new)))
          .as("args %s", args)
          .isInstanceOf(EmulatorMain.UsageException.class)
          .hasMessageContaining(args.get(0).replaceFirst("=.*", ""));
    }
  }
}
