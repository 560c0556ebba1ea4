import * as api from 'app/api';
import { askToSignIn, mountAccount, session } from 'app/auth';
import { confirmStep } from 'app/confirm';
import { button } from 'app/elements';
import { place } from 'app/seats';
import { dateTime, explain, t } from 'app/texts';

mountAccount();
const me = session();
const list = document.getElementById('tickets');

/**
 * The fan's own refund: offered on a paid ticket until its self-refund deadline (the
 * list says it; the API still decides), past that or where fans cannot refund, the page
 * says whom to ask. A refusal says why and what to do instead.
 */
function refund(entry, item, ticket) {
	const until = entry.selfRefundableUntil;
	if (until && Date.parse(until) > Date.now()) {
		const actions = refundButton(entry, item, ticket);
		const hint = document.createElement('p');
		hint.className = 'hint';
		hint.textContent = t('tickets.refundUntil', dateTime(until, entry.timeZone));
		actions.prepend(hint);
		return actions;
	}
	return hint(until ? 'tickets.refundClosed' : 'tickets.refundByOrganiser');
}

function hint(key) {
	const said = document.createElement('p');
	said.className = 'hint';
	said.textContent = t(key);
	return said;
}

function refundButton(entry, item, ticket) {
	const actions = document.createElement('div');
	actions.className = 'ticket-actions';
	const said = document.createElement('p');
	said.setAttribute('role', 'status');
	const problem = document.createElement('div');
	problem.setAttribute('role', 'alert');
	const refund = button(t('tickets.refund'), () => {
		problem.textContent = '';
		confirmStep(refund, t('tickets.refundQuestion', entry.price), t('tickets.refundYes', entry.price),
			t('tickets.refundNo'), async () => {
				try {
					const done = await api.refundOwn(me, entry.reservationId);
					said.textContent = t('tickets.refunded', done.amount);
					item.dataset.status = 'REFUNDED';
					actions.remove();
					item.append(said);
				}
				catch (refusal) {
					problem.textContent = explain(refusal, 'refund');
				}
			});
	});
	// Among several tickets, each button says whose seat it gives up.
	refund.setAttribute('aria-label', t('tickets.refundNamed', ticket));
	actions.append(refund, problem);
	return actions;
}

let giveForms = 0;

/**
 * Giving the ticket to a friend, by the account id their own My tickets page shows: a
 * button that opens a small form in place (a labelled field, Enter gives), then asks
 * before it gives, as the step cannot be undone. Once given, the ticket's code and
 * actions leave the item and it says so; a refusal says why.
 */
function give(ticket, item, named, replaced) {
	const actions = document.createElement('div');
	actions.className = 'ticket-actions ticket-give';
	const open = document.createElement('button');
	open.type = 'button';
	open.textContent = t('tickets.give');
	open.setAttribute('aria-label', t('tickets.giveNamed', named));
	open.setAttribute('aria-expanded', 'false');
	const form = document.createElement('form');
	form.hidden = true;
	const id = 'give-to-' + (++giveForms);
	form.id = id + '-form';
	open.setAttribute('aria-controls', form.id);
	const label = document.createElement('label');
	label.htmlFor = id;
	label.textContent = t('tickets.giveTo');
	const input = document.createElement('input');
	input.id = id;
	input.name = 'toUser';
	input.required = true;
	input.autocomplete = 'off';
	input.spellcheck = false;
	const hint = document.createElement('p');
	hint.className = 'hint';
	hint.id = id + '-hint';
	hint.textContent = t('tickets.giveHint');
	input.setAttribute('aria-describedby', hint.id);
	const submit = document.createElement('button');
	submit.type = 'submit';
	submit.textContent = t('tickets.giveSubmit');
	const cancel = button(t('tickets.giveCancel'), close);
	const problem = document.createElement('div');
	problem.setAttribute('role', 'alert');
	form.append(label, input, hint, submit, ' ', cancel);

	function close() {
		form.hidden = true;
		open.hidden = false;
		open.setAttribute('aria-expanded', 'false');
		open.focus();
	}

	open.addEventListener('click', () => {
		form.hidden = false;
		open.hidden = true;
		open.setAttribute('aria-expanded', 'true');
		input.focus();
	});
	form.addEventListener('keydown', (event) => {
		if (event.key === 'Escape') {
			close();
		}
	});
	form.addEventListener('submit', (event) => {
		event.preventDefault();
		problem.textContent = '';
		const toUser = input.value.trim();
		confirmStep(submit, t('tickets.giveQuestion', toUser), t('tickets.giveYes'), t('tickets.giveNo'),
			async () => {
				try {
					await api.giveTicket(me, ticket.ticketId, toUser);
					const said = document.createElement('p');
					said.setAttribute('role', 'status');
					said.tabIndex = -1;
					said.textContent = t('tickets.given');
					item.dataset.status = 'GIVEN';
					replaced.forEach((part) => part.remove());
					actions.replaceWith(said);
					said.focus();
				}
				catch (refusal) {
					problem.textContent = explain(refusal, 'give');
					input.focus();
				}
			});
	});
	actions.append(open, form, problem);
	return actions;
}

