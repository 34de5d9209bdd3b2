package io.steward.api;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.micronaut.json.JsonMapper;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import io.steward.api.cloudify.CloudifyError;
import io.steward.api.ogc.OgcError;
import io.steward.api.ogc.OgcTargets;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Refuses, as soon as its head arrives, a request that no route could accept: a declared body over
 * {@code micronaut.server.max-request-size} (413, before any {@code 100 Continue}, so the client never sends it) and
 * a {@code Content-Type} charset this JVM does not know (415, which Micronaut would only find while binding the body,
 * as a 500), and a target that is not a URI (400: past here Micronaut no longer knows which API it was sent to),
 * and a request line Netty could not read (414 when over its length limit, 400 otherwise). The answer has the format
 * of the API the target belongs to and ends the connection, after reading what the client still sends of the request.
 * It also undoes, before routing, the doubled OGC process path APEx builds ({@link OgcTargets}).
 */
@Singleton
class EarlyRefusals implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {
    /** How long the rest of a refused request is read and dropped before the connection is closed regardless. */
    private static final Duration LINGER = Duration.ofSeconds(5);
    private final long maxRequestSize;
    private final OgcError ogc;
    private final io.steward.api.apex.ApexError apex;
    private final OgcTargets ogcTargets;
    private final JsonMapper json;

    EarlyRefusals(HttpServerConfiguration server, OgcError ogc, io.steward.api.apex.ApexError apex,
                  OgcTargets ogcTargets, JsonMapper json) {
        this.maxRequestSize = server.getMaxRequestSize();
        this.ogc = ogc;
        this.apex = apex;
        this.ogcTargets = ogcTargets;
        this.json = json;
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new Customizer(null));
        return event.getBean();
    }

    /** Adds the guard to every connection's pipeline, ahead of Micronaut's request handler. */
    private final class Customizer implements NettyServerCustomizer {
        private final Channel channel;

        Customizer(Channel channel) {
            this.channel = channel;
        }

        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return role == ChannelRole.CONNECTION ? new Customizer(channel) : this;
        }

        @Override
        public void onStreamPipelineBuilt() {
            ChannelPipeline pipeline = channel == null ? null : channel.pipeline();
            if (pipeline != null && pipeline.get(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND) != null
                    && pipeline.get(Guard.NAME) == null) {
                RequestLineHead head = new RequestLineHead();
                if (pipeline.get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) != null) {
                    pipeline.addBefore(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, RequestLineHead.NAME, head);
                }
                pipeline.addBefore(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND, Guard.NAME, new Guard(head));
            }
        }
    }

    private final class Guard extends ChannelInboundHandlerAdapter {
        static final String NAME = "steward-early-refusals";
        private final RequestLineHead head;
        private boolean refused;

        Guard(RequestLineHead head) {
            this.head = head;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (refused) {
                // Lingering: what the client still sends of the refused request is read and dropped.
                ReferenceCountUtil.release(msg);
                return;
            }
            if (msg instanceof HttpRequest request && request.decoderResult().isFailure()) {
                if (refusedUnreadable(ctx, msg, request.decoderResult().cause())) {
                    return;
                }
            } else if (msg instanceof HttpRequest request) {
                // The one rewrite before routing: see OgcTargets.
                request.setUri(ogcTargets.undoubled(request.uri()));
                String path = RawTargets.pathOf(request.uri());
                long declared = HttpUtil.getContentLength(request, -1L);
                String charset = Charsets.unknownIn(request.headers().get(HttpHeaderNames.CONTENT_TYPE));
                boolean bodyWithheld = HttpUtil.is100ContinueExpected(request);
                if (!parses(request.uri())) {
                    refuse(ctx, msg, path, 400, "Malformed URI: " + request.uri(), bodyWithheld);
                    return;
                }
                if (declared > maxRequestSize) {
                    refuse(ctx, msg, path, 413, "The content length [" + declared
                            + "] exceeds the maximum allowed content length [" + maxRequestSize + "]", bodyWithheld);
                    return;
                }
                if (charset != null) {
                    refuse(ctx, msg, path, 415, "Unsupported charset `" + charset + "` in Content-Type",
                            bodyWithheld);
                    return;
                }
            }
            if (msg instanceof LastHttpContent) {
                head.nextRequest();
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (refused && !ctx.channel().config().isAutoRead()) {
                // Micronaut reads on demand, and it no longer sees this connection's input: keep reading it.
                ctx.read();
            }
            ctx.fireChannelReadComplete();
        }

        /**
         * A request line or header the decoder could not read: its target, if any, is only in {@link #head}. A line
         * over the limit is 414; other unreadable heads are 400. Other frames too long (headers) stay Micronaut's.
         */
        private boolean refusedUnreadable(ChannelHandlerContext ctx, Object msg, Throwable cause) {
            String path = RawTargets.pathOf(head.target());
            if (cause instanceof TooLongHttpLineException) {
                refuse(ctx, msg, path, 414, "The request line is longer than the limit", false);
                return true;
            }
            if (cause instanceof TooLongFrameException) {
                return false;
            }
            refuse(ctx, msg, path, 400, "Malformed request line or header: " + cause.getMessage(), false);
            return true;
        }

        /** Micronaut parses the target with {@link URI}; when that fails it loses the target, and with it the API. */
        private static boolean parses(String target) {
            try {
                new URI(target);
                return true;
            } catch (URISyntaxException e) {
                return false;
            }
        }

        /**
         * Answers {@code status} and ends the connection. Unless the client withholds its body until told to send it
         * ({@code Expect: 100-continue}), it may still be sending: closing then would reset the connection and lose
         * the answer, so the output is shut after the answer and the input is read and dropped until the client
         * closes, for at most {@link #LINGER}.
         */
        private void refuse(ChannelHandlerContext ctx, Object msg, String path, int status, String message,
                            boolean bodyWithheld) {
            refused = true;
            ReferenceCountUtil.release(msg);
            Map<String, Object> body = ogc.coversPath(path) ? ogc.earlyProblem(path, status, message)
                    : apex.coversPath(path) ? apex.earlyBody(status, message)
                    : CloudifyError.ofStatus(status).body(message);
            byte[] bytes;
            try {
                bytes = json.writeValueAsBytes(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            FullHttpResponse response = new DefaultFullHttpResponse(io.netty.handler.codec.http.HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(bytes));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length)
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            if (bodyWithheld || !(ctx.channel() instanceof DuplexChannel duplex)) {
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            ctx.writeAndFlush(response).addListener(written -> duplex.shutdownOutput());
            ctx.executor().schedule(() -> ctx.close(), LINGER.toMillis(), TimeUnit.MILLISECONDS);
            ctx.read();
        }
    }
}
