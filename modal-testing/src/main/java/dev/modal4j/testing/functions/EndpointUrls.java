package dev.modal4j.testing.functions;

/** Where the emulator's endpoints live; resolved lazily because ports are bound at start. */
interface EndpointUrls {

  /** The gRPC URL advertised as input_plane_url. */
  String inputPlaneUrl();

  /** The HTTP URL of a web endpoint. */
  String webUrl(String appName, String functionName);
}
