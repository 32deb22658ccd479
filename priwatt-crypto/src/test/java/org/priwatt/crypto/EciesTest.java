package org.priwatt.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class EciesTest {
  private static final EcKey RECIPIENT = key("4b0b73a54e19b059dc274ab69df095fe699f43b17397bca26fdf40f4d7400a3a");
  private static final EcKey OTHER = key("93d0b61371a54b53df143b954035d612f8efa8a3ed1cf842c2186bfd8f876665");

  private static EcKey key(String hex) {
    try {
      return EcKey.fromPrivate(Hex.decode(hex), false);
    } catch (CryptoException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void roundTripsManySizes() {
    Random rnd = new Random(42);
    for (int len = 0; len < 70; len++) {
      byte[] msg = new byte[len];
      rnd.nextBytes(msg);
      byte[] box = Ecies.encrypt(RECIPIENT.publicKey(), msg);
      assertThat(Ecies.decrypt(RECIPIENT, box)).hasValueSatisfying(p -> assertThat(p).isEqualTo(msg));
      assertThat(box.length).isLessThanOrEqualTo(Ecies.MAX_OVERHEAD + (len / 16 + 1) * 16);
    }
  }

  @Test
  void wireFormatMatchesBitmessageLayout() throws Exception {
    byte[] msg = "hello bitmessage".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] box = Ecies.encrypt(RECIPIENT.publicKey(), msg);
    assertThat(box[16]).isEqualTo((byte) 0x02);
    assertThat(box[17]).isEqualTo((byte) 0xCA);
    int xLen = ((box[18] & 0xff) << 8) | (box[19] & 0xff);
    int yOff = 20 + xLen;
    int yLen = ((box[yOff] & 0xff) << 8) | (box[yOff + 1] & 0xff);
    int bodyOff = yOff + 2 + yLen;
    byte[] sec = new byte[65];
    sec[0] = 4;
    System.arraycopy(box, 20, sec, 33 - xLen, xLen);
    System.arraycopy(box, yOff + 2, sec, 65 - yLen, yLen);
    EcPublicKey eph = EcPublicKey.decode(sec);
    // Independent re-derivation: KDF = SHA-512(ECDH X), HMAC-SHA256 over IV..ciphertext, AES-CBC.
    byte[] keys = Hashes.sha512(RECIPIENT.ecdhX(eph));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(Arrays.copyOfRange(keys, 32, 64), "HmacSHA256"));
    mac.update(box, 0, box.length - 32);
    assertThat(mac.doFinal()).isEqualTo(Arrays.copyOfRange(box, box.length - 32, box.length));
    Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
    aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(Arrays.copyOf(keys, 32), "AES"), new IvParameterSpec(box, 0, 16));
    assertThat(aes.doFinal(box, bodyOff, box.length - 32 - bodyOff)).isEqualTo(msg);
    assertThat(box.length - 32 - bodyOff).isEqualTo(32);
  }

  @Test
  void wrongKeyGivesEmpty() {
    byte[] box = Ecies.encrypt(RECIPIENT.publicKey(), new byte[40]);
    assertThat(Ecies.decrypt(OTHER, box)).isEmpty();
  }

  @Test
  void everyFlippedBitIsRejected() {
    byte[] box = Ecies.encrypt(RECIPIENT.publicKey(), "pay 5 kWh".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    for (int i = 0; i < box.length; i++) {
      byte[] t = box.clone();
      t[i] ^= 0x01;
      assertThat(Ecies.decrypt(RECIPIENT, t)).as("flip at %d", i).isEmpty();
    }
  }

  @Test
  void everyTruncationIsRejected() {
    byte[] box = Ecies.encrypt(RECIPIENT.publicKey(), new byte[33]);
    for (int cut = 0; cut < box.length; cut++) {
      assertThat(Ecies.decrypt(RECIPIENT, Arrays.copyOf(box, cut))).isEmpty();
    }
    byte[] longer = Arrays.copyOf(box, box.length + 1);
    assertThat(Ecies.decrypt(RECIPIENT, longer)).isEmpty();
  }

  @Test
  void hostileHeadersAreRejectedWithoutException() {
    byte[] box = Ecies.encrypt(RECIPIENT.publicKey(), new byte[16]);
    byte[] bigLen = box.clone();
    bigLen[18] = (byte) 0xff;
    assertThat(Ecies.decrypt(RECIPIENT, bigLen)).isEmpty();
    byte[] offCurve = box.clone();
    offCurve[21] ^= 0x40;
    assertThat(Ecies.decrypt(RECIPIENT, offCurve)).isEmpty();
    assertThat(Ecies.decrypt(RECIPIENT, new byte[200])).isEmpty();
  }

  @Test
  void freshEphemeralKeyAndIvEachTime() {
    byte[] a = Ecies.encrypt(RECIPIENT.publicKey(), new byte[8]);
    byte[] b = Ecies.encrypt(RECIPIENT.publicKey(), new byte[8]);
    assertThat(Arrays.copyOf(a, 60)).isNotEqualTo(Arrays.copyOf(b, 60));
  }

  @Test
  void seededRandomIsUsed() {
    Optional<byte[]> out = Ecies.decrypt(RECIPIENT, Ecies.encrypt(RECIPIENT.publicKey(), new byte[5], new SecureRandom()));
    assertThat(out).hasValueSatisfying(p -> assertThat(p).hasSize(5));
  }

  @Test
  void nullArgumentsAreCallerErrors() {
    assertThatThrownBy(() -> Ecies.encrypt(null, new byte[1])).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Ecies.decrypt(RECIPIENT, null)).isInstanceOf(NullPointerException.class);
  }
}
