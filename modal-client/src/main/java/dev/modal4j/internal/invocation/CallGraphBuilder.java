package dev.modal4j.internal.invocation;

import dev.modal4j.functions.InputInfo;
import dev.modal4j.functions.InputStatus;
import dev.modal4j.proto.FunctionCallCallGraphInfo;
import dev.modal4j.proto.FunctionGetCallGraphResponse;
import dev.modal4j.proto.GenericResult.GenericStatus;
import dev.modal4j.proto.InputCallGraphInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rebuilds the tree of inputs from a {@code FunctionGetCallGraphResponse}: an input's call names
 * its parent input; inputs whose call has no parent are roots; inputs whose call or parent is
 * missing (retention is limited) are left out.
 */
public final class CallGraphBuilder {
  private CallGraphBuilder() {}

  /** The root inputs, in response order. */
  public static List<InputInfo> build(FunctionGetCallGraphResponse response) {
    Map<String, FunctionCallCallGraphInfo> calls = new HashMap<>();
    for (FunctionCallCallGraphInfo call : response.getFunctionCallsList()) {
      calls.put(call.getFunctionCallId(), call);
    }
    Map<String, InputCallGraphInfo> inputs = new LinkedHashMap<>();
    for (InputCallGraphInfo input : response.getInputsList()) {
      inputs.putIfAbsent(input.getInputId(), input);
    }
    Map<String, List<String>> children = new HashMap<>();
    List<String> roots = new ArrayList<>();
    for (InputCallGraphInfo input : inputs.values()) {
      FunctionCallCallGraphInfo call = calls.get(input.getFunctionCallId());
      if (call == null) {
        continue;
      }
      String parent = call.getParentInputId();
      if (parent.isEmpty()) {
        roots.add(input.getInputId());
      } else if (inputs.containsKey(parent)) {
        children.computeIfAbsent(parent, k -> new ArrayList<>()).add(input.getInputId());
      }
    }
    List<InputInfo> result = new ArrayList<>();
    Set<String> visited = new HashSet<>();
    for (String root : roots) {
      result.add(node(root, inputs, calls, children, visited));
    }
    return List.copyOf(result);
  }

  private static InputInfo node(
      String inputId,
      Map<String, InputCallGraphInfo> inputs,
      Map<String, FunctionCallCallGraphInfo> calls,
      Map<String, List<String>> children,
      Set<String> visited) {
    visited.add(inputId);
    InputCallGraphInfo input = inputs.get(inputId);
    FunctionCallCallGraphInfo call = calls.get(input.getFunctionCallId());
    List<InputInfo> kids = new ArrayList<>();
    for (String child : children.getOrDefault(inputId, List.of())) {
      if (!visited.contains(child)) {
        kids.add(node(child, inputs, calls, children, visited));
      }
    }
    return new InputInfo(
        inputId,
        input.getFunctionCallId(),
        input.getTaskId(),
        status(input.getStatus()),
        call.getFunctionName(),
        call.getModuleName(),
        kids);
  }

  static InputStatus status(GenericStatus status) {
    switch (status) {
      case GENERIC_STATUS_SUCCESS:
        return InputStatus.SUCCESS;
      case GENERIC_STATUS_FAILURE:
        return InputStatus.FAILURE;
      case GENERIC_STATUS_TERMINATED:
        return InputStatus.TERMINATED;
      case GENERIC_STATUS_TIMEOUT:
        return InputStatus.TIMEOUT;
      case GENERIC_STATUS_INIT_FAILURE:
        return InputStatus.INIT_FAILURE;
      case GENERIC_STATUS_INTERNAL_FAILURE:
        return InputStatus.INTERNAL_FAILURE;
      case GENERIC_STATUS_IDLE_TIMEOUT:
        return InputStatus.IDLE_TIMEOUT;
      case GENERIC_STATUS_MEMORY_MANAGER_EVICTION:
        return InputStatus.MEMORY_MANAGER_EVICTION;
      default:
        return InputStatus.PENDING;
    }
  }
}
