package org.priwatt.node;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.priwatt.chain.params.ChainParameters;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.priwatt.chain.Amount;
import org.priwatt.crypto.CryptoException;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.crypto.Hex;
import org.priwatt.energy.EnergyAmount;
import org.priwatt.msg.BitmessageAddress;
import org.priwatt.msg.MessageException;
import org.priwatt.msg.PowParameters;
import org.priwatt.node.role.Role;
import org.priwatt.node.role.RoleConfig;

/**
 * A {@link NodeConfig} from a properties file, for {@link NodeLauncher} and scripts that start
 * node processes. Keys are the command line's long option names; unknown keys are refused so a
 * typo is not silently ignored:
 *
 * <pre>
 * name, network (regtest | priwatt), datadir, in-memory, bind, port, listen,
 * connect, addnode (comma-separated host:port lists), proxy (host:port),
 * max-inbound, max-outbound, mine, mine-address, mine-interval-ms,
 * handshake-timeout-ms, ping-interval-ms, ping-timeout-ms, idle-timeout-ms,
 * stall-timeout-ms, slow-reader-timeout-ms, ban-duration-ms,
 * max-messages-per-second, max-bytes-per-second,
 * message-pow-trials, message-pow-extra-bytes, wallet-passphrase, status-interval-ms,
 * rpc, rpc-bind, rpc-port, rpc-user, rpc-password,
 * role (dso | prosumer | consumer), dso (the DSO's BM- address), dso-key (its key, hex), meter
 * (DSO: registered meter keys, hex, comma-separated),
 * confirmations, fee, trade-timeout-ms, role-tick-ms, lock-seconds (DSO),
 * pv-area, pv-yield, pv-latitude, pv-longitude, pv-day, meter-interval-ms, price, offer-ttl,
 * max-open-offers (prosumer), budget, demand-wh, max-price, fund-by-mining (consumer),
 * channels, channel-pay-interval-ms, channel-refund-delay (Case 2)
 * </pre>
 */
public final class NodeProperties {
  private static final Set<String> KEYS = Set.of("name", "network", "datadir", "in-memory", "bind", "port",
      "listen", "connect", "addnode", "proxy", "max-inbound", "max-outbound", "mine", "mine-address",
      "mine-interval-ms", "handshake-timeout-ms", "ping-interval-ms", "ping-timeout-ms", "idle-timeout-ms",
      "stall-timeout-ms", "slow-reader-timeout-ms", "ban-duration-ms", "max-messages-per-second",
      "max-bytes-per-second", "message-pow-trials", "message-pow-extra-bytes", "wallet-passphrase",
      "status-interval-ms", "rpc", "rpc-bind", "rpc-port", "rpc-user", "rpc-password");
  private static final Set<String> ROLE_KEYS = Set.of("role", "dso", "dso-key", "meter", "confirmations", "fee",
      "trade-timeout-ms", "role-tick-ms", "lock-seconds", "pv-area", "pv-yield", "pv-latitude", "pv-longitude",
      "pv-day", "meter-interval-ms", "price", "offer-ttl", "max-open-offers", "budget", "demand-wh", "max-price",
      "fund-by-mining", "channels", "channel-pay-interval-ms", "channel-refund-delay");

  private NodeProperties() {}

