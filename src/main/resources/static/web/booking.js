// One concert's booking: sign in, join the line, wait (live), choose a date and seats,
// hold, pay. Every refusal of the API is said in plain words with the next step.
import * as api from 'app/api';
import { askToSignIn, mountAccount, session } from 'app/auth';
import { solve } from 'app/challenge';
import { Holds } from 'app/holds';
import { follow } from 'app/queue';
import { HallPlan, legend, place, SectionSeats } from 'app/seats';
import { dateTime, duration, explain, t, time } from 'app/texts';
import { WaitingList } from 'app/waitlist';

/**
 * How often the plan and the open section ask whether anything changed, so a change
 * reaches the page within a second (this interval and the browse cache's lifetime on
 * another instance): each asks with the version it holds, so while nothing changes each
 * answer is a 304 of a few hundred bytes.
 */
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
let waitingList = null;

const seatProblem = document.getElementById('seat-problem');
const best = document.getElementById('best');
const bestCount = document.getElementById('best-count');
const bestWhere = document.getElementById('best-where');
const bestSubmit = document.getElementById('best-submit');
const bestStatus = document.getElementById('best-status');

/**
 * Seats together a fan may ask for: the service's default hold limit. A lower limit is
 * said by the refusal, in words.
 */
const MOST_TOGETHER = 4;

const tell = (text) => {
	problem.textContent = text;
};

/** A refusal of a seat the fan chose, said beside the map where they chose it. */
const tellAtSeats = (text) => {
	seatProblem.textContent = text;
};

/** The concert's time zone: its dates are shown on its clock, as on its tickets. */
let concertZone = null;

/** Whether joining this concert's line costs a solved challenge. */
let joinChallenge = false;

async function showConcert() {
	try {
		const concert = (await api.concerts()).find((c) => c.concertId === concertId);
		if (concert) {
			concertZone = concert.timeZone;
			joinChallenge = concert.joinChallenge === true;
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
		await concertShown;
		const ticket = await api.joinLine(concertId, me, joinChallenge ? await solveChallenge() : null);
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
		if (refusal.code === 'PRESALE_ONLY') {
			const link = document.createElement('a');
			link.href = `/concerts/${concertId}/presale`;
			link.textContent = t('queue.toPresale');
			problem.append(' ', link);
		}
	}
}

/**
 * The proof-of-work the line asks for, solved in a worker while the page shows how far
 * it got: a fan's browser pays a second, a script farm pays that for every place.
 */
async function solveChallenge() {
	const challenge = await api.joinChallenge(concertId, me);
	queueStatus.textContent = t('queue.challenge');
	explained.textContent = t('queue.challengeWhy');
	progress.max = 1;
	progress.value = 0;
	progress.setAttribute('aria-label', t('queue.challengeProgress'));
	try {
		const started = performance.now();
		const solution = await solve(challenge, (share) => {
			progress.value = share;
			queueStatus.textContent = t('queue.challengeAt', Math.round(share * 100));
		});
		const check = document.getElementById('queue-check');
		check.textContent = t('queue.challengeDone', ((performance.now() - started) / 1000).toFixed(1));
		check.hidden = false;
		return solution;
	}
	finally {
		explained.textContent = '';
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
			// A fan about to choose a date: its plan asked for now, while they point.
			button.addEventListener('pointerenter', () => early.ask(date.concertDateId, date));
			button.addEventListener('focus', () => early.ask(date.concertDateId, date));
			button.addEventListener('click', () => {
				document.querySelectorAll('#date-list button').forEach((b) => b.removeAttribute('aria-pressed'));
				button.setAttribute('aria-pressed', 'true');
				showSeats(date);
			});
			item.append(button);
			return item;
		}));
		datesSection.hidden = false;
		// The plans of the first dates asked for at once: a date chosen is drawn from one.
		dates.slice(0, EARLY_DATES).forEach((date) => early.ask(date.concertDateId, date));
		if (dates.length === 1) {
			document.querySelector('#date-list button').click();
		}
	}
	catch (refusal) {
		refused(refusal);
	}
}

/** Dates whose plans are asked for as soon as the dates are shown, before any is chosen. */
const EARLY_DATES = 4;

/** Sections whose seats are asked for, one after another, once a date's plan is shown. */
const EARLY_SECTIONS = 12;

/**
 * How old an answer asked for early may be before pointing at what it is for asks again:
 * whatever is drawn from one is asked for again at once anyway, so this only bounds how
 * stale a first view is, and it keeps a pointer swept to and fro over the plan from
 * spending the fan's browsing budget (the rate limit).
 */
const EARLY_FRESH_MS = 5_000;

