package org.priwatt.node.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** bitcoin-cli's argument conversion, derived from the server's own method declarations. */
class RpcClientArgsTest {

  @Test
  void theClientKnowsEveryMethodTheServerServes() throws Exception {
    try (RpcFixture f = new RpcFixture()) {
      assertThat(RpcClientArgs.builtinParams().keySet()).containsExactlyElementsOf(f.server.methods());
    }
  }

  @Test
  void numbersBooleansArraysAndObjectsAreJsonStringsAreNot() throws Exception {
    // bitcoin-cli's vRPCConvertParams rows, here read off the declarations.
    assertThat(RpcClientArgs.isJson("getblockhash", 0)).isTrue();
    assertThat(RpcClientArgs.isJson("getblock", 0)).isFalse();
    assertThat(RpcClientArgs.isJson("getblock", 1)).isTrue();
    assertThat(RpcClientArgs.isJson("getblock", "verbose")).isTrue();
    assertThat(RpcClientArgs.isJson("getblock", "blockhash")).isFalse();
    assertThat(RpcClientArgs.isJson("signrawtransactionwithkey", 1)).isTrue();
    assertThat(RpcClientArgs.isJson("getblockhash", 1)).isFalse(); // past the last parameter
    assertThat(RpcClientArgs.isJson("nosuchmethod", 0)).isFalse();
    assertThat(RpcJson.write(RpcClientArgs.positional("getblock", List.of("00ff", "2"))))
        .isEqualTo("[\"00ff\",2]");
    assertThat(RpcJson.write(RpcClientArgs.positional("help", List.of("true")))).isEqualTo("[\"true\"]");
    assertThat(RpcJson.write(RpcClientArgs.positional("createoffer", List.of("ab", "0.10000000", "60"))))
        .isEqualTo("[\"ab\",0.10000000,60]");
    assertThatThrownBy(() -> RpcClientArgs.positional("getblockhash", List.of("one")))
        .isInstanceOfSatisfying(RpcException.class, e -> {
          assertThat(e.error()).isEqualTo(RpcError.PARSE_ERROR);
          assertThat(e.getMessage()).isEqualTo("Error parsing JSON: one");
        });
  }

  @Test
  void namedArgumentsWithPositionalOnesAsArgs() throws Exception {
    assertThat(RpcJson.write(RpcClientArgs.named("getblock", List.of("blockhash=00ff", "verbosity=0"))))
        .isEqualTo("{\"blockhash\":\"00ff\",\"verbosity\":0}");
    // A later value replaces an earlier one (UniValue's pushKV); a value may hold '='.
    assertThat(RpcJson.write(RpcClientArgs.named("help", List.of("command=a", "command=b=c"))))
        .isEqualTo("{\"command\":\"b=c\"}");
    assertThat(RpcJson.write(RpcClientArgs.named("getblock", List.of("00ff", "verbosity=2"))))
        .isEqualTo("{\"verbosity\":2,\"args\":[\"00ff\"]}");
    assertThatThrownBy(() -> RpcClientArgs.named("getblock", List.of("00ff", "args=[]")))
        .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.error()).isEqualTo(RpcError.INVALID_PARAMETER));
  }
}
