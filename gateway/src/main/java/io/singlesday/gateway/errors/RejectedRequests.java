package io.singlesday.gateway.errors;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import io.singlesday.platform.web.ProblemText;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import reactor.netty.NettyPipeline;

import java.nio.charset.StandardCharsets;

/**
 * Requests the gateway refuses before routing, answered as problem+json like every other refusal: those
 * Netty cannot decode (a request line or headers past their limits, no HTTP version, two Content-Length
 * headers, a malformed escape), which Reactor Netty or Spring would answer with an empty body, and those Spring Security's firewall turns
 * away (dot segments, encoded slashes or NUL, control characters in headers, unknown methods), which it would
 * answer with an empty 400.
 */
@Configuration(proxyBeanMethods = false)
public class RejectedRequests {

    @Bean
    ServerExchangeRejectedHandler problemForFirewallRejections(ProblemWriter problems) {
        return (exchange, rejected) -> problems.write(exchange, HttpStatus.BAD_REQUEST, ProblemText.detail(400));
    }

    @Bean
    NettyServerCustomizer problemForUndecodableRequests() {
        return server -> server.doOnChannelInit((observer, channel, address) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, "festival.undecodable", new Undecodable());
            }
        });
    }

    /** Sits right behind the HTTP decoder: a request it failed to decode is answered here and the connection closed. */
    static final class Undecodable extends ChannelInboundHandlerAdapter {

        private boolean refused;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (refused) {
                ReferenceCountUtil.release(msg);
                return;
            }
            boolean undecoded = msg instanceof HttpObject http && http.decoderResult().isFailure();
            if (undecoded || msg instanceof HttpRequest request && !isUri(request.uri())) {
                refused = true;
                Throwable cause = undecoded ? ((HttpObject) msg).decoderResult().cause() : null;
                ReferenceCountUtil.release(msg);
                int status = cause instanceof TooLongHttpLineException ? 414
                        : cause instanceof TooLongHttpHeaderException ? 431
                        : cause instanceof TooLongFrameException && !(msg instanceof HttpRequest) ? 413 : 400;
                byte[] body = ProblemText.problemJson(status).getBytes(StandardCharsets.UTF_8);
                FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                        HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(body));
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                        .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            ctx.fireChannelRead(msg);
        }

        /** Spring answers a target it cannot make a URI of (a malformed escape) with an empty 400 of its own. */
        private static boolean isUri(String target) {
            try {
                new java.net.URI(target);
                return true;
            } catch (java.net.URISyntaxException e) {
                return false;
            }
        }
    }
}
