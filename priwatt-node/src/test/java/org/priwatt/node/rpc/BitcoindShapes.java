package org.priwatt.node.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The documented shapes of bitcoind's replies ({@code rpc/bitcoind-shapes.txt}, with their
 * sources) and the check of a reply against one: every key a documented field, in bitcoind's
 * order, every required field present, each of its documented type.
 */
final class BitcoindShapes {
  record Field(String name, String type, boolean optional) {}

  private static final Map<String, List<Field>> SHAPES = load();

  private BitcoindShapes() {}

  private static Map<String, List<Field>> load() {
    Map<String, List<Field>> out = new LinkedHashMap<>();
    try (InputStream in = BitcoindShapes.class.getResourceAsStream("/rpc/bitcoind-shapes.txt")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] kv = line.split(" = ", 2);
        List<Field> fields = new ArrayList<>();
        for (String f : kv[1].trim().split(" ")) {
          String[] nt = f.split(":");
          String name = nt[0];
          boolean optional = name.endsWith("?") || name.endsWith("+");
          fields.add(new Field(optional ? name.substring(0, name.length() - 1) : name, nt[1], optional));
        }
        out.put(kv[0].trim(), fields);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  /** Asserts {@code reply} has shape {@code name}. */
  static void check(String name, JsonNode reply) {
    List<Field> fields = SHAPES.get(name);
    assertThat(fields).as("shape %s", name).isNotNull();
    assertThat(reply.isObject()).as("%s is an object: %s", name, reply).isTrue();
    int at = 0;
    for (Iterator<String> it = reply.fieldNames(); it.hasNext();) {
      String key = it.next();
      int found = -1;
      for (int i = at; i < fields.size(); i++) {
        if (fields.get(i).name().equals(key)) {
          found = i;
          break;
        }
      }
      assertThat(found).as("%s: field %s is documented and in bitcoind's order (%s)", name, key, reply).isNotNegative();
      for (int i = at; i < found; i++) {
        assertThat(fields.get(i).optional()).as("%s: required field %s missing before %s", name, fields.get(i).name(), key)
            .isTrue();
      }
      checkType(name, fields.get(found), reply.get(key));
      at = found + 1;
    }
    for (int i = at; i < fields.size(); i++) {
      assertThat(fields.get(i).optional()).as("%s: required field %s missing at the end", name, fields.get(i).name())
          .isTrue();
    }
  }

  private static void checkType(String shape, Field f, JsonNode v) {
    String what = shape + "." + f.name() + " = " + v;
    switch (f.type()) {
      case "int":
        assertThat(v.isIntegralNumber()).as(what).isTrue();
        break;
      case "num":
        assertThat(v.isNumber()).as(what).isTrue();
        break;
      case "str":
        assertThat(v.isTextual()).as(what).isTrue();
        break;
      case "hex":
        assertThat(v.isTextual() && v.asText().matches("[0-9a-f]*")).as(what).isTrue();
        break;
      case "bool":
        assertThat(v.isBoolean()).as(what).isTrue();
        break;
      case "arr":
        assertThat(v.isArray()).as(what).isTrue();
        break;
      case "obj":
        assertThat(v.isObject()).as(what).isTrue();
        break;
      case "amount":
        assertThat(v.isNumber() && v.decimalValue().scale() == 8).as(what + " (8 decimals)").isTrue();
        break;
      default:
        throw new IllegalStateException("unknown type " + f.type());
    }
  }
}
