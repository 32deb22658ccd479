package org.priwatt.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.priwatt.msg.BitmessageAddress;
import org.priwatt.msg.Identity;
import org.priwatt.msg.MessageContent;
import org.priwatt.msg.MessageCrypto;
import org.priwatt.msg.MessageError;
import org.priwatt.msg.MessageException;
import org.priwatt.msg.MessageNode;
import org.priwatt.msg.MessageObject;
import org.priwatt.msg.ObjectType;
import org.priwatt.msg.PowParameters;
import org.priwatt.msg.ProofOfWork;
import org.priwatt.msg.PublicIdentity;
import org.priwatt.msg.ReceivedMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code priwatt msg}: Bitmessage-style identities and encrypted messages in a local store
 * directory ({@link LocalMessageStore}). Objects are built, solved and opened exactly as a node
 * does, but nothing is sent over a network: the store is the mailbox of this machine.
 */
@Command(name = "msg",
    description = {"Anonymous encrypted messages (Bitmessage v4 addresses and objects) in a local store directory.",
        "Local only: objects are written to <store>/objects and read from there; nothing goes over a network.",
        "To write to an identity of another store, copy its pubkey object file into your store's objects/."},
    subcommands = {MsgCommand.NewIdentity.class, MsgCommand.Send.class, MsgCommand.Read.class},
    footerHeading = "%nExamples:%n",
    footer = {"  priwatt msg new-identity --store ./mail",
        "  priwatt msg send --store ./mail --from BM-2cT... --to BM-2cW... --subject hello 'offer still open?'",
        "  priwatt msg read --store ./mail"})
final class MsgCommand {
  private MsgCommand() {}

  /** Seconds since the epoch: the clock objects are stamped and solved with. */
  static long now() {
    return System.currentTimeMillis() / 1000;
  }

  /** The {@code --store} option. */
  static final class Store {
    @Option(names = "--store", paramLabel = "<dir>", defaultValue = "${sys:user.home}/.priwatt/msg",
        description = "The store directory (default: ${DEFAULT-VALUE}).")
    Path dir;
  }

  /** {@code trials/extra} as PyBitmessage names the two proof-of-work parameters. */
  static final class Pow implements ITypeConverter<PowParameters> {
    @Override
    public PowParameters convert(String value) {
      String[] parts = value.split("/", -1);
      try {
        if (parts.length != 2) {
          throw new IllegalArgumentException("expected <trials per byte>/<extra bytes>");
        }
        return new PowParameters(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("'" + value + "': " + e.getMessage());
      }
    }
  }

  /** A {@code BM-} address. */
  static final class Address implements ITypeConverter<BitmessageAddress> {
    @Override
    public BitmessageAddress convert(String value) {
      try {
        return BitmessageAddress.parse(value);
      } catch (MessageException e) {
        throw new TypeConversionException("'" + value + "' is not a BM- address: " + e.getMessage());
      }
    }
  }

  /** {@code msg new-identity}. */
  @Command(name = "new-identity",
      description = {"Create a messaging identity and publish its pubkey object in the store.",
          "A random BM- address with its signing and encryption keys; others with a copy of the pubkey object",
          "can write to it."},
      footerHeading = "%nExamples:%n", footer = {"  priwatt msg new-identity --store ./mail",
          "  priwatt msg new-identity --store ./mail --pow 1/0     cheap, for local experiments only"})
  static final class NewIdentity extends CliCommand {
    @Mixin
    Store store;

    @Option(names = "--pow", paramLabel = "<trials/extra>", converter = Pow.class, defaultValue = "1000/1000",
        description = {"Proof of work this identity demands of senders (default: ${DEFAULT-VALUE}, the network minimum;",
            "network nodes drop objects with less)."})
    PowParameters pow;

    @Option(names = "--ttl", paramLabel = "<seconds>", defaultValue = "345600",
        description = "Lifetime of the pubkey object (default: ${DEFAULT-VALUE}, 4 days).")
    long ttl;

    @Override
    int run() throws Exception {
      LocalMessageStore s = LocalMessageStore.open(store.dir);
      Identity id = Identity.newIdentity().withPow(pow);
      try {
        long now = now();
        s.saveIdentity(id);
        warnBelowMinimum(pow);
        MessageObject unsolved = MessageCrypto.buildPubkey(id, now + ttl);
        err().printf("solving the pubkey object's proof of work: about %,d trials...%n",
            ProofOfWork.expectedTrials(unsolved.size(), ProofOfWork.effectiveTtl(now + ttl, now), pow));
        MessageObject pubkey = s.solveAndStore(unsolved, pow, now);
        PrintWriter out = out();
        out.println("address: " + id.address());
        out.println("pow:     " + pow.nonceTrialsPerByte() + "/" + pow.payloadLengthExtraBytes());
        out.println("pubkey:  " + s.objectFile(pubkey));
      } finally {
        id.destroy();
      }
      return Main.OK;
    }

