package dev.modal4j.internal.invocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.InvalidException;
import dev.modal4j.proto.DataFormat;
import dev.modal4j.proto.FunctionHandleMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class FunctionTargetTest {
  private static FunctionTarget target(FunctionHandleMetadata.Builder m) {
    return new FunctionTarget("fu-1", m.build(), null, "app/f");
  }

  @Test
  void blobThresholdsDefaultTo2MiBAnd8KiB() {
    FunctionTarget t = target(FunctionHandleMetadata.newBuilder());
    assertThat(InputFactory.needsBlob(t, 2 * 1024 * 1024, false)).isFalse();
    assertThat(InputFactory.needsBlob(t, 2 * 1024 * 1024 + 1, false)).isTrue();
    assertThat(InputFactory.needsBlob(t, 8 * 1024, true)).isFalse();
    assertThat(InputFactory.needsBlob(t, 8 * 1024 + 1, true)).isTrue();
    assertThat(InputFactory.needsBlob(t, 8 * 1024 + 1, false)).isFalse();
  }

  @Test
  void blobThresholdsFollowMetadataPresenceNotZero() {
    FunctionTarget t =
        target(
            FunctionHandleMetadata.newBuilder()
                .setMaxObjectSizeBytes(0)
                .setMaxAsyncObjectSizeBytes(100));
    assertThat(InputFactory.needsBlob(t, 1, false)).isTrue();
    assertThat(InputFactory.needsBlob(t, 0, false)).isFalse();
  }

  @Test
  void webEndpointsAndFunctionsWithoutCborAreRefused() {
    FunctionTarget web =
        target(
            FunctionHandleMetadata.newBuilder()
                .setWebUrl("https://x.modal.run")
                .addSupportedInputFormats(DataFormat.DATA_FORMAT_ASGI));
    assertThatThrownBy(() -> web.checkInvocable("remote"))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("web endpoint")
        .hasMessageContaining("https://x.modal.run");

    FunctionTarget old =
        target(
            FunctionHandleMetadata.newBuilder()
                .addSupportedInputFormats(DataFormat.DATA_FORMAT_PICKLE));
    assertThatThrownBy(() -> old.checkInvocable("spawn"))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("Python SDK >= 1.2");

    FunctionTarget ok =
        target(
            FunctionHandleMetadata.newBuilder()
                .addSupportedInputFormats(DataFormat.DATA_FORMAT_PICKLE)
                .addSupportedInputFormats(DataFormat.DATA_FORMAT_CBOR));
    assertThatCode(() -> ok.checkInvocable("remote")).doesNotThrowAnyException();
  }
}
