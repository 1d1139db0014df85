package dev.modal4j.functions;

import dev.modal4j.internal.Args;
import java.util.List;

/**
 * One node of a call graph ({@link FunctionCall#callGraph()}): a function input and the inputs of
 * the calls it made.
 *
 * @param inputId the input's id
 * @param functionCallId the call the input belongs to
 * @param taskId the container (task) that ran it; empty if none yet
 * @param status its state
 * @param functionName the function it called
 * @param moduleName the Python module of that function
 * @param children the inputs of calls made while running this input
 */
public record InputInfo(
    String inputId,
    String functionCallId,
    String taskId,
    InputStatus status,
    String functionName,
    String moduleName,
    List<InputInfo> children) {

  /**
   * Checks that no component is null and copies the children list so the record is immutable.
   *
   * @throws dev.modal4j.InvalidException naming a null component
   */
  public InputInfo {
    Args.notNull(inputId, "inputId");
    Args.notNull(functionCallId, "functionCallId");
    Args.notNull(taskId, "taskId");
    Args.notNull(status, "status");
    Args.notNull(functionName, "functionName");
    Args.notNull(moduleName, "moduleName");
    children = List.copyOf(Args.noNullElements(children, "children"));
  }
}