/**
 * Answers asked for before the fan chose what they are for (a date's plan, a section's
 * seats), so that choosing draws from an answer on the page or on its way, not from a
 * request sent then. An answer older than EARLY_FRESH_MS is asked for again with its
 * version (a 304 while nothing changed) when the fan points at it; whatever is drawn
 * from one is asked for again at once.
 */
class Early {

	constructor(request) {
		this.request = request;
		this.answers = new Map();
	}

	/** Asks for key's answer unless it is on its way or fresh; resolves when it is here. */
	ask(key, ...args) {
		const known = this.answers.get(key);
		if (known && (known.pending || performance.now() - known.at < EARLY_FRESH_MS)) {
			return known.pending ?? Promise.resolve();
		}
		const entry = { at: performance.now(), answer: known?.answer ?? null };
		entry.pending = this.request(...args, entry.answer?.version)
			.then((answer) => {
				entry.answer = answer.unchanged ? entry.answer : answer;
				return entry.answer;
			})
			.finally(() => {
				entry.pending = null;
			});
		// A refusal is said when the fan chooses, by the request sent then.
		entry.pending.catch(() => this.answers.delete(key));
		this.answers.set(key, entry);
		return entry.pending.catch(() => undefined);
	}

	/** Key's answer as answered, or on its way, or null: taken once, then asked for again. */
	take(key) {
		const entry = this.answers.get(key);
		this.answers.delete(key);
		return entry ?? null;
	}

	/** Keeps an answer the page had, as if just asked for. */
	keep(key, answer) {
		this.answers.set(key, { at: performance.now(), answer, pending: null });
	}

	clear() {
		this.answers.clear();
	}

}

const early = new Early((date, version) => api.hall(concertId, date.concertDateId, queueToken, version));

const earlySections = new Early((date, index, version) =>
	api.section(concertId, date.concertDateId, index, queueToken, version));

/**
 * The first sections' seats asked for as soon as the date's plan is shown, one at a time
 * so that a section the fan chooses meanwhile waits behind one request at most.
 */
async function askSectionsEarly(date, hall) {
	for (const section of hall.sections.slice(0, EARLY_SECTIONS)) {
		if (date !== chosenDate || document.hidden) {
			return;
		}
		await earlySections.ask(section.index, date, section.index);
	}
}

/** Whether the chosen date's sections have been asked for early. */
let sectionsAsked = false;

let plan = null;
let sectionSeats = null;
/** The hall and the open section as last answered, with their versions. */
let hallAnswer = null;
let sectionAnswer = null;
let chosenSection = null;
const sectionPart = document.getElementById('section-seats');

function showSeats(date) {
	chosenDate = date;
	hallAnswer = null;
	sectionAnswer = null;
	chosenSection = null;
	sectionPart.hidden = true;
	document.getElementById('seats-heading').textContent = t('seats.heading');
	document.getElementById('seats-help').textContent = t('hall.help');
	document.getElementById('section-help').textContent = t('section.help');
	legend(document.getElementById('legend'));
	plan = new HallPlan(document.getElementById('hall-plan'), chooseSection,
		(index) => earlySections.ask(index, date, index));
	earlySections.clear();
	sectionsAsked = false;
	showBest();
	sectionSeats?.close();
	sectionSeats = new SectionSeats(document.getElementById('seat-map'), choose);
	seatsSection.hidden = false;
	waitingList.show(date, date.availableSeats === 0);
	// The plan asked for early: drawn now if answered (and asked again at once, with its
	// version), else its answer on the way is the first refresh's.
	const ready = early.take(date.concertDateId);
	firstPlan = ready?.pending ?? null;
	if (ready?.answer && !ready.pending) {
		hallAnswer = ready.answer;
		showPlan(date, hallAnswer.body);
	}
	clearTimeout(seatTimer);
	refreshSeats();
}

/** The chosen date's plan asked for before it was chosen, still on its way. */
let firstPlan = null;

/** The plan as answered; the first time for a date, its sections are asked for early. */
function showPlan(date, hall) {
	plan.show(hall);
	bestPlaces(hall);
	if (!sectionsAsked) {
		sectionsAsked = true;
		askSectionsEarly(date, hall);
	}
}

/** Whether the section's heading takes the focus once shown: the fan chose it. */
let focusSection = false;

/**
 * Opens a section at once, beside the refresh loop: a refresh on its way (of the section
 * shown before) is not waited for, and its answer is dropped as no longer the chosen one.
 */
