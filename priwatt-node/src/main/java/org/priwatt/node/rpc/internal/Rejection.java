package org.priwatt.node.rpc.internal;

import io.netty.handler.codec.http.FullHttpResponse;

/**
 * A request refused before its body was read (forbidden client, wrong path or method, missing
 * or wrong credentials), passed down the pipeline in order with the accepted requests so every
 * reply leaves in request order.
 *
 * @param response the reply
 * @param delayMillis how long to wait before replying (250 ms after a wrong password, as bitcoind)
 * @param keepAlive whether the connection stays open afterwards
 */
record Rejection(FullHttpResponse response, long delayMillis, boolean keepAlive) {}
