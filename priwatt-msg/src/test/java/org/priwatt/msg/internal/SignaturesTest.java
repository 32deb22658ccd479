package org.priwatt.msg.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.priwatt.crypto.EcPublicKey;
import org.priwatt.crypto.Hex;

/** PyBitmessage {@code src/tests/samples.py}: sample_msg signed by sample_privsigningkey. */
class SignaturesTest {
  static final byte[] PUB = Hex.decode("044a367f049ec16cb6b6118eb734a9962d10b8db59c890cd08f210c43ff08bdf09d16f502ca26cd0713f38988a1237f1fc8fa07b15653c996dc4013af6d15505ce");
  static final byte[] MSG = Hex.decode("0592a10584ffabf96539f3d780d776828c67da1ab5b169e9e8aed838aaecc9ed36d49ff1423c55f019e050c66c6324f53588be88894fef4dcffdb74b98e2b200");
  static final byte[] SIG_SHA256 = Hex.decode("304402202302475351db6b822de15d922e29397541f10d8a19780ba2ca4a920b1035f07502205e5bba40d5f07a24c23a89ba5f01a3828371dfbb685dd5375fa1c29095fd232b");
  static final byte[] SIG_SHA1 = Hex.decode("304502203b50123af78b4e40f5f819ae5b8786f48826e56d0f3e65744708a493f5b65de10221009ddce2981ea143c0ac70404a535327e774adce8eebbae2d35104f1d326255f9a");

  @Test
  void pyBitmessageSignaturesVerify() throws Exception {
    EcPublicKey key = EcPublicKey.decode(PUB);
    assertThat(Signatures.verify(key, MSG, SIG_SHA256)).isTrue();
    assertThat(Signatures.verify(key, MSG, SIG_SHA1)).isTrue();
    byte[] other = MSG.clone();
    other[0] ^= 1;
    assertThat(Signatures.verify(key, other, SIG_SHA256)).isFalse();
    assertThat(Signatures.verify(key, MSG, new byte[] {0x30, 0x00})).isFalse();
  }
}
