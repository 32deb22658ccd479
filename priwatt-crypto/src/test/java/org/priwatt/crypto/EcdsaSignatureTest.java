package org.priwatt.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** DER encodings: strict BIP 66 rules, Core's lax parser, and round trips. */
class EcdsaSignatureTest {
  // A real mainnet signature (from tx 0437cd7f85...), strict DER.
  private static final String VALID = "304402204e45e16932b8af514961a1d3a1a25fdf3f4f7732e9d624c6c61548ab5fb8cd41"
      + "0220181522ec8eca07de4860a4acdd12909d831cc56cbbac4622082221a8768d1d09";

  @Test
  void decodesAndReencodesStrictDer() throws Exception {
    EcdsaSignature sig = EcdsaSignature.decodeDer(Hex.decode(VALID));
    assertThat(sig.encodeDer()).isEqualTo(Hex.decode(VALID));
    assertThat(sig.r()).isEqualTo(new BigInteger("4e45e16932b8af514961a1d3a1a25fdf3f4f7732e9d624c6c61548ab5fb8cd41", 16));
    assertThat(EcdsaSignature.isStrictDer(Hex.decode(VALID), 0, 70)).isTrue();
    assertThat(sig.toString()).isEqualTo(VALID);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "bad sequence tag, 314402204e45e16932b8af514961a1d3a1a25fdf3f4f7732e9d624c6c61548ab5fb8cd410220181522ec8eca07de4860a4acdd12909d831cc56cbbac4622082221a8768d1d09",
    "bad sequence length, 304502204e45e16932b8af514961a1d3a1a25fdf3f4f7732e9d624c6c61548ab5fb8cd410220181522ec8eca07de4860a4acdd12909d831cc56cbbac4622082221a8768d1d09",
    "trailing byte, 304402204e45e16932b8af514961a1d3a1a25fdf3f4f7732e9d624c6c61548ab5fb8cd410220181522ec8eca07de4860a4acdd12909d831cc56cbbac4622082221a8768d1d0901",
    "bad R tag, 304403204e45e16932b8af514961a1d3a1a25fdf3f4f7732e9d624c6c61548ab5fb8cd410220181522ec8eca07de4860a4acdd12909d831cc56cbbac4622082221a8768d1d09",
    "negative R, 30440220ce45e16932b8af514961a1d3a1a25fdf3f4f7732e9d624c6c61548ab5fb8cd410220181522ec8eca07de4860a4acdd12909d831cc56cbbac4622082221a8768d1d09",
    "excess R padding, 30450221004e45e16932b8af514961a1d3a1a25fdf3f4f7732e9d624c6c61548ab5fb8cd410220181522ec8eca07de4860a4acdd12909d831cc56cbbac4622082221a8768d1d09",
    "negative S, 304402204e45e16932b8af514961a1d3a1a25fdf3f4f7732e9d624c6c61548ab5fb8cd41022098152" + "2ec8eca07de4860a4acdd12909d831cc56cbbac4622082221a8768d1d09",
    "zero-length R, 3024020002204e45e16932b8af514961a1d3a1a25fdf3f4f7732e9d624c6c61548ab5fb8cd41",
    "too short, 30050201010200",
  })
  void rejectsNonCanonicalDer(String name, String hex) {
    byte[] der = Hex.decode(hex);
    assertThat(EcdsaSignature.isStrictDer(der, 0, der.length)).as(name).isFalse();
    assertThatThrownBy(() -> EcdsaSignature.decodeDer(der)).isInstanceOf(CryptoException.class);
  }

  @Test
  void laxParserAcceptsWhatConsensusAcceptedBeforeBip66() throws Exception {
    // Excess padding of R and trailing garbage: not DER, but Core's lax parser reads them.
    byte[] padded = Hex.decode("30450221004e45e16932b8af514961a1d3a1a25fdf3f4f7732e9d624c6c61548ab5fb8cd41"
        + "0220181522ec8eca07de4860a4acdd12909d831cc56cbbac4622082221a8768d1d09");
    EcdsaSignature strict = EcdsaSignature.decodeDer(Hex.decode(VALID));
    assertThat(EcdsaSignature.decodeDerLax(padded)).isEqualTo(strict);
    byte[] trailing = Hex.decode(VALID + "0102");
    assertThat(EcdsaSignature.decodeDerLax(trailing)).isEqualTo(strict);
    // Long-form length bytes.
    byte[] longForm = Hex.decode("3081440281204e45e16932b8af514961a1d3a1a25fdf3f4f7732e9d624c6c61548ab5fb8cd41"
        + "0220181522ec8eca07de4860a4acdd12909d831cc56cbbac4622082221a8768d1d09");
    assertThat(EcdsaSignature.decodeDerLax(longForm)).isEqualTo(strict);
    assertThatThrownBy(() -> EcdsaSignature.decodeDerLax(new byte[] {0x30}))
        .hasFieldOrPropertyWithValue("error", CryptoError.INVALID_SIGNATURE_ENCODING);
    assertThatThrownBy(() -> EcdsaSignature.decodeDerLax(Hex.decode("3006020100020101")))
        .hasFieldOrPropertyWithValue("error", CryptoError.INVALID_SIGNATURE_VALUE);
  }

  @Test
  void laxParserNeverThrowsUncheckedOnTruncations() {
    byte[] der = Hex.decode(VALID);
    for (int cut = 0; cut < der.length; cut++) {
      byte[] part = java.util.Arrays.copyOf(der, cut);
      assertThatThrownBy(() -> EcdsaSignature.decodeDerLax(part)).isInstanceOf(CryptoException.class);
      assertThatThrownBy(() -> EcdsaSignature.decodeDer(part)).isInstanceOf(CryptoException.class);
    }
  }

  @Test
  void randomDerAndCompactRoundTrips() throws Exception {
    Random rnd = new Random(1);
    for (int i = 0; i < 5000; i++) {
      BigInteger r = new BigInteger(256, rnd).mod(Secp256k1.ORDER.subtract(BigInteger.ONE)).add(BigInteger.ONE);
      BigInteger s = new BigInteger(rnd.nextInt(256) + 1, rnd).mod(Secp256k1.ORDER.subtract(BigInteger.ONE)).add(BigInteger.ONE);
      EcdsaSignature sig = EcdsaSignature.of(r, s);
      byte[] der = sig.encodeDer();
      assertThat(EcdsaSignature.isStrictDer(der, 0, der.length)).isTrue();
      assertThat(EcdsaSignature.decodeDer(der)).isEqualTo(sig);
      assertThat(EcdsaSignature.decodeDerLax(der)).isEqualTo(sig);
      assertThat(EcdsaSignature.decodeCompact(sig.compact())).isEqualTo(sig);
      assertThat(sig.normalizeS().isLowS()).isTrue();
    }
  }

  @Test
  void rejectsOutOfRangeValues() {
    assertThatThrownBy(() -> EcdsaSignature.of(BigInteger.ZERO, BigInteger.ONE))
        .hasFieldOrPropertyWithValue("error", CryptoError.INVALID_SIGNATURE_VALUE);
    assertThatThrownBy(() -> EcdsaSignature.of(BigInteger.ONE, Secp256k1.ORDER))
        .hasFieldOrPropertyWithValue("error", CryptoError.INVALID_SIGNATURE_VALUE);
  }
}
