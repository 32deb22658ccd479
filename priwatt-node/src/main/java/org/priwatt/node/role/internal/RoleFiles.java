package org.priwatt.node.role.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.priwatt.crypto.AtomicFiles;
import org.priwatt.crypto.CryptoException;
import org.priwatt.crypto.EcKey;
import org.priwatt.crypto.EncryptedKeyFile;
import org.priwatt.crypto.Hashes;
import org.priwatt.crypto.Hex;
import org.priwatt.crypto.ScryptParameters;
import org.priwatt.crypto.SecretBytes;
import org.priwatt.energy.EnergyError;
import org.priwatt.energy.EnergyException;
import org.priwatt.energy.trade.SealedFileSessionStore;
import org.priwatt.energy.trade.SealedJournalSessionStore;
import org.priwatt.msg.Identity;
import org.priwatt.msg.PowParameters;

/**
 * The role's files in the data directory: {@code roles/role.seed} (32 random bytes sealed under
 * the wallet passphrase, from which the DSO's keys and the session sealing key are derived, so a
 * restarted node is the same DSO and reopens its sessions), {@code roles/dso.wal} (the registry's
 * write-ahead log), {@code roles/sessions/} (one sealed snapshot per trade session, one sealed
 * journal per payment channel) and, for the
 * DSO, {@code dso.properties} beside the node's files telling others its address and key. A node
 * in memory keeps them in a temporary directory removed on {@link #close()}.
 */
final class RoleFiles implements AutoCloseable {
  /** The DSO's public endpoint, beside status.json: keys {@code dso} and {@code dso-key}. */
  static final String DSO_FILE = "dso.properties";
  /** Scrypt cost sealing the seed under a human passphrase. */
  private static final ScryptParameters SEED_COST = ScryptParameters.of(14, 8, 1);
  /** Scrypt cost of session snapshots: their key is random, nothing to guess, saving stays cheap. */
  private static final ScryptParameters SESSION_COST = ScryptParameters.of(10, 8, 1);
  /** Scrypt cost of channel journals: a save per increment, a random key (the journal's advice). */
  private static final ScryptParameters JOURNAL_COST = ScryptParameters.of(1, 1, 1);

  private final Path base;
  private final Path dir;
  private final boolean temporary;
  private final SecretBytes seed;

  private RoleFiles(Path base, Path dir, boolean temporary, SecretBytes seed) {
    this.base = base;
    this.dir = dir;
    this.temporary = temporary;
    this.seed = seed;
  }

  static RoleFiles open(RoleHost host, SecureRandom random) throws EnergyException {
    try {
      boolean temporary = host.dataDir().isEmpty();
      Path base = temporary ? Files.createTempDirectory("priwatt-role") : host.dataDir().get();
      Path dir = base.resolve("roles");
      Files.createDirectories(dir.resolve("sessions"));
      Path seedFile = dir.resolve("role.seed");
      SecretBytes seed;
      try (SecretBytes pass = SecretBytes.copyOf(host.passphrase().getBytes(StandardCharsets.UTF_8))) {
        if (Files.exists(seedFile)) {
          seed = EncryptedKeyFile.read(seedFile, pass);
        } else {
          seed = SecretBytes.random(32, random);
          EncryptedKeyFile.write(seedFile, seed, pass, SEED_COST);
        }
      }
      return new RoleFiles(base, dir, temporary, seed);
    } catch (IOException e) {
      throw new EnergyException(EnergyError.STORAGE, "cannot create the role directory: " + e.getMessage(), e);
    } catch (CryptoException e) {
      throw new EnergyException(EnergyError.STORAGE, "cannot open roles/role.seed: " + e.error(), e);
    }
  }

  /** A secret derived from the seed for {@code purpose}; the caller wipes it. */
  private byte[] derive(String purpose) {
    byte[] s = seed.copyBytes();
    try {
      return Hashes.sha256(("priwatt role " + purpose).getBytes(StandardCharsets.UTF_8), s);
    } finally {
      java.util.Arrays.fill(s, (byte) 0);
    }
  }

