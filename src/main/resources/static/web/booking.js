// One concert's booking: sign in, join the line, wait (live), choose a date and seats,
// hold, pay. Every refusal of the API is said in plain words with the next step.
import * as api from 'app/api';
import { askToSignIn, mountAccount, session } from 'app/auth';
import { Holds } from 'app/holds';
import { follow } from 'app/queue';
import { legend, place, SeatMap } from 'app/seats';
import { dateTime, duration, explain, t, time } from 'app/texts';

/** How often the seat map asks for the seats' states: served from the browse cache. */
const SEAT_REFRESH_MS = 500;

const concertId = document.body.dataset.concert;
const problem = document.getElementById('problem');
const queueSection = document.getElementById('queue');
const queueStatus = document.getElementById('queue-status');
const progress = document.getElementById('queue-progress');
const opens = document.getElementById('queue-opens');
const explained = document.getElementById('queue-explained');
const datesSection = document.getElementById('dates');
const seatsSection = document.getElementById('seats');

mountAccount();
const me = session();
let queueToken = null;
let stopFollowing = () => undefined;
let firstPosition = null;
let lastEstimate = null;
let opensAt = null;
let chosenDate = null;
let seatTimer = null;
let holds = null;

const seatProblem = document.getElementById('seat-problem');

const tell = (text) => {
	problem.textContent = text;
};

/** A refusal of a seat the fan chose, said beside the map where they chose it. */
const tellAtSeats = (text) => {
	seatProblem.textContent = text;
};

/** The concert's time zone: its dates are shown on its clock, as on its tickets. */
let concertZone = null;

async function showConcert() {
	try {
		const concert = (await api.concerts()).find((c) => c.concertId === concertId);
		if (concert) {
			concertZone = concert.timeZone;
			document.getElementById('title').textContent = concert.title;
			document.getElementById('venue').textContent = t('concerts.venue', concert.venue);
			// Said up front, so that a refusal at the cap comes as no surprise.
			const cap = document.getElementById('ticket-cap');
			cap.hidden = concert.ticketsPerFan == null;
			cap.textContent = cap.hidden ? '' : t('booking.ticketsPerFan', concert.ticketsPerFan);
			document.title = concert.title + ' · ' + document.title.split(' · ').pop();
		}
	}
	catch (refusal) {
		tell(explain(refusal));
	}
}

async function joinLine() {
	tell('');
	queueSection.hidden = false;
	document.getElementById('queue-heading').textContent = t('queue.heading');
	queueStatus.textContent = t('queue.joining');
	try {
		const ticket = await api.joinLine(concertId, me);
		queueToken = ticket.tokenId;
		holds.queueToken = queueToken;
		onTicket(ticket);
		if (ticket.status === 'WAITING') {
			stopFollowing = follow(concertId, queueToken, ticket.pollAfterSeconds, onTicket,
				(refusal) => tell(explain(refusal)));
		}
	}
	catch (refusal) {
		tell(explain(refusal));
		if (refusal.code === 'UNAUTHENTICATED') {
			askToSignIn(document.getElementById('sign-in'), t('signInToBook'));
		}
	}
}

function onTicket(ticket) {
	opensAt = ticket.opensAt && Date.parse(ticket.opensAt) > Date.now() ? ticket.opensAt : null;
	if (ticket.status === 'WAITING') {
		showWaiting(ticket);
	}
	else if (ticket.status === 'ACTIVE') {
		admitted(ticket);
	}
	else {
		lineEnded();
	}
}

function showWaiting(ticket) {
	firstPosition = Math.max(firstPosition ?? 0, ticket.position);
	progress.max = firstPosition;
	progress.value = firstPosition - ticket.position;
	progress.setAttribute('aria-label', t('queue.progress'));
	const lines = [ticket.position <= 1 ? t('queue.next') : t('queue.position', ticket.position),
		t('queue.wait', duration(ticket.estimatedWaitSeconds))];
	// An estimate that grew by more than a little is said so, not silently replaced.
	if (lastEstimate != null && ticket.estimatedWaitSeconds > lastEstimate * 1.2 + 10) {
		lines.push(t('queue.waitGrew', duration(ticket.estimatedWaitSeconds)));
	}
	lastEstimate = ticket.estimatedWaitSeconds;
	queueStatus.replaceChildren(...lines.map((line) => {
		const p = document.createElement('p');
		p.textContent = line;
		return p;
	}));
	explained.textContent = (opensAt ? t('queue.preQueue') + ' ' : '') + t('queue.live');
	tickOpening();
}

function tickOpening() {
	opens.textContent = opensAt ? t('queue.opensIn', duration((Date.parse(opensAt) - Date.now()) / 1000)) : '';
}

async function admitted(ticket) {
	stopFollowing();
	progress.max = 1;
	progress.value = 1;
	opens.textContent = '';
	explained.textContent = '';
	const p = document.createElement('p');
	p.textContent = t('queue.admitted') + (ticket.activeUntil ? ' ' + t('queue.until', time(ticket.activeUntil)) : '');
	queueStatus.replaceChildren(p);
	await showDates();
}

