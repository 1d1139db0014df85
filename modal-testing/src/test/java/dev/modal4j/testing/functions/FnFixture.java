package dev.modal4j.testing.functions;

import com.google.protobuf.ByteString;
import dev.modal4j.proto.DataFormat;
import dev.modal4j.proto.FunctionCallInvocationType;
import dev.modal4j.proto.FunctionCallType;
import dev.modal4j.proto.FunctionGetOutputsRequest;
import dev.modal4j.proto.FunctionGetOutputsResponse;
import dev.modal4j.proto.FunctionGetRequest;
import dev.modal4j.proto.FunctionInput;
import dev.modal4j.proto.FunctionMapRequest;
import dev.modal4j.proto.FunctionMapResponse;
import dev.modal4j.proto.FunctionPutInputsItem;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.testing.functions.internal.CborCodec;
import dev.modal4j.testing.internal.EmulatorArea;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** An in-process gRPC server made of the functions areas, with the demo app deployed. */
final class FnFixture implements AutoCloseable {
  static final String URL = "http://127.0.0.1:65000";

  final SeededFunctionFaults faults;
  final FunctionsBackend backend;
  final Server server;
  final ManagedChannel channel;
  final ExecutorService serverExecutor;
  final ModalClientGrpc.ModalClientBlockingStub stub;
  final ModalClientGrpc.ModalClientStub async;

  FnFixture() {
    this(2);
  }

  /** Serves with only {@code serverThreads} gRPC threads, to prove polls do not hold them. */
  FnFixture(int serverThreads) {
    faults = SeededFunctionFaults.create(42);
    backend = FunctionsBackend.builder().grpcUrl(() -> URL).faults(faults).workerThreads(8).build();
    DemoApp.deploy(backend);
    ServerServiceDefinition.Builder service =
        ServerServiceDefinition.builder("modal.client.ModalClient");
    for (EmulatorArea area : backend.areas()) {
      area.bind(service);
    }
    String name = InProcessServerBuilder.generateName();
    serverExecutor = Executors.newFixedThreadPool(serverThreads);
    try {
      server =
          InProcessServerBuilder.forName(name)
              .executor(serverExecutor)
              .addService(service.build())
              .build()
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    channel = InProcessChannelBuilder.forName(name).build();
    stub = ModalClientGrpc.newBlockingStub(channel);
    async = ModalClientGrpc.newStub(channel);
  }

  String functionId(String name) {
    return stub.functionGet(
            FunctionGetRequest.newBuilder().setAppName(DemoApp.NAME).setObjectTag(name).build())
        .getFunctionId();
  }

  static FunctionInput cborInput(List<?> args, Map<String, ?> kwargs) {
    try {
      return FunctionInput.newBuilder()
          .setArgs(ByteString.copyFrom(CborCodec.encode(List.of(args, kwargs))))
          .setDataFormat(DataFormat.DATA_FORMAT_CBOR)
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static FunctionPutInputsItem item(int idx, FunctionInput input) {
    return FunctionPutInputsItem.newBuilder().setIdx(idx).setInput(input).build();
  }

  FunctionMapResponse call(
      String functionId, FunctionCallInvocationType invocation, FunctionInput input) {
    return stub.functionMap(
        FunctionMapRequest.newBuilder()
            .setFunctionId(functionId)
            .setFunctionCallType(FunctionCallType.FUNCTION_CALL_TYPE_UNARY)
            .setFunctionCallInvocationType(invocation)
            .addPipelinedInputs(item(0, input))
            .build());
  }

  FunctionGetOutputsResponse poll(String callId, float timeout, boolean clear) {
    return stub.functionGetOutputs(
        FunctionGetOutputsRequest.newBuilder()
            .setFunctionCallId(callId)
            .setLastEntryId("0-0")
            .setTimeout(timeout)
            .setClearOnSuccess(clear)
            .setMaxValues(1)
            .build());
  }

  static Object decode(ByteString data) {
    try {
      return CborCodec.decode(data.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String jwtPayload(String jwt) {
    return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow();
    server.shutdownNow();
    server.awaitTermination(5, TimeUnit.SECONDS);
    serverExecutor.shutdownNow();
    backend.close();
  }
}
