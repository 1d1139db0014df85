package dev.modal4j.testing.functions;

import static dev.modal4j.proto.FunctionCallInvocationType.FUNCTION_CALL_INVOCATION_TYPE_SYNC_LEGACY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.proto.DataChunk;
import dev.modal4j.proto.DataFormat;
import dev.modal4j.proto.Function.FunctionType;
import dev.modal4j.proto.FunctionCallGetDataRequest;
import dev.modal4j.proto.FunctionGetOutputsItem;
import dev.modal4j.proto.FunctionGetRequest;
import dev.modal4j.proto.FunctionMapResponse;
import dev.modal4j.proto.GeneratorDone;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class GeneratorTest {
  FnFixture fx;

  @BeforeEach
  void start() {
    fx = new FnFixture();
  }

  @AfterEach
  void stop() throws InterruptedException {
    fx.close();
  }

  private FunctionMapResponse countdown(int n) {
    return fx.call(
        fx.functionId("countdown"),
        FUNCTION_CALL_INVOCATION_TYPE_SYNC_LEGACY,
        FnFixture.cborInput(List.of(n), Map.of()));
  }

  private Iterator<DataChunk> stream(String callId, long lastIndex) {
    return fx.stub.functionCallGetDataOut(
        FunctionCallGetDataRequest.newBuilder()
            .setFunctionCallId(callId)
            .setLastIndex(lastIndex)
            .build());
  }

  @Test
  void streamsItemsThenGeneratorDone() {
    assertThat(
            fx.stub
                .functionGet(
                    FunctionGetRequest.newBuilder()
                        .setAppName("modal4j-demo")
                        .setObjectTag("countdown")
                        .build())
                .getHandleMetadata()
                .getFunctionType())
        .isEqualTo(FunctionType.FUNCTION_TYPE_GENERATOR);
    FunctionMapResponse map = countdown(5);
    List<Object> values = new ArrayList<>();
    List<Long> indexes = new ArrayList<>();
    stream(map.getFunctionCallId(), 0)
        .forEachRemaining(
            c -> {
              values.add(FnFixture.decode(c.getData()));
              indexes.add(c.getIndex());
              assertThat(c.getDataFormat()).isEqualTo(DataFormat.DATA_FORMAT_CBOR);
            });
    assertThat(values).containsExactly(5L, 4L, 3L, 2L, 1L);
    assertThat(indexes).containsExactly(1L, 2L, 3L, 4L, 5L);
    FunctionGetOutputsItem done = fx.poll(map.getFunctionCallId(), 10, true).getOutputs(0);
    assertThat(done.getDataFormat()).isEqualTo(DataFormat.DATA_FORMAT_GENERATOR_DONE);
    assertThat(parseDone(done).getItemsTotal()).isEqualTo(5);

    List<Object> resumed = new ArrayList<>();
    stream(map.getFunctionCallId(), 3)
        .forEachRemaining(c -> resumed.add(FnFixture.decode(c.getData())));
    assertThat(resumed).containsExactly(2L, 1L);
  }

  @Test
  void droppedStreamsResumeWithoutLossOrRepetition() {
    fx.faults.droppedStreams(1.0);
    FunctionMapResponse map = countdown(20);
    List<Object> values = new ArrayList<>();
    long last = 0;
    int drops = 0;
    while (true) {
      Iterator<DataChunk> it = stream(map.getFunctionCallId(), last);
      try {
        while (it.hasNext()) {
          DataChunk c = it.next();
          assertThat(c.getIndex()).isEqualTo(last + 1);
          values.add(FnFixture.decode(c.getData()));
          last = c.getIndex();
        }
        break;
      } catch (StatusRuntimeException e) {
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        drops++;
      }
    }
    assertThat(drops).isGreaterThan(0);
    List<Object> expected = new ArrayList<>();
    for (long i = 20; i >= 1; i--) {
      expected.add(i);
    }
    assertThat(values).isEqualTo(expected);
  }

  @Test
  void unknownCallsAreNotFound() {
    assertThatThrownBy(() -> stream("fc-nope", 0).hasNext())
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
  }

  static GeneratorDone parseDone(FunctionGetOutputsItem item) {
    try {
      return GeneratorDone.parseFrom(item.getResult().getData());
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }
}
