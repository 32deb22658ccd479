package org.priwatt.energy.trade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.priwatt.crypto.codec.ByteReader;
import org.priwatt.crypto.codec.ByteWriter;
import org.priwatt.crypto.codec.DecodeError;
import org.priwatt.crypto.codec.DecodeException;
import org.priwatt.energy.ByteString;
import org.priwatt.energy.Samples;
import org.priwatt.energy.registry.RegistryRequest;

/**
 * The outbox encoding shared by the trade and channel snapshots: each format keeps its own kind
 * bytes (trade: 0 to the counterpart, 1 and 2 to the DSO; channel: 1 and 2), so the formats
 * written before the type was shared read back byte for byte.
 */
class SessionActionFormatTest {
  private final TradeMessage.Paid paid = new TradeMessage.Paid(Samples.entryId(), Samples.lockId(), Samples.outPoint());
  private final RegistryRequest.Unlock unlock = RegistryRequest.Unlock.create(Samples.secret(), Samples.entryId(), 1,
      Samples.T0, Samples.RANDOM);
  private final List<SessionAction<TradeMessage>> actions = List.of(new SessionAction.ToPeer<>(paid),
      new SessionAction.ToDso<>(unlock, false), new SessionAction.ToDso<>(unlock, true),
      new SessionAction.Broadcast<>(ByteString.of(new byte[] {1, 2, 3})));

  @Test
  void eachFormatWritesItsOwnKindsAndReadsThemBack() throws DecodeException {
    byte[] trade = write(TradeSession.ACTIONS, actions);
    assertThat(kinds(trade)).containsExactly(0, 1, 2, 3);
    assertThat(TradeSession.ACTIONS.read(ByteReader.bigEndian(trade), Samples.key().publicKey())).isEqualTo(actions);

    SessionAction.Format<TradeMessage> channelKinds = SessionAction.Format.of(TradeMessage.CODEC, 1, 2, -1);
    List<SessionAction<TradeMessage>> own = List.of(actions.get(0), actions.get(1), actions.get(3));
    byte[] channel = write(channelKinds, own);
    assertThat(kinds(channel)).containsExactly(1, 2, 3);
    assertThat(channelKinds.read(ByteReader.bigEndian(channel), Samples.key().publicKey())).isEqualTo(own);
  }

  @Test
  void aFormatWithoutASharedIdentityRefusesItsKindAndCannotWriteIt() {
    SessionAction.Format<TradeMessage> channelKinds = SessionAction.Format.of(TradeMessage.CODEC, 1, 2, -1);
    byte[] trade = write(TradeSession.ACTIONS, List.of(actions.get(0)));
    assertThatThrownBy(() -> channelKinds.read(ByteReader.bigEndian(trade), Samples.key().publicKey()))
        .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.error()).isEqualTo(DecodeError.UNKNOWN_TYPE));
    assertThatThrownBy(() -> write(channelKinds, List.of(actions.get(2))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void kindsMustBeDistinctBytesBesideTransactionsAndOffers() {
    assertThatThrownBy(() -> SessionAction.Format.of(TradeMessage.CODEC, 3, 1, 2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SessionAction.Format.of(TradeMessage.CODEC, 1, 1, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SessionAction.Format.of(TradeMessage.CODEC, 0, 256, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] write(SessionAction.Format<TradeMessage> format, List<SessionAction<TradeMessage>> actions) {
    ByteWriter out = ByteWriter.of(ByteOrder.BIG_ENDIAN, 256);
    format.write(out, actions);
    return out.toByteArray();
  }

  /** The kind bytes of an encoded outbox. */
  private static List<Integer> kinds(byte[] outbox) throws DecodeException {
    ByteReader in = ByteReader.bigEndian(outbox);
    int n = in.u8();
    Integer[] kinds = new Integer[n];
    for (int i = 0; i < n; i++) {
      kinds[i] = in.u8();
      in.bytes(in.u16());
    }
    return List.of(kinds);
  }
}
