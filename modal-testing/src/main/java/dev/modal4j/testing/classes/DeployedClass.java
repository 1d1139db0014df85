package dev.modal4j.testing.classes;

import dev.modal4j.testing.functions.DeployedFunction;

/** A class deployed in the emulator: its id, where it lives and its service function. */
public final class DeployedClass {
  private final String classId;
  private final String environment;
  private final String appName;
  private final EmulatedClass definition;
  private final DeployedFunction serviceFunction;

  DeployedClass(
      String classId,
      String environment,
      String appName,
      EmulatedClass definition,
      DeployedFunction serviceFunction) {
    this.classId = classId;
    this.environment = environment;
    this.appName = appName;
    this.definition = definition;
    this.serviceFunction = serviceFunction;
  }

  /** The class id ({@code cs-...}). */
  public String classId() {
    return classId;
  }

  /** The environment it is deployed in. */
  public String environment() {
    return environment;
  }

  /** The app it belongs to. */
  public String appName() {
    return appName;
  }

  /** What was deployed. */
  public EmulatedClass definition() {
    return definition;
  }

  /** The class service function ({@code Name.*}). */
  public DeployedFunction serviceFunction() {
    return serviceFunction;
  }
}
