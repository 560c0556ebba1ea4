// The organiser's concerts: each with where its sale stands, and a new one as a draft.
import * as api from 'app/api';
import { clockOf, concertFields, localZone, offerTimeZones, refused, signedIn } from 'app/organiser';
import { dateTime, t } from 'app/texts';

const me = signedIn();
const list = document.getElementById('concerts');
const form = document.getElementById('new-concert');
const formProblem = document.getElementById('new-problem');
/** The concerts' titles by id, to say which concert an audit entry is about. */
const titles = new Map();

function card(concert) {
	const item = document.createElement('li');
	const title = document.createElement('h2');
	const link = document.createElement('a');
	link.href = `/organiser/concerts/${concert.concertId}`;
	link.textContent = concert.title;
	title.append(link);
	const status = document.createElement('p');
	const badge = document.createElement('span');
	badge.className = 'badge';
	badge.dataset.status = concert.status;
	badge.textContent = t('status.' + concert.status);
	status.append(badge, ' ', t('concerts.venue', concert.venue));
	if (concert.saleOpensAt && concert.status !== 'CLOSED') {
		status.append(' · ', t('organiser.opensAt', dateTime(concert.saleOpensAt, clockOf(concert.timeZone))));
	}
	item.append(title, status);
	return item;
}

async function showConcerts() {
	try {
		const all = await api.organiserConcerts(me);
		document.getElementById('tools').hidden = false;
		all.forEach((concert) => titles.set(concert.concertId, concert.title));
		// Newest first: the one just set up is the one being worked on.
		list.replaceChildren(...all.reverse().map(card));
		if (all.length === 0) {
			list.textContent = t('organiser.none');
		}
	}
	catch (problem) {
		refused(problem);
	}
	finally {
		list.removeAttribute('aria-busy');
	}
}

form.addEventListener('submit', async (event) => {
	event.preventDefault();
	formProblem.textContent = '';
	const button = form.querySelector('button[type="submit"]');
	button.disabled = true;
	try {
		const created = await api.createConcert(me, concertFields(form));
		location.assign(`/organiser/concerts/${created.concertId}`);
	}
	catch (problem) {
		refused(problem, formProblem);
		button.disabled = false;
	}
});

// The audit log: who changed which sale or refunded what, when and from where

const auditEntries = document.getElementById('audit-entries');
const auditMore = document.getElementById('audit-more');
/** An entry's moment, short enough for a table: the day and the time to the second. */
const auditTime = new Intl.DateTimeFormat(document.documentElement.lang || 'en',
	{ dateStyle: 'medium', timeStyle: 'medium' });
let auditPage = 0;

function auditCell(content) {
	const c = document.createElement('td');
	c.append(content);
	return c;
}

/** What an entry is about: a concert by its title and page, a booking by its number. */
function subject(entry) {
	if (entry.action === 'RESERVATION_REFUNDED') {
		return t('audit.booking', entry.subject);
	}
	const link = document.createElement('a');
	link.href = `/organiser/concerts/${entry.subject}`;
	link.textContent = titles.get(entry.subject) ?? entry.subject;
	return link;
}

function auditRow(entry) {
	const row = document.createElement('tr');
	const what = document.createElement('span');
	what.append(t('audit.action.' + entry.action), ': ', subject(entry));
	const shown = (value) => value ?? '–';
	const details = Object.entries(entry.details)
		.map(([name, value]) => `${name}: ${(value !== null && typeof value === 'object' && 'to' in value)
			? `${shown(value.from)} → ${shown(value.to)}` : shown(value)}`)
		.join('; ');
	row.append(auditCell(auditTime.format(new Date(entry.at))), auditCell(what), auditCell(entry.actor ?? t('audit.service')),
		auditCell(entry.clientAddress ?? '–'), auditCell(details));
	return row;
}

async function showAuditLog() {
	try {
		const page = await api.auditLog(me, auditPage);
		auditEntries.append(...page.entries.map(auditRow));
		if (page.total === 0) {
			auditEntries.replaceChildren(emptyAuditRow());
		}
		auditMore.hidden = (auditPage + 1) * page.size >= page.total;
	}
	catch (problem) {
		refused(problem, document.getElementById('audit-problem'));
	}
}

function emptyAuditRow() {
	const row = document.createElement('tr');
	const c = auditCell(t('audit.none'));
	c.colSpan = 5;
	row.append(c);
	return row;
}

auditMore.addEventListener('click', () => {
	auditPage++;
	showAuditLog();
});

if (me) {
	offerTimeZones(document.getElementById('time-zones'));
	form.elements.timeZone.value = localZone();
	await showConcerts();
	await showAuditLog();
}
