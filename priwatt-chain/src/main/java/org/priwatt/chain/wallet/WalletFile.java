package org.priwatt.chain.wallet;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import org.priwatt.chain.ChainException;
import org.priwatt.chain.wallet.internal.DataCipher;
import org.priwatt.crypto.AtomicFiles;
import org.priwatt.crypto.CryptoException;
import org.priwatt.crypto.EncryptedKeyFile;
import org.priwatt.crypto.NetworkParameters;
import org.priwatt.crypto.ScryptLimits;
import org.priwatt.crypto.ScryptParameters;
import org.priwatt.crypto.SecretBytes;
import org.priwatt.crypto.codec.ByteReader;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.DecodeException;
import org.priwatt.script.Script;

/**
 * Persists a wallet encrypted at rest (paper R11, attack A21) in one file, replaced atomically
 * through {@link AtomicFiles} (temporaries a crash left behind are removed on the next load or
 * save):
 *
 * <pre>
 * offset  size  field
 *      0     4  magic "PWWL"
 *      4     1  version 0x01
 *      5     2  length K of the key section (big-endian)
 *      7     K  key section: an {@link EncryptedKeyFile} sealing, under the passphrase,
 *               seed length (1), seed, data key (32), receive keys issued (4), change keys
 *               issued (4)
 *    7+K    12  data nonce
 *   19+K     -  AES-256-GCM under the data key of the {@link WalletCodec} content
 *               (transactions, watched scripts), tag last; bytes 0..19+K are associated data
 * </pre>
 *
 * Wrong passphrases and altered files are both reported as {@link WalletError#CORRUPT_FILE}.
 */
public final class WalletFile {
  /** Largest wallet file read, bytes. */
  public static final int MAX_FILE_SIZE = 256 << 20;
  private static final byte[] MAGIC = {'P', 'W', 'W', 'L'};
  private static final int VERSION = 1;
  private static final SecureRandom RANDOM = new SecureRandom();

  private WalletFile() {}

  /** What {@link #load} returns: the parts to build a {@link Wallet} from. */
  public record Contents(KeyChain keys, TxStore store, ScriptWatchList watched) {}

  /**
   * Writes the wallet to {@code path}, replacing any previous file atomically.
   *
   * @param params scrypt cost of the passphrase (use {@link ScryptParameters#DEFAULT} outside
   *     tests)
   * @throws ChainException {@link WalletError#IO_FAILURE} if writing fails
   */
  public static void save(Path path, KeyChain keys, TxStore store, ScriptWatchList watched,
      SecretBytes passphrase, ScryptParameters params) throws ChainException {
    Objects.requireNonNull(path, "path");
    byte[] dataKey = new byte[DataCipher.KEY_LENGTH];
    RANDOM.nextBytes(dataKey);
    byte[] keySecret = null;
    ByteWriter secretWriter = null;
    try (SecretBytes seed = keys.seed()) {
      byte[] s = seed.copyBytes();
      secretWriter = ByteWriter.of(ByteOrder.BIG_ENDIAN, 1 + s.length + dataKey.length + 8)
          .u8(s.length).bytes(s).bytes(dataKey).i32(keys.issued(KeyChain.Purpose.RECEIVE))
          .i32(keys.issued(KeyChain.Purpose.CHANGE));
      keySecret = secretWriter.toByteArray();
      Arrays.fill(s, (byte) 0);
      byte[] keySection;
      try (SecretBytes secret = SecretBytes.copyOf(keySecret)) {
        keySection = EncryptedKeyFile.seal(secret, passphrase, params, RANDOM);
      }
      byte[] nonce = new byte[DataCipher.NONCE_LENGTH];
      RANDOM.nextBytes(nonce);
      byte[] header = ByteWriter.of(ByteOrder.BIG_ENDIAN, 7 + keySection.length + nonce.length)
          .bytes(MAGIC).u8(VERSION).u16(keySection.length).bytes(keySection).bytes(nonce)
          .toByteArray();
      byte[] plain = WalletCodec.encode(store.all(), watched.redeemScripts());
      byte[] body = DataCipher.encrypt(dataKey, nonce, header, plain);
      writeAtomically(path, ByteWriter.of(ByteOrder.BIG_ENDIAN, header.length + body.length)
          .bytes(header).bytes(body).toByteArray());
    } finally {
      Arrays.fill(dataKey, (byte) 0);
      if (keySecret != null) {
        Arrays.fill(keySecret, (byte) 0);
      }
      if (secretWriter != null) {
        secretWriter.wipe();
      }
    }
  }

  /**
   * Reads a wallet written by {@link #save}, accepting scrypt costs up to {@link
   * ScryptLimits#DEFAULT}; see {@link #load(Path, SecretBytes, NetworkParameters, ScryptLimits)}.
   */
  public static Contents load(Path path, SecretBytes passphrase, NetworkParameters network)
      throws ChainException {
    return load(path, passphrase, network, ScryptLimits.DEFAULT);
  }

