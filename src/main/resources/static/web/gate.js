// The door: gate staff scan tickets with the camera or type the code, and the page
// answers in big green or red with the seat. Without signal it checks codes itself: the
// signature with the published keys (WebCrypto's Ed25519), the concert, the phone
// code's time step, the voided tickets and the tickets this device let in; it keeps its
// scans and sends them when the signal is back, showing which another gate scanned too.
import * as api from 'app/api';
import { askToSignIn, mountAccount, session } from 'app/auth';
import { dateTime, explain, t, time } from 'app/texts';

const STAFF = ['GATE', 'ORGANISER'];
// Most scans one sync sends, as the API takes them.
const SYNC_BATCH = 500;

mountAccount();
const me = session();
const tools = document.getElementById('tools');
const problem = document.getElementById('problem');
const setup = document.getElementById('setup');
const scanner = document.getElementById('scanner');
const verdictPanel = document.getElementById('verdict');
const connection = document.getElementById('connection');
const scanForm = document.getElementById('scan');
const conflictsArea = document.getElementById('conflicts-area');
const conflicts = document.getElementById('conflicts');

// What the device keeps, in localStorage so it outlives a reload without signal.
const saved = {
	get(key, fallback) {
		try {
			return JSON.parse(localStorage.getItem('gate.' + key)) ?? fallback;
		}
		catch {
			return fallback;
		}
	},
	set(key, value) {
		localStorage.setItem('gate.' + key, JSON.stringify(value));
	},
};

let concertId = null;
// The date the gate checks in for: a ticket of another date of the concert is refused.
let dateId = null;
let gate = null;
let syncing = false;
// What the last sync sent, said until the next one.
let lastSync = '';

const queueKey = () => `queue.${concertId}`;
const admittedKey = () => `admitted.${concertId}`;
const voidedKey = () => `voided.${concertId}`;

function isStaff(user) {
	return (user.roles ?? []).some((role) => STAFF.includes(String(role).replace(/^ROLE_/, '')));
}

/** The page is not this user's: say so plainly and show none of its tools. */
function notForYou(text) {
	tools.hidden = true;
	problem.textContent = text;
}

/** "Section A, row 3, seat 7" from the label A-3-7, or the label as it is. */
function seatOf(label) {
	if (!label) {
		return '';
	}
	const parts = /^(.+)-([^-]+)-([^-]+)$/.exec(label);
	return parts ? t('gate.seat', parts[1], parts[2], parts[3]) : t('gate.seatLabel', label);
}

/** The answer: full-width green ADMIT with the seat, or red REFUSED with the reason. */
function answer(admit, ...lines) {
	const big = document.createElement('strong');
	big.className = 'verdict-word';
	big.textContent = t(admit ? 'gate.admit' : 'gate.refuse');
	const said = lines.filter(Boolean).map((line, i) => {
		const p = document.createElement('p');
		p.className = i === 0 ? 'verdict-main' : 'verdict-note';
		p.textContent = line;
		return p;
	});
	verdictPanel.className = 'verdict ' + (admit ? 'admit' : 'refuse');
	verdictPanel.dataset.verdict = admit ? 'ADMIT' : 'REFUSED';
	verdictPanel.hidden = false;
	verdictPanel.replaceChildren(big, ...said);
}

function refusal(code, ...values) {
	return t('gate.error.' + code, ...values);
}

function showConnection(text) {
	const waiting = saved.get(queueKey(), []).length;
	const said = [text ?? t(navigator.onLine ? 'gate.online' : 'gate.offline')];
	if (waiting > 0) {
		said.push(t('gate.waiting', waiting));
	}
	if (lastSync) {
		said.push(lastSync);
	}
	connection.textContent = said.join(' ');
}

// ----- What the device takes along: the keys and the voided tickets -----