/** Where the fan's friends send tickets to: the account id, to copy and share. */
function receiving() {
	const section = document.createElement('p');
	section.className = 'hint';
	section.id = 'my-account';
	const id = document.createElement('code');
	id.textContent = me.userId;
	section.append(t('tickets.myAccount'), ' ', id);
	return section;
}

/**
 * The ticket's code as a QR code (an SVG the service drew: inserted as a picture, no
 * script, no style). The phone's code is fetched again when the service says, so what the
 * screen shows always opens the door and a screenshot of it soon does not; it stops when
 * the fan hides it or leaves the page, or when the service refuses (a refund, say).
 */
function door(ticket, item) {
	const section = document.createElement('div');
	section.className = 'ticket-door';
	if (ticket.checkedInAt) {
		const used = document.createElement('p');
		used.textContent = t('tickets.checkedIn', ticket.checkedInGate, dateTime(ticket.checkedInAt));
		section.append(used);
		return section;
	}
	const figure = document.createElement('figure');
	figure.className = 'ticket-code';
	figure.hidden = true;
	const picture = document.createElement('div');
	picture.className = 'qr';
	const caption = document.createElement('figcaption');
	const problem = document.createElement('div');
	problem.setAttribute('role', 'alert');
	figure.append(picture, caption);
	const show = document.createElement('button');
	show.type = 'button';
	show.textContent = t('tickets.showCode');
	const print = document.createElement('button');
	print.type = 'button';
	print.textContent = t('tickets.printCode');
	let timer = null;
	let showing = null;

	function stop() {
		clearTimeout(timer);
		timer = null;
		showing = null;
	}

	async function fetchCode(printed) {
		const wanted = printed ? 'printed' : 'phone';
		showing = wanted;
		try {
			const code = await api.ticketCode(me, ticket.ticketId, printed);
			if (showing !== wanted || !item.isConnected) {
				return;
			}
			const svg = new DOMParser().parseFromString(code.qrSvg, 'image/svg+xml').documentElement;
			svg.setAttribute('aria-label', t(printed ? 'tickets.printedCodeLabel' : 'tickets.phoneCodeLabel'));
			picture.replaceChildren(document.importNode(svg, true));
			picture.dataset.code = code.code;
			figure.dataset.kind = code.kind;
			caption.textContent = t(printed ? 'tickets.printedHint' : 'tickets.phoneHint');
			figure.hidden = false;
			problem.textContent = '';
			if (!printed) {
				timer = setTimeout(() => fetchCode(false), Math.max(1, code.refreshInSeconds) * 1000);
			}
		}
		catch (refusal) {
			stop();
			figure.hidden = true;
			problem.textContent = explain(refusal, 'ticketCode');
		}
	}

	show.addEventListener('click', () => {
		const wasShowing = showing === 'phone';
		stop();
		if (wasShowing) {
			figure.hidden = true;
			show.textContent = t('tickets.showCode');
			return;
		}
		show.textContent = t('tickets.hideCode');
		fetchCode(false);
	});
	print.addEventListener('click', () => {
		stop();
		show.textContent = t('tickets.showCode');
		fetchCode(true);
	});
	window.addEventListener('pagehide', stop);
	section.append(show, print, problem, figure);
	return section;
}

