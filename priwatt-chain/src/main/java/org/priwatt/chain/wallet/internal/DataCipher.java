package org.priwatt.chain.wallet.internal;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for the wallet file's data section, under a random 32-byte data key that is itself
 * sealed with the passphrase by {@code EncryptedKeyFile}. A fresh data key and nonce are drawn
 * for every save, so a (key, nonce) pair never repeats.
 */
public final class DataCipher {
  /** Key length, bytes. */
  public static final int KEY_LENGTH = 32;
  /** GCM nonce length, bytes. */
  public static final int NONCE_LENGTH = 12;
  /** GCM tag length, bytes. */
  public static final int TAG_LENGTH = 16;

  private DataCipher() {}

  /** Encrypts {@code plaintext}, authenticating {@code aad} too; returns ciphertext and tag. */
  public static byte[] encrypt(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext) {
    try {
      Cipher c = cipher(Cipher.ENCRYPT_MODE, key, nonce);
      c.updateAAD(aad);
      return c.doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  /**
   * Decrypts and verifies; returns null if the tag does not verify (wrong key or altered data).
   */
  public static byte[] decrypt(byte[] key, byte[] nonce, byte[] aad, byte[] ciphertext) {
    try {
      Cipher c = cipher(Cipher.DECRYPT_MODE, key, nonce);
      c.updateAAD(aad);
      return c.doFinal(ciphertext);
    } catch (AEADBadTagException e) {
      return null;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  private static Cipher cipher(int mode, byte[] key, byte[] nonce)
      throws GeneralSecurityException {
    if (key.length != KEY_LENGTH || nonce.length != NONCE_LENGTH) {
      throw new IllegalArgumentException("bad key or nonce length");
    }
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_LENGTH * 8, nonce));
    return c;
  }
}
