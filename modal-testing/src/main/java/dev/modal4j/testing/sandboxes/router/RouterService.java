package dev.modal4j.testing.sandboxes.router;

import com.google.protobuf.ByteString;
import dev.modal4j.proto.Probe;
import dev.modal4j.proto.router.SandboxStdinWriteV2Request;
import dev.modal4j.proto.router.SandboxStdinWriteV2Response;
import dev.modal4j.proto.router.SandboxStdioFileDescriptor;
import dev.modal4j.proto.router.SandboxStdioReadV2Request;
import dev.modal4j.proto.router.SandboxStdioReadV2Response;
import dev.modal4j.proto.router.SandboxWaitUntilReadyTcrRequest;
import dev.modal4j.proto.router.SandboxWaitUntilReadyTcrResponse;
import dev.modal4j.proto.router.TaskCommandRouterGrpc;
import dev.modal4j.proto.router.TaskExecPollRequest;
import dev.modal4j.proto.router.TaskExecPollResponse;
import dev.modal4j.proto.router.TaskExecStartRequest;
import dev.modal4j.proto.router.TaskExecStartResponse;
import dev.modal4j.proto.router.TaskExecStdinStatusRequest;
import dev.modal4j.proto.router.TaskExecStdinStatusResponse;
import dev.modal4j.proto.router.TaskExecStdinWriteRequest;
import dev.modal4j.proto.router.TaskExecStdinWriteResponse;
import dev.modal4j.proto.router.TaskExecStdinWriteStreamRequest;
import dev.modal4j.proto.router.TaskExecStdinWriteStreamResponse;
import dev.modal4j.proto.router.TaskExecStdioFileDescriptor;
import dev.modal4j.proto.router.TaskExecStdioReadRequest;
import dev.modal4j.proto.router.TaskExecStdioReadResponse;
import dev.modal4j.proto.router.TaskExecWaitRequest;
import dev.modal4j.proto.router.TaskExecWaitResponse;
import dev.modal4j.proto.router.TaskReloadVolumesRequest;
import dev.modal4j.proto.router.TaskReloadVolumesResponse;
import dev.modal4j.testing.EmulatorState;
import dev.modal4j.testing.sandboxes.EntrypointOutput;
import dev.modal4j.testing.sandboxes.EntrypointStdio;
import dev.modal4j.testing.sandboxes.SandboxTask;
import dev.modal4j.testing.sandboxes.TaskDirectory;
import dev.modal4j.testing.sandboxes.backend.ExitStatus;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** The RPCs of {@code modal.task_command_router.TaskCommandRouter}, behind {@link RouterAuth}. */
final class RouterService extends TaskCommandRouterGrpc.TaskCommandRouterImplBase {
  private final TaskDirectory tasks;
  private final EmulatorState state;
  private final ExecutorService executor;
  private final ExecTable execs = new ExecTable();
  private final ExecStarter starter;
  private final Map<String, Double> readyAt = new ConcurrentHashMap<>();

  RouterService(TaskDirectory tasks, EmulatorState state, ExecutorService executor) {
    this.tasks = tasks;
    this.state = state;
    this.executor = executor;
    this.starter = new ExecStarter(state.scheduler(), executor, tasks);
  }

  /** The task, after checking the caller may use it; NOT_FOUND for a task never handed out. */
  private SandboxTask task(String taskId) {
    RouterAuth.checkTask(taskId);
    Optional<SandboxTask> task = tasks.task(taskId);
    if (task.isEmpty()) {
      throw Status.NOT_FOUND.withDescription("task " + taskId + " not found").asRuntimeException();
    }
    return task.get();
  }

  @Override
  public void taskExecStart(
      TaskExecStartRequest request, StreamObserver<TaskExecStartResponse> response) {
    guarded(
        response,
        () -> {
          SandboxTask task = task(request.getTaskId());
          ExecStarter.validate(request);
          if (task.finished()) {
            throw Status.FAILED_PRECONDITION
                .withDescription("task " + task.taskId() + " has already finished")
                .asRuntimeException();
          }
          execs.forgetEnded(tasks);
          readyAt.keySet().removeIf(id -> tasks.task(id).isEmpty());
          execs.start(task.taskId(), request.getExecId(), () -> starter.start(task, request));
          task.touch();
          response.onNext(TaskExecStartResponse.getDefaultInstance());
          response.onCompleted();
        });
  }

