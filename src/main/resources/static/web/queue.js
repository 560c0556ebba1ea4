// Following a place in line: the live WebSocket while it lasts (one connection, pushed
// changes, the lightest for the server to hold), else the status stream where no
// WebSocket opens (a proxy that does not pass them), else one poll per pollAfterSeconds,
// as the API asks. The queue token goes as the WebSocket's first message and as the
// stream's header, never in an address; EventSource cannot send it, so the stream is read
// with fetch.
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

	// Resolves when the WebSocket ends: opened says whether it ever connected.
	const live = () => new Promise((resolve) => {
		if (typeof WebSocket === 'undefined') {
			resolve({ opened: false });
			return;
		}
		const scheme = (location.protocol === 'https:') ? 'wss:' : 'ws:';
		let socket;
		try {
			socket = new WebSocket(`${scheme}//${location.host}/api/v1/queue/concerts/${concertId}/live`);
		}
		catch {
			resolve({ opened: false });
			return;
		}
		let opened = false;
		const close = () => socket.close(1000);
		stop.signal.addEventListener('abort', close);
		socket.onopen = () => {
			opened = true;
			socket.send(queueToken);
		};
		socket.onmessage = (message) => deliver(JSON.parse(message.data));
		socket.onclose = () => {
			stop.signal.removeEventListener('abort', close);
			resolve({ opened });
		};
	});

	const stream = async () => {
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
	};

	(async () => {
		const ended = await live();
		// A WebSocket that opened and was closed (its token refused, too many open, the
		// server going away) leaves the rest to polling, as a stream would: only where no
		// WebSocket connects at all is the stream tried.
		if (!ended.opened && !stop.signal.aborted) {
			await stream();
		}
	})().catch(() => undefined).finally(() => {
		// The channel ended (server restart, timeout, refused): poll from here on.
		if (!stop.signal.aborted) {
			poll();
		}
	});

	return () => {
		stop.abort();
		clearTimeout(timer);
	};
}
