package org.priwatt.node.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bounded parts of the peer policy: bans, the address book, token buckets, network groups, inventories. */
class PeerPolicyPartsTest {
  private static InetAddress ip(String s) throws Exception {
    return InetAddress.getByName(s);
  }

  @Test
  void bansSurviveARestartAndExpire(@TempDir Path dir) throws Exception {
    AtomicLong now = new AtomicLong(1_000_000);
    Path file = dir.resolve("banlist.dat");
    BanList bans = BanList.load(file, now::get);
    bans.ban(ip("10.1.2.3"), now.get() + 1000);
    bans.ban(ip("2001:db8::1"), now.get() + 5000);
    assertThat(Files.exists(file)).isTrue();
    BanList reloaded = BanList.load(file, now::get);
    assertThat(reloaded.isBanned(ip("10.1.2.3"))).isTrue();
    assertThat(reloaded.isBanned(ip("2001:db8::1"))).isTrue();
    assertThat(reloaded.isBanned(ip("10.1.2.4"))).isFalse();
    now.addAndGet(2000);
    assertThat(reloaded.isBanned(ip("10.1.2.3"))).isFalse();
    assertThat(BanList.load(file, now::get).size()).isEqualTo(1);
  }

  @Test
  void aCorruptBanListStartsEmpty(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("banlist.dat");
    Files.write(file, new byte[] {'P', 'W', 'B', 'N', 1, 0x7f, 0, 0, 0, 1, 2});
    assertThat(BanList.load(file, () -> 0).size()).isZero();
    Files.write(file, new byte[BanList.MAX_ENTRIES * 24 + 100]);
    assertThat(BanList.load(file, () -> 0).size()).isZero();
  }

  @Test
  void theBanListIsBounded() throws Exception {
    BanList bans = BanList.inMemory(() -> 0);
    for (int i = 0; i < BanList.MAX_ENTRIES + 10; i++) {
      bans.ban(InetAddress.getByAddress(new byte[] {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i}), 1000 + i);
    }
    assertThat(bans.size()).isEqualTo(BanList.MAX_ENTRIES);
    // The bans closest to expiry went first.
    assertThat(bans.isBanned(InetAddress.getByAddress(new byte[] {10, 0, 0, 0}))).isFalse();
    assertThat(bans.isBanned(InetAddress.getByAddress(new byte[] {10, 0, 39, 25}))).isTrue();
  }

  @Test
  void theAddressBookIsBoundedAndBacksOff() throws Exception {
    AddressBook book = new AddressBook(3, new SecureRandom());
    for (int i = 1; i <= 5; i++) {
      book.add(new InetSocketAddress(ip("10.0.0." + i), 8333), 100 + i);
    }
    assertThat(book.size()).isEqualTo(3);
    assertThat(book.sample(10, Set.of()).keySet()).extracting(a -> a.getAddress().getHostAddress())
        .containsExactlyInAnyOrder("10.0.0.3", "10.0.0.4", "10.0.0.5");
    book.add(new InetSocketAddress(ip("0.0.0.0"), 8333), 1000);
    book.add(new InetSocketAddress(ip("10.0.0.9"), 0), 1000);
    assertThat(book.size()).isEqualTo(3);
    InetSocketAddress a = new InetSocketAddress(ip("10.0.0.5"), 8333);
    book.markFailed(a, 0);
    assertThat(book.pick(500, x -> x.equals(a))).isEmpty();
    assertThat(book.pick(1000, x -> x.equals(a))).contains(a);
  }

  @Test
  void tokenBucketsRefillAtTheirRate() {
    TokenBucket b = new TokenBucket(100, 200, 0);
    assertThat(b.take(200, 0)).isZero();
    assertThat(b.take(50, 0)).isEqualTo(-50);
    assertThat(b.waitNanos(0)).isEqualTo(510_000_000L);
    assertThat(b.take(0, 1_000_000_000L)).isEqualTo(50);
    assertThat(b.take(0, 100_000_000_000L)).isEqualTo(200);
  }

  @Test
  void networkGroupsAreSlash16AndSlash32WithLoopbackExempt() throws Exception {
    assertThat(NetGroup.of(ip("10.1.2.3"))).isEqualTo(NetGroup.of(ip("10.1.200.7")));
    assertThat(NetGroup.of(ip("10.1.2.3"))).isNotEqualTo(NetGroup.of(ip("10.2.2.3")));
    assertThat(NetGroup.of(ip("2001:db8:1::1"))).isEqualTo(NetGroup.of(ip("2001:db8:ffff::2")));
    assertThat(NetGroup.of(ip("2001:db8::1"))).isNotEqualTo(NetGroup.of(ip("2001:db9::1")));
    assertThat(NetGroup.of(ip("127.0.0.1"))).isNull();
    assertThat(NetGroup.of(ip("::1"))).isNull();
  }

  @Test
  void knownInventoriesForgetTheOldest() {
    KnownInventory<Integer> k = new KnownInventory<>(3);
    assertThat(k.add(1)).isTrue();
    assertThat(k.add(1)).isFalse();
    k.add(2);
    k.add(3);
    k.add(4);
    assertThat(k.contains(1)).isFalse();
    assertThat(k.contains(4)).isTrue();
    assertThat(k.size()).isEqualTo(3);
  }
}
