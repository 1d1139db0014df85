package dev.modal4j.testing.functions;

import java.util.Objects;

/** What runs when an emulated function (or one method of a class) receives an input. */
public final class FunctionBody {
  /** The kind of body, which decides the function type and the accepted formats. */
  public enum Kind {
    /** A plain function returning one value. */
    FUNCTION,
    /** A generator streaming items. */
    GENERATOR,
    /** A web endpoint: listed with a web_url; not callable with CBOR inputs. */
    WEB_ENDPOINT
  }

  private final Kind kind;
  private final FunctionHandler function;
  private final GeneratorHandler generator;

  private FunctionBody(Kind kind, FunctionHandler function, GeneratorHandler generator) {
    this.kind = kind;
    this.function = function;
    this.generator = generator;
  }

  /** A plain function body. */
  public static FunctionBody function(FunctionHandler handler) {
    return new FunctionBody(Kind.FUNCTION, Objects.requireNonNull(handler, "handler"), null);
  }

  /** A generator body. */
  public static FunctionBody generator(GeneratorHandler handler) {
    return new FunctionBody(Kind.GENERATOR, null, Objects.requireNonNull(handler, "handler"));
  }

  /** A web endpoint body; the handler answers HTTP requests to its web_url (query as kwargs). */
  public static FunctionBody webEndpoint(FunctionHandler handler) {
    return new FunctionBody(Kind.WEB_ENDPOINT, Objects.requireNonNull(handler, "handler"), null);
  }

  /** The kind of this body. */
  public Kind kind() {
    return kind;
  }

  /** The function handler (FUNCTION and WEB_ENDPOINT bodies), else null. */
  public FunctionHandler functionHandler() {
    return function;
  }

  /** The generator handler (GENERATOR bodies), else null. */
  public GeneratorHandler generatorHandler() {
    return generator;
  }
}
