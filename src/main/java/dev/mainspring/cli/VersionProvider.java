package dev.mainspring.cli;

import picocli.CommandLine;

/** Reads the version Maven wrote into the jar manifest (absent when run from classes). */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Main.class.getPackage().getImplementationVersion();
    return new String[] {"mainspring " + (v == null ? "(development build)" : v)};
  }
}