  @Override
  public void taskExecStdioRead(
      TaskExecStdioReadRequest request, StreamObserver<TaskExecStdioReadResponse> response) {
    guarded(
        response,
        () -> {
          task(request.getTaskId());
          Exec exec = execs.get(request.getTaskId(), request.getExecId());
          OutputBuffer buffer =
              request.getFileDescriptor()
                      == TaskExecStdioFileDescriptor.TASK_EXEC_STDIO_FILE_DESCRIPTOR_STDERR
                  ? exec.stderr()
                  : exec.stdout();
          var call = (ServerCallStreamObserver<TaskExecStdioReadResponse>) response;
          new StdioReader(call, buffer, request.getOffset(), state.faults(), state.scheduler())
              .start();
        });
  }

  @Override
  public void taskExecStdinWrite(
      TaskExecStdinWriteRequest request, StreamObserver<TaskExecStdinWriteResponse> response) {
    guarded(
        response,
        () -> {
          SandboxTask task = task(request.getTaskId());
          Exec exec = execs.get(request.getTaskId(), request.getExecId());
          exec.stdin().write(request.getOffset(), request.getData(), request.getEof());
          task.touch();
          response.onNext(TaskExecStdinWriteResponse.getDefaultInstance());
          response.onCompleted();
        });
  }

  @Override
  public StreamObserver<TaskExecStdinWriteStreamRequest> taskExecStdinWriteStream(
      StreamObserver<TaskExecStdinWriteStreamResponse> response) {
    return new StdinStream(response);
  }

  @Override
  public void taskExecStdinStatus(
      TaskExecStdinStatusRequest request, StreamObserver<TaskExecStdinStatusResponse> response) {
    guarded(
        response,
        () -> {
          task(request.getTaskId());
          ExecStdin stdin = execs.get(request.getTaskId(), request.getExecId()).stdin();
          stdin.evict();
          response.onNext(
              TaskExecStdinStatusResponse.newBuilder()
                  .setNumBytesWritten(stdin.taken())
                  .setClosed(stdin.closed())
                  .build());
          response.onCompleted();
        });
  }

  @Override
  public void taskExecWait(
      TaskExecWaitRequest request, StreamObserver<TaskExecWaitResponse> response) {
    guarded(
        response,
        () -> {
          task(request.getTaskId());
          Exec exec = execs.get(request.getTaskId(), request.getExecId());
          var call = (ServerCallStreamObserver<TaskExecWaitResponse>) response;
          call.setOnCancelHandler(() -> {});
          exec.exit()
              .thenAccept(
                  status -> {
                    if (!call.isCancelled()) {
                      call.onNext(waitResponse(status));
                      call.onCompleted();
                    }
                  });
        });
  }

  private static TaskExecWaitResponse waitResponse(ExitStatus status) {
    TaskExecWaitResponse.Builder out = TaskExecWaitResponse.newBuilder();
    return status.signalled()
        ? out.setSignal(status.signal()).build()
        : out.setCode(status.code()).build();
  }

  @Override
  public void taskExecPoll(
      TaskExecPollRequest request, StreamObserver<TaskExecPollResponse> response) {
    guarded(
        response,
        () -> {
          task(request.getTaskId());
          Exec exec = execs.get(request.getTaskId(), request.getExecId());
          TaskExecPollResponse.Builder out = TaskExecPollResponse.newBuilder();
          ExitStatus status = exec.exit().getNow(null);
          if (status != null && status.signalled()) {
            out.setSignal(status.signal());
          } else if (status != null) {
            out.setCode(status.code());
          }
          response.onNext(out.build());
          response.onCompleted();
        });
  }

