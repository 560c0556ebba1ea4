package dev.ticketing.queue;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Pushes queue status to open status channels, event streams and WebSockets alike: the
 * status whenever a channel's changes, a heartbeat when it has not for a while. Channels
 * hold no thread: one timer visits them all, each visit a short task on a virtual thread.
 * Each visit counts as the user polling, so an open channel keeps a waiting place. The
 * timer runs every {@code concert.queue.stream-interval}, from start-up.
 */
@Component
class QueueStreams implements SchedulingConfigurer, MeterBinder {

	private static final Logger log = LoggerFactory.getLogger(QueueStreams.class);

	private final Map<StatusChannel, Subscription> open = new ConcurrentHashMap<>();

	private final Map<StatusChannel.Kind, AtomicInteger> counts = Arrays.stream(StatusChannel.Kind.values())
		.collect(Collectors.toMap((kind) -> kind, (kind) -> new AtomicInteger(), (a, b) -> a,
				() -> new EnumMap<>(StatusChannel.Kind.class)));

	private final ExecutorService visits = Executors.newVirtualThreadPerTaskExecutor();

	private final QueueService queue;

	private final QueueProperties properties;

	QueueStreams(QueueService queue, QueueProperties properties) {
		this.queue = queue;
		this.properties = properties;
	}

	/**
	 * A stream of the token's status, beginning with the status now.
	 * @throws dev.ticketing.common.ProblemException 401 {@code TOKEN_EXPIRED} for a token
	 * that is neither waiting nor admitted (one of an earlier entry too): there is
	 * nothing to follow
	 */
	SseEmitter open(QueueToken token) {
		QueueTicket first = firstStatus(token);
		SseEmitter emitter = new SseEmitter(this.properties.streamTimeout().toMillis());
		StatusChannel channel = new EventStream(emitter);
		emitter.onCompletion(() -> forget(channel));
		emitter.onTimeout(() -> forget(channel));
		emitter.onError((ex) -> forget(channel));
		// Sent once the response begins; later visits send only changes.
		follow(channel, token, first);
		return emitter;
	}

	/**
	 * Sends the token's status to {@code channel} now, then with every visit that finds
	 * it changed, until it is EXPIRED or {@link #closed} is called.
	 * @throws dev.ticketing.common.ProblemException 401 {@code TOKEN_EXPIRED} as
	 * {@link #open(QueueToken)} does; nothing is sent then
	 */
	void open(QueueToken token, StatusChannel channel) {
		follow(channel, token, firstStatus(token));
	}

	/** The channel ended on its own (its client went away): no more visits. */
	void closed(StatusChannel channel) {
		forget(channel);
	}

	private QueueTicket firstStatus(QueueToken token) {
		QueueTicket first = this.queue.status(token);
		if (first.status() == QueueState.EXPIRED) {
			throw QueueToken.expired();
		}
		return first;
	}

	private void follow(StatusChannel channel, QueueToken token, QueueTicket first) {
		Subscription subscription = new Subscription(token);
		deliver(channel, subscription, first);
		if (this.open.put(channel, subscription) == null) {
			this.counts.get(channel.kind()).incrementAndGet();
		}
	}

	int openCount() {
		return this.open.size();
	}

	/** The channels of {@code kind} open now. */
	int openCount(StatusChannel.Kind kind) {
		return this.counts.get(kind).get();
	}

	private void forget(StatusChannel channel) {
		if (this.open.remove(channel) != null) {
			this.counts.get(channel.kind()).decrementAndGet();
		}
	}

	/**
	 * The status channels open on this instance by kind ({@code event-stream},
	 * {@code websocket}), beside the limits' count of both against the caps.
	 */
	@Override
	public void bindTo(MeterRegistry meters) {
		for (StatusChannel.Kind kind : StatusChannel.Kind.values()) {
			Gauge.builder("concert.queue.channels.open", this, (streams) -> streams.openCount(kind))
				.description("Status channels open on this instance, by kind")
				.tag("kind", kind.tag())
				.register(meters);
		}
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(new FixedDelayTask(this::visitAll, this.properties.streamInterval(), Duration.ZERO));
	}

	void visitAll() {
		this.open.forEach((channel, subscription) -> this.visits.submit(() -> visit(channel, subscription)));
	}

	/**
	 * Ends every channel cleanly as shutdown begins, before the web server waits for
	 * requests in flight: an open stream would otherwise hold the graceful shutdown for
	 * its whole timeout. Clients reconnect elsewhere at once.
	 */
	@EventListener(ContextClosedEvent.class)
	void onShutdown() {
		closeAll();
	}

	/** Ends every channel cleanly at shutdown, so clients reconnect elsewhere at once. */
	@PreDestroy
	void closeAll() {
		this.open.keySet().forEach((channel) -> {
			forget(channel);
			channel.goAway();
		});
	}

	private void visit(StatusChannel channel, Subscription subscription) {
		if (!subscription.busy.compareAndSet(false, true)) {
			return;
		}
		try {
			deliver(channel, subscription, this.queue.status(subscription.token));
		}
		catch (RuntimeException ex) {
			log.debug("Queue stream visit failed, retrying on the next: {}", ex.getMessage());
		}
		finally {
			subscription.busy.set(false);
		}
	}

	private void deliver(StatusChannel channel, Subscription subscription, QueueTicket ticket) {
		try {
			QueueController.TicketView view = QueueController.TicketView.of(ticket, false);
			long now = System.nanoTime();
			if (!Objects.equals(view, subscription.last)) {
				channel.send(view);
				subscription.last = view;
				subscription.sentAt = now;
			}
			else if (now - subscription.sentAt >= this.properties.streamHeartbeat().toNanos()) {
				channel.heartbeat();
				subscription.sentAt = now;
			}
			if (ticket.status() == QueueState.EXPIRED) {
				forget(channel);
				channel.complete();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The client went away; its container ends the channel.
			forget(channel);
		}
	}

	private static final class Subscription {

		final QueueToken token;

		final AtomicBoolean busy = new AtomicBoolean();

		volatile QueueController.TicketView last;

		volatile long sentAt = System.nanoTime();

		Subscription(QueueToken token) {
			this.token = token;
		}

	}

	/**
	 * A server-sent event stream: status as {@code status} events, heartbeats as
	 * comments.
	 */
	private record EventStream(SseEmitter emitter) implements StatusChannel {

		@Override
		public Kind kind() {
			return Kind.EVENT_STREAM;
		}

		@Override
		public void send(QueueController.TicketView status) throws IOException {
			this.emitter.send(SseEmitter.event().name("status").data(status, MediaType.APPLICATION_JSON));
		}

		@Override
		public void heartbeat() throws IOException {
			this.emitter.send(SseEmitter.event().comment("heartbeat"));
		}

		@Override
		public void complete() {
			this.emitter.complete();
		}

		@Override
		public void goAway() {
			this.emitter.complete();
		}

	}

}
