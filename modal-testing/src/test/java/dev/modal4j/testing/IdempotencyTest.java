package dev.modal4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.modal4j.ModalClient;
import dev.modal4j.proto.AuthTokenGetRequest;
import dev.modal4j.proto.DataFormat;
import dev.modal4j.proto.FunctionCallInvocationType;
import dev.modal4j.proto.FunctionCallType;
import dev.modal4j.proto.FunctionGetOutputsRequest;
import dev.modal4j.proto.FunctionGetOutputsResponse;
import dev.modal4j.proto.FunctionInput;
import dev.modal4j.proto.FunctionMapRequest;
import dev.modal4j.proto.FunctionMapResponse;
import dev.modal4j.proto.FunctionPutInputsItem;
import dev.modal4j.proto.ModalClientGrpc.ModalClientBlockingStub;
import dev.modal4j.testing.functions.DemoApp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The emulator honours {@code x-idempotency-key} per RPC method, and loses responses on demand. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IdempotencyTest {
  /** CBOR for the arguments {@code ([x], {})}, x a small unsigned integer. */
  static FunctionInput squareOf(int x) {
    return FunctionInput.newBuilder()
        .setArgs(ByteString.copyFrom(new byte[] {(byte) 0x82, (byte) 0x81, (byte) x, (byte) 0xA0}))
        .setDataFormat(DataFormat.DATA_FORMAT_CBOR)
        .build();
  }

  static FunctionMapRequest spawn(String functionId, FunctionInput input) {
    return FunctionMapRequest.newBuilder()
        .setFunctionId(functionId)
        .setFunctionCallType(FunctionCallType.FUNCTION_CALL_TYPE_UNARY)
        .setFunctionCallInvocationType(
            FunctionCallInvocationType.FUNCTION_CALL_INVOCATION_TYPE_ASYNC)
        .addPipelinedInputs(FunctionPutInputsItem.newBuilder().setIdx(0).setInput(input))
        .build();
  }

  static final class Env implements AutoCloseable {
    final ModalEmulator emulator;
    final String token;
    final String squareId;
    final String sleepId;

    Env(ModalEmulator.Builder builder) {
      emulator = builder.start();
      DemoApp.deploy(emulator);
      token =
          Stubs.credentials(emulator.inProcessChannel())
              .authTokenGet(AuthTokenGetRequest.getDefaultInstance())
              .getToken();
      try (ModalClient modal = emulator.newClient()) {
        squareId = modal.functions().fromName(DemoApp.NAME, "square").functionId();
        sleepId = modal.functions().fromName(DemoApp.NAME, "sleep").functionId();
      }
    }

    /** A stub that sends {@code key} as its idempotency key on every call. */
    ModalClientBlockingStub withKey(String key) {
      return Stubs.withHeaders(
          emulator.inProcessChannel(),
          "x-modal-token-id",
          "ak-test",
          "x-modal-token-secret",
          "as-test",
          "x-modal-auth-token",
          token,
          "x-idempotency-key",
          key);
    }

    void awaitExecutions(long n) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (emulator.stats().totalExecutions() < n && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(emulator.stats().totalExecutions()).isEqualTo(n);
    }

    @Override
    public void close() {
      emulator.close();
    }
  }

  @Test
  void aRetryWithTheSameKeyGetsTheFirstResponseAndRunsNothing() throws Exception {
    try (Env env = new Env(ModalEmulator.builder())) {
      String key = UUID.randomUUID().toString();
      FunctionMapResponse first = env.withKey(key).functionMap(spawn(env.squareId, squareOf(3)));
      FunctionMapResponse retry = env.withKey(key).functionMap(spawn(env.squareId, squareOf(3)));
      assertThat(retry).isEqualTo(first);
      assertThat(env.emulator.stats().replayedCalls()).isEqualTo(1);
      env.awaitExecutions(1);

      FunctionMapResponse other =
          env.withKey(UUID.randomUUID().toString()).functionMap(spawn(env.squareId, squareOf(3)));
      assertThat(other.getFunctionCallId()).isNotEqualTo(first.getFunctionCallId());
      env.awaitExecutions(2);
    }
  }

  @Test
  void theSameKeyOnAnotherMethodIsAnotherCall() {
    try (Env env = new Env(ModalEmulator.builder())) {
      String key = UUID.randomUUID().toString();
      FunctionMapResponse spawned = env.withKey(key).functionMap(spawn(env.squareId, squareOf(4)));
      FunctionGetOutputsResponse outputs =
          env.withKey(key)
              .functionGetOutputs(
                  FunctionGetOutputsRequest.newBuilder()
                      .setFunctionCallId(spawned.getFunctionCallId())
                      .setLastEntryId("0-0")
                      .setMaxValues(1)
                      .setTimeout(10)
                      .build());
      assertThat(outputs.getOutputsCount()).isEqualTo(1);
      assertThat(env.emulator.stats().replayedCalls()).isZero();
    }
  }

  @Test
  void aLostResponseWasServedAndItsRetryIsAnsweredFromTheCache() throws Exception {
    try (Env env = new Env(ModalEmulator.builder())) {
      env.emulator.faults().loseResponses("FunctionMap", 1.0);
      String key = UUID.randomUUID().toString();
      assertThatThrownBy(() -> env.withKey(key).functionMap(spawn(env.squareId, squareOf(5))))
          .isInstanceOf(StatusRuntimeException.class)
          .extracting(e -> ((StatusRuntimeException) e).getStatus().getCode())
          .isEqualTo(Status.Code.UNAVAILABLE);
      env.awaitExecutions(1); // the server did the work

      env.emulator.faults().clear();
      FunctionMapResponse retry = env.withKey(key).functionMap(spawn(env.squareId, squareOf(5)));
      assertThat(env.emulator.functions().retainedCalls()).isEqualTo(1);
      assertThat(retry.getPipelinedInputsCount()).isEqualTo(1);
      assertThat(env.emulator.stats().replayedCalls()).isEqualTo(1);
      env.awaitExecutions(1);
      assertThat(env.emulator.stats().executions())
          .containsOnlyKeys(retry.getPipelinedInputs(0).getInputId());
    }
  }

  @Test
  void anInjectedFailureIsNotRememberedSoTheRetryIsServed() throws Exception {
    try (Env env = new Env(ModalEmulator.builder())) {
      env.emulator.faults().failRpc("FunctionMap", 1.0, Status.Code.UNAVAILABLE);
      String key = UUID.randomUUID().toString();
      assertThatThrownBy(() -> env.withKey(key).functionMap(spawn(env.squareId, squareOf(6))))
          .isInstanceOf(StatusRuntimeException.class);
      env.emulator.faults().clear();
      FunctionMapResponse retry = env.withKey(key).functionMap(spawn(env.squareId, squareOf(6)));
      assertThat(retry.getFunctionCallId()).startsWith("fc-");
      assertThat(env.emulator.stats().replayedCalls()).isZero();
      env.awaitExecutions(1);
    }
  }

  @Test
  void aRetryArrivingWhileTheFirstCallStillRunsWaitsForItsOutcome() throws Exception {
    try (Env env = new Env(ModalEmulator.builder())) {
      // A spawned sleep(0.5); two polls with one key that clear outputs on success. Served twice,
      // the second would find the output already cleared; replayed, it gets the same output.
      FunctionInput half =
          FunctionInput.newBuilder()
              .setArgs(
                  ByteString.copyFrom(
                      new byte[] {
                        (byte) 0x82, (byte) 0x81, (byte) 0xF9, (byte) 0x38, (byte) 0x00, (byte) 0xA0
                      }))
              .setDataFormat(DataFormat.DATA_FORMAT_CBOR)
              .build();
      String callId =
          env.withKey(UUID.randomUUID().toString())
              .functionMap(spawn(env.sleepId, half))
              .getFunctionCallId();
      String key = UUID.randomUUID().toString();
      FunctionGetOutputsRequest poll =
          FunctionGetOutputsRequest.newBuilder()
              .setFunctionCallId(callId)
              .setLastEntryId("0-0")
              .setMaxValues(1)
              .setTimeout(20)
              .setClearOnSuccess(true)
              .build();
      CompletableFuture<FunctionGetOutputsResponse> first =
          CompletableFuture.supplyAsync(() -> env.withKey(key).functionGetOutputs(poll));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (env.emulator.stats().count("FunctionGetOutputs") < 1 && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      CompletableFuture<FunctionGetOutputsResponse> retry =
          CompletableFuture.supplyAsync(() -> env.withKey(key).functionGetOutputs(poll));
      FunctionGetOutputsResponse a = first.get(30, TimeUnit.SECONDS);
      FunctionGetOutputsResponse b = retry.get(30, TimeUnit.SECONDS);
      assertThat(a.getOutputsCount()).isEqualTo(1);
      assertThat(b).isEqualTo(a);
      assertThat(env.emulator.stats().replayedCalls()).isEqualTo(1);
    }
  }

  @Test
  void aZeroTtlIgnoresTheKey() throws Exception {
    try (Env env = new Env(ModalEmulator.builder().idempotencyKeyTtl(Duration.ZERO))) {
      String key = UUID.randomUUID().toString();
      FunctionMapResponse first = env.withKey(key).functionMap(spawn(env.squareId, squareOf(2)));
      FunctionMapResponse again = env.withKey(key).functionMap(spawn(env.squareId, squareOf(2)));
      assertThat(again.getFunctionCallId()).isNotEqualTo(first.getFunctionCallId());
      env.awaitExecutions(2);
    }
  }
}
