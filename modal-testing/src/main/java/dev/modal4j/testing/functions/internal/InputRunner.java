package dev.modal4j.testing.functions.internal;

import dev.modal4j.proto.DataChunk;
import dev.modal4j.proto.DataFormat;
import dev.modal4j.proto.FunctionCallInvocationType;
import dev.modal4j.proto.FunctionGetOutputsItem;
import dev.modal4j.proto.FunctionInput;
import dev.modal4j.proto.GeneratorDone;
import dev.modal4j.proto.GenericResult;
import dev.modal4j.proto.GenericResult.GenericStatus;
import dev.modal4j.testing.functions.DeployedFunction;
import dev.modal4j.testing.functions.FunctionBody;
import dev.modal4j.testing.functions.FunctionSpec;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Runs one attempt of an input on a worker thread and records its output. */
final class InputRunner {
  static final long DEFAULT_MAX_OBJECT = 2L * 1024 * 1024;
  static final long DEFAULT_MAX_ASYNC_OBJECT = 8L * 1024;

  private final CallEngine engine;
  private final BlobStore blobs;
  private final Ids ids;

  InputRunner(CallEngine engine, BlobStore blobs, Ids ids) {
    this.engine = engine;
    this.blobs = blobs;
    this.ids = ids;
  }

  void run(AttemptTask task) {
    InputState in = task.input;
    DeployedFunction function = in.call.function;
    function.queuedInputs().decrementAndGet();
    FunctionInput input;
    synchronized (in.call) {
      if (!CallEngine.isLive(in, task.attempt)) {
        return;
      }
      in.runner = Thread.currentThread();
      in.startedAt = System.currentTimeMillis() / 1000.0;
      input = in.input;
    }
    function.runningInputs().incrementAndGet();
    ScheduledFuture<?> timer = scheduleTimeout(in, task.attempt, function.definition().spec());
    FunctionGetOutputsItem.Builder item = FunctionGetOutputsItem.newBuilder();
    GenericResult result;
    try {
      result =
          task.injectFailure
              ? GenericResult.newBuilder()
                  .setStatus(GenericStatus.GENERIC_STATUS_INTERNAL_FAILURE)
                  .setException(
                      "Internal failure: input lost by a worker (injected by the emulator)")
                  .build()
              : executePrinting(in, task.attempt, input, item);
    } catch (Error e) {
      // Decoding the arguments or storing the result failed (an OutOfMemoryError on a large
      // payload): the input still gets an outcome, or its caller would poll for it forever.
      result = failure(PythonErrors.exceptionText(e), "");
    } finally {
      if (timer != null) {
        timer.cancel(false);
      }
      function.runningInputs().decrementAndGet();
      synchronized (in.call) {
        if (in.runner == Thread.currentThread()) {
          in.runner = null;
        }
      }
      Thread.interrupted();
    }
    if (result != null) {
      engine.complete(in, task.attempt, result, item);
    }
  }

  private GenericResult executePrinting(
      InputState in, int attempt, FunctionInput input, FunctionGetOutputsItem.Builder item) {
    DeployedFunction function = in.call.function;
    try (HandlerOutput.Binding output =
        HandlerOutput.bind(
            engine.logs(), function.appId(), function.id(), in.call.id, in.inputId)) {
      return execute(in, attempt, input, item);
    }
  }

