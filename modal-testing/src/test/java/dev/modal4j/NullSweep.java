package dev.modal4j;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * Calls every public method and constructor of the given types once per reference parameter, with
 * null in that position and valid samples elsewhere, and collects every outcome that is not an
 * {@link InvalidException} thrown by the call itself (async methods included: the API's rule is
 * that bad input is thrown, not returned as a failed future) and naming the parameter. Array
 * parameters whose elements are not {@code Object} are also called with a null element.
 */
final class NullSweep {
  /**
   * What is not swept, and why: either whole methods and constructors ({@code matches}), or single
   * parameters of them ({@code parameter} set: only those positions are left out, the other
   * parameters of the same method are still swept).
   */
  record Exclusion(
      String reason, Predicate<Executable> matches, BiPredicate<Executable, Parameter> parameter) {
    /** Leaves out every method and constructor that {@code matches}. */
    Exclusion(String reason, Predicate<Executable> matches) {
      this(reason, matches, null);
    }

    /** Leaves out the parameters that {@code parameter} accepts. */
    static Exclusion ofParameters(String reason, BiPredicate<Executable, Parameter> parameter) {
      return new Exclusion(
          reason,
          e -> List.of(e.getParameters()).stream().anyMatch(p -> parameter.test(e, p)),
          parameter);
    }

    /** Whether the whole of {@code e} is left out. */
    boolean excludesWhole(Executable e) {
      return parameter == null && matches.test(e);
    }

    /** Whether parameter {@code p} of {@code e} is left out. */
    boolean excludesParameter(Executable e, Parameter p) {
      return parameter != null && parameter.test(e, p);
    }
  }

  private static final long CALL_LIMIT_SECONDS = 10;

  private final NullSweepSamples samples;
  private final List<Exclusion> exclusions;
  private final List<String> failures = new ArrayList<>();
  private final Set<Executable> excluded = new LinkedHashSet<>();
  private int calls;
  private int excludedParameters;
  private ExecutorService worker = newWorker();

  NullSweep(NullSweepSamples samples, List<Exclusion> exclusions) {
    this.samples = samples;
    this.exclusions = exclusions;
  }

  /** Sweeps {@code types}; returns one line per failure. */
  List<String> run(List<Class<?>> types) {
    Set<Executable> seen = new LinkedHashSet<>();
    for (Class<?> type : types) {
      for (Constructor<?> c : type.getConstructors()) {
        seen.add(c);
      }
      for (Method m : type.getMethods()) {
        if (!m.isSynthetic() && !m.isBridge() && types.contains(m.getDeclaringClass())) {
          seen.add(m);
        }
      }
    }
    for (Executable e : seen) {
      if (exclusions.stream().anyMatch(x -> x.excludesWhole(e))) {
        excluded.add(e);
        continue;
      }
      sweep(e);
    }
    worker.shutdownNow();
    return failures;
  }

  /** How many calls the sweep made. */
  int calls() {
    return calls;
  }

  /** How many parameters a parameter-level exclusion left out. */
  int excludedParameters() {
    return excludedParameters;
  }

  /** The methods and constructors left out by an exclusion. */
  Set<Executable> excluded() {
    return excluded;
  }

  private void sweep(Executable e) {
    Parameter[] params = e.getParameters();
    for (int i = 0; i < params.length; i++) {
      Class<?> type = params[i].getType();
      if (type.isPrimitive()) {
        continue;
      }
      Parameter p = params[i];
      if (exclusions.stream().anyMatch(x -> x.excludesParameter(e, p))) {
        excludedParameters++;
        continue;
      }
      call(e, i, null, "null " + name(params[i]));
      if (type.isArray()
          && type.getComponentType() != Object.class
          && !type.getComponentType().isPrimitive()) {
        Object withNull = java.lang.reflect.Array.newInstance(type.getComponentType(), 1);
        call(e, i, withNull, "a null element in " + name(params[i]));
      }
    }
  }

