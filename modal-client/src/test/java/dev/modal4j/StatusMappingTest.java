package dev.modal4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.internal.Futures;
import dev.modal4j.internal.rpc.StatusMapping;
import io.grpc.Metadata;
import io.grpc.Status;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class StatusMappingTest {
  private static final Map<Status.Code, Class<? extends ModalException>> TABLE =
      Map.ofEntries(
          Map.entry(Status.Code.CANCELLED, CancelledException.class),
          Map.entry(Status.Code.UNKNOWN, ServiceException.class),
          Map.entry(Status.Code.DEADLINE_EXCEEDED, ServiceException.class),
          Map.entry(Status.Code.UNAVAILABLE, ServiceException.class),
          Map.entry(Status.Code.INTERNAL, ServiceException.class),
          Map.entry(Status.Code.INVALID_ARGUMENT, InvalidException.class),
          Map.entry(Status.Code.OUT_OF_RANGE, InvalidException.class),
          Map.entry(Status.Code.NOT_FOUND, NotFoundException.class),
          Map.entry(Status.Code.ALREADY_EXISTS, AlreadyExistsException.class),
          Map.entry(Status.Code.UNAUTHENTICATED, AuthException.class),
          Map.entry(Status.Code.PERMISSION_DENIED, AuthException.class),
          Map.entry(Status.Code.RESOURCE_EXHAUSTED, ResourceExhaustedException.class),
          Map.entry(Status.Code.FAILED_PRECONDITION, ConflictException.class),
          Map.entry(Status.Code.ABORTED, ConflictException.class),
          Map.entry(Status.Code.UNIMPLEMENTED, UnimplementedException.class),
          Map.entry(Status.Code.DATA_LOSS, DataLossException.class),
          Map.entry(Status.Code.OK, ModalException.class));

  @Test
  void everyCodeMapsToItsExceptionAndKeepsTheCode() {
    for (Status.Code code : Status.Code.values()) {
      ModalException e =
          StatusMapping.toException(Status.fromCode(code).withDescription("why"), new Metadata());
      assertThat(e.getClass()).as(code.name()).isEqualTo(TABLE.get(code));
      assertThat(e.statusCode()).contains(code);
      assertThat(e.getMessage()).isEqualTo(code.name() + ": why");
    }
  }

  @Test
  void aCancelledFutureAndGrpcCancelledBothBecomeCancelledException() {
    CompletableFuture<String> f = new CompletableFuture<>();
    f.cancel(true);
    assertThatThrownBy(() -> Futures.join(f))
        .isExactlyInstanceOf(CancelledException.class)
        .hasCauseInstanceOf(CancellationException.class);
    CompletableFuture<String> dependent = new CompletableFuture<>();
    CompletableFuture<String> chained = dependent.thenApply(s -> s);
    dependent.cancel(true);
    assertThatThrownBy(() -> Futures.join(chained)).isExactlyInstanceOf(CancelledException.class);
    assertThat(StatusMapping.toException(Status.CANCELLED.asRuntimeException()))
        .isExactlyInstanceOf(CancelledException.class);
  }

  @Test
  void aLocalModalExceptionCarriedAsCauseIsReturnedAsIs() {
    AuthException local = new AuthException("refused");
    assertThat(StatusMapping.toException(Status.UNAUTHENTICATED.withCause(local), null))
        .isSameAs(local);
  }

  @Test
  void statusExceptionsAndOtherThrowablesAreMapped() {
    assertThat(StatusMapping.toException(Status.NOT_FOUND.asRuntimeException()))
        .isInstanceOf(NotFoundException.class);
    assertThat(StatusMapping.toException(Status.ABORTED.asException()))
        .isInstanceOf(ConflictException.class);
    assertThat(StatusMapping.toException(new IllegalStateException("boom")))
        .isInstanceOf(ServiceException.class)
        .satisfies(e -> assertThat(e.statusCode()).contains(Status.Code.UNKNOWN));
  }
}
