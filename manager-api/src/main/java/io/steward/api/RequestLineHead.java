package io.steward.api;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Keeps the start of the current request line as it arrives, ahead of Netty's HTTP decoder: when the decoder refuses
 * a line (too long, not three words) it keeps nothing of it, yet the refusal must be in the format of the API whose
 * path the line names.
 */
final class RequestLineHead extends ChannelInboundHandlerAdapter {
    static final String NAME = "steward-request-line-head";
    /** Enough for any API's path prefix; the rest of a long line is not needed to tell the API. */
    private static final int KEPT = 512;

    private final StringBuilder head = new StringBuilder();
    private boolean keeping = true;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (keeping && msg instanceof ByteBuf bytes) {
            for (int i = bytes.readerIndex(); i < bytes.writerIndex() && keeping; i++) {
                char c = (char) (bytes.getByte(i) & 0xff);
                if (c == '\r' || c == '\n') {
                    // Blank lines before a request line are allowed; the first line break after text ends it.
                    keeping = head.isEmpty();
                } else {
                    head.append(c);
                    keeping = head.length() < KEPT;
                }
            }
        }
        ctx.fireChannelRead(msg);
    }

    /** The request target as far as it was kept: the line's second word, or "" when there is none yet. */
    String target() {
        String line = head.toString();
        int start = line.indexOf(' ');
        if (start < 0) {
            return "";
        }
        int end = line.indexOf(' ', start + 1);
        return end < 0 ? line.substring(start + 1) : line.substring(start + 1, end);
    }

    /** Called when a request has been read in full: the next bytes start the next request line. */
    void nextRequest() {
        head.setLength(0);
        keeping = true;
    }
}