async function takeAlong() {
	try {
		saved.set('keys', await api.request('GET', '/api/v1/tickets/keys'));
	}
	catch {
		// No signal: the keys saved before.
	}
	try {
		saved.set(voidedKey(), await api.request('GET', `/api/v1/gate/concerts/${concertId}/voided`,
			{ token: me.accessToken }));
	}
	catch (refused) {
		if (refused.code === 'ROLE_REQUIRED') {
			notForYou(t('gate.notStaff'));
		}
	}
}

function base64url(text) {
	const plain = text.replace(/-/g, '+').replace(/_/g, '/');
	return Uint8Array.from(atob(plain + '='.repeat((4 - (plain.length % 4)) % 4)), (c) => c.charCodeAt(0));
}

function json(part) {
	return JSON.parse(new TextDecoder().decode(base64url(part)));
}

/** The claims of a code signed by one of the saved keys, or null. */
async function verified(code, keys) {
	try {
		const parts = code.split('.');
		if (parts.length !== 3) {
			return null;
		}
		const header = json(parts[0]);
		const jwk = keys.find((key) => key.kid === header.kid);
		if (header.alg !== 'EdDSA' || !jwk || jwk.crv !== 'Ed25519') {
			return null;
		}
		const key = await crypto.subtle.importKey('jwk', { kty: 'OKP', crv: 'Ed25519', x: jwk.x },
			{ name: 'Ed25519' }, false, ['verify']);
		const signed = new TextEncoder().encode(parts[0] + '.' + parts[1]);
		return await crypto.subtle.verify({ name: 'Ed25519' }, key, base64url(parts[2]), signed)
			? json(parts[1]) : null;
	}
	catch {
		return null;
	}
}

// ----- Checking a code -----

function remember(ticketId, seat) {
	const admitted = saved.get(admittedKey(), {});
	admitted[ticketId] = { at: new Date().toISOString(), seat };
	saved.set(admittedKey(), admitted);
}

async function checkOnline(code) {
	const admitted = await api.request('POST', `/api/v1/gate/concerts/${concertId}/check-ins`,
		{ token: me.accessToken, body: { code, gate, concertDateId: dateId } });
	remember(admitted.ticketId, admitted.label);
	answer(true, seatOf(admitted.label));
}

/** Checks the code on this device, and keeps the scan to send later. */
async function checkOffline(code) {
	const keys = saved.get('keys', null)?.keys;
	const list = saved.get(voidedKey(), null);
	if (!keys || !list) {
		answer(false, t('gate.noKeys'));
		return;
	}
	const claims = await verified(code, keys);
	if (!claims || !claims.jti || !['phone', 'printed'].includes(claims.use)) {
		answer(false, refusal('INVALID_TICKET_CODE'));
		return;
	}
	if (claims.cid !== concertId) {
		answer(false, refusal('WRONG_CONCERT'));
		return;
	}
	if (dateId !== null && claims.did !== dateId) {
		answer(false, refusal('WRONG_DATE'));
		return;
	}
	if (claims.use === 'phone') {
		const step = Math.floor(Date.now() / 1000 / list.codeStepSeconds);
		if (claims.step < step - list.stepTolerance) {
			answer(false, refusal('CODE_EXPIRED'));
			return;
		}
		if (claims.step > step + list.stepTolerance) {
			answer(false, refusal('CODE_NOT_YET_VALID'));
			return;
		}
	}
	const voided = list.tickets.find((ticket) => ticket.ticketId === claims.jti);
	if (voided?.status === 'REFUNDED') {
		answer(false, refusal('TICKET_REFUNDED'));
		return;
	}
	if (voided && claims.ver < voided.version) {
		answer(false, refusal('TICKET_VOIDED'));
		return;
	}
	const before = saved.get(admittedKey(), {})[claims.jti];
	if (before) {
		answer(false, refusal('ALREADY_USED_HERE', time(before.at)), seatOf(before.seat));
		return;
	}
	remember(claims.jti, claims.seat);
	saved.set(queueKey(), [...saved.get(queueKey(), []), { code, gate, scannedAt: new Date().toISOString(), concertDateId: dateId }]);
	answer(true, seatOf(claims.seat), t('gate.offlineAdmit'));
	showConnection();
}