  private GenericResult execute(
      InputState in, int attempt, FunctionInput input, FunctionGetOutputsItem.Builder item) {
    FunctionBody body = in.call.function.body(input.getMethodName()).orElse(null);
    if (body == null) {
      return failure("AttributeError: no method '" + input.getMethodName() + "'", "");
    }
    List<Object> args;
    Map<String, Object> kwargs;
    try {
      Object[] decoded = ArgsDecoder.decode(input, blobs);
      @SuppressWarnings("unchecked")
      List<Object> a = (List<Object>) decoded[0];
      @SuppressWarnings("unchecked")
      Map<String, Object> k = (Map<String, Object>) decoded[1];
      args = a;
      kwargs = k;
    } catch (IOException e) {
      return failure("DeserializationError: " + e.getMessage(), "");
    }
    long limit = outputLimit(in.call);
    engine.executed(in);
    try {
      if (body.kind() == FunctionBody.Kind.GENERATOR) {
        long[] count = {0};
        body.generatorHandler()
            .run(
                args,
                kwargs,
                value -> {
                  DataChunk.Builder chunk =
                      DataChunk.newBuilder().setDataFormat(DataFormat.DATA_FORMAT_CBOR);
                  byte[] bytes = encode(value);
                  if (bytes.length > limit) {
                    chunk.setDataBlobId(storeBlob(bytes));
                  } else {
                    chunk.setData(com.google.protobuf.ByteString.copyFrom(bytes));
                  }
                  engine.emit(in, attempt, chunk);
                  count[0]++;
                });
        item.setDataFormat(DataFormat.DATA_FORMAT_GENERATOR_DONE);
        return success(
            GeneratorDone.newBuilder().setItemsTotal(count[0]).build().toByteArray(), limit);
      }
      Object value = body.functionHandler().call(args, kwargs);
      item.setDataFormat(DataFormat.DATA_FORMAT_CBOR);
      return success(encode(value), limit);
    } catch (CancellationException | InterruptedException e) {
      return staleOr(in, attempt, e);
    } catch (UncheckedSerializationError e) {
      return failure("SerializationError: " + e.getMessage(), "");
    } catch (Exception | Error e) {
      if (Thread.currentThread().isInterrupted()) {
        return staleOr(in, attempt, e);
      }
      return failure(PythonErrors.exceptionText(e), PythonErrors.traceback(e));
    }
  }

  private GenericResult staleOr(InputState in, int attempt, Throwable e) {
    synchronized (in.call) {
      if (!CallEngine.isLive(in, attempt)) {
        return null;
      }
    }
    return failure(PythonErrors.exceptionText(e), PythonErrors.traceback(e));
  }

  private GenericResult success(byte[] data, long limit) {
    GenericResult.Builder r =
        GenericResult.newBuilder().setStatus(GenericStatus.GENERIC_STATUS_SUCCESS);
    if (data.length > limit) {
      r.setDataBlobId(storeBlob(data));
    } else {
      r.setData(com.google.protobuf.ByteString.copyFrom(data));
    }
    return r.build();
  }

  private static GenericResult failure(String exception, String traceback) {
    return GenericResult.newBuilder()
        .setStatus(GenericStatus.GENERIC_STATUS_FAILURE)
        .setException(exception)
        .setTraceback(traceback)
        .build();
  }

  private String storeBlob(byte[] data) {
    String id = ids.next("bl");
    blobs.put(id, data);
    return id;
  }

  private static byte[] encode(Object value) {
    try {
      return CborCodec.encode(value);
    } catch (IOException | RuntimeException e) {
      throw new UncheckedSerializationError(
          "cannot encode "
              + (value == null ? "null" : value.getClass().getName())
              + ": "
              + e.getMessage());
    }
  }

  private static long outputLimit(CallState call) {
    FunctionSpec spec = call.function.definition().spec();
    long max = spec.maxObjectSizeBytes().orElse(DEFAULT_MAX_OBJECT);
    if (call.invocation == FunctionCallInvocationType.FUNCTION_CALL_INVOCATION_TYPE_ASYNC) {
      return Math.min(max, spec.maxAsyncObjectSizeBytes().orElse(DEFAULT_MAX_ASYNC_OBJECT));
    }
    return max;
  }

  private ScheduledFuture<?> scheduleTimeout(InputState in, int attempt, FunctionSpec spec) {
    if (spec.timeout().isEmpty()) {
      return null;
    }
    long millis = spec.timeout().get().toMillis();
    return engine
        .workers()
        .scheduler()
        .schedule(() -> engine.timeOut(in, attempt, millis), millis, TimeUnit.MILLISECONDS);
  }

  /** Signals a result that cannot be encoded as CBOR. */
  static final class UncheckedSerializationError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UncheckedSerializationError(String message) {
      super(message);
    }
  }
}
