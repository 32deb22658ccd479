package org.priwatt.examples.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.priwatt.crypto.SecretBytes;
import picocli.CommandLine.Option;

/**
 * Where the passphrase of an encrypted key file comes from: a file (for scripts), or the terminal
 * without echo. Never a command-line value, which other users can read in the process list.
 */
final class Passphrase {
  @Option(names = "--passphrase-file", paramLabel = "<file>",
      description = "Read the passphrase from the first line of this file instead of asking on the terminal.")
  Path file;

  /**
   * Reads the passphrase; asks twice (and compares) when {@code confirm}.
   *
   * @throws CliException {@link CliError#IO} if the file cannot be read, there is no terminal to
   *     ask on, or the two entries differ
   */
  SecretBytes read(boolean confirm) throws CliException {
    if (file != null) {
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
      } catch (IOException e) {
        throw new CliException(CliError.IO, "cannot read the passphrase file " + file + ": " + e.getMessage(), e);
      }
      try {
        // The first line, as UTF-8 bytes: read as bytes so no String copy of it stays behind.
        int end = 0;
        while (end < bytes.length && bytes[end] != '\n' && bytes[end] != '\r') {
          end++;
        }
        if (end == 0) {
          throw new CliException(CliError.BAD_FILE, "the passphrase file " + file + " starts with an empty line");
        }
        byte[] line = Arrays.copyOf(bytes, end);
        try {
          return SecretBytes.copyOf(line);
        } finally {
          Arrays.fill(line, (byte) 0);
        }
      } finally {
        Arrays.fill(bytes, (byte) 0);
      }
    }
    Console console = System.console();
    if (console == null) {
      throw new CliException(CliError.IO, "no terminal to ask for the passphrase on; use --passphrase-file");
    }
    char[] first = console.readPassword("passphrase: ");
    char[] second = confirm ? console.readPassword("again: ") : null;
    try {
      if (first == null || first.length == 0) {
        throw new CliException(CliError.IO, "no passphrase entered");
      }
      if (confirm && !Arrays.equals(first, second)) {
        throw new CliException(CliError.IO, "the two passphrases differ");
      }
      return SecretBytes.fromPassphrase(first);
    } finally {
      if (first != null) {
        Arrays.fill(first, '\0');
      }
      if (second != null) {
        Arrays.fill(second, '\0');
      }
    }
  }
}
