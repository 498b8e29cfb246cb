package io.theseus.cli;

/** The running Theseus version, from the jar manifest ({@code dev} when run from classes). */
public final class TheseusVersion {

  private TheseusVersion() {}

  /** The version string, never null. */
  public static String current() {
    String version = TheseusVersion.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