  /**
   * Reads {@code file} (UTF-8).
   *
   * @throws NodeException {@link NodeError#DATA_DIR_FAILURE} if it cannot be read, {@link
   *     NodeError#INVALID_CONFIG} if a key or value is invalid
   */
  public static NodeConfig load(Path file) throws NodeException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException | IllegalArgumentException e) {
      throw new NodeException(NodeError.DATA_DIR_FAILURE, "cannot read " + file + ": " + e.getMessage(), e);
    }
    return parse(p);
  }

  /**
   * The configuration the properties describe; absent keys keep {@link NodeConfig.Builder}'s defaults.
   *
   * @throws NodeException {@link NodeError#INVALID_CONFIG} for an unknown key or an invalid value
   */
  public static NodeConfig parse(Properties p) throws NodeException {
    Set<String> unknown = new TreeSet<>(p.stringPropertyNames());
    unknown.removeAll(KEYS);
    unknown.removeAll(ROLE_KEYS);
    if (!unknown.isEmpty()) {
      throw new NodeException(NodeError.INVALID_CONFIG, "unknown keys " + unknown);
    }
    NodeConfig.Builder b = NodeConfig.builder();
    try {
      ChainParameters network = network(p.getProperty("network", "regtest"));
      b.network(network);
      int defaultPort = network.p2pPort();
      str(p, "name", b::name);
      if (!bool(p, "in-memory", false) && p.getProperty("datadir") != null) {
        b.dataDir(Path.of(p.getProperty("datadir")));
      }
      str(p, "bind", b::bindHost);
      integer(p, "port", b::port);
      b.listen(bool(p, "listen", true));
      for (String s : list(p, "connect")) {
        b.connect(HostPort.parse(s, defaultPort));
      }
      for (String s : list(p, "addnode")) {
        b.addNode(HostPort.parse(s, defaultPort));
      }
      if (p.getProperty("proxy") != null) {
        b.proxy(HostPort.parse(p.getProperty("proxy"), 1080));
      }
      integer(p, "max-inbound", b::maxInbound);
      integer(p, "max-outbound", b::maxOutbound);
      b.mine(bool(p, "mine", false));
      str(p, "mine-address", b::mineAddress);
      millis(p, "mine-interval-ms", b::mineInterval);
      millis(p, "handshake-timeout-ms", b::handshakeTimeout);
      millis(p, "ping-interval-ms", b::pingInterval);
      millis(p, "ping-timeout-ms", b::pingTimeout);
      millis(p, "idle-timeout-ms", b::idleTimeout);
      millis(p, "stall-timeout-ms", b::stallTimeout);
      millis(p, "slow-reader-timeout-ms", b::slowReaderTimeout);
      millis(p, "ban-duration-ms", b::banDuration);
      integer(p, "max-messages-per-second", b::maxMessagesPerSecond);
      if (p.getProperty("max-bytes-per-second") != null) {
        b.maxBytesPerSecond(Long.parseLong(p.getProperty("max-bytes-per-second").trim()));
      }
      if (p.getProperty("message-pow-trials") != null || p.getProperty("message-pow-extra-bytes") != null) {
        b.messagePow(new PowParameters(
            Long.parseLong(p.getProperty("message-pow-trials", "1000").trim()),
            Long.parseLong(p.getProperty("message-pow-extra-bytes", "1000").trim())));
      }
      str(p, "wallet-passphrase", b::walletPassphrase);
      millis(p, "status-interval-ms", b::statusInterval);
      b.rpcEnabled(bool(p, "rpc", false));
      str(p, "rpc-bind", b::rpcBind);
      integer(p, "rpc-port", b::rpcPort);
      str(p, "rpc-user", b::rpcUser);
      str(p, "rpc-password", b::rpcPassword);
      b.role(role(p));
      return b.build();
    } catch (IllegalArgumentException e) {
      // NumberFormatException included: a value of the wrong form.
      throw new NodeException(NodeError.INVALID_CONFIG, e.getMessage(), e);
    }
  }

  /** The role the role keys describe; null without {@code role}. */
  private static RoleConfig role(Properties p) throws NodeException {
    String name = p.getProperty("role");
    if (name == null) {
      for (String k : ROLE_KEYS) {
        if (p.getProperty(k) != null) {
          throw new NodeException(NodeError.INVALID_CONFIG, k + " without role");
        }
      }
      return null;
    }
    RoleConfig.Builder r = RoleConfig.builder(Role.parse(name));
    try {
      if (p.getProperty("dso") != null) {
        r.dso(BitmessageAddress.parse(p.getProperty("dso").trim()));
      }
      if (p.getProperty("dso-key") != null) {
        r.dsoKey(EcPublicKey.decode(Hex.decode(p.getProperty("dso-key").trim())));
      }
    } catch (MessageException | CryptoException e) {
      throw new NodeException(NodeError.INVALID_CONFIG, "dso: " + e.getMessage(), e);
    }
    if (p.getProperty("meter") != null) {
      for (String m : p.getProperty("meter").split(",")) {
        try {
          r.meter(org.priwatt.node.role.MeterKeys.parseKey(m, "meter"));
        } catch (org.priwatt.energy.EnergyException e) {
          throw new NodeException(NodeError.INVALID_CONFIG, e.getMessage(), e);
        }
      }
    }
    integer(p, "confirmations", r::confirmations);
    str(p, "fee", v -> r.fee(Amount.ofSat(Long.parseLong(v))));
    millis(p, "trade-timeout-ms", r::tradeTimeout);
    millis(p, "role-tick-ms", r::tick);
    str(p, "lock-seconds", v -> r.lockSeconds(Long.parseLong(v)));
    str(p, "pv-area", v -> r.pvArea(Double.parseDouble(v)));
    str(p, "pv-yield", v -> r.pvYield(Double.parseDouble(v)));
    if (p.getProperty("pv-latitude") != null || p.getProperty("pv-longitude") != null) {
      r.location(Double.parseDouble(p.getProperty("pv-latitude", "48.137").trim()),
          Double.parseDouble(p.getProperty("pv-longitude", "11.575").trim()));
    }
    try {
      str(p, "pv-day", v -> r.pvDay(LocalDate.parse(v)));
    } catch (DateTimeParseException e) {
      throw new NodeException(NodeError.INVALID_CONFIG, "pv-day: " + e.getMessage(), e);
    }
    millis(p, "meter-interval-ms", r::meterInterval);
    str(p, "price", v -> r.pricePerKwh(Long.parseLong(v)));
    str(p, "offer-ttl", v -> r.offerTtlSeconds(Long.parseLong(v)));
    integer(p, "max-open-offers", r::maxOpenOffers);
    str(p, "budget", v -> r.budget(Amount.ofSat(Long.parseLong(v))));
    str(p, "demand-wh", v -> r.demand(EnergyAmount.ofWattHours(Long.parseLong(v))));
    str(p, "max-price", v -> r.maxPricePerKwh(Long.parseLong(v)));
    r.fundByMining(bool(p, "fund-by-mining", true));
    r.channels(bool(p, "channels", false));
    millis(p, "channel-pay-interval-ms", r::channelPayInterval);
    str(p, "channel-refund-delay", v -> r.channelRefundDelayBlocks(Long.parseLong(v)));
    return r.build();
  }

  /** The chain called {@code name}: "regtest" or "priwatt". */
  public static ChainParameters network(String name) throws NodeException {
    for (ChainParameters c : new ChainParameters[] {ChainParameters.REGTEST, ChainParameters.PRIWATT}) {
      if (c.id().equals(name)) {
        return c;
      }
    }
    throw new NodeException(NodeError.INVALID_CONFIG, "unknown network " + name + " (regtest or priwatt)");
  }

  /** The properties that reproduce {@code values} (for writing a launcher's file). */
  public static Properties of(Map<String, String> values) throws NodeException {
    Properties p = new Properties();
    p.putAll(values);
    parse(p);
    return p;
  }

  private interface Setter<T> {
    void set(T value);
  }

  private static void str(Properties p, String key, Setter<String> s) {
    String v = p.getProperty(key);
    if (v != null) {
      s.set(v.trim());
    }
  }

  private static void integer(Properties p, String key, Setter<Integer> s) {
    String v = p.getProperty(key);
    if (v != null) {
      s.set(Integer.parseInt(v.trim()));
    }
  }

  private static void millis(Properties p, String key, Setter<Duration> s) {
    String v = p.getProperty(key);
    if (v != null) {
      s.set(Duration.ofMillis(Long.parseLong(v.trim())));
    }
  }

  private static boolean bool(Properties p, String key, boolean dflt) throws NodeException {
    String v = p.getProperty(key);
    if (v == null) {
      return dflt;
    }
    return switch (v.trim()) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw new NodeException(NodeError.INVALID_CONFIG, key + ": not a boolean: " + v);
    };
  }

  private static String[] list(Properties p, String key) {
    String v = p.getProperty(key);
    if (v == null || v.isBlank()) {
      return new String[0];
    }
    return v.trim().split("\\s*,\\s*");
  }
}
