package io.voxgate.bench.loadgen;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs a {@link LoadPlan}: starts the client event loops (epoll on Linux, NIO elsewhere) and the {@link TickTimer},
 * connects the calls over the ramp, waits until every call is over, and gathers the statistics, the CPU time of the
 * generator (and of the server when its PID is known) and two scrapes of the server's metrics.
 */
final class LoadRun
{
    private static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(10);

    private LoadRun()
    {
    }

    /**
     * Runs the plan.
     *
     * @param plan  what to do.
     * @param audio what the callers say.
     * @return what happened.
     * @throws InterruptedException if interrupted.
     */
    static LoadResult run(final LoadPlan plan, final CallerAudio audio) throws InterruptedException
    {
        final boolean epoll = Epoll.isAvailable();
        final DefaultThreadFactory threads = new DefaultThreadFactory("loadgen-io", true);
        final EventLoopGroup loops = epoll ? new EpollEventLoopGroup(plan.threads(), threads) :
            new NioEventLoopGroup(plan.threads(), threads);
        final CallGroups groups = new CallGroups(loops, plan.calls());
        final TickTimer timer = new TickTimer(groups.all());
        final ServerMetrics before = ServerMetrics.scrape(plan.metricsUrl());
        final ProcessCpu generatorBefore = ProcessCpu.of(ProcessHandle.current().pid());
        final ProcessCpu serverBefore = plan.serverPid() > 0 ? ProcessCpu.of(plan.serverPid()) : null;
        final Map<String, Long> threadsBefore = plan.serverPid() > 0 ? ProcessCpu.byThread(plan.serverPid()) :
            Map.of();
        final long startNanos = System.nanoTime();
        try
        {
            timer.start();
            final Bootstrap bootstrap = new Bootstrap().group(loops)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000);
            final long rampNanos = (long)(plan.rampSeconds() * 1e9);
            for (int i = 0; i < plan.calls(); i++)
            {
                final long due = startNanos + rampNanos * i / plan.calls();
                long wait;
                while ((wait = due - System.nanoTime()) > 0)
                {
                    LockSupport.parkNanos(wait);
                }
                connect(bootstrap, plan, groups, new SimulatedCall(i, groups, audio, plan.framesPerCall(),
                    plan.bargesIn(i), plan.assistant()));
            }
            final long patience = rampNanos + TimeUnit.SECONDS.toNanos(plan.durationSeconds() + 60L);
            groups.awaitAll(patience, TimeUnit.NANOSECONDS);
            final long wallNanos = System.nanoTime() - startNanos;
            timer.stop();
            final LoadStats stats = collect(groups);
            stats.callsFailed += groups.unfinished();
            final ProcessCpu generator = minus(ProcessCpu.of(ProcessHandle.current().pid()), generatorBefore);
            final ProcessCpu server = plan.serverPid() > 0 ? minus(ProcessCpu.of(plan.serverPid()), serverBefore) :
                null;
            final Map<String, Long> serverThreads = new TreeMap<>();
            if (plan.serverPid() > 0)
            {
                // Threads that ended during the run are missing from the second reading: a lower bound for them.
                ProcessCpu.byThread(plan.serverPid()).forEach((name, nanos) ->
                    serverThreads.put(name, nanos - threadsBefore.getOrDefault(name, 0L)));
            }
            return new LoadResult(plan, epoll, stats, wallNanos, generator, server, before,
                settledScrape(plan, before), serverThreads);
        }
        finally
        {
            timer.stop();
            loops.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static void connect(final Bootstrap bootstrap, final LoadPlan plan, final CallGroups groups,
        final SimulatedCall call)
    {
        final WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
            .webSocketUri(plan.url())
            .version(WebSocketVersion.V13)
            .maxFramePayloadLength(1 << 20)
            .handshakeTimeoutMillis(30_000)
            .build();
        final ChannelFuture connect = bootstrap.clone().handler(new ChannelInitializer<Channel>()
        {
            @Override
            protected void initChannel(final Channel channel)
            {
                channel.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(64 * 1024),
                    new WebSocketClientProtocolHandler(config), call);
            }
        }).connect(plan.url().getHost(), plan.url().getPort());
        connect.addListener((future) ->
        {
            if (!future.isSuccess())
            {
                call.connectFailed(groups.of(connect.channel().eventLoop()).stats());
            }
        });
    }

    /** Takes each loop's statistics on that loop (all its calls are over) and merges them. */
    private static LoadStats collect(final CallGroups groups) throws InterruptedException
    {
        final LoadStats all = new LoadStats();
        for (final CallGroup group : groups.all())
        {
            try
            {
                all.add(group.loop().submit(group::stats).get(30, TimeUnit.SECONDS));
            }
            catch (final ExecutionException | java.util.concurrent.TimeoutException ex)
            {
                throw new IllegalStateException("cannot collect the statistics of " + group.loop(), ex);
            }
        }
        return all;
    }

    /** Scrapes once the server has let go of the run's calls (its last frames are counted by then). */
    private static ServerMetrics settledScrape(final LoadPlan plan, final ServerMetrics before)
        throws InterruptedException
    {
        if (null == before)
        {
            return null;
        }
        final long deadline = System.nanoTime() + SETTLE_NANOS;
        ServerMetrics after = ServerMetrics.scrape(plan.metricsUrl());
        while (null != after && after.delta(before, "voxgate_calls_active") > 0 && System.nanoTime() < deadline)
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            after = ServerMetrics.scrape(plan.metricsUrl());
        }
        return after;
    }

    private static ProcessCpu minus(final ProcessCpu after, final ProcessCpu before)
    {
        return null == after || null == before ? null : after.minus(before);
    }
}
