package org.priwatt.node.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.priwatt.chain.Amount;

/** bitcoin-cli's indented layout, numbers kept as the server wrote them, and the reader's errors. */
class RpcJsonTest {

  @Test
  void prettyIsUniValuesWrite2() throws Exception {
    JsonNode reply = RpcJson.parse("{\"chain\":\"regtest\",\"blocks\":200,\"difficulty\":4.656542373906925e-10,"
        + "\"pruned\":false,\"warnings\":[],\"softforks\":{},\"nested\":{\"a\":[1,{\"b\":null}]},\"tiny\":5e-05}");
    assertThat(RpcJson.pretty(reply)).isEqualTo("""
        {
          "chain": "regtest",
          "blocks": 200,
          "difficulty": 4.656542373906925e-10,
          "pruned": false,
          "warnings": [
          ],
          "softforks": {
          },
          "nested": {
            "a": [
              1,
              {
                "b": null
              }
            ]
          },
          "tiny": 5e-05
        }""");
    assertThat(RpcJson.pretty(RpcJson.parse("[]"))).isEqualTo("[\n]");
    assertThat(RpcJson.pretty(RpcJson.parse("[\"a\"]"))).isEqualTo("[\n  \"a\"\n]");
  }

  @Test
  void amountsKeepTheirEightDecimalsAndNumbersTheirValue() throws Exception {
    assertThat(RpcJson.pretty(ChainJson.amount(Amount.ofSat(1)))).isEqualTo("0.00000001");
    assertThat(RpcJson.pretty(RpcJson.parse("[0.50000000]"))).isEqualTo("[\n  0.50000000\n]");
    JsonNode n = RpcJson.parse("1e-05");
    assertThat(n.isNumber()).isTrue();
    assertThat(n.decimalValue()).isEqualByComparingTo("0.00001");
    assertThat(RpcJson.write(n)).isEqualTo("0.00001");
  }

  @Test
  void stringsAreEscapedAsUniValueDoes() throws Exception {
    assertThat(RpcJson.pretty(RpcJson.parse("\"a\\\"b\\\\c\\n\\u0001\\u007f/é\""))).isEqualTo("\"a\\\"b\\\\c\\n\\u0001\\u007f/é\"");
  }

  @Test
  void parseAcceptsAnyValueAndRefusesGarbage() throws Exception {
    assertThat(RpcJson.parse("true").booleanValue()).isTrue();
    assertThat(RpcJson.parse("\"x\"").textValue()).isEqualTo("x");
    assertThat(RpcJson.parse("null").isNull()).isTrue();
    assertThatThrownBy(() -> RpcJson.parse("abc")).isInstanceOfSatisfying(RpcException.class,
        e -> assertThat(e.error()).isEqualTo(RpcError.PARSE_ERROR));
    assertThatThrownBy(() -> RpcJson.parse("1 2")).isInstanceOf(RpcException.class);
    assertThatThrownBy(() -> RpcJson.parse("[".repeat(RpcJson.MAX_DEPTH + 1))).isInstanceOf(RpcException.class);
  }
}
