package dev.modal4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.functions.Function;
import dev.modal4j.proto.AuthTokenGetRequest;
import dev.modal4j.proto.AuthTokenGetResponse;
import dev.modal4j.proto.DataFormat;
import dev.modal4j.proto.FunctionGetOutputsItem;
import dev.modal4j.proto.FunctionGetOutputsRequest;
import dev.modal4j.proto.FunctionGetOutputsResponse;
import dev.modal4j.proto.FunctionGetRequest;
import dev.modal4j.proto.FunctionGetResponse;
import dev.modal4j.proto.FunctionHandleMetadata;
import dev.modal4j.proto.FunctionMapRequest;
import dev.modal4j.proto.FunctionMapResponse;
import dev.modal4j.proto.FunctionPutInputsResponseItem;
import dev.modal4j.proto.FunctionRetryInputsRequest;
import dev.modal4j.proto.FunctionRetryInputsResponse;
import dev.modal4j.proto.GenericResult;
import dev.modal4j.proto.GenericResult.GenericStatus;
import dev.modal4j.proto.ModalClientGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An input that keeps ending in INTERNAL_FAILURE is resubmitted 8 times (retry counts 0..7, each
 * with the latest input JWT), then surfaces as InternalFailureException. The emulator only fails
 * first attempts, so this uses a small server that always fails.
 */
@Timeout(20)
class FunctionSystemRetryTest {
  private final List<FunctionRetryInputsRequest> retries = new CopyOnWriteArrayList<>();
  private final List<FunctionGetOutputsRequest> polls = new CopyOnWriteArrayList<>();
  private Server server;
  private ManagedChannel channel;
  private ModalClient modal;

  @BeforeEach
  void start() throws Exception {
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name).addService(new AlwaysFailing()).build().start();
    channel = InProcessChannelBuilder.forName(name).build();
    modal =
        ModalClient.builder()
            .tokenId("ak-test")
            .tokenSecret("as-test")
            .environmentVariables(Map.of())
            .homeDirectory(Path.of("target", "no-home"))
            .channel(channel)
            .build();
  }

  @AfterEach
  void stop() {
    modal.close();
    channel.shutdownNow();
    server.shutdownNow();
  }

  @Test
  void givesUpAfterEightResubmissions() {
    Function f = modal.functions().fromName("app", "flaky");
    assertThatThrownBy(() -> f.remote(Integer.class, 1))
        .isInstanceOf(InternalFailureException.class)
        .hasMessage("worker lost");
    assertThat(retries).hasSize(8);
    assertThat(retries)
        .extracting(r -> r.getInputs(0).getRetryCount())
        .containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    assertThat(retries)
        .extracting(r -> r.getInputs(0).getInputJwt())
        .containsExactly("jwt-0", "jwt-1", "jwt-2", "jwt-3", "jwt-4", "jwt-5", "jwt-6", "jwt-7");
    assertThat(retries).allMatch(r -> r.getFunctionCallJwt().equals("fc-jwt"));
    assertThat(polls).hasSize(9);
    assertThat(polls).allMatch(p -> p.getClearOnSuccess() && p.getLastEntryId().equals("0-0"));
    assertThat(polls.get(8).getInputJwts(0)).isEqualTo("jwt-8");
  }

  private final class AlwaysFailing extends ModalClientGrpc.ModalClientImplBase {
    @Override
    public void authTokenGet(AuthTokenGetRequest req, StreamObserver<AuthTokenGetResponse> obs) {
      obs.onNext(
          AuthTokenGetResponse.newBuilder()
              .setToken(FakeModalServer.jwt(Instant.now().plusSeconds(3600)))
              .build());
      obs.onCompleted();
    }

    @Override
    public void functionGet(FunctionGetRequest req, StreamObserver<FunctionGetResponse> obs) {
      obs.onNext(
          FunctionGetResponse.newBuilder()
              .setFunctionId("fu-1")
              .setHandleMetadata(
                  FunctionHandleMetadata.newBuilder()
                      .setFunctionName(req.getObjectTag())
                      .addSupportedInputFormats(DataFormat.DATA_FORMAT_CBOR))
              .build());
      obs.onCompleted();
    }

    @Override
    public void functionMap(FunctionMapRequest req, StreamObserver<FunctionMapResponse> obs) {
      obs.onNext(
          FunctionMapResponse.newBuilder()
              .setFunctionCallId("fc-1")
              .setFunctionCallJwt("fc-jwt")
              .addPipelinedInputs(
                  FunctionPutInputsResponseItem.newBuilder()
                      .setInputId("in-1")
                      .setInputJwt("jwt-0"))
              .build());
      obs.onCompleted();
    }

    @Override
    public void functionGetOutputs(
        FunctionGetOutputsRequest req, StreamObserver<FunctionGetOutputsResponse> obs) {
      polls.add(req);
      obs.onNext(
          FunctionGetOutputsResponse.newBuilder()
              .addOutputs(
                  FunctionGetOutputsItem.newBuilder()
                      .setResult(
                          GenericResult.newBuilder()
                              .setStatus(GenericStatus.GENERIC_STATUS_INTERNAL_FAILURE)
                              .setException("worker lost")))
              .build());
      obs.onCompleted();
    }

    @Override
    public void functionRetryInputs(
        FunctionRetryInputsRequest req, StreamObserver<FunctionRetryInputsResponse> obs) {
      retries.add(req);
      obs.onNext(
          FunctionRetryInputsResponse.newBuilder().addInputJwts("jwt-" + retries.size()).build());
      obs.onCompleted();
    }
  }
}
