package dev.modal4j.internal;

/** modal4j's identity on the wire (DESIGN.md "Transport"). */
public final class ClientVersion {
  /** This SDK's version, sent as {@code x-modal-libmodal-version: modal4j/<version>}. */
  public static final String VERSION = "0.1.0";

  /** Modal has no Java client type; modal4j sends the libmodal Go value. */
  public static final String CLIENT_TYPE = "9";

  /** The Python SDK version modal4j behaves like. */
  public static final String CLIENT_VERSION = "1.0.0";

  /** The value of {@code x-modal-libmodal-version}. */
  public static final String LIBMODAL_VERSION = "modal4j/" + VERSION;

  private ClientVersion() {}
}