  @Override
  public void sandboxWaitUntilReady(
      SandboxWaitUntilReadyTcrRequest request,
      StreamObserver<SandboxWaitUntilReadyTcrResponse> response) {
    guarded(
        response,
        () -> {
          SandboxTask task = task(request.getTaskId());
          if (!(request.getTimeout() > 0)) {
            throw Status.INVALID_ARGUMENT
                .withDescription("timeout must be positive, got " + request.getTimeout())
                .asRuntimeException();
          }
          var call = (ServerCallStreamObserver<SandboxWaitUntilReadyTcrResponse>) response;
          call.setOnCancelHandler(() -> {});
          Optional<Probe> probe = task.readinessProbe();
          if (probe.isEmpty()) {
            // A sandbox without a probe is ready as soon as it runs.
            ready(task, call);
            return;
          }
          long deadline = System.nanoTime() + (long) (request.getTimeout() * 1e9);
          executor.execute(new ProbeLoop(task, probe.get(), deadline, call));
        });
  }

  private void ready(
      SandboxTask task, ServerCallStreamObserver<SandboxWaitUntilReadyTcrResponse> c) {
    double at = readyAt.computeIfAbsent(task.taskId(), id -> epochSeconds(state.clock().instant()));
    c.onNext(SandboxWaitUntilReadyTcrResponse.newBuilder().setReadyAt(at).build());
    c.onCompleted();
  }

  private static double epochSeconds(Instant instant) {
    return instant.getEpochSecond() + instant.getNano() / 1e9;
  }

  /**
   * Probes every interval until the probe passes, the deadline, the task ends or the caller goes.
   */
  private final class ProbeLoop implements Runnable {
    private final SandboxTask task;
    private final Probe probe;
    private final long deadline;
    private final ServerCallStreamObserver<SandboxWaitUntilReadyTcrResponse> call;

    ProbeLoop(
        SandboxTask task,
        Probe probe,
        long deadline,
        ServerCallStreamObserver<SandboxWaitUntilReadyTcrResponse> call) {
      this.task = task;
      this.probe = probe;
      this.deadline = deadline;
      this.call = call;
    }