    private void warnBelowMinimum(PowParameters demand) {
      if (!PowParameters.NETWORK_DEFAULT.isWithin(demand)) {
        err().println("note: below the network minimum " + PowParameters.NETWORK_DEFAULT.nonceTrialsPerByte() + "/"
            + PowParameters.NETWORK_DEFAULT.payloadLengthExtraBytes() + "; network nodes would drop objects this cheap");
      }
    }
  }

  /** {@code msg send}. */
  @Command(name = "send",
      description = {"Encrypt, sign and store a message for an identity whose pubkey object is in the store.",
          "Signed as a local identity; its proof of work is the recipient's demand, refused above 10x the network default."},
      footerHeading = "%nExamples:%n",
      footer = {"  priwatt msg send --store ./mail --from BM-2cT... --to BM-2cW... --subject offer 'still available?'"})
  static final class Send extends CliCommand {
    @Mixin
    Store store;

    @Option(names = "--from", paramLabel = "<BM-address>", required = true, converter = Address.class,
        description = "A local identity of the store.")
    BitmessageAddress from;

    @Option(names = "--to", paramLabel = "<BM-address>", required = true, converter = Address.class,
        description = "The recipient; its pubkey object must be in the store.")
    BitmessageAddress to;

    @Option(names = "--subject", paramLabel = "<text>", defaultValue = "", description = "The subject.")
    String subject;

    @Option(names = "--ttl", paramLabel = "<seconds>", defaultValue = "345600",
        description = "Lifetime of the message object (default: ${DEFAULT-VALUE}, 4 days; longer costs more work).")
    long ttl;

    @Parameters(paramLabel = "<body>", description = "The message text.")
    String body;

    @Override
    int run() throws Exception {
      LocalMessageStore s = LocalMessageStore.open(store.dir);
      Identity sender = s.identity(from);
      try {
        PublicIdentity recipient = recipient(s);
        PowParameters demand = recipient.pow();
        if (!demand.isWithin(MessageNode.DEFAULT_MAX_ACCEPTED_POW)) {
          throw new MessageException(MessageError.POW_TOO_DEMANDING, to + " demands " + demand + ", above "
              + MessageNode.DEFAULT_MAX_ACCEPTED_POW);
        }
        long now = now();
        MessageObject unsolved = MessageCrypto.buildMsg(sender, recipient, MessageContent.simple(subject, body),
            new byte[0], now + ttl);
        err().printf("solving proof of work: about %,d trials...%n",
            ProofOfWork.expectedTrials(unsolved.size(), ProofOfWork.effectiveTtl(now + ttl, now), demand));
        MessageObject msg = s.solveAndStore(unsolved, demand, now);
        out().println("stored: " + s.objectFile(msg));
      } finally {
        sender.destroy();
      }
      return Main.OK;
    }

    private PublicIdentity recipient(LocalMessageStore s) throws CliException {
      for (MessageObject o : s.objects()) {
        if (o.objectType() == ObjectType.PUBKEY) {
          Optional<PublicIdentity> keys = MessageCrypto.openPubkey(o, to);
          if (keys.isPresent()) {
            return keys.get();
          }
        }
      }
      throw new CliException(CliError.UNKNOWN_IDENTITY, "no pubkey object of " + to + " in the store; copy its "
          + "pubkey object file into " + store.dir.resolve("objects"));
    }
  }

  /** {@code msg read}. */
  @Command(name = "read",
      description = "Trial-decrypt every msg object in the store with the local identities and print those that open.",
      footerHeading = "%nExamples:%n", footer = {"  priwatt msg read --store ./mail", "  priwatt msg read --store ./mail --as BM-2cW..."})
  static final class Read extends CliCommand {
    @Mixin
    Store store;

    @Option(names = "--as", paramLabel = "<BM-address>", converter = Address.class,
        description = "Only this local identity (default: all of them).")
    BitmessageAddress as;

    @Override
    int run() throws Exception {
      LocalMessageStore s = LocalMessageStore.open(store.dir);
      List<Identity> ids = as == null ? s.identities() : List.of(s.identity(as));
      List<ReceivedMessage> received = new ArrayList<>();
      try {
        for (MessageObject o : s.objects()) {
          if (o.objectType() == ObjectType.MSG) {
            for (Identity id : ids) {
              MessageCrypto.openMsg(o, id).ifPresent(received::add);
            }
          }
        }
      } finally {
        ids.forEach(Identity::destroy);
      }
      PrintWriter out = out();
      for (ReceivedMessage m : received) {
        out.println("from:    " + m.sender().address());
        out.println("to:      " + m.recipient());
        out.println("object:  " + m.inventoryHash().toHex());
        out.println("subject: " + m.content().subject());
        out.println();
        out.println(m.content().body());
        out.println();
      }
      out.println(received.size() + " message(s) for " + ids.size() + " identit" + (ids.size() == 1 ? "y" : "ies"));
      return Main.OK;
    }
  }
}
