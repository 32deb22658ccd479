package org.priwatt.examples.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import org.priwatt.chain.ChainException;
import org.priwatt.crypto.CryptoException;
import org.priwatt.crypto.codec.DecodeException;
import org.priwatt.energy.EnergyException;
import org.priwatt.msg.MessageException;
import org.priwatt.node.NodeException;
import org.priwatt.node.rpc.RpcException;
import org.priwatt.script.ScriptException;

/**
 * Turns a failure into the one line the user sees: the library's typed code first (as a script
 * can match on it), then its message. Each module's exception carries its enum; anything else is
 * named by its class, as it is a bug or an unexpected environment, and {@code --verbose} shows
 * where it came from.
 */
final class Failures {
  private Failures() {}

  static String describe(Throwable e) {
    String code = code(e);
    String message = e.getMessage() == null ? "" : e.getMessage();
    if (e instanceof NoSuchFileException) {
      message = "no such file: " + message;
    } else if (e instanceof AccessDeniedException) {
      message = "access denied: " + message;
    } else if (e instanceof FileAlreadyExistsException) {
      message = "already exists: " + message;
    }
    // The libraries' messages often start with their code already; say it once.
    return message.isEmpty() ? code : message.startsWith(code) ? message : code + ": " + message;
  }

  private static String code(Throwable e) {
    if (e instanceof CliException c) {
      return c.error().name();
    } else if (e instanceof ChainException c) {
      return c.failure().name();
    } else if (e instanceof CryptoException c) {
      return c.error().name();
    } else if (e instanceof ScriptException c) {
      return c.error().name();
    } else if (e instanceof MessageException c) {
      return c.error().name();
    } else if (e instanceof EnergyException c) {
      return c.failure().name();
    } else if (e instanceof NodeException c) {
      return c.error().name();
    } else if (e instanceof DecodeException c) {
      return c.error().name();
    } else if (e instanceof RpcException c) {
      return c.error().name();
    } else if (e instanceof IOException) {
      return CliError.IO.name();
    }
    return e.getClass().getSimpleName();
  }
}