async function check(code) {
	if (saved.get(queueKey(), []).length > 0 && navigator.onLine) {
		// Scans made offline first, so the server sees them in the order they were made.
		await sync();
	}
	try {
		await checkOnline(code);
		showConnection();
	}
	catch (refused) {
		if (refused.status === 0) {
			await checkOffline(code);
		}
		else if (refused.code === 'ALREADY_USED') {
			const first = refused.document;
			answer(false, refusal('ALREADY_USED', first.gate ?? '', first.checkedInAt ? time(first.checkedInAt) : ''));
		}
		else if (refused.code === 'ROLE_REQUIRED') {
			notForYou(t('gate.notStaff'));
		}
		else if (`gate.error.${refused.code}` in labels()) {
			answer(false, refusal(refused.code));
		}
		else {
			answer(false, explain(refused, 'gate'));
		}
	}
}

/** The gate's own texts, to tell its refusals from others. */
function labels() {
	return JSON.parse(document.getElementById('texts').textContent);
}

// ----- Sending the scans made offline -----

function report(result, scan) {
	const seat = result.label ? seatOf(result.label) : (result.ticketId ?? '').slice(0, 8);
	let text;
	if (result.outcome === 'CONFLICT' && result.laterGate) {
		text = t('gate.conflictWon', seat, time(result.checkedInAt), result.laterGate, time(result.laterScannedAt));
	}
	else if (result.outcome === 'CONFLICT') {
		text = t('gate.conflictLost', seat, result.gate, time(result.checkedInAt), time(scan.scannedAt));
	}
	else if (result.outcome === 'REFUSED') {
		text = t('gate.refusedOnSync', seat, refusal(result.code));
	}
	else {
		return false;
	}
	const item = document.createElement('li');
	item.dataset.outcome = result.outcome;
	item.textContent = text;
	conflicts.append(item);
	conflictsArea.hidden = false;
	return result.outcome === 'CONFLICT';
}

async function sync() {
	const queue = saved.get(queueKey(), []);
	if (syncing || queue.length === 0) {
		showConnection();
		return;
	}
	syncing = true;
	const sent = queue.slice(0, SYNC_BATCH);
	try {
		const answered = await api.request('POST', `/api/v1/gate/concerts/${concertId}/check-ins/sync`,
			{ token: me.accessToken, body: { scans: sent } });
		// Scans made meanwhile were appended: drop only those sent.
		saved.set(queueKey(), saved.get(queueKey(), []).slice(sent.length));
		const conflicted = answered.results.filter((result, i) => report(result, sent[i])).length;
		lastSync = t('gate.synced', sent.length, conflicted);
		showConnection();
	}
	catch (refused) {
		showConnection(refused.status === 0 ? undefined : explain(refused, 'gate'));
	}
	finally {
		syncing = false;
	}
}

// ----- The camera, where the browser reads QR codes -----

async function offerCamera() {
	if (!('BarcodeDetector' in window) || !navigator.mediaDevices?.getUserMedia) {
		return;
	}
	const formats = await BarcodeDetector.getSupportedFormats().catch(() => []);
	if (!formats.includes('qr_code')) {
		return;
	}
	const area = document.getElementById('camera');
	const video = document.getElementById('video');
	const toggle = document.getElementById('camera-toggle');
	const detector = new BarcodeDetector({ formats: ['qr_code'] });
	let stream = null;
	let last = { code: null, at: 0 };
	area.hidden = false;

	async function look() {
		if (!stream) {
			return;
		}
		try {
			const found = await detector.detect(video);
			const code = found[0]?.rawValue;
			// The same code held in front of the camera is one scan, not one a frame.
			if (code && (code !== last.code || Date.now() - last.at > 3000)) {
				last = { code, at: Date.now() };
				await check(code);
			}
		}
		catch {
			// A frame not ready yet: the next one.
		}
		requestAnimationFrame(look);
	}

	toggle.addEventListener('click', async () => {
		if (stream) {
			stream.getTracks().forEach((track) => track.stop());
			stream = null;
			toggle.textContent = t('gate.camera');
			return;
		}
		try {
			stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
			video.srcObject = stream;
			await video.play();
			toggle.textContent = t('gate.cameraOff');
			requestAnimationFrame(look);
		}
		catch (refused) {
			stream = null;
			problem.textContent = refused.message;
		}
	});
}

