// Following a place in line: the status stream while it lasts (one connection, pushed
// changes), else one poll per pollAfterSeconds, as the API asks. EventSource cannot send
// the queue token, so the stream is read with fetch.
import { queueStatus } from 'app/api';

function events(text) {
	return text.split('\n\n').map((block) => block.split('\n')
		.filter((line) => line.startsWith('data:'))
		.map((line) => line.slice(5).trimStart())
		.join('\n'));
}

/**
 * Calls onTicket with every status until the ticket is no longer WAITING; onProblem when
 * neither the stream nor a poll can say. Returns a function that stops following.
 */
export function follow(concertId, queueToken, firstPollAfter, onTicket, onProblem) {
	const stop = new AbortController();
	let pollAfter = firstPollAfter ?? 1;
	let timer;

	const deliver = (ticket) => {
		pollAfter = ticket.pollAfterSeconds ?? pollAfter;
		onTicket(ticket);
		if (ticket.status !== 'WAITING') {
			stop.abort();
		}
	};

	const poll = () => {
		timer = setTimeout(async () => {
			try {
				deliver(await queueStatus(concertId, queueToken));
			}
			catch (problem) {
				onProblem(problem);
				if (problem.status >= 401 && problem.status < 500 && problem.status !== 429) {
					return;
				}
			}
			if (!stop.signal.aborted) {
				poll();
			}
		}, pollAfter * 1000);
	};

	(async () => {
		const response = await fetch(`/api/v1/queue/concerts/${concertId}/stream`, {
			headers: { Authorization: 'Bearer ' + queueToken, Accept: 'text/event-stream' },
			signal: stop.signal,
		});
		if (!response.ok || !response.body) {
			throw new Error('No stream');
		}
		const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
		let buffer = '';
		for (;;) {
			const { value, done } = await reader.read();
			if (done) {
				return;
			}
			buffer = (buffer + value).replace(/\r\n/g, '\n');
			const end = buffer.lastIndexOf('\n\n');
			if (end >= 0) {
				events(buffer.slice(0, end)).filter(Boolean).forEach((data) => deliver(JSON.parse(data)));
				buffer = buffer.slice(end + 2);
			}
		}
	})().catch(() => undefined).finally(() => {
		// The stream ended (server restart, timeout, refused): poll from here on.
		if (!stop.signal.aborted) {
			poll();
		}
	});

	return () => {
		stop.abort();
		clearTimeout(timer);
	};
}
