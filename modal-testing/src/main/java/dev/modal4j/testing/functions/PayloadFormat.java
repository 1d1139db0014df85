package dev.modal4j.testing.functions;

/** Payload encodings a deployed function may accept, as listed in its handle metadata. */
public enum PayloadFormat {
  /** Python pickle (the emulator lists it but cannot decode it). */
  PICKLE,
  /** CBOR, the format of Modal's Go, JS and Java SDKs. */
  CBOR,
  /** ASGI messages, the input format of web endpoints. */
  ASGI
}