  private void call(Executable e, int position, Object value, String what) {
    String label = label(e) + " with " + what;
    Object receiver = null;
    if (e instanceof Method && !Modifier.isStatic(e.getModifiers())) {
      Optional<Object> r = samples.of(e.getDeclaringClass());
      if (r.isEmpty()) {
        failures.add(label + ": no sample receiver of " + e.getDeclaringClass().getName());
        return;
      }
      receiver = r.get();
    }
    Parameter[] params = e.getParameters();
    Object[] args = new Object[params.length];
    for (int j = 0; j < params.length; j++) {
      if (j == position) {
        args[j] = value;
        continue;
      }
      Optional<Object> sample = samples.of(params[j].getType());
      if (sample.isEmpty()) {
        failures.add(label + ": no sample for " + params[j].getType().getName());
        return;
      }
      args[j] = sample.get();
    }
    calls++;
    Object target = receiver;
    Future<Object> outcome = worker.submit(() -> invoke(e, target, args));
    Object result;
    try {
      result = outcome.get(CALL_LIMIT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException t) {
      outcome.cancel(true);
      worker.shutdownNow();
      worker = newWorker();
      failures.add(label + ": did not return within " + CALL_LIMIT_SECONDS + " s");
      return;
    } catch (InterruptedException t) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(t);
    } catch (ExecutionException t) {
      failures.add(label + ": could not be called: " + t.getCause());
      return;
    }
    if (result instanceof Thrown t) {
      judge(label, params[position], t.exception());
      return;
    }
    if (result instanceof CompletableFuture<?> f) {
      failures.add(label + ": returned a future instead of throwing (" + state(f) + ")");
    } else {
      failures.add(label + ": accepted it (returned " + describe(result) + ")");
    }
    if (result instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception ignored) {
        // the sweep only closes what an accepted call returned
      }
    }
  }

  private void judge(String label, Parameter param, Throwable thrown) {
    if (!(thrown instanceof InvalidException)) {
      failures.add(label + ": threw " + thrown);
      return;
    }
    String message = String.valueOf(thrown.getMessage());
    if (param.isNamePresent() && !message.contains(param.getName())) {
      failures.add(
          label + ": InvalidException does not name '" + param.getName() + "': " + message);
    }
  }

  /** What a swept call threw. */
  private record Thrown(Throwable exception) {}

  private static Object invoke(Executable e, Object receiver, Object[] args)
      throws ReflectiveOperationException {
    try {
      if (e instanceof Constructor<?> c) {
        return c.newInstance(args);
      }
      return ((Method) e).invoke(receiver, args);
    } catch (InvocationTargetException t) {
      return new Thrown(t.getCause());
    }
  }

  private static String state(CompletableFuture<?> f) {
    if (!f.isDone()) {
      f.cancel(true);
      return "pending";
    }
    try {
      f.getNow(null);
      return "completed normally";
    } catch (RuntimeException t) {
      Throwable cause = t.getCause() != null ? t.getCause() : t;
      return "failed with " + cause.getClass().getSimpleName();
    }
  }

  private static String describe(Object result) {
    return result == null ? "null" : result.getClass().getSimpleName();
  }

  private static String name(Parameter p) {
    return p.isNamePresent() ? p.getName() : p.getType().getSimpleName();
  }

  static String label(Executable e) {
    StringBuilder b =
        new StringBuilder(e.getDeclaringClass().getName().replace("dev.modal4j.", ""));
    if (e instanceof Method) {
      b.append('.').append(e.getName());
    }
    b.append('(');
    Class<?>[] types = e.getParameterTypes();
    for (int i = 0; i < types.length; i++) {
      b.append(i == 0 ? "" : ", ").append(types[i].getSimpleName());
    }
    return b.append(')').toString();
  }

  private static ExecutorService newWorker() {
    return Executors.newSingleThreadExecutor(
        r -> {
          Thread t = new Thread(r, "null-sweep");
          t.setDaemon(true);
          return t;
        });
  }
}