/** The ticket's concert, date and seat, as printed on it. */
function heading(entry) {
	const where = place(entry);
	const what = document.createElement('h2');
	const title = entry.concertTitle ?? '';
	// On the concert's clock: the day and hour printed on the ticket, wherever the fan is.
	what.textContent = entry.startsAt
		? t('tickets.item', title, dateTime(entry.startsAt, entry.timeZone), where.section, where.row, where.label)
		: t('tickets.itemUndated', title, where.section, where.row, where.label);
	return what;
}

if (!me) {
	askToSignIn(document.getElementById('sign-in'), t('signIn'));
}
else {
	try {
		const [mine, tickets] = await Promise.all([api.reservations(me), api.tickets(me)]);
		const ticketOf = new Map(tickets.map((ticket) => [ticket.reservationId, ticket]));
		const kept = mine.filter((entry) => entry.status === 'PAID' || entry.status === 'REFUNDED');
		const bought = new Set(kept.map((entry) => entry.reservationId));
		// Tickets friends gave this fan: theirs to show and to pass on, not to refund (the
		// points are the buyer's).
		const received = tickets.filter((ticket) => !bought.has(ticket.reservationId));
		list.replaceChildren(...kept.map((entry) => {
			const item = document.createElement('li');
			item.dataset.status = entry.status;
			const what = heading(entry);
			// The number an organiser refunds by: the fan reads it out or copies it.
			const number = document.createElement('p');
			number.textContent = t('tickets.number', entry.reservationId);
			item.append(what, number);
			if (entry.status === 'PAID') {
				const paidAt = document.createElement('p');
				paidAt.textContent = t('tickets.paidAt', dateTime(entry.paidAt)) + ' · ' + t('amount', entry.price);
				item.append(paidAt);
				if (entry.givenAway) {
					item.dataset.status = 'GIVEN';
					const given = document.createElement('p');
					given.textContent = t('tickets.wasGiven');
					item.append(given);
					return item;
				}
				const ticket = ticketOf.get(entry.reservationId);
				// A ticket that let its fan in is not refunded (the API refuses it too).
				const refunding = ticket && ticket.checkedInAt ? hint('tickets.usedNoRefund')
					: refund(entry, item, what.textContent);
				if (ticket && ticket.status === 'VALID') {
					const shown = door(ticket, item);
					item.append(shown);
					if (!ticket.checkedInAt) {
						item.append(give(ticket, item, what.textContent, [shown, refunding]));
					}
				}
				item.append(refunding);
			}
			else {
				const refunded = document.createElement('p');
				refunded.textContent = t('tickets.wasRefunded');
				item.append(refunded);
			}
			return item;
		}), ...received.map((ticket) => {
			const item = document.createElement('li');
			item.dataset.status = ticket.status === 'VALID' ? 'RECEIVED' : ticket.status;
			const what = heading(ticket);
			const from = document.createElement('p');
			from.textContent = t('tickets.receivedAt', dateTime(ticket.receivedAt));
			item.append(what, from);
			if (ticket.status === 'VALID') {
				const shown = door(ticket, item);
				const noRefund = document.createElement('p');
				noRefund.className = 'hint';
				noRefund.textContent = t('tickets.receivedNoRefund');
				item.append(shown);
				if (!ticket.checkedInAt) {
					item.append(give(ticket, item, what.textContent, [shown, noRefund]));
				}
				item.append(noRefund);
			}
			else {
				const refunded = document.createElement('p');
				refunded.textContent = t('tickets.receivedRefunded');
				item.append(refunded);
			}
			return item;
		}));
		if (kept.length === 0 && received.length === 0) {
			list.textContent = t('tickets.none');
		}
		list.before(receiving());
	}
	catch (problem) {
		document.getElementById('problem').textContent = explain(problem);
	}
}
