package org.priwatt.examples.cli;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.priwatt.crypto.AtomicFiles;
import org.priwatt.crypto.CryptoException;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.Hex;
import org.priwatt.msg.BitmessageAddress;
import org.priwatt.msg.Identity;
import org.priwatt.msg.MessageException;
import org.priwatt.msg.MessageObject;
import org.priwatt.msg.PowParameters;
import org.priwatt.msg.ProofOfWork;

/**
 * A messaging store in a directory, for the command line without a node: {@code identities/} holds
 * each local identity's private keys (owner-only permissions where the file system has them, like
 * PyBitmessage's keys.dat), {@code objects/} holds solved objects (pubkeys, msgs) by inventory
 * hash. Nothing leaves the machine: another store learns of an object only when its file is copied
 * there (the reference node relays them; issue 15).
 */
final class LocalMessageStore {
  private static final String IDENTITY_SUFFIX = ".identity";
  private static final String OBJECT_SUFFIX = ".object";
  /** Files larger than this are not identity files; checked before reading. */
  private static final long MAX_IDENTITY_FILE = 4096;
  private final Path identities;
  private final Path objects;

  private LocalMessageStore(Path root) {
    this.identities = root.resolve("identities");
    this.objects = root.resolve("objects");
  }

  /** Opens the store at {@code root}, creating its directories (identities owner-only). */
  static LocalMessageStore open(Path root) throws CliException {
    LocalMessageStore s = new LocalMessageStore(root);
    try {
      Files.createDirectories(s.objects);
      if (!Files.isDirectory(s.identities)) {
        Files.createDirectories(s.identities);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
          Files.setPosixFilePermissions(s.identities, PosixFilePermissions.fromString("rwx------"));
        }
      }
    } catch (IOException e) {
      throw new CliException(CliError.IO, "cannot create the store in " + root + ": " + e.getMessage(), e);
    }
    return s;
  }

  /** Saves a local identity with its private keys. */
  void saveIdentity(Identity id) throws CliException {
    byte[] sign = id.signingKey().privateKeyBytes();
    byte[] enc = id.encryptionKey().privateKeyBytes();
    PowParameters pow = id.publicIdentity().pow();
    String text = "# PriWatt messaging identity. PRIVATE KEYS: whoever reads this file can read its messages and sign as it.\n"
        + "address=" + id.address() + "\n"
        + "signing=" + Hex.encode(sign) + "\n"
        + "encryption=" + Hex.encode(enc) + "\n"
        + "stream=" + id.address().stream() + "\n"
        + "pow=" + pow.nonceTrialsPerByte() + "/" + pow.payloadLengthExtraBytes() + "\n";
    Arrays.fill(sign, (byte) 0);
    Arrays.fill(enc, (byte) 0);
    try {
      AtomicFiles.write(identities.resolve(id.address() + IDENTITY_SUFFIX), text.getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new CliException(CliError.IO, "cannot save the identity: " + e.getMessage(), e);
    }
  }

  /** Every local identity, in file name order. */
  List<Identity> identities() throws CliException {
    List<Identity> out = new ArrayList<>();
    for (Path p : list(identities, IDENTITY_SUFFIX)) {
      out.add(readIdentity(p));
    }
    return out;
  }

  /** The local identity of {@code address}. */
  Identity identity(BitmessageAddress address) throws CliException {
    Path p = identities.resolve(address + IDENTITY_SUFFIX);
    if (!Files.isRegularFile(p)) {
      throw new CliException(CliError.UNKNOWN_IDENTITY, address + " is not an identity of this store");
    }
    return readIdentity(p);
  }

  private Identity readIdentity(Path p) throws CliException {
    Properties props = new Properties();
    try {
      if (Files.size(p) > MAX_IDENTITY_FILE) {
        throw new CliException(CliError.BAD_FILE, p + " is too large for an identity file");
      }
      props.load(new StringReader(Files.readString(p, StandardCharsets.US_ASCII)));
      String[] pow = props.getProperty("pow", "").split("/", -1);
      EcKey sign = EcKey.fromPrivate(Hex.decode(props.getProperty("signing", "")));
      EcKey enc = EcKey.fromPrivate(Hex.decode(props.getProperty("encryption", "")));
      Identity id = Identity.of(sign, enc, Long.parseLong(props.getProperty("stream", "")),
          new PowParameters(Long.parseLong(pow[0]), Long.parseLong(pow[pow.length - 1])));
      if (pow.length != 2 || !id.address().toString().equals(props.getProperty("address"))) {
        throw new CliException(CliError.BAD_FILE, p + ": the keys do not give the address it names");
      }
      return id;
    } catch (IOException e) {
      throw new CliException(CliError.IO, "cannot read " + p + ": " + e.getMessage(), e);
    } catch (CryptoException | IllegalArgumentException e) {
      throw new CliException(CliError.BAD_FILE, p + " is not an identity file: " + e.getMessage(), e);
    }
  }

  /** Solves {@code unsolved} at {@code pow} and stores it; returns the solved object. */
  MessageObject solveAndStore(MessageObject unsolved, PowParameters pow, long now) throws CliException, MessageException {
    int threads = Runtime.getRuntime().availableProcessors();
    MessageObject solved = ProofOfWork.solve(unsolved, pow, now, threads, new AtomicBoolean());
    try {
      AtomicFiles.write(objects.resolve(solved.inventoryHash().toHex() + OBJECT_SUFFIX), solved.encoded());
    } catch (IOException e) {
      throw new CliException(CliError.IO, "cannot store the object: " + e.getMessage(), e);
    }
    return solved;
  }

  /** The file an object is stored in. */
  Path objectFile(MessageObject object) {
    return objects.resolve(object.inventoryHash().toHex() + OBJECT_SUFFIX);
  }

  /** Every stored object that decodes; files that do not are skipped (a store is untrusted input). */
  List<MessageObject> objects() throws CliException {
    List<MessageObject> out = new ArrayList<>();
    for (Path p : list(objects, OBJECT_SUFFIX)) {
      decode(p).ifPresent(out::add);
    }
    return out;
  }

  private static Optional<MessageObject> decode(Path p) throws CliException {
    try {
      if (Files.size(p) > MessageObject.MAX_SIZE) {
        return Optional.empty();
      }
      return Optional.of(MessageObject.decode(Files.readAllBytes(p)));
    } catch (IOException e) {
      throw new CliException(CliError.IO, "cannot read " + p + ": " + e.getMessage(), e);
    } catch (MessageException e) {
      return Optional.empty();
    }
  }

  private static List<Path> list(Path dir, String suffix) throws CliException {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + suffix)) {
      files.forEach(out::add);
    } catch (IOException e) {
      throw new CliException(CliError.IO, "cannot list " + dir + ": " + e.getMessage(), e);
    }
    out.sort(null);
    return out;
  }
}