function lineEnded() {
	stopFollowing();
	clearTimeout(seatTimer);
	datesSection.hidden = true;
	seatsSection.hidden = true;
	const p = document.createElement('p');
	p.textContent = t('queue.expired');
	const again = document.createElement('button');
	again.type = 'button';
	again.className = 'primary';
	again.textContent = t('queue.rejoin');
	again.addEventListener('click', () => {
		firstPosition = null;
		lastEstimate = null;
		joinLine();
	});
	queueStatus.replaceChildren(p, again);
}

async function showDates() {
	try {
		const [dates] = await Promise.all([api.dates(concertId, queueToken), concertShown]);
		document.getElementById('dates-heading').textContent = t('dates.heading');
		document.getElementById('date-list').replaceChildren(...dates.map((date) => {
			const item = document.createElement('li');
			const button = document.createElement('button');
			button.type = 'button';
			button.textContent = t('dates.option', dateTime(date.startsAt, concertZone), date.availableSeats);
			button.addEventListener('click', () => {
				document.querySelectorAll('#date-list button').forEach((b) => b.removeAttribute('aria-pressed'));
				button.setAttribute('aria-pressed', 'true');
				showSeats(date);
			});
			item.append(button);
			return item;
		}));
		datesSection.hidden = false;
		if (dates.length === 1) {
			document.querySelector('#date-list button').click();
		}
	}
	catch (refusal) {
		refused(refusal);
	}
}

let seatMap = null;

function showSeats(date) {
	chosenDate = date;
	document.getElementById('seats-heading').textContent = t('seats.heading');
	document.getElementById('seats-help').textContent = t('seats.help');
	legend(document.getElementById('legend'));
	seatMap = new SeatMap(document.getElementById('seat-map'), choose);
	seatsSection.hidden = false;
	clearTimeout(seatTimer);
	refreshSeats();
}

/** Whether a refresh of the seat map is on its way, and whether another was asked for meanwhile. */
let refreshing = false;
let refreshAgain = false;

/**
 * The seat map follows the seats' states while it is shown and the page is visible: one
 * request at a time, so a hold made while a refresh is on its way adds no second loop.
 */
async function refreshSeats() {
	clearTimeout(seatTimer);
	if (refreshing) {
		refreshAgain = true;
		return;
	}
	refreshing = true;
	const date = chosenDate;
	let goOn = true;
	if (!document.hidden) {
		try {
			const seats = await api.seatMap(concertId, date.concertDateId, queueToken);
			goOn = date === chosenDate;
			if (goOn) {
				seatMap.show(seats, holds.bySeat());
			}
		}
		catch (refusal) {
			refused(refusal);
			goOn = false;
		}
	}
	refreshing = false;
	if (refreshAgain) {
		refreshAgain = false;
		refreshSeats();
	}
	else if (goOn && !seatsSection.hidden) {
		seatTimer = setTimeout(refreshSeats, SEAT_REFRESH_MS);
	}
}

async function choose(seat) {
	if (holds.bySeat().has(seat.seatNumber)) {
		return;
	}
	if (seat.status !== 'AVAILABLE') {
		tellAtSeats(explain({ code: 'SEAT_UNAVAILABLE' }));
		return;
	}
	tell('');
	tellAtSeats('');
	try {
		const held = await api.hold(concertId, chosenDate.concertDateId, seat.seatId, queueToken);
		holds.add({ ...seat, ...place(seat), reservationId: held.reservationId, price: held.price,
			expiresAt: held.expiresAt });
	}
	catch (refusal) {
		tellAtSeats(explain(refusal));
	}
	refreshSeats();
}

/** A refusal of a booking call: the line may have moved on, or the sale stopped. */
function refused(refusal) {
	tell(explain(refusal));
	if (['TOKEN_EXPIRED', 'INVALID_TOKEN'].includes(refusal.code)) {
		lineEnded();
	}
	else if (refusal.code === 'QUEUE_WAITING') {
		joinLine();
	}
}

async function resumeHolds() {
	try {
		const mine = await api.reservations(me);
		for (const entry of mine) {
			if (entry.concertId === concertId && entry.status === 'HELD') {
				holds.add({ ...entry, ...place(entry) });
			}
		}
	}
	catch (refusal) {
		tell(explain(refusal));
	}
}

const concertShown = showConcert();
if (me) {
	holds = new Holds(me, (paid) => {
		if (paid && holds.holds.size === 0) {
			// Paying ends the turn in line: the map would only be refused from here.
			clearTimeout(seatTimer);
			seatsSection.hidden = true;
			datesSection.hidden = true;
		}
		else if (chosenDate) {
			refreshSeats();
		}
	});
	await Promise.all([resumeHolds(), holds.refreshBalance()]);
	joinLine();
	setInterval(tickOpening, 1000);
}
else {
	askToSignIn(document.getElementById('sign-in'), t('signInToBook'));
}
