package dev.modal4j.internal.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modal4j.InvalidException;
import dev.modal4j.ModalException;
import dev.modal4j.NotFoundException;
import dev.modal4j.SandboxFilesystemDirectoryNotEmptyException;
import dev.modal4j.SandboxFilesystemException;
import dev.modal4j.SandboxFilesystemFileTooLargeException;
import dev.modal4j.SandboxFilesystemIsADirectoryException;
import dev.modal4j.SandboxFilesystemNotADirectoryException;
import dev.modal4j.SandboxFilesystemNotFoundException;
import dev.modal4j.SandboxFilesystemPathAlreadyExistsException;
import dev.modal4j.SandboxFilesystemPermissionException;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the sandbox filesystem tool's failures become exceptions (protocol/resources.md §5.12, the
 * same rules as Modal's Go and JS SDKs): the JSON error payload on stderr by operation, an exit
 * code without one, and the exec's own RPC failures.
 */
public final class FsErrors {
  private static final Logger log = LoggerFactory.getLogger(FsErrors.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SUPPORT_CODE = Pattern.compile("Error code:\\s*([A-Z0-9]{8})");
  private static final Set<Status.Code> UNAVAILABLE =
      Set.of(
          Status.Code.NOT_FOUND,
          Status.Code.CANCELLED,
          Status.Code.UNKNOWN,
          Status.Code.DEADLINE_EXCEEDED,
          Status.Code.UNAVAILABLE);

  /** The filesystem operations, each with its own mapping of error kinds. */
  public enum Op {
    /** ReadFile: readText, readBytes, open, copyToLocal. */
    READ,
    /** WriteFile: writeText, writeBytes, write, copyFromLocal. */
    WRITE,
    /** ListFiles. */
    LIST,
    /** Stat. */
    STAT,
    /** MakeDirectory. */
    MAKE_DIRECTORY,
    /** Remove. */
    REMOVE,
    /** Watch. */
    WATCH
  }

  private FsErrors() {}

  /** The exception for the tool's exit {@code code} with {@code stderr}, for {@code path}. */
  public static ModalException fromExit(Op op, int code, byte[] stderr, String path) {
    JsonNode payload = parse(stderr);
    if (payload == null) {
      String text = new String(stderr, StandardCharsets.UTF_8).trim();
      if (!text.isEmpty()) {
        log.debug("Unstructured filesystem tool stderr: {}", text);
      }
      return new SandboxFilesystemException(
          "Operation on '" + path + "' failed with exit code " + code);
    }
    String kind = payload.get("error_kind").asText();
    String message = payload.get("message").asText();
    log.debug(
        "Filesystem tool error: op={}, path={}, error_kind={}, message={}, detail={}",
        op,
        path,
        kind,
        message,
        payload.path("detail").asText(""));
    String full = message + ": " + path;
    String unsupported = full + " - this operation is not supported for CloudBucketMounts";
    switch (op) {
      case LIST:
        return switch (kind) {
          case "NotFound" -> new SandboxFilesystemNotFoundException(full);
          case "IsFile", "NotDirectory" -> new SandboxFilesystemNotADirectoryException(full);
          case "PermissionDenied" -> new SandboxFilesystemPermissionException(full);
          default -> new SandboxFilesystemException(message);
        };
      case MAKE_DIRECTORY:
        return switch (kind) {
          case "NotFound" -> new SandboxFilesystemNotFoundException(full);
          case "PathAlreadyExists" -> new SandboxFilesystemPathAlreadyExistsException(full);
          case "NotDirectory" -> new SandboxFilesystemNotADirectoryException(full);
          case "PermissionDenied" -> new SandboxFilesystemPermissionException(full);
          case "NotSupported" -> new InvalidException(unsupported);
          default -> new SandboxFilesystemException(message);
        };
      case READ:
        return switch (kind) {
          case "NotFound" -> new SandboxFilesystemNotFoundException(full);
          case "IsDirectory" -> new SandboxFilesystemIsADirectoryException(full);
          case "PermissionDenied" -> new SandboxFilesystemPermissionException(full);
          case "FileTooLarge" -> new SandboxFilesystemFileTooLargeException(full);
          default -> new SandboxFilesystemException(message);
        };
      case REMOVE:
        return switch (kind) {
          case "NotFound" -> new SandboxFilesystemNotFoundException(full);
          case "DirectoryNotEmpty" -> new SandboxFilesystemDirectoryNotEmptyException(full);
          case "NotSupported" -> new InvalidException(unsupported);
          case "PermissionDenied" -> new SandboxFilesystemPermissionException(full);
          default -> new SandboxFilesystemException(message);
        };
      case STAT:
        return switch (kind) {
          case "NotFound" -> new SandboxFilesystemNotFoundException(full);
          case "NotDirectory" -> new SandboxFilesystemNotADirectoryException(full);
          case "PermissionDenied" -> new SandboxFilesystemPermissionException(full);
          default -> new SandboxFilesystemException(message);
        };
      case WATCH:
        return switch (kind) {
          case "NotFound" -> new SandboxFilesystemNotFoundException(full);
          case "PermissionDenied" -> new SandboxFilesystemPermissionException(full);
          case "NotSupported" -> new InvalidException(unsupported);
          default -> new SandboxFilesystemException(message);
        };
      case WRITE:
      default:
        return switch (kind) {
          case "NotDirectory", "AlreadyExists" -> new SandboxFilesystemNotADirectoryException(full);
          case "IsDirectory" -> new SandboxFilesystemIsADirectoryException(full);
          case "PermissionDenied" -> new SandboxFilesystemPermissionException(full);
          default -> new SandboxFilesystemException(message);
        };
    }
  }

  /**
   * The exception the caller sees for a failure of the exec machinery itself: the sandbox is gone
   * (NotFoundException) for NOT_FOUND, CANCELLED, UNKNOWN, DEADLINE_EXCEEDED and UNAVAILABLE; a
   * generic filesystem failure (with Modal's support code, if any) for other RPC failures; other
   * exceptions unchanged.
   */
  public static RuntimeException fromExec(Op op, String path, Throwable failure) {
    Throwable t = failure;
    while ((t instanceof java.util.concurrent.CompletionException
            || t instanceof java.util.concurrent.ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof SandboxFilesystemException || t instanceof InvalidException) {
      return (RuntimeException) t;
    }
    Status.Code code = null;
    if (t instanceof ModalException m) {
      code = m.statusCode().orElse(null);
    }
    if (t instanceof NotFoundException || (code != null && UNAVAILABLE.contains(code))) {
      log.debug(
          "Sandbox filesystem {} on {}: the sandbox is unavailable: {}", op, path, t.toString());
      return new NotFoundException(
          "The Sandbox is unavailable. This Sandbox may have already shut down.", t);
    }
    if (code != null) {
      log.debug(
          "Unexpected sandbox filesystem exec error: op={}, path={}: {}", op, path, t.toString());
      Matcher m = SUPPORT_CODE.matcher(String.valueOf(t.getMessage()));
      String suffix =
          m.find()
              ? "please contact support@modal.com (Error code: " + m.group(1) + ")"
              : "please contact support@modal.com";
      return new SandboxFilesystemException("An unexpected error occurred, " + suffix, t);
    }
    return t instanceof RuntimeException r ? r : new SandboxFilesystemException(t.toString(), t);
  }

  private static JsonNode parse(byte[] stderr) {
    String text = new String(stderr, StandardCharsets.UTF_8).trim();
    if (text.isEmpty()) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(text);
      if (node == null || !node.isObject()) {
        return null;
      }
      JsonNode kind = node.get("error_kind");
      JsonNode message = node.get("message");
      if (kind == null || !kind.isTextual() || message == null || !message.isTextual()) {
        return null;
      }
      return message.asText().isBlank() ? null : node;
    } catch (java.io.IOException e) {
      return null;
    }
  }
}
