package org.priwatt.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** BIP 32 test vectors 1 to 4, every chain, both serializations (vector 5 is in ExtendedKeyTest). */
class Bip32VectorsTest {
  private static final String SEED1 = "000102030405060708090a0b0c0d0e0f";
  private static final String SEED2 =
      "fffcf9f6f3f0edeae7e4e1dedbd8d5d2cfccc9c6c3c0bdbab7b4b1aeaba8a5a2"
          + "9f9c999693908d8a8784817e7b7875726f6c696663605d5a5754514e4b484542";
  private static final String SEED3 =
      "4b381541583be4423346c643850da4b320e46a87ae3d2a4e6da11eba819cd4ac"
          + "ba45d239319ac14f863b8d5ab5a0d0c64d2e8a1e7d1457df2e5a3c51c73235be";

  /** Vector 4: retention of leading zeros in hardened derivation. */
  private static final String SEED4 =
      "3ddd5602285899a946114506157c7997e5444528f3003f6134712147db19b678";

  static Stream<Arguments> vectors() {
    return Stream.of(
        Arguments.of(SEED1, "m",
            "xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gZ29ESFjqJoCu1Rupje8YtGqsefD265TMg7usUDFdp6W1EGMcet8",
            "xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi"),
        Arguments.of(SEED1, "m/0H",
            "xpub68Gmy5EdvgibQVfPdqkBBCHxA5htiqg55crXYuXoQRKfDBFA1WEjWgP6LHhwBZeNK1VTsfTFUHCdrfp1bgwQ9xv5ski8PX9rL2dZXvgGDnw",
            "xprv9uHRZZhk6KAJC1avXpDAp4MDc3sQKNxDiPvvkX8Br5ngLNv1TxvUxt4cV1rGL5hj6KCesnDYUhd7oWgT11eZG7XnxHrnYeSvkzY7d2bhkJ7"),
        Arguments.of(SEED1, "m/0H/1",
            "xpub6ASuArnXKPbfEwhqN6e3mwBcDTgzisQN1wXN9BJcM47sSikHjJf3UFHKkNAWbWMiGj7Wf5uMash7SyYq527Hqck2AxYysAA7xmALppuCkwQ",
            "xprv9wTYmMFdV23N2TdNG573QoEsfRrWKQgWeibmLntzniatZvR9BmLnvSxqu53Kw1UmYPxLgboyZQaXwTCg8MSY3H2EU4pWcQDnRnrVA1xe8fs"),
        Arguments.of(SEED1, "m/0H/1/2H",
            "xpub6D4BDPcP2GT577Vvch3R8wDkScZWzQzMMUm3PWbmWvVJrZwQY4VUNgqFJPMM3No2dFDFGTsxxpG5uJh7n7epu4trkrX7x7DogT5Uv6fcLW5",
            "xprv9z4pot5VBttmtdRTWfWQmoH1taj2axGVzFqSb8C9xaxKymcFzXBDptWmT7FwuEzG3ryjH4ktypQSAewRiNMjANTtpgP4mLTj34bhnZX7UiM"),
        Arguments.of(SEED1, "m/0H/1/2H/2",
            "xpub6FHa3pjLCk84BayeJxFW2SP4XRrFd1JYnxeLeU8EqN3vDfZmbqBqaGJAyiLjTAwm6ZLRQUMv1ZACTj37sR62cfN7fe5JnJ7dh8zL4fiyLHV",
            "xprvA2JDeKCSNNZky6uBCviVfJSKyQ1mDYahRjijr5idH2WwLsEd4Hsb2Tyh8RfQMuPh7f7RtyzTtdrbdqqsunu5Mm3wDvUAKRHSC34sJ7in334"),
        Arguments.of(SEED1, "m/0H/1/2H/2/1000000000",
            "xpub6H1LXWLaKsWFhvm6RVpEL9P4KfRZSW7abD2ttkWP3SSQvnyA8FSVqNTEcYFgJS2UaFcxupHiYkro49S8yGasTvXEYBVPamhGW6cFJodrTHy",
            "xprvA41z7zogVVwxVSgdKUHDy1SKmdb533PjDz7J6N6mV6uS3ze1ai8FHa8kmHScGpWmj4WggLyQjgPie1rFSruoUihUZREPSL39UNdE3BBDu76"),
        Arguments.of(SEED2, "m",
            "xpub661MyMwAqRbcFW31YEwpkMuc5THy2PSt5bDMsktWQcFF8syAmRUapSCGu8ED9W6oDMSgv6Zz8idoc4a6mr8BDzTJY47LJhkJ8UB7WEGuduB",
            "xprv9s21ZrQH143K31xYSDQpPDxsXRTUcvj2iNHm5NUtrGiGG5e2DtALGdso3pGz6ssrdK4PFmM8NSpSBHNqPqm55Qn3LqFtT2emdEXVYsCzC2U"),
        Arguments.of(SEED2, "m/0",
            "xpub69H7F5d8KSRgmmdJg2KhpAK8SR3DjMwAdkxj3ZuxV27CprR9LgpeyGmXUbC6wb7ERfvrnKZjXoUmmDznezpbZb7ap6r1D3tgFxHmwMkQTPH",
            "xprv9vHkqa6EV4sPZHYqZznhT2NPtPCjKuDKGY38FBWLvgaDx45zo9WQRUT3dKYnjwih2yJD9mkrocEZXo1ex8G81dwSM1fwqWpWkeS3v86pgKt"),
        Arguments.of(SEED2, "m/0/2147483647H",
            "xpub6ASAVgeehLbnwdqV6UKMHVzgqAG8Gr6riv3Fxxpj8ksbH9ebxaEyBLZ85ySDhKiLDBrQSARLq1uNRts8RuJiHjaDMBU4Zn9h8LZNnBC5y4a",
            "xprv9wSp6B7kry3Vj9m1zSnLvN3xH8RdsPP1Mh7fAaR7aRLcQMKTR2vidYEeEg2mUCTAwCd6vnxVrcjfy2kRgVsFawNzmjuHc2YmYRmagcEPdU9"),
        Arguments.of(SEED2, "m/0/2147483647H/1",
            "xpub6DF8uhdarytz3FWdA8TvFSvvAh8dP3283MY7p2V4SeE2wyWmG5mg5EwVvmdMVCQcoNJxGoWaU9DCWh89LojfZ537wTfunKau47EL2dhHKon",
            "xprv9zFnWC6h2cLgpmSA46vutJzBcfJ8yaJGg8cX1e5StJh45BBciYTRXSd25UEPVuesF9yog62tGAQtHjXajPPdbRCHuWS6T8XA2ECKADdw4Ef"),
        Arguments.of(SEED2, "m/0/2147483647H/1/2147483646H",
            "xpub6ERApfZwUNrhLCkDtcHTcxd75RbzS1ed54G1LkBUHQVHQKqhMkhgbmJbZRkrgZw4koxb5JaHWkY4ALHY2grBGRjaDMzQLcgJvLJuZZvRcEL",
            "xprvA1RpRA33e1JQ7ifknakTFpgNXPmW2YvmhqLQYMmrj4xJXXWYpDPS3xz7iAxn8L39njGVyuoseXzU6rcxFLJ8HFsTjSyQbLYnMpCqE2VbFWc"),
        Arguments.of(SEED2, "m/0/2147483647H/1/2147483646H/2",
            "xpub6FnCn6nSzZAw5Tw7cgR9bi15UV96gLZhjDstkXXxvCLsUXBGXPdSnLFbdpq8p9HmGsApME5hQTZ3emM2rnY5agb9rXpVGyy3bdW6EEgAtqt",
            "xprvA2nrNbFZABcdryreWet9Ea4LvTJcGsqrMzxHx98MMrotbir7yrKCEXw7nadnHM8Dq38EGfSh6dqA9QWTyefMLEcBYJUuekgW4BYPJcr9E7j"),
        Arguments.of(SEED3, "m",
            "xpub661MyMwAqRbcEZVB4dScxMAdx6d4nFc9nvyvH3v4gJL378CSRZiYmhRoP7mBy6gSPSCYk6SzXPTf3ND1cZAceL7SfJ1Z3GC8vBgp2epUt13",
            "xprv9s21ZrQH143K25QhxbucbDDuQ4naNntJRi4KUfWT7xo4EKsHt2QJDu7KXp1A3u7Bi1j8ph3EGsZ9Xvz9dGuVrtHHs7pXeTzjuxBrCmmhgC6"),
        Arguments.of(SEED3, "m/0H",
            "xpub68NZiKmJWnxxS6aaHmn81bvJeTESw724CRDs6HbuccFQN9Ku14VQrADWgqbhhTHBaohPX4CjNLf9fq9MYo6oDaPPLPxSb7gwQN3ih19Zm4Y",
            "xprv9uPDJpEQgRQfDcW7BkF7eTya6RPxXeJCqCJGHuCJ4GiRVLzkTXBAJMu2qaMWPrS7AANYqdq6vcBcBUdJCVVFceUvJFjaPdGZ2y9WACViL4L"),
        Arguments.of(SEED4, "m",
            "xpub661MyMwAqRbcGczjuMoRm6dXaLDEhW1u34gKenbeYqAix21mdUKJyuyu5F1rzYGVxyL6tmgBUAEPrEz92mBXjByMRiJdba9wpnN37RLLAXa",
            "xprv9s21ZrQH143K48vGoLGRPxgo2JNkJ3J3fqkirQC2zVdk5Dgd5w14S7fRDyHH4dWNHUgkvsvNDCkvAwcSHNAQwhwgNMgZhLtQC63zxwhQmRv"),
        Arguments.of(SEED4, "m/0h",
            "xpub69AUMk3qDBi3uW1sXgjCmVjJ2G6WQoYSnNHyzkmdCHEhSZ4tBok37xfFEqHd2AddP56Tqp4o56AePAgCjYdvpW2PU2jbUPFKsav5ut6Ch1m",
            "xprv9vB7xEWwNp9kh1wQRfCCQMnZUEG21LpbR9NPCNN1dwhiZkjjeGRnaALmPXCX7SgjFTiCTT6bXes17boXtjq3xLpcDjzEuGLQBM5ohqkao9G"),
        Arguments.of(SEED4, "m/0h/1h",
            "xpub6BJA1jSqiukeaesWfxe6sNK9CCGaujFFSJLomWHprUL9DePQ4JDkM5d88n49sMGJxrhpjazuXYWdMf17C9T5XnxkopaeS7jGk1GyyVziaMt",
            "xprv9xJocDuwtYCMNAo3Zw76WENQeAS6WGXQ55RCy7tDJ8oALr4FWkuVoHJeHVAcAqiZLE7Je3vZJHxspZdFHfnBEjHqU5hG1Jaj32dVoS6XLT1"));
  }

