package org.priwatt.examples.cli;

import java.io.PrintStream;
import java.util.List;
import org.priwatt.crypto.Secp256k1;

/** {@code priwatt info}: version, JVM and the active secp256k1 backend. */
final class InfoCommand implements Command {
  @Override
  public String name() {
    return "info";
  }

  @Override
  public String summary() {
    return "version, Java runtime and the active secp256k1 backend";
  }

  @Override
  public int run(List<String> args, PrintStream out) {
    Package p = InfoCommand.class.getPackage();
    String version = p.getImplementationVersion() == null ? "development" : p.getImplementationVersion();
    out.println("PriWatt SDK " + version);
    out.println("java:      " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
    out.println("secp256k1: " + Secp256k1.active() + " - " + Secp256k1.describe());
    out.println("native libsecp256k1 available: " + Secp256k1.isNativeAvailable());
    return 0;
  }
}
