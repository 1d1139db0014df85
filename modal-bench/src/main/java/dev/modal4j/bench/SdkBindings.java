package dev.modal4j.bench;

import dev.modal4j.Function;
import dev.modal4j.ModalClient;

/**
 * The only class that touches the modal4j SDK: a {@code ModalClient} on the emulator and the SDK's
 * {@code remote} and {@code map} as {@link Caller} and {@link MapRunner}. A piece of the SDK that
 * is not in this build yet is reported as unavailable (null), never simulated.
 */
final class SdkBindings implements AutoCloseable {

  private static final String MAP_NOT_YET =
      "Function.map is not in this build yet (the map piece is not merged into main)";

  private final ModalClient modal;

  private SdkBindings(ModalClient modal) {
    this.modal = modal;
  }

  /** Opens an SDK client on the emulator at {@code url}. */
  static SdkBindings open(String url) {
    return new SdkBindings(
        ModalClient.builder()
            .serverUrl(url)
            .tokenId(BenchMain.TOKEN_ID)
            .tokenSecret(BenchMain.TOKEN_SECRET)
            .build());
  }

  /**
   * The SDK's blocking {@code remote} of {@code function}: byte arrays come back typed as {@code
   * byte[]}, anything else untyped ({@code Object}).
   */
  Caller remote(String function) {
    Function fn = modal.functions().fromName(BenchMain.APP, function);
    return arg ->
        arg instanceof byte[] ? fn.remote(byte[].class, arg) : fn.remote(Object.class, arg);
  }

  /** Why {@link #remote} is null; it never is in this build. */
  String remoteUnavailableReason() {
    return "";
  }

  /**
   * The SDK's {@code map} of {@code function} over {@code 0..n-1}, or null while {@code
   * Function.map} is not in this build.
   */
  MapRunner map(String function) {
    return null;
  }

  /** Why {@link #map} is null. */
  String mapUnavailableReason() {
    return MAP_NOT_YET;
  }

  @Override
  public void close() {
    modal.close();
  }
}