  /**
   * Reads a wallet written by {@link #save}. The scrypt cost named in the key section is checked
   * against {@code limits} before any key derivation.
   *
   * @param limits the largest scrypt cost to pay for this file
   * @throws ChainException {@link WalletError#IO_FAILURE} if it cannot be read, {@link
   *     WalletError#CORRUPT_FILE} if it is malformed, altered or the passphrase is wrong, or its
   *     scrypt cost exceeds {@code limits} (the cause then carries {@link
   *     org.priwatt.crypto.CryptoError#SCRYPT_COST_TOO_HIGH})
   */
  public static Contents load(Path path, SecretBytes passphrase, NetworkParameters network,
      ScryptLimits limits) throws ChainException {
    Objects.requireNonNull(limits, "limits");
    byte[] file = read(path);
    int keyLength;
    try {
      ByteReader in = ByteReader.of(file, ByteOrder.BIG_ENDIAN);
      if (!Arrays.equals(in.bytes(MAGIC.length), MAGIC) || in.u8() != VERSION) {
        throw corrupt("not a version 1 wallet file", null);
      }
      keyLength = in.u16();
    } catch (DecodeException e) {
      throw corrupt("not a version 1 wallet file", e);
    }
    int dataStart = 7 + keyLength + DataCipher.NONCE_LENGTH;
    if (file.length < dataStart + DataCipher.TAG_LENGTH) {
      throw corrupt("truncated", null);
    }
    byte[] keySecret = null;
    byte[] plain = null;
    try (SecretBytes secret = EncryptedKeyFile.open(Arrays.copyOfRange(file, 7, 7 + keyLength),
        passphrase, limits)) {
      keySecret = secret.copyBytes();
      ByteReader k = ByteReader.of(keySecret, ByteOrder.BIG_ENDIAN);
      int seedLength = k.u8();
      if (keySecret.length != 1 + seedLength + DataCipher.KEY_LENGTH + 8) {
        throw corrupt("key section has the wrong length", null);
      }
      byte[] seedBytes = k.bytes(seedLength);
      byte[] dataKey = k.bytes(DataCipher.KEY_LENGTH);
      int receive = k.i32();
      int change = k.i32();
      plain = DataCipher.decrypt(dataKey, Arrays.copyOfRange(file, 7 + keyLength, dataStart),
          Arrays.copyOf(file, dataStart), Arrays.copyOfRange(file, dataStart, file.length));
      Arrays.fill(dataKey, (byte) 0);
      if (plain == null) {
        throw corrupt("data section does not authenticate", null);
      }
      KeyChain keys;
      try (SecretBytes seed = SecretBytes.copyOf(seedBytes)) {
        keys = KeyChain.restore(seed, network, receive, change);
      } finally {
        Arrays.fill(seedBytes, (byte) 0);
      }
      return contents(keys, decodeData(plain));
    } catch (CryptoException e) {
      throw corrupt("key section: " + e.error(), e);
    } catch (DecodeException e) {
      throw corrupt("key section is malformed", e);
    } catch (IllegalArgumentException e) {
      throw corrupt("data section is malformed", e);
    } finally {
      if (keySecret != null) {
        Arrays.fill(keySecret, (byte) 0);
      }
    }
  }

  /**
   * Decodes the authenticated data section. Its decode errors are caught here, not around all
   * of {@link #load}, so the wallet's own failures raised there (a corrupt key section, a key
   * derivation error) keep their code and message.
   */
  private static WalletCodec.Content decodeData(byte[] plain) throws ChainException {
    try {
      return WalletCodec.decode(plain);
    } catch (DecodeException e) {
      throw corrupt("data section is malformed", e);
    }
  }

  private static Contents contents(KeyChain keys, WalletCodec.Content c) {
    TxStore store = TxStore.inMemory();
    c.transactions().forEach(store::put);
    ScriptWatchList watched = new ScriptWatchList();
    for (Script s : c.watched()) {
      watched.watch(s);
    }
    return new Contents(keys, store, watched);
  }

  private static ChainException corrupt(String message, Throwable cause) {
    return new ChainException(WalletError.CORRUPT_FILE, message, cause);
  }

  private static byte[] read(Path path) throws ChainException {
    // A crash during an earlier save left a temporary holding a sealed copy: remove it.
    AtomicFiles.removeStaleTemporaries(path);
    try {
      long size = Files.size(path);
      if (size > MAX_FILE_SIZE) {
        throw corrupt("file of " + size + " bytes is too large", null);
      }
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new ChainException(WalletError.IO_FAILURE, "cannot read " + path, e);
    }
  }

  private static void writeAtomically(Path path, byte[] data) throws ChainException {
    try {
      AtomicFiles.write(path, data);
    } catch (IOException e) {
      throw new ChainException(WalletError.IO_FAILURE, "cannot write " + path, e);
    }
  }
}
