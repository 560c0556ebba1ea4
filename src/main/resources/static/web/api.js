// The JSON API, as the pages call it: user calls carry the access token, booking calls
// the queue token; every refusal arrives as a Problem with the API's stable code.
export class Problem extends Error {
	/** document: the problem document as sent, with a refusal's own members (an ALREADY_USED's gate). */
	constructor(status, code, detail, retryAfter, document) {
		super(detail ?? code);
		this.status = status;
		this.code = code;
		this.retryAfter = retryAfter;
		this.document = document ?? {};
	}
}

export async function request(method, path, { token, body, version, headers } = {}) {
	const answer = await exchange(method, path, { token, body, version, headers });
	return answer.json;
}

/**
 * GET of a versioned answer: the body and its version (ETag), or unchanged (true) when
 * the version sent is still the answer's: a 304, no body on the wire.
 */
export async function versioned(path, token, version) {
	const answer = await exchange('GET', path, { token, version });
	return answer.status === 304 ? { unchanged: true, version }
		: { unchanged: false, version: answer.version, body: answer.json };
}

async function exchange(method, path, { token, body, version, headers: extra }) {
	const headers = { Accept: 'application/json', ...extra };
	if (version) {
		headers['If-None-Match'] = version;
	}
	if (token) {
		headers.Authorization = 'Bearer ' + token;
	}
	if (body !== undefined) {
		headers['Content-Type'] = 'application/json';
	}
	let response;
	try {
		response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
	}
	catch {
		throw new Problem(0, 'network');
	}
	const text = await response.text();
	let json = null;
	try {
		json = text ? JSON.parse(text) : null;
	}
	catch {
		// Not JSON: a proxy's page, say; the status says enough.
	}
	if (!response.ok && response.status !== 304) {
		const retryAfter = Number(response.headers.get('Retry-After')) || null;
		throw new Problem(response.status, json?.code ?? 'other', json?.detail, retryAfter, json);
	}
	return { status: response.status, version: response.headers.get('ETag'), json };
}

export const concerts = () => request('GET', '/api/v1/concerts');

export const dates = (concertId, queueToken) =>
	request('GET', `/api/v1/concerts/${concertId}/dates`, { token: queueToken });

/** The date's hall by section (name, prices, free seats, place on the plan), versioned. */
export const hall = (concertId, dateId, queueToken, version) =>
	versioned(`/api/v1/concerts/${concertId}/dates/${dateId}/hall`, queueToken, version);

/** One section's rows, seat ids and states (a letter a seat: A, H, S), versioned. */
export const section = (concertId, dateId, index, queueToken, version) =>
	versioned(`/api/v1/concerts/${concertId}/dates/${dateId}/sections/${index}/seats-state`, queueToken, version);

/** Joins the line; altcha: the solved join challenge, where the concert asks for one. */
export const joinLine = (concertId, session, altcha) =>
	request('POST', `/api/v1/queue/concerts/${concertId}/users/${session.userId}`,
		{ token: session.accessToken, headers: altcha ? { Altcha: altcha } : undefined });

export const joinChallenge = (concertId, session) =>
	request('GET', `/api/v1/queue/concerts/${concertId}/users/${session.userId}/challenge`,
		{ token: session.accessToken });

export const queueStatus = (concertId, queueToken) =>
	request('GET', `/api/v1/queue/concerts/${concertId}`, { token: queueToken });

export const hold = (concertId, dateId, seatId, queueToken) =>
	request('POST', `/api/v1/reservations/seats/${seatId}`,
		{ token: queueToken, body: { concertId, concertDateId: dateId } });

/** Seats side by side picked by the service: count of them in a section or a price band. */
export const bestAvailable = (concertId, dateId, count, where, queueToken) =>
	request('POST', '/api/v1/reservations/best-available',
		{ token: queueToken, body: { concertId, concertDateId: dateId, count, ...where } });

export const giveBack = (reservationId, queueToken) =>
	request('DELETE', `/api/v1/reservations/${reservationId}`, { token: queueToken });

export const pay = (reservationId, queueToken) =>
	request('POST', `/api/v1/payments/${reservationId}`, { token: queueToken });

// A concert's presale, as its fans see it.
const presalePath = (concertId, session) => `/api/v1/presale/concerts/${concertId}/users/${session.userId}`;

export const presale = (concertId, session) =>
	request('GET', presalePath(concertId, session), { token: session.accessToken });

export const registerForLottery = (concertId, session) =>
	request('POST', `${presalePath(concertId, session)}/registration`, { token: session.accessToken });

