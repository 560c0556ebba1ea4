package dev.ticketing.queue;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

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
 * Pushes queue status to open event streams: an event whenever a stream's status changes,
 * a heartbeat comment when it has not for a while. Streams hold no thread: a timer visits
 * them all, each visit a short task on a virtual thread. Each visit counts as the user
 * polling, so an open stream keeps a waiting place. The timer runs every
 * {@code concert.queue.stream-interval}, from start-up.
 */
@Component
class QueueStreams implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(QueueStreams.class);

	private final Map<SseEmitter, Subscription> open = new ConcurrentHashMap<>();

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
		QueueTicket first = this.queue.status(token);
		if (first.status() == QueueState.EXPIRED) {
			throw QueueToken.expired();
		}
		SseEmitter emitter = new SseEmitter(this.properties.streamTimeout().toMillis());
		Subscription subscription = new Subscription(token);
		emitter.onCompletion(() -> this.open.remove(emitter));
		emitter.onTimeout(() -> this.open.remove(emitter));
		emitter.onError((ex) -> this.open.remove(emitter));
		// Sent once the response begins; later visits send only changes.
		deliver(emitter, subscription, first);
		this.open.put(emitter, subscription);
		return emitter;
	}

	int openCount() {
		return this.open.size();
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(new FixedDelayTask(this::visitAll, this.properties.streamInterval(), Duration.ZERO));
	}

	void visitAll() {
		this.open.forEach((emitter, subscription) -> this.visits.submit(() -> visit(emitter, subscription)));
	}

	/**
	 * Ends every stream cleanly as shutdown begins, before the web server waits for
	 * requests in flight: an open stream would otherwise hold the graceful shutdown for
	 * its whole timeout. Clients reconnect elsewhere at once.
	 */
	@EventListener(ContextClosedEvent.class)
	void onShutdown() {
		closeAll();
	}

	/** Ends every stream cleanly at shutdown, so clients reconnect elsewhere at once. */
	@PreDestroy
	void closeAll() {
		this.open.keySet().forEach(SseEmitter::complete);
		this.open.clear();
	}

	private void visit(SseEmitter emitter, Subscription subscription) {
		if (!subscription.busy.compareAndSet(false, true)) {
			return;
		}
		try {
			deliver(emitter, subscription, this.queue.status(subscription.token));
		}
		catch (RuntimeException ex) {
			log.debug("Queue stream visit failed, retrying on the next: {}", ex.getMessage());
		}
		finally {
			subscription.busy.set(false);
		}
	}

	private void deliver(SseEmitter emitter, Subscription subscription, QueueTicket ticket) {
		try {
			QueueController.TicketView view = QueueController.TicketView.of(ticket, false);
			long now = System.nanoTime();
			if (!Objects.equals(view, subscription.last)) {
				emitter.send(SseEmitter.event().name("status").data(view, MediaType.APPLICATION_JSON));
				subscription.last = view;
				subscription.sentAt = now;
			}
			else if (now - subscription.sentAt >= this.properties.streamHeartbeat().toNanos()) {
				emitter.send(SseEmitter.event().comment("heartbeat"));
				subscription.sentAt = now;
			}
			if (ticket.status() == QueueState.EXPIRED) {
				emitter.complete();
				this.open.remove(emitter);
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The client went away; the container completes the emitter.
			this.open.remove(emitter);
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

}
