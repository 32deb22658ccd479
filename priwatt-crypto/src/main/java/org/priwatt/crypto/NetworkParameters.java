package org.priwatt.crypto;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * The version bytes that tie encoded keys and addresses to one network: the Base58Check version
 * bytes of P2PKH and P2SH addresses, the WIF private-key prefix and the BIP 32 extended-key
 * versions.
 *
 * <p>An immutable value passed explicitly to every encoder and parser; there is deliberately no
 * process-wide "current network". Chain-level parameters (genesis block, ports, message magic)
 * live in {@code priwatt-chain}, which wraps this value.
 *
 * <p>Presets:
 *
 * <table>
 *   <caption>Version bytes of the presets</caption>
 *   <tr><th>network</th><th>P2PKH</th><th>P2SH</th><th>WIF</th><th>xprv</th><th>xpub</th></tr>
 *   <tr><td>{@link #PRIWATT}</td><td>0x37 ("P...")</td><td>0x75 ("p...")</td>
 *       <td>0xb7</td><td>0x03e25946 ("pprv")</td><td>0x03e25d80 ("ppub")</td></tr>
 *   <tr><td>{@link #BITCOIN_MAINNET}</td><td>0x00 ("1...")</td><td>0x05 ("3...")</td>
 *       <td>0x80</td><td>0x0488ade4 ("xprv")</td><td>0x0488b21e ("xpub")</td></tr>
 *   <tr><td>{@link #BITCOIN_TESTNET}</td><td>0x6f ("m"/"n")</td><td>0xc4 ("2...")</td>
 *       <td>0xef</td><td>0x04358394 ("tprv")</td><td>0x043587cf ("tpub")</td></tr>
 * </table>
 *
 * <p>The PriWatt bytes were chosen to collide with no Bitcoin network (mainnet, testnet, regtest,
 * signet) so a PriWatt address or key can never be mistaken for, or spent as, a Bitcoin one; the
 * P2PKH and P2SH bytes make addresses start with a recognisable {@code P} / {@code p}.
 */
public final class NetworkParameters {
  /** PriWatt's private energy-trading chain. */
  public static final NetworkParameters PRIWATT =
      new NetworkParameters("priwatt", "PriWatt", 0x37, 0x75, 0xb7, 0x03e25946, 0x03e25d80);
  /** Bitcoin mainnet. */
  public static final NetworkParameters BITCOIN_MAINNET =
      new NetworkParameters(
          "bitcoin-mainnet", "Bitcoin mainnet", 0x00, 0x05, 0x80, 0x0488ade4, 0x0488b21e);
  /** Bitcoin testnet3 (regtest and signet use the same bytes). */
  public static final NetworkParameters BITCOIN_TESTNET =
      new NetworkParameters(
          "bitcoin-testnet", "Bitcoin testnet", 0x6f, 0xc4, 0xef, 0x04358394, 0x043587cf);

  private static final List<NetworkParameters> ALL =
      List.of(PRIWATT, BITCOIN_MAINNET, BITCOIN_TESTNET);

  private final String id;
  private final String displayName;
  private final int p2pkhVersion;
  private final int p2shVersion;
  private final int wifPrefix;
  private final int bip32PrivateVersion;
  private final int bip32PublicVersion;

  private NetworkParameters(
      String id,
      String displayName,
      int p2pkhVersion,
      int p2shVersion,
      int wifPrefix,
      int bip32PrivateVersion,
      int bip32PublicVersion) {
    this.id = id;
    this.displayName = displayName;
    this.p2pkhVersion = p2pkhVersion;
    this.p2shVersion = p2shVersion;
    this.wifPrefix = wifPrefix;
    this.bip32PrivateVersion = bip32PrivateVersion;
    this.bip32PublicVersion = bip32PublicVersion;
  }

  /**
   * Creates parameters for another network (for example a local regression-test chain).
   *
   * @param id short machine-readable identifier, non-empty
   * @param displayName human-readable name, non-empty
   * @param p2pkhVersion P2PKH address version byte, 0..255
   * @param p2shVersion P2SH address version byte, 0..255, different from {@code p2pkhVersion}
   * @param wifPrefix WIF private key prefix byte, 0..255
   * @param bip32PrivateVersion 4-byte BIP 32 version of extended private keys
   * @param bip32PublicVersion 4-byte BIP 32 version of extended public keys, different from the
   *     private one
   * @throws NullPointerException if a name is null
   * @throws IllegalArgumentException if a byte is out of range, a name is empty, or the two
   *     address (or the two BIP 32) versions are equal, which would make parsing ambiguous
   */
  public static NetworkParameters of(
      String id,
      String displayName,
      int p2pkhVersion,
      int p2shVersion,
      int wifPrefix,
      int bip32PrivateVersion,
      int bip32PublicVersion) {
    requireNonEmpty(id, "id");
    requireNonEmpty(displayName, "displayName");
    requireByte(p2pkhVersion, "p2pkhVersion");
    requireByte(p2shVersion, "p2shVersion");
    requireByte(wifPrefix, "wifPrefix");
    if (p2pkhVersion == p2shVersion) {
      throw new IllegalArgumentException("P2PKH and P2SH versions must differ");
    }
    if (bip32PrivateVersion == bip32PublicVersion) {
      throw new IllegalArgumentException("BIP 32 private and public versions must differ");
    }
    return new NetworkParameters(
        id,
        displayName,
        p2pkhVersion,
        p2shVersion,
        wifPrefix,
        bip32PrivateVersion,
        bip32PublicVersion);
  }

  /** The presets, in a fixed order: {@link #PRIWATT}, {@link #BITCOIN_MAINNET}, {@link #BITCOIN_TESTNET}. */
  public static List<NetworkParameters> all() {
    return ALL;
  }

  /** The preset with identifier {@code id}, if any. */
  public static Optional<NetworkParameters> byId(String id) {
    Objects.requireNonNull(id, "id");
    return ALL.stream().filter(n -> n.id.equals(id)).findFirst();
  }

  /** The preset whose P2PKH version byte is {@code version}, if any. */
  public static Optional<NetworkParameters> byP2pkhVersion(int version) {
    return find(NetworkParameters::p2pkhVersion, version);
  }

  /** The preset whose P2SH version byte is {@code version}, if any. */
  public static Optional<NetworkParameters> byP2shVersion(int version) {
    return find(NetworkParameters::p2shVersion, version);
  }

  /** The preset whose WIF prefix byte is {@code prefix}, if any. */
  public static Optional<NetworkParameters> byWifPrefix(int prefix) {
    return find(NetworkParameters::wifPrefix, prefix);
  }

  /** The preset using {@code version} as its BIP 32 private or public version, if any. */
  public static Optional<NetworkParameters> byBip32Version(int version) {
    return ALL.stream()
        .filter(n -> n.bip32PrivateVersion == version || n.bip32PublicVersion == version)
        .findFirst();
  }

  /**
   * The network of a decoded WIF key or extended key: {@code expected} if it {@code uses} the
   * decoded version, or, when {@code expected} is null, the first preset that does.
   *
   * @param version the decoded version for messages, e.g. {@code "WIF prefix 128"}
   * @param kind what was decoded, for messages, e.g. {@code "WIF key"}
   * @throws CryptoException {@link CryptoError#UNKNOWN_VERSION} if no preset uses the version,
   *     {@link CryptoError#WRONG_NETWORK} if another preset than {@code expected} does
   */
  static NetworkParameters resolve(NetworkParameters expected, Predicate<NetworkParameters> uses,
      String version, String kind) throws CryptoException {
    if (expected != null && uses.test(expected)) {
      return expected;
    }
    Optional<NetworkParameters> known = ALL.stream().filter(uses).findFirst();
    if (known.isEmpty()) {
      throw new CryptoException(CryptoError.UNKNOWN_VERSION, "no known network uses " + version);
    }
    if (expected != null) {
      throw new CryptoException(CryptoError.WRONG_NETWORK,
          kind + " is for " + known.get().id() + ", expected " + expected.id());
    }
    return known.get();
  }

  private static Optional<NetworkParameters> find(ToIntFunction<NetworkParameters> field, int v) {
    return ALL.stream().filter(n -> field.applyAsInt(n) == v).findFirst();
  }

  /** Short machine-readable identifier, e.g. {@code "priwatt"}. */
  public String id() {
    return id;
  }

  /** Human-readable name, e.g. {@code "Bitcoin mainnet"}. */
  public String displayName() {
    return displayName;
  }

  /** Version byte (0..255) of P2PKH addresses. */
  public int p2pkhVersion() {
    return p2pkhVersion;
  }

  /** Version byte (0..255) of P2SH addresses. */
  public int p2shVersion() {
    return p2shVersion;
  }

  /** Prefix byte (0..255) of WIF private keys. */
  public int wifPrefix() {
    return wifPrefix;
  }

  /** 4-byte version of serialized BIP 32 extended private keys. */
  public int bip32PrivateVersion() {
    return bip32PrivateVersion;
  }

  /** 4-byte version of serialized BIP 32 extended public keys. */
  public int bip32PublicVersion() {
    return bip32PublicVersion;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof NetworkParameters)) {
      return false;
    }
    NetworkParameters n = (NetworkParameters) o;
    return id.equals(n.id)
        && displayName.equals(n.displayName)
        && p2pkhVersion == n.p2pkhVersion
        && p2shVersion == n.p2shVersion
        && wifPrefix == n.wifPrefix
        && bip32PrivateVersion == n.bip32PrivateVersion
        && bip32PublicVersion == n.bip32PublicVersion;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        id, displayName, p2pkhVersion, p2shVersion, wifPrefix, bip32PrivateVersion,
        bip32PublicVersion);
  }

  /** Returns the identifier, e.g. {@code "priwatt"}. */
  @Override
  public String toString() {
    return id;
  }

  private static void requireNonEmpty(String s, String what) {
    Objects.requireNonNull(s, what);
    if (s.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
  }

  private static void requireByte(int value, String what) {
    if (value < 0 || value > 0xff) {
      throw new IllegalArgumentException(what + " must be 0..255, got " + value);
    }
  }
}
