package dev.modal4j.internal.invocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.DeserializationException;
import dev.modal4j.FunctionTimeoutException;
import dev.modal4j.InternalFailureException;
import dev.modal4j.ModalException;
import dev.modal4j.RemoteException;
import dev.modal4j.internal.cbor.Cbor;
import dev.modal4j.proto.DataFormat;
import dev.modal4j.proto.GeneratorDone;
import dev.modal4j.proto.GenericResult;
import dev.modal4j.proto.GenericResult.GenericStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ResultDecoderTest {
  @Test
  void statusesMapToExceptions() {
    assertThat(ResultDecoder.failure(result(GenericStatus.GENERIC_STATUS_SUCCESS, ""))).isNull();
    assertThat(ResultDecoder.failure(result(GenericStatus.GENERIC_STATUS_TIMEOUT, "slow")))
        .isInstanceOf(FunctionTimeoutException.class)
        .hasMessage("slow");
    assertThat(ResultDecoder.failure(result(GenericStatus.GENERIC_STATUS_INTERNAL_FAILURE, "")))
        .isInstanceOf(InternalFailureException.class);
    ModalException failure =
        ResultDecoder.failure(
            result(GenericStatus.GENERIC_STATUS_FAILURE, "ValueError: bad").toBuilder()
                .setTraceback("Traceback (most recent call last):\n  File \"x.py\"")
                .build());
    assertThat(failure).isInstanceOf(RemoteException.class).hasMessage("ValueError: bad");
    assertThat(((RemoteException) failure).remoteTraceback())
        .get()
        .asString()
        .startsWith("Traceback");
    assertThat(ResultDecoder.failure(result(GenericStatus.GENERIC_STATUS_TERMINATED, "")))
        .isInstanceOf(RemoteException.class)
        .hasMessageContaining("terminated");
    assertThat(ResultDecoder.failure(result(GenericStatus.GENERIC_STATUS_UNSPECIFIED, "")))
        .isInstanceOf(RemoteException.class);
  }

  @Test
  void valuesDecodeByDataFormat() {
    assertThat(
            ResultDecoder.<Integer>decodeValue(
                Cbor.encode(49), DataFormat.DATA_FORMAT_CBOR, Cbor.type(Integer.class)))
        .isEqualTo(49);
    assertThat(
            ResultDecoder.<Object>decodeValue(
                new byte[0], DataFormat.DATA_FORMAT_UNSPECIFIED, Cbor.type(Object.class)))
        .isNull();
    assertThatThrownBy(
            () ->
                ResultDecoder.decodeValue(
                    new byte[] {(byte) 0x80, 4},
                    DataFormat.DATA_FORMAT_PICKLE,
                    Cbor.type(Object.class)))
        .isInstanceOf(DeserializationException.class)
        .hasMessageContaining("pickle");
  }

  @Test
  void generatorDoneCarriesTheItemCount() {
    byte[] done = GeneratorDone.newBuilder().setItemsTotal(5).build().toByteArray();
    assertThat(ResultDecoder.itemsTotal(done)).isEqualTo(5);
    assertThatThrownBy(() -> ResultDecoder.itemsTotal(new byte[] {(byte) 0xff}))
        .isInstanceOf(DeserializationException.class);
  }

  private static GenericResult result(GenericStatus status, String exception) {
    return GenericResult.newBuilder().setStatus(status).setException(exception).build();
  }
}