  /** The DSO's certificate and escrow key (the same at every start). */
  EcKey dsoKey() throws EnergyException {
    byte[] k = derive("dso key");
    try {
      return EcKey.fromPrivate(k);
    } catch (CryptoException e) {
      // Probability about 2^-128: a hash outside the curve order.
      throw new EnergyException(EnergyError.STORAGE, "role seed yields no DSO key", e);
    } finally {
      java.util.Arrays.fill(k, (byte) 0);
    }
  }

  /** The DSO's messaging identity (the same at every start), demanding {@code pow}. */
  Identity dsoIdentity(PowParameters pow) {
    byte[] k = derive("dso identity");
    try {
      return Identity.deterministic(k, 1, Identity.DEFAULT_LEADING_ZEROS).withPow(pow);
    } finally {
      java.util.Arrays.fill(k, (byte) 0);
    }
  }

  /** The data directory (or the temporary one) holding {@code roles/}. */
  Path base() {
    return base;
  }

  /** The {@code roles} directory. */
  Path rolesDir() {
    return dir;
  }

  Path wal() {
    return dir.resolve("dso.wal");
  }

  /** The sealed store of session file {@code name} in {@code roles/sessions}. */
  SealedFileSessionStore store(String name) {
    byte[] k = derive("session seal");
    try (SecretBytes key = SecretBytes.copyOf(k)) {
      return SealedFileSessionStore.of(dir.resolve("sessions").resolve(name), key, SESSION_COST);
    } finally {
      java.util.Arrays.fill(k, (byte) 0);
    }
  }

  /**
   * The sealed journal of channel session file {@code name} in {@code roles/sessions}: a channel
   * saves before every increment, so it appends to a journal rather than replacing a file.
   *
   * @throws EnergyException if the journal cannot be opened (see {@link SealedJournalSessionStore#open})
   */
  SealedJournalSessionStore journal(String name) throws EnergyException {
    byte[] k = derive("session seal");
    try (SecretBytes key = SecretBytes.copyOf(k)) {
      return SealedJournalSessionStore.open(dir.resolve("sessions").resolve(name), key, JOURNAL_COST);
    } finally {
      java.util.Arrays.fill(k, (byte) 0);
    }
  }

  /**
   * Deletes session file {@code name} (a generation session whose entry a channel server took
   * over; its snapshot must not resume).
   *
   * @throws EnergyException if it exists and cannot be deleted
   */
  void delete(String name) throws EnergyException {
    try {
      Files.deleteIfExists(dir.resolve("sessions").resolve(name));
    } catch (IOException e) {
      throw new EnergyException(EnergyError.STORAGE, "cannot delete " + name + ": " + e.getMessage(), e);
    }
  }

  /** The session files whose names start with {@code prefix}, in name order. */
  List<String> sessions(String prefix) throws EnergyException {
    return sessions(prefix, ".session");
  }

  /** The session files whose names start with {@code prefix} and end with {@code suffix}, in name order. */
  List<String> sessions(String prefix, String suffix) throws EnergyException {
    try (Stream<Path> s = Files.list(dir.resolve("sessions"))) {
      List<String> out = new ArrayList<>();
      s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix) && n.endsWith(suffix))
          .sorted().forEach(out::add);
      return out;
    } catch (IOException e) {
      throw new EnergyException(EnergyError.STORAGE, "cannot list sessions: " + e.getMessage(), e);
    }
  }

  /** Writes {@value #DSO_FILE}: the DSO's address and key for prosumers, consumers and scripts. */
  void writeDsoFile(String address, EcKey key) throws EnergyException {
    String text = "# The DSO of this node: pass to prosumers and consumers as --dso and --dso-key\n"
        + "dso=" + address + "\n" + "dso-key=" + Hex.encode(key.publicKey().withCompression(true).encoded()) + "\n";
    try {
      AtomicFiles.write(base.resolve(DSO_FILE), text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new EnergyException(EnergyError.STORAGE, "cannot write " + DSO_FILE + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    seed.destroy();
    if (temporary) {
      try (Stream<Path> s = Files.walk(base)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // A temporary directory left behind is harmless; nothing else to do.
      }
    }
  }
}
