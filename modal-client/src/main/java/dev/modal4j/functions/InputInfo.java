package dev.modal4j.functions;

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

  /** Copies the children list so the record is immutable. */
  public InputInfo {
    children = List.copyOf(children);
  }
}
