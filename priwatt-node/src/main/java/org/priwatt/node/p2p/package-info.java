/**
 * The P2P wire format, byte-compatible with Bitcoin Core's: the 24-byte frame header ({@link
 * org.priwatt.node.p2p.FrameHeader}), the commands and their payload bounds ({@link
 * org.priwatt.node.p2p.Command}), and one immutable value type with a codec per message ({@link
 * org.priwatt.node.p2p.P2pMessage} and its records), including {@code object}, which carries one
 * Bitmessage object. Everything here is I/O-free and decodes untrusted bytes within declared
 * bounds, failing with the shared codec's {@link org.priwatt.crypto.codec.DecodeException}; the
 * node maps those to {@link org.priwatt.node.NodeError}s.
 */
package org.priwatt.node.p2p;