async function chooseSection(index, focus = true) {
	const date = chosenDate;
	if (chosenSection != null && sectionAnswer) {
		// Kept, should the fan come back to it: drawn at once then, and asked for again.
		earlySections.keep(chosenSection, sectionAnswer);
	}
	chosenSection = index;
	sectionAnswer = null;
	focusSection = focus;
	tellAtSeats('');
	// Asked for early: drawn now if answered (and asked again at once, with its version),
	// else from its answer on the way.
	const ready = earlySections.take(index);
	try {
		const section = (ready?.answer && !ready.pending) ? ready.answer
			: await (ready?.pending ?? api.section(concertId, date.concertDateId, index, queueToken));
		// Unless a refresh brought it first.
		if (date === chosenDate && index === chosenSection && !sectionAnswer) {
			sectionAnswer = section;
			showSection(section.body);
			if (ready) {
				refreshSeats();
			}
		}
	}
	catch (refusal) {
		refused(refusal);
	}
}

/** Whether a refresh of the seat map is on its way, and whether another was asked for meanwhile. */
let refreshing = null;
let refreshAgain = false;

/**
 * The plan and the open section follow the seats' states while shown and the page is
 * visible: one refresh at a time, so a hold made while one is on its way adds no second
 * loop. Each asks with the version it holds.
 */
function refreshSeats() {
	clearTimeout(seatTimer);
	if (refreshing) {
		refreshAgain = true;
		return refreshing;
	}
	refreshing = refreshOnce().finally(() => {
		refreshing = null;
	});
	return refreshing;
}

/** The plan asked for early and still on its way, once: later refreshes ask anew. */
function takeFirstPlan() {
	const pending = firstPlan;
	firstPlan = null;
	return pending;
}

async function refreshOnce() {
	const date = chosenDate;
	const index = chosenSection;
	let goOn = true;
	if (!document.hidden) {
		try {
			// Each drawn as soon as it comes: a section need not wait for the plan.
			await Promise.all([
				(takeFirstPlan() ?? api.hall(concertId, date.concertDateId, queueToken, hallAnswer?.version))
					.then((hall) => {
						if (date === chosenDate && !hall.unchanged) {
							hallAnswer = hall;
							showPlan(date, hall.body);
						}
					}),
				index == null ? null
					: api.section(concertId, date.concertDateId, index, queueToken, sectionAnswer?.version)
						.then((section) => {
							if (date !== chosenDate || index !== chosenSection) {
								return;
							}
							if (!section.unchanged) {
								sectionAnswer = section;
								showSection(section.body);
							}
							else {
								// Unchanged states; holds of mine may have come or gone.
								sectionSeats.mark(holds.bySeat());
							}
						}),
			]);
			goOn = date === chosenDate;
			if (goOn) {
				// Sold out while the fan looked: the waiting list is offered at once.
				waitingList.show(date, hallAnswer.body.sections.every((s) => s.availableSeats === 0));
			}
			if (goOn && chosenSection == null && hallAnswer.body.sections.length === 1) {
				// One section is the whole hall: straight to its seats.
				chosenSection = 0;
				plan.chosen = 0;
				plan.mark();
				refreshAgain = true;
			}
		}
		catch (refusal) {
			refused(refusal);
			goOn = false;
		}
	}
	if (refreshAgain) {
		refreshAgain = false;
		setTimeout(refreshSeats);
	}
	else if (goOn && !seatsSection.hidden) {
		seatTimer = setTimeout(refreshSeats, SEAT_REFRESH_MS);
	}
}

function showSection(section) {
	document.getElementById('section-heading').textContent = t('section.heading', section.name ?? t('seats.hall'));
	// Shown and scrolled to first: the seats drawn are those then in view.
	sectionPart.hidden = false;
	if (focusSection) {
		focusSection = false;
		document.getElementById('section-heading').focus();
	}
	performance.mark('section-draw');
	sectionSeats.show(section, holds.bySeat());
	// The script's share of drawing a section, for the benchmark (HallBenchmark).
	performance.measure('section-draw', 'section-draw');
}

async function choose(seat) {
	if (holds.bySeat().has(seat.seatId)) {
		return;
	}
	if (seat.status !== 'A') {
		tellAtSeats(explain({ code: 'SEAT_UNAVAILABLE' }));
		return;
	}
	tell('');
	tellAtSeats('');
	try {
		const held = await api.hold(concertId, chosenDate.concertDateId, seat.seatId, queueToken);
		holds.add({ ...seat, ...place(seat), reservationId: held.reservationId, price: held.price,
			expiresAt: held.expiresAt });
		// Shown from the hold's own answer, not from the next refresh.
		sectionSeats.mark(holds.bySeat());
	}
	catch (refusal) {
		tellAtSeats(explain(refusal));
	}
	refreshSeats();
}

