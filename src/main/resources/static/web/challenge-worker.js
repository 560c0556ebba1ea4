// Solves an ALTCHA join challenge off the page's thread: finds the number n in
// 0 … maxnumber with SHA-256(salt + n) = challenge, using the browser's own SHA-256
// (WebCrypto), and reports how far it got as it goes.
const BATCH = 2000;

self.onmessage = async ({ data }) => {
	const { challenge, salt, maxnumber } = data;
	const encoder = new TextEncoder();
	const target = new Uint8Array(challenge.match(/../g).map((byte) => parseInt(byte, 16)));
	const matches = (digest) => {
		const bytes = new Uint8Array(digest);
		for (let i = 0; i < bytes.length; i++) {
			if (bytes[i] !== target[i]) {
				return false;
			}
		}
		return true;
	};
	const started = performance.now();
	for (let from = 0; from <= maxnumber; from += BATCH) {
		const to = Math.min(maxnumber, from + BATCH - 1);
		const digests = [];
		for (let n = from; n <= to; n++) {
			digests.push(crypto.subtle.digest('SHA-256', encoder.encode(salt + n)));
		}
		const found = (await Promise.all(digests)).findIndex(matches);
		if (found >= 0) {
			self.postMessage({ number: from + found, took: Math.round(performance.now() - started) });
			return;
		}
		self.postMessage({ progress: (to + 1) / (maxnumber + 1) });
	}
	self.postMessage({ failed: true });
};
