package org.priwatt.node.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.priwatt.crypto.AtomicFiles;
import org.priwatt.crypto.codec.ByteReader;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.DecodeException;
import org.priwatt.crypto.codec.LengthPrefix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Banned IP addresses with their expiry, kept in the data directory ({@code banlist.dat},
 * replaced atomically on every change) so a restart does not forgive a hostile peer. Bounded to
 * {@value #MAX_ENTRIES} entries: past it the ban closest to expiry is dropped, so a flood of
 * hostile addresses cannot grow the list (or the file) without limit. Format, big-endian:
 * magic "PWBN", version 1, count (u32), then per entry the 16-byte IPv6 form of the address and
 * the expiry in milliseconds since the epoch (i64). Thread-safe.
 */
final class BanList {
  static final int MAX_ENTRIES = 10_000;
  private static final Logger LOG = LoggerFactory.getLogger(BanList.class);
  private static final byte[] MAGIC = {'P', 'W', 'B', 'N'};
  private static final int ENTRY_SIZE = 16 + 8;

  private final Path file;
  private final LongSupplier clockMillis;
  private final Map<InetAddress, Long> bans = new HashMap<>();

  private BanList(Path file, LongSupplier clockMillis) {
    this.file = file;
    this.clockMillis = clockMillis;
  }

  /** A list kept in memory only. */
  static BanList inMemory(LongSupplier clockMillis) {
    return new BanList(null, clockMillis);
  }

  /** The list stored in {@code file}; an unreadable or corrupt file is logged and starts empty. */
  static BanList load(Path file, LongSupplier clockMillis) {
    BanList list = new BanList(file, clockMillis);
    if (!Files.exists(file)) {
      return list;
    }
    try {
      if (Files.size(file) > MAGIC.length + 5 + (long) MAX_ENTRIES * ENTRY_SIZE) {
        LOG.warn("ban list {} is larger than {} entries; ignored", file, MAX_ENTRIES);
        return list;
      }
      ByteReader in = ByteReader.of(Files.readAllBytes(file), ByteOrder.BIG_ENDIAN);
      if (!Arrays.equals(in.bytes(MAGIC.length), MAGIC) || in.u8() != 1) {
        LOG.warn("ban list {} has an unknown format; ignored", file);
        return list;
      }
      int n = in.count(LengthPrefix.U32, MAX_ENTRIES, ENTRY_SIZE);
      long now = clockMillis.getAsLong();
      for (int i = 0; i < n; i++) {
        InetAddress ip = InetAddress.getByAddress(in.bytes(16));
        long until = in.i64();
        if (until > now) {
          list.bans.put(ip, until);
        }
      }
      in.expectEnd();
    } catch (IOException | DecodeException e) {
      LOG.warn("ban list {} unreadable ({}); starting empty", file, e.getMessage());
      list.bans.clear();
    }
    return list;
  }

  /** Bans {@code ip} until {@code untilMillis} (extending, never shortening, a ban) and saves. */
  synchronized void ban(InetAddress ip, long untilMillis) {
    bans.merge(ip, untilMillis, Math::max);
    if (bans.size() > MAX_ENTRIES) {
      InetAddress soonest = bans.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();
      bans.remove(soonest);
    }
    save();
  }

  /** Lifts the ban of {@code ip}; returns whether there was one. */
  synchronized boolean unban(InetAddress ip) {
    boolean had = bans.remove(ip) != null;
    if (had) {
      save();
    }
    return had;
  }

  synchronized boolean isBanned(InetAddress ip) {
    Long until = bans.get(ip);
    if (until == null) {
      return false;
    }
    if (until <= clockMillis.getAsLong()) {
      bans.remove(ip);
      return false;
    }
    return true;
  }

  /** The current bans (address, expiry millis), soonest expiry first. */
  synchronized List<Map.Entry<InetAddress, Long>> entries() {
    long now = clockMillis.getAsLong();
    bans.values().removeIf(until -> until <= now);
    List<Map.Entry<InetAddress, Long>> out = new ArrayList<>();
    for (Map.Entry<InetAddress, Long> e : bans.entrySet()) {
      out.add(Map.entry(e.getKey(), e.getValue()));
    }
    out.sort(Comparator.comparing(Map.Entry<InetAddress, Long>::getValue));
    return out;
  }

  synchronized int size() {
    return entries().size();
  }

  private void save() {
    if (file == null) {
      return;
    }
    ByteWriter out = ByteWriter.of(ByteOrder.BIG_ENDIAN, 16 + bans.size() * ENTRY_SIZE).bytes(MAGIC).u8(1)
        .u32(bans.size());
    for (Map.Entry<InetAddress, Long> e : bans.entrySet()) {
      out.bytes(ipv6(e.getKey())).i64(e.getValue());
    }
    try {
      AtomicFiles.write(file, out.toByteArray());
    } catch (IOException e) {
      LOG.warn("could not save the ban list {}: {}", file, e.getMessage());
    }
  }

  private static byte[] ipv6(InetAddress ip) {
    byte[] raw = ip.getAddress();
    if (raw.length == 16) {
      return raw;
    }
    byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xff;
    mapped[11] = (byte) 0xff;
    System.arraycopy(raw, 0, mapped, 12, 4);
    return mapped;
  }
}