/** "Best seats for me": how many together, and where, beside the plan. */
function showBest() {
	document.getElementById('best-heading').textContent = t('best.heading');
	document.getElementById('best-help').textContent = t('best.help');
	document.getElementById('best-count-label').textContent = t('best.count');
	document.getElementById('best-where-label').textContent = t('best.where');
	bestSubmit.textContent = t('best.submit');
	bestStatus.textContent = '';
	if (bestCount.options.length === 0) {
		for (let n = 1; n <= MOST_TOGETHER; n++) {
			bestCount.append(new Option(String(n), String(n), n === 2, n === 2));
		}
	}
	bestWhere.replaceChildren();
	best.hidden = false;
}

/**
 * The places a fan may ask in: each section, then each price the hall has (a price band,
 * any section), redrawn only when they change so a choice made stays made.
 */
function bestPlaces(hall) {
	const options = hall.sections.map((section) => ['section:' + (section.name ?? ''),
		t('best.section', section.name ?? t('seats.hall'), section.minPrice === section.maxPrice
			? t('hall.price', section.minPrice) : t('hall.priceRange', section.minPrice, section.maxPrice))]);
	const prices = [...new Set(hall.sections.flatMap((s) => [s.minPrice, s.maxPrice]))].sort((a, b) => b - a);
	if (prices.length > 1 || hall.sections.length > 1) {
		options.push(...prices.map((price) => ['price:' + price, t('best.band', price)]));
	}
	const key = options.map(([value]) => value).join('\u0000');
	if (key === bestWhere.dataset.key) {
		return;
	}
	const chosen = bestWhere.value;
	bestWhere.replaceChildren(...options.map(([value, text]) => new Option(text, value, false, value === chosen)));
	bestWhere.dataset.key = key;
}

/** Whether a request for seats is on its way: a second press waits for its answer. */
let bestBusy = false;

best.addEventListener('submit', async (event) => {
	event.preventDefault();
	if (bestBusy) {
		return;
	}
	bestBusy = true;
	const [kind, value] = [bestWhere.value.slice(0, bestWhere.value.indexOf(':')),
		bestWhere.value.slice(bestWhere.value.indexOf(':') + 1)];
	const where = kind === 'price' ? { price: Number(value) } : { section: value };
	// Not disabled: a disabled button drops the focus, and the fan would lose their place.
	bestSubmit.setAttribute('aria-disabled', 'true');
	best.setAttribute('aria-busy', 'true');
	bestStatus.textContent = t('best.finding');
	tell('');
	tellAtSeats('');
	try {
		const held = await api.bestAvailable(concertId, chosenDate.concertDateId, Number(bestCount.value), where,
			queueToken);
		// The holds say which seats; the fan's reservations say where those are.
		const places = new Map((await api.reservations(me)).map((entry) => [entry.reservationId, place(entry)]));
		for (const hold of held) {
			holds.add({ ...hold, ...(places.get(hold.reservationId) ?? place(hold)) });
		}
		const first = places.get(held[0].reservationId) ?? place(held[0]);
		const labels = held.map((hold) => (places.get(hold.reservationId) ?? place(hold)).label);
		bestStatus.textContent = t('best.held', first.section, first.row,
			labels.length > 1 ? labels[0] + '–' + labels[labels.length - 1] : labels[0]);
		// Their section is shown with them marked as the fan's; the focus stays here,
		// where the fan hears what was held.
		const index = hallAnswer?.body.sections.findIndex((s) => (s.name ?? t('seats.hall')) === first.section);
		if (index != null && index >= 0 && index !== chosenSection) {
			plan.chosen = index;
			plan.mark();
			chooseSection(index, false);
		}
		else {
			sectionSeats.mark(holds.bySeat());
		}
	}
	catch (refusal) {
		bestStatus.textContent = explain(refusal);
		if (['TOKEN_EXPIRED', 'INVALID_TOKEN', 'QUEUE_WAITING'].includes(refusal.code)) {
			refused(refusal);
		}
	}
	finally {
		bestBusy = false;
		bestSubmit.removeAttribute('aria-disabled');
		best.removeAttribute('aria-busy');
		refreshSeats();
	}
});

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
	waitingList = new WaitingList(me, concertId, holds);
	await Promise.all([resumeHolds(), holds.refreshBalance()]);
	// After the holds: an offered seat's hold is among them already.
	await waitingList.refresh();
	joinLine();
	setInterval(tickOpening, 1000);
}
else {
	askToSignIn(document.getElementById('sign-in'), t('signInToBook'));
}