// ----- The page -----

async function offerConcerts() {
	const select = setup.elements.concert;
	let list = saved.get('concerts', []);
	try {
		list = await api.concerts();
		saved.set('concerts', list);
	}
	catch {
		// No signal: the concerts seen before.
	}
	select.replaceChildren(...list.map((concert) => {
		const option = document.createElement('option');
		option.value = concert.concertId;
		option.textContent = concert.title;
		return option;
	}));
	if (list.length === 0) {
		problem.textContent = t('gate.noConcerts');
	}
	const last = saved.get('setup', null);
	if (last) {
		if (list.some((concert) => concert.concertId === last.concertId)) {
			select.value = last.concertId;
		}
		setup.elements.gate.value = last.gate;
	}
	offerDates(list, last?.dateId);
	select.addEventListener('change', () => offerDates(list));
}

/** The chosen concert's dates, each on the concert's clock: the gate checks in for one. */
function offerDates(list, chosen) {
	const concert = list.find((c) => c.concertId === setup.elements.concert.value);
	const select = setup.elements.date;
	select.replaceChildren(...(concert?.dates ?? []).map((date) => {
		const option = document.createElement('option');
		option.value = String(date.concertDateId);
		option.textContent = dateTime(date.startsAt, concert.timeZone);
		return option;
	}));
	if (chosen != null && [...select.options].some((option) => option.value === String(chosen))) {
		select.value = String(chosen);
	}
}

setup.addEventListener('submit', async (event) => {
	event.preventDefault();
	concertId = setup.elements.concert.value;
	dateId = setup.elements.date.value ? Number(setup.elements.date.value) : null;
	gate = setup.elements.gate.value.trim();
	if (!concertId || !gate) {
		return;
	}
	saved.set('setup', { concertId, dateId, gate });
	const day = setup.elements.date.selectedOptions[0]?.textContent;
	const title = (setup.elements.concert.selectedOptions[0]?.textContent ?? '') + (day ? ', ' + day : '');
	document.getElementById('scanner-heading').textContent = t('gate.heading', title, gate);
	setup.hidden = true;
	scanner.hidden = false;
	await takeAlong();
	showConnection();
	await sync();
	scanForm.elements.code.focus();
});

scanForm.addEventListener('submit', async (event) => {
	event.preventDefault();
	const field = scanForm.elements.code;
	const code = field.value.trim();
	if (!code) {
		return;
	}
	const button = scanForm.querySelector('button[type="submit"]');
	button.disabled = true;
	try {
		await check(code);
	}
	finally {
		button.disabled = false;
		field.value = '';
		field.focus();
	}
});

document.getElementById('sync').addEventListener('click', () => sync());
// Back online: the scans kept meanwhile, then a fresh voided list for the next outage.
window.addEventListener('online', () => concertId && sync().then(takeAlong));
window.addEventListener('offline', () => concertId && showConnection());

if (!me) {
	askToSignIn(document.getElementById('sign-in'), t('gate.signIn'));
}
else if (!isStaff(me)) {
	notForYou(t('gate.notStaff'));
}
else {
	tools.hidden = false;
	await offerConcerts();
	await offerCamera();
}
