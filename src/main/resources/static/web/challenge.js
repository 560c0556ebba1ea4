// The cost to join a busy line: the page fetches a proof-of-work challenge (ALTCHA's
// protocol), a worker solves it without freezing the page, and the solution goes with
// the request to join, which the service accepts once.

/**
 * Solves challenge ({algorithm, challenge, maxnumber, salt, signature}); onProgress gets
 * the share of the numbers tried so far (0 … 1). Resolves to the ALTCHA payload the
 * service expects in the Altcha header.
 */
export function solve(challenge, onProgress) {
	return new Promise((resolve, reject) => {
		const worker = new Worker(new URL('./challenge-worker.js', import.meta.url));
		worker.onmessage = ({ data }) => {
			if (data.progress !== undefined) {
				onProgress(data.progress);
				return;
			}
			worker.terminate();
			if (data.failed) {
				reject(new Error('unsolved'));
				return;
			}
			onProgress(1);
			resolve(btoa(JSON.stringify({ algorithm: challenge.algorithm, challenge: challenge.challenge,
				number: data.number, salt: challenge.salt, signature: challenge.signature, took: data.took })));
		};
		worker.onerror = (error) => {
			worker.terminate();
			reject(error);
		};
		worker.postMessage({ challenge: challenge.challenge, salt: challenge.salt, maxnumber: challenge.maxnumber });
	});
}