export const redeemCode = (concertId, session, code) =>
	request('POST', `${presalePath(concertId, session)}/code`, { token: session.accessToken, body: { code } });

export const balance = (session) =>
	request('GET', `/api/v1/users/${session.userId}/points`, { token: session.accessToken });

export const topUp = (session, amount) =>
	request('POST', `/api/v1/users/${session.userId}/points/charge`,
		{ token: session.accessToken, body: { amount } });

export const reservations = (session) =>
	request('GET', `/api/v1/users/${session.userId}/reservations`, { token: session.accessToken });

/** The fan's places on waiting lists, newest first, an offered seat with each OFFERED one. */
export const waitingLists = (session) =>
	request('GET', `/api/v1/users/${session.userId}/waiting-lists`, { token: session.accessToken });

export const joinWaitingList = (session, concertId, concertDateId) =>
	request('POST', `/api/v1/users/${session.userId}/waiting-lists`,
		{ token: session.accessToken, body: { concertId, concertDateId } });

export const leaveWaitingList = (session, concertDateId) =>
	request('DELETE', `/api/v1/users/${session.userId}/waiting-lists/${concertDateId}`,
		{ token: session.accessToken });

export const tickets = (session) =>
	request('GET', `/api/v1/users/${session.userId}/tickets`, { token: session.accessToken });

// A ticket's code for the phone (a new one every step) or for print (no step).
export const ticketCode = (session, ticketId, printed) =>
	request('GET', `/api/v1/users/${session.userId}/tickets/${ticketId}/${printed ? 'printed-code' : 'code'}`,
		{ token: session.accessToken });

// Gives the ticket to another fan, by the account id they see on their own tickets page.
export const giveTicket = (session, ticketId, toUser) =>
	request('POST', `/api/v1/users/${session.userId}/tickets/${ticketId}/transfers`,
		{ token: session.accessToken, body: { toUser } });

export const refundOwn = (session, reservationId) =>
	request('POST', `/api/v1/users/${session.userId}/reservations/${reservationId}/refund`,
		{ token: session.accessToken });

// The organiser's calls: every one needs the ORGANISER role (403 ROLE_REQUIRED without).
const ORGANISER = '/api/v1/organiser';

export const organiserConcerts = (session) =>
	request('GET', `${ORGANISER}/concerts`, { token: session.accessToken });

export const organiserConcert = (session, concertId) =>
	request('GET', `${ORGANISER}/concerts/${concertId}`, { token: session.accessToken });

export const createConcert = (session, concert) =>
	request('POST', `${ORGANISER}/concerts`, { token: session.accessToken, body: concert });

export const changeConcert = (session, concertId, changes) =>
	request('PATCH', `${ORGANISER}/concerts/${concertId}`, { token: session.accessToken, body: changes });

export const addDate = (session, concertId, date) =>
	request('POST', `${ORGANISER}/concerts/${concertId}/dates`, { token: session.accessToken, body: date });

export const sales = (session, concertId) =>
	request('GET', `${ORGANISER}/concerts/${concertId}/sales`, { token: session.accessToken });

export const auditLog = (session, page) =>
	request('GET', `${ORGANISER}/audit-log?page=${page}&size=20`, { token: session.accessToken });

export const organiserPresale = (session, concertId) =>
	request('GET', `${ORGANISER}/concerts/${concertId}/presale`, { token: session.accessToken });

export const setPresale = (session, concertId, presale) =>
	request('PUT', `${ORGANISER}/concerts/${concertId}/presale`, { token: session.accessToken, body: presale });

export const generateCodes = (session, concertId, count) =>
	request('POST', `${ORGANISER}/concerts/${concertId}/presale/codes`,
		{ token: session.accessToken, body: { count } });

/** The codes as CSV text (the API answers text/csv). */
export async function presaleCodes(session, concertId) {
	const response = await fetch(`${ORGANISER}/concerts/${concertId}/presale/codes.csv`,
		{ headers: { Authorization: 'Bearer ' + session.accessToken, Accept: 'text/csv' } });
	if (!response.ok) {
		const json = await response.json().catch(() => null);
		throw new Problem(response.status, json?.code ?? 'other', json?.detail);
	}
	return response.text();
}

export const drawLottery = (session, concertId) =>
	request('POST', `${ORGANISER}/concerts/${concertId}/presale/draw`, { token: session.accessToken });

export const refund = (session, reservationId) =>
	request('POST', `${ORGANISER}/reservations/${reservationId}/refund`, { token: session.accessToken });