    @Override
    public void run() {
      if (call.isCancelled()) {
        return;
      }
      try {
        if (readyAt.containsKey(task.taskId())) {
          ready(task, call);
          return;
        }
        if (task.finished()) {
          call.onError(
              Status.FAILED_PRECONDITION
                  .withDescription("sandbox " + task.sandboxId() + " has already finished")
                  .asRuntimeException());
          return;
        }
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left > 0 && ReadinessProbe.passes(task, probe, left, executor)) {
          ready(task, call);
          return;
        }
        long wait = ReadinessProbe.intervalMillis(probe);
        if (TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()) <= wait) {
          call.onError(
              Status.DEADLINE_EXCEEDED
                  .withDescription("sandbox " + task.sandboxId() + " did not become ready in time")
                  .asRuntimeException());
          return;
        }
        state.scheduler().schedule(() -> executor.execute(this), wait, TimeUnit.MILLISECONDS);
      } catch (RuntimeException e) {
        call.onError(Status.INTERNAL.withDescription(e.toString()).asRuntimeException());
      }
    }
  }

  @Override
  public void taskReloadVolumes(
      TaskReloadVolumesRequest request, StreamObserver<TaskReloadVolumesResponse> response) {
    guarded(
        response,
        () -> {
          // commits the container's volume views, then refreshes them, before answering
          SandboxTask task = task(request.getTaskId());
          try {
            tasks.reloadVolumes(task.taskId(), request.getContainerId());
          } catch (java.io.UncheckedIOException e) {
            throw Status.INTERNAL
                .withDescription("reloading the volumes failed: " + e.getCause().getMessage())
                .asRuntimeException();
          }
          response.onNext(TaskReloadVolumesResponse.getDefaultInstance());
          response.onCompleted();
        });
  }

  @Override
  public void sandboxStdioReadV2(
      SandboxStdioReadV2Request request, StreamObserver<SandboxStdioReadV2Response> response) {
    guarded(
        response,
        () -> {
          EntrypointStdio stdio = entrypoint(task(request.getTaskId()));
          EntrypointOutput output =
              request.getFileDescriptor()
                      == SandboxStdioFileDescriptor.SANDBOX_STDIO_FILE_DESCRIPTOR_STDERR
                  ? stdio.stderr()
                  : stdio.stdout();
          var call = (ServerCallStreamObserver<SandboxStdioReadV2Response>) response;
          new EntrypointReader(call, output, request.getOffset()).start();
        });
  }

  @Override
  public void sandboxStdinWriteV2(
      SandboxStdinWriteV2Request request, StreamObserver<SandboxStdinWriteV2Response> response) {
    guarded(
        response,
        () -> {
          SandboxTask task = task(request.getTaskId());
          task.touch();
          entrypoint(task)
              .stdin()
              .write(request.getOffset(), request.getData(), request.getEof())
              .whenComplete(
                  (v, e) -> {
                    response.onNext(SandboxStdinWriteV2Response.getDefaultInstance());
                    response.onCompleted();
                  });
        });
  }

  /** The entrypoint stdio of a V2 sandbox's task; FAILED_PRECONDITION for a V1 one. */
  private static EntrypointStdio entrypoint(SandboxTask task) {
    return task.entrypoint()
        .orElseThrow(
            () ->
                Status.FAILED_PRECONDITION
                    .withDescription(
                        "sandbox "
                            + task.sandboxId()
                            + " is a V1 sandbox: its entrypoint's stdio is on the control plane")
                    .asRuntimeException());
  }

  /** Kills every exec the router started. */
  void close() {
    execs.close();
  }

  /** Client-streamed stdin: a start, data at the running offset, an end that closes stdin. */
  private final class StdinStream implements StreamObserver<TaskExecStdinWriteStreamRequest> {
    private final StreamObserver<TaskExecStdinWriteStreamResponse> response;
    private Exec exec;
    private long offset;
    private long generation;
    private boolean failed;

    StdinStream(StreamObserver<TaskExecStdinWriteStreamResponse> response) {
      this.response = response;
    }

    @Override
    public void onNext(TaskExecStdinWriteStreamRequest request) {
      if (failed) {
        return;
      }
      try {
        switch (request.getPayloadCase()) {
          case START -> {
            if (exec != null) {
              throw invalid("the stream has already started");
            }
            var start = request.getStart();
            SandboxTask task = task(start.getTaskId());
            exec = execs.get(start.getTaskId(), start.getExecId());
            offset = start.getOffset();
            generation = exec.stdin().generation();
            task.touch();
          }
          case DATA -> write(request.getData(), false);
          case END -> write(ByteString.EMPTY, true);
          case PAYLOAD_NOT_SET -> throw invalid("a stdin stream message needs a payload");
        }
      } catch (StatusException e) {
        fail(e.getStatus().asRuntimeException());
      } catch (StatusRuntimeException e) {
        fail(e);
      } catch (CompletionException e) {
        fail(asStatus(e));
      }
    }

    private void write(ByteString data, boolean eof) throws StatusException {
      if (exec == null) {
        throw invalid("the first stdin stream message must be start").getStatus().asException();
      }
      if (exec.stdin().generation() != generation) {
        throw Status.ABORTED
            .withDescription("stdin stream evicted by TaskExecStdinStatus")
            .asException();
      }
      exec.stdin().write(offset, data, eof);
      offset += data.size();
    }

    private void fail(StatusRuntimeException e) {
      failed = true;
      response.onError(e);
    }

    @Override
    public void onError(Throwable t) {
      failed = true;
    }

    @Override
    public void onCompleted() {
      if (failed) {
        return;
      }
      if (exec == null) {
        fail(invalid("a stdin stream must start with start"));
        return;
      }
      response.onNext(TaskExecStdinWriteStreamResponse.getDefaultInstance());
      response.onCompleted();
    }
  }

  private static StatusRuntimeException invalid(String message) {
    return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
  }

  interface Body {
    void run() throws StatusException;
  }

  private static void guarded(StreamObserver<?> response, Body body) {
    try {
      body.run();
    } catch (StatusException e) {
      response.onError(e.getStatus().asRuntimeException(e.getTrailers()));
    } catch (StatusRuntimeException e) {
      response.onError(e);
    } catch (CompletionException e) {
      response.onError(asStatus(e));
    }
  }

  private static StatusRuntimeException asStatus(CompletionException e) {
    return e.getCause() instanceof StatusRuntimeException s
        ? s
        : Status.INTERNAL.withDescription(String.valueOf(e.getCause())).asRuntimeException();
  }
}