  private static final NetworkParameters MAIN = NetworkParameters.BITCOIN_MAINNET;
  /**
   * Every vector, deriving step by step from one reused parent; on each backend through the
   * build's two surefire executions.
   */
  @Test
  void allVectorsFromOneReusedParent() throws CryptoException {
    for (Arguments row : vectors().toArray(Arguments[]::new)) {
      Object[] v = row.get();
      ExtendedPrivateKey master =
          ExtendedPrivateKey.fromSeed(SecretBytes.copyOf(Hex.decode((String) v[0])), MAIN);
      String masterBefore = master.toBase58();
      ExtendedPrivateKey key = master.derive(DerivationPath.parse((String) v[1]));
      assertThat(key.toBase58()).isEqualTo(v[3]);
      assertThat(key.neuter().toBase58()).isEqualTo(v[2]);
      assertThat(master.toBase58()).isEqualTo(masterBefore);
    }
  }

  private static ExtendedPrivateKey derive(String seed, String path) throws CryptoException {
    ExtendedPrivateKey master =
        ExtendedPrivateKey.fromSeed(SecretBytes.copyOf(Hex.decode(seed)), MAIN);
    return master.derive(DerivationPath.parse(path));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("vectors")
  void derivesFromSeed(String seed, String path, String xpub, String xprv) throws CryptoException {
    ExtendedPrivateKey key = derive(seed, path);
    assertThat(key.toBase58()).isEqualTo(xprv);
    assertThat(key.neuter().toBase58()).isEqualTo(xpub);
    assertThat(key.depth()).isEqualTo(DerivationPath.parse(path).size());
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("vectors")
  void parsesAndReserializes(String seed, String path, String xpub, String xprv)
      throws CryptoException {
    ExtendedKey prv = ExtendedKey.parse(xprv, MAIN);
    ExtendedKey pub = ExtendedKey.parse(xpub, MAIN);
    assertThat(prv).isInstanceOf(ExtendedPrivateKey.class).isEqualTo(derive(seed, path));
    assertThat(pub).isInstanceOf(ExtendedPublicKey.class);
    assertThat(prv.toBase58()).isEqualTo(xprv);
    assertThat(pub.toBase58()).isEqualTo(xpub);
    assertThat(((ExtendedPrivateKey) prv).neuter()).isEqualTo(pub).hasSameHashCodeAs(pub);
    assertThat(ExtendedKey.parseAny(xpub)).isEqualTo(pub);
    assertThat(prv.fingerprint()).isEqualTo(pub.fingerprint());
  }

  /** Normal steps after the last hardened one can be taken from the public key alone. */
  @ParameterizedTest(name = "{1}")
  @MethodSource("vectors")
  void publicDerivationMatchesPrivate(String seed, String path, String xpub, String xprv)
      throws CryptoException {
    DerivationPath full = DerivationPath.parse(path);
    int lastHardened = -1;
    for (int i = 0; i < full.size(); i++) {
      if (DerivationPath.isHardened(full.get(i))) {
        lastHardened = i;
      }
    }
    ExtendedPrivateKey key =
        ExtendedPrivateKey.fromSeed(SecretBytes.copyOf(Hex.decode(seed)), MAIN);
    for (int i = 0; i <= lastHardened; i++) {
      key = key.deriveChild(full.get(i));
    }
    ExtendedPublicKey pub = key.neuter();
    for (int i = lastHardened + 1; i < full.size(); i++) {
      pub = pub.deriveChild(full.get(i));
    }
    assertThat(pub.toBase58()).isEqualTo(xpub);
  }
}
