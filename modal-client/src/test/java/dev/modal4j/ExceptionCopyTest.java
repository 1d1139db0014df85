package dev.modal4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modal4j.internal.CallerCopies;
import dev.modal4j.internal.Futures;
import io.grpc.Status;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every exception type of the hierarchy makes per-caller copies that keep what callers see. */
class ExceptionCopyTest {

  @Test
  void everyExceptionInThePackageCopiesToItsOwnTypeWithTheOriginalAsCause() throws Exception {
    List<Class<? extends ModalException>> types = exceptionTypes();
    assertThat(types)
        .contains(
            ModalException.class,
            RemoteException.class,
            ConflictException.class,
            CancelledException.class,
            UnimplementedException.class,
            DataLossException.class)
        .hasSizeGreaterThanOrEqualTo(16);
    for (Class<? extends ModalException> type : types) {
      assertThat(type.getDeclaredMethod("copyForCaller").getDeclaringClass())
          .as(type.getSimpleName() + " overrides copyForCaller")
          .isEqualTo(type);
      ModalException original = instance(type);
      ModalException copy = CallerCopies.forCaller(original);
      assertThat(copy).as(type.getSimpleName()).isExactlyInstanceOf(type).isNotSameAs(original);
      assertThat(copy.getMessage()).isEqualTo(original.getMessage());
      assertThat(copy.statusCode()).isEqualTo(original.statusCode());
      assertThat(copy.getCause()).isSameAs(original);
      assertThat(original.getSuppressed()).isEmpty();
      assertThat(copy.getSuppressed()).isEmpty();
    }
  }

  @Test
  void aRemoteExceptionCopyKeepsTheTraceback() {
    RemoteException original = new RemoteException("ValueError: x", "Traceback ...\nValueError: x");
    RemoteException copy = (RemoteException) CallerCopies.forCaller(original);
    assertThat(copy.remoteTraceback()).contains("Traceback ...\nValueError: x");
    assertThat(copy.getCause()).isSameAs(original);
  }

  @Test
  void joiningOneFailedFutureTwiceGivesTwoExceptionsAndLeavesTheOriginalAlone() {
    NotFoundException original =
        new NotFoundException("App 'x' not found", null, Status.Code.NOT_FOUND);
    CompletableFuture<String> f = CompletableFuture.failedFuture(original);
    RuntimeException first = catchJoin(f);
    RuntimeException second = catchJoin(f);
    assertThat(first).isExactlyInstanceOf(NotFoundException.class).isNotSameAs(second);
    assertThat(second).isExactlyInstanceOf(NotFoundException.class).isNotSameAs(original);
    assertThat(first.getCause()).isSameAs(original);
    assertThat(original.getSuppressed()).isEmpty();
    assertThat(first.getStackTrace())
        .anySatisfy(e -> assertThat(e.getMethodName()).isEqualTo("catchJoin"));
  }

  @Test
  void aSubclassDefinedElsewhereIsHandedOnUnmodified() {
    ModalException foreign = new ModalException("custom") {};
    assertThat(CallerCopies.forCaller(foreign)).isSameAs(foreign);
    assertThat(foreign.getSuppressed()).isEmpty();
  }

  @Test
  void aNonModalFailureIsWrappedNotModified() {
    IllegalStateException bug = new IllegalStateException("bug");
    RuntimeException thrown = catchJoin(CompletableFuture.failedFuture(bug));
    assertThat(thrown).isExactlyInstanceOf(ModalException.class).hasCause(bug);
    assertThat(bug.getSuppressed()).isEmpty();
  }

  private static RuntimeException catchJoin(CompletableFuture<String> f) {
    try {
      Futures.join(f);
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("join did not throw");
  }

  private static ModalException instance(Class<? extends ModalException> type) throws Exception {
    Status.Code code = Status.Code.ABORTED;
    if (type == RemoteException.class) {
      return new RemoteException("msg of RemoteException", "tb");
    }
    try {
      Constructor<? extends ModalException> c =
          type.getConstructor(String.class, Throwable.class, Status.Code.class);
      return c.newInstance("msg of " + type.getSimpleName(), new IllegalStateException(), code);
    } catch (NoSuchMethodException e) {
      return type.getConstructor(String.class, Throwable.class)
          .newInstance("msg of " + type.getSimpleName(), new IllegalStateException());
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Class<? extends ModalException>> exceptionTypes()
      throws URISyntaxException, java.io.IOException, ClassNotFoundException {
    Path dir =
        Path.of(ModalException.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .resolve("dev/modal4j");
    List<Class<? extends ModalException>> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String file = p.getFileName().toString();
        if (!file.endsWith(".class") || file.contains("$")) {
          continue;
        }
        Class<?> c = Class.forName("dev.modal4j." + file.substring(0, file.length() - 6));
        if (ModalException.class.isAssignableFrom(c) && Modifier.isPublic(c.getModifiers())) {
          out.add((Class<? extends ModalException>) c);
        }
      }
    }
    return out;
  }
}
