package dev.modal4j.bench;

/**
 * The only class that touches the modal4j SDK: a {@code ModalClient} on the emulator and the SDK's
 * {@code remote} and {@code map} as {@link Caller} and {@link MapRunner}. A piece of the SDK that
 * is not in this build yet is reported as unavailable (null), never simulated.
 */
final class SdkBindings implements AutoCloseable {

  private static final String NOT_YET =
      "ModalClient / Function.remote are not in this build yet (SDK pieces H1/H3 not merged)";
  private static final String MAP_NOT_YET = "Function.map is not in this build yet";

  private SdkBindings() {}

  /** Opens an SDK client on the emulator at {@code url}. */
  static SdkBindings open(String url) {
    return new SdkBindings();
  }

  /** The SDK's blocking {@code remote} of {@code function}, or null if unavailable. */
  Caller remote(String function) {
    return null;
  }

  /** Why {@link #remote} is null. */
  String remoteUnavailableReason() {
    return NOT_YET;
  }

  /** The SDK's {@code map} of {@code function} over {@code 0..n-1}, or null if unavailable. */
  MapRunner map(String function) {
    return null;
  }

  /** Why {@link #map} is null. */
  String mapUnavailableReason() {
    return MAP_NOT_YET;
  }

  @Override
  public void close() {}
}
