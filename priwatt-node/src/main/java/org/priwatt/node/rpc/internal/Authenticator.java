package org.priwatt.node.rpc.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HTTP Basic authentication as bitcoind's {@code RPCAuthorized}: the one accepted user and
 * password are kept only as an HMAC-SHA256 under a random salt (as {@code -rpcauth} entries), and
 * a presented password is hashed the same way and compared in constant time, so neither the
 * comparison's timing nor a heap dump gives the password away. Thread-safe.
 */
public final class Authenticator {
  private final byte[] userBytes;
  private final byte[] salt = new byte[16];
  private final byte[] passwordMac;

  /**
   * Accepts {@code user}:{@code password}.
   *
   * @throws IllegalArgumentException if {@code user} contains ':' or the password is empty
   */
  public Authenticator(String user, char[] password, SecureRandom random) {
    Objects.requireNonNull(user, "user");
    if (user.indexOf(':') >= 0) {
      throw new IllegalArgumentException("an RPC user name cannot contain ':'");
    }
    if (password.length == 0) {
      throw new IllegalArgumentException("empty RPC password");
    }
    random.nextBytes(salt);
    this.userBytes = user.getBytes(StandardCharsets.UTF_8);
    java.nio.ByteBuffer encoded = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(password));
    byte[] pw = new byte[encoded.remaining()];
    encoded.get(pw);
    java.util.Arrays.fill(encoded.array(), (byte) 0);
    try {
      this.passwordMac = mac(pw, pw.length);
    } finally {
      java.util.Arrays.fill(pw, (byte) 0);
    }
  }

  private byte[] mac(byte[] data, int length) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(new SecretKeySpec(salt, "HmacSHA256"));
      m.update(data, 0, length);
      return m.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks HmacSHA256", e);
    }
  }

  /**
   * Whether the {@code Authorization} header value grants access: {@code Basic } followed by
   * base64 of {@code user:password}, both matching.
   */
  public boolean check(String authorization) {
    if (authorization == null || !authorization.startsWith("Basic ")) {
      return false;
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(authorization.substring(6).strip());
    } catch (IllegalArgumentException e) {
      return false; // not base64: no credentials
    }
    try {
      int colon = -1;
      for (int i = 0; i < decoded.length; i++) {
        if (decoded[i] == ':') {
          colon = i;
          break;
        }
      }
      if (colon < 0) {
        return false;
      }
      byte[] user = java.util.Arrays.copyOf(decoded, colon);
      byte[] pw = java.util.Arrays.copyOfRange(decoded, colon + 1, decoded.length);
      try {
        // Both compared in constant time and both always computed, as bitcoind's TimingResistantEqual.
        boolean userOk = MessageDigest.isEqual(user, userBytes);
        boolean pwOk = MessageDigest.isEqual(mac(pw, pw.length), passwordMac);
        return userOk & pwOk;
      } finally {
        java.util.Arrays.fill(pw, (byte) 0);
      }
    } finally {
      java.util.Arrays.fill(decoded, (byte) 0);
    }
  }

  @Override
  public String toString() {
    return "Authenticator[user " + new String(userBytes, StandardCharsets.UTF_8) + "]";
  }
}
