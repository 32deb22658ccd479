package org.priwatt.examples.cli;

import java.util.Iterator;
import java.util.Locale;
import org.priwatt.crypto.NetworkParameters;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptAsm;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Typed option values shared by the commands; a value that does not convert exits 2. */
final class Converters {
  private Converters() {}

  /** {@code --network <id>}: one of {@link NetworkParameters#all()}. */
  static final class Network implements ITypeConverter<NetworkParameters> {
    @Override
    public NetworkParameters convert(String id) {
      return NetworkParameters.byId(id).orElseThrow(() -> new TypeConversionException(
          "unknown network '" + id + "'; known: " + String.join(", ", new NetworkIds())));
    }
  }

  /** The network ids, for help text and shell completion. */
  static final class NetworkIds implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return NetworkParameters.all().stream().map(NetworkParameters::id).iterator();
    }
  }

  /**
   * A script given as hex ({@code 76a914...}) or in Bitcoin Core's test assembler
   * ({@code 'DUP HASH160 0x14 0x89ab... EQUALVERIFY CHECKSIG'}, {@code '1 2 ADD 3 EQUAL'}). Text
   * that is entirely hex digits of even length is read as hex.
   */
  static final class ScriptText implements ITypeConverter<Script> {
    @Override
    public Script convert(String text) {
      String t = text.strip();
      if (isHex(t)) {
        return Script.fromHex(t);
      }
      try {
        return ScriptAsm.parse(t);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("not hex and not script assembly: " + e.getMessage());
      }
    }
  }

  /** Whether {@code s} is non-empty, of even length and only hex digits. */
  static boolean isHex(String s) {
    if (s.isEmpty() || s.length() % 2 != 0) {
      return false;
    }
    for (char c : s.toLowerCase(Locale.ROOT).toCharArray()) {
      if (Character.digit(c, 16) < 0) {
        return false;
      }
    }
    return true;
  }
}
