package dev.modal4j.internal.invocation;

import com.fasterxml.jackson.databind.JavaType;
import dev.modal4j.InvalidException;
import dev.modal4j.ModalException;
import dev.modal4j.functions.MapParams;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.Futures;
import dev.modal4j.internal.cbor.Cbor;
import dev.modal4j.internal.map.ControlPlaneMapBackend;
import dev.modal4j.internal.map.InputEncoder;
import dev.modal4j.internal.map.InputPlaneMapBackend;
import dev.modal4j.internal.map.MapBackend;
import dev.modal4j.internal.map.MapPipeline;
import dev.modal4j.internal.map.OutputDecoder;
import dev.modal4j.proto.FunctionGetOutputsItem;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Starts the {@link MapPipeline} of a map or starmap over one function target: inputs encoded as
 * CBOR like {@code remote} (only the 2 MiB blob threshold applies to map inputs), outputs decoded
 * like {@code remote}, the control plane or the input plane by the function's metadata.
 */
public final class MapStarter {
  private MapStarter() {}

  /**
   * Checks the target, opens the call, and starts pumping. The first input is encoded before any
   * RPC, so an argument that cannot be encoded fails here.
   *
   * @param returnExceptions tells the server failed inputs do not end the map
   */
  public static <T> MapPipeline<T> start(
      FunctionInvoker invoker,
      FunctionTarget target,
      Iterator<? extends List<?>> inputs,
      MapParams params,
      boolean returnExceptions,
      JavaType type) {
    ClientContext context = invoker.context();
    invoker.checkCallable(target, "map");
    Map<String, Object> kwargs = params.kwargs();
    InputEncoder encoder =
        args -> {
          if (args == null) {
            throw new InvalidException(
                "inputs must not contain null: each starmap input is a list of arguments");
          }
          return Futures.join(
              InputFactory.create(target, Cbor.encodeArgs(args, kwargs), false, invoker.blobs()));
        };
    OutputDecoder<T> decoder = item -> decode(invoker, item, type);
    MapBackend backend =
        target.inputPlaneUrl().isPresent()
            ? new InputPlaneMapBackend(
                context.inputPlane(target.inputPlaneUrl().get()),
                context.controlPlane(),
                target.functionId())
            : new ControlPlaneMapBackend(
                context.controlPlane(), target.functionId(), returnExceptions);
    MapPipeline<T> pipeline =
        new MapPipeline<>(
            backend,
            inputs,
            encoder,
            decoder,
            params.orderOutputs(),
            params.progressListener().orElse(null),
            context.blockingExecutor(),
            context.scheduler(),
            context.events(),
            target.label());
    pipeline.start();
    return pipeline;
  }

  private static <T> T decode(FunctionInvoker invoker, FunctionGetOutputsItem item, JavaType type) {
    ModalException failure = ResultDecoder.failure(item.getResult());
    if (failure != null) {
      throw failure;
    }
    byte[] bytes = Futures.join(invoker.decoder().data(item.getResult()));
    return ResultDecoder.decodeValue(bytes, item.getDataFormat(), type);
  }
}
