package org.priwatt.msg;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** MessageContent never shows its body: trade messages carry ownership secrets there (issue 12, item 9). */
class MessageContentTest {
  @Test
  void toStringHidesTheBody() {
    String secretHex = "5ec2e75ec2e75ec2e75ec2e75ec2e75ec2e75ec2e75ec2e75ec2e75ec2e75ec2e7";
    MessageContent c = MessageContent.simple("priwatt/v2/secret", secretHex);
    assertThat(c.toString()).doesNotContain(secretHex).contains("priwatt/v2/secret").contains(secretHex.length() + " chars");
  }

  @Test
  void simpleContentRoundTripsThroughItsWireForm() {
    MessageContent c = MessageContent.simple("subject", "body\nwith lines");
    assertThat(MessageContent.decode(MessageContent.ENCODING_SIMPLE, c.encode())).isEqualTo(c);
  }
}
