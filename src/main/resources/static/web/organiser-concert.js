// One concert's sale for its organiser: where the sale stands and the steps it may take,
// the live sales, new dates with their seat maps, refunds, and the concert's details.
import * as api from 'app/api';
import { confirmStep } from 'app/confirm';
import { button } from 'app/elements';
import { clockOf, concertFields, instantOf, offerTimeZones, refused, signedIn, wallTime } from 'app/organiser';
import { dateTime, duration, points, t, time } from 'app/texts';

/** How often the sales view asks; the overview is at most two seconds old anyway. */
const SALES_REFRESH_MS = 3000;

/**
 * What the button for a step to each status says; which steps a sale may take from where
 * it stands is the API's to say (the concert's nextStatuses).
 */
const STEP_TEXTS = {
	ON_SALE: (from) => (from === 'DRAFT') ? 'sale.open' : 'sale.resume',
	PAUSED: () => 'sale.pause',
	CLOSED: () => 'sale.close',
};

const concertId = document.body.dataset.concert;
const me = signedIn();
let concert = null;

const byId = (id) => document.getElementById(id);

// The concert and its sale

function showConcert(current) {
	concert = current;
	byId('concert-title').textContent = concert.title;
	byId('concert-venue').textContent = t('concerts.venue', concert.venue);
	document.title = concert.title + ' · ' + document.title.split(' · ').pop();
	byId('sale-status').textContent = t('sale.' + concert.status);
	byId('ticket-cap').textContent = (concert.ticketsPerFan == null)
		? t('organiser.noTicketCap') : t('organiser.ticketsPerFan', concert.ticketsPerFan);
	byId('join-challenge').checked = concert.joinChallenge === true;
	byId('sale-actions').replaceChildren(...concert.nextStatuses.map((next, i) => {
		const step = button(t(STEP_TEXTS[next](concert.status)), () => (next === 'CLOSED')
			? confirmStep(step, t('sale.closeQuestion'), t('sale.closeYes'), t('sale.closeNo'), () => changeStatus(next))
			: changeStatus(next), i === 0 && next !== 'CLOSED' ? 'primary' : undefined);
		return step;
	}));
}

byId('join-challenge').addEventListener('change', async (event) => {
	byId('sale-problem').textContent = '';
	try {
		showConcert(await api.changeConcert(me, concertId, { joinChallenge: event.target.checked }));
	}
	catch (problem) {
		event.target.checked = !event.target.checked;
		refused(problem, byId('sale-problem'));
	}
});

async function changeStatus(next) {
	byId('sale-problem').textContent = '';
	try {
		showConcert(await api.changeConcert(me, concertId, { status: next }));
		byId('sale-actions').querySelector('button')?.focus();
	}
	catch (problem) {
		if (refused(problem, byId('sale-problem')) && problem.code === 'ILLEGAL_TRANSITION') {
			await loadConcert();
		}
	}
}

async function loadConcert() {
	try {
		showConcert(await api.organiserConcert(me, concertId));
		return true;
	}
	catch (problem) {
		refused(problem);
		return false;
	}
}

function fillDetails() {
	const form = byId('details');
	form.elements.title.value = concert.title;
	form.elements.venue.value = concert.venue;
	form.elements.timeZone.value = concert.timeZone;
	form.elements.saleOpensAt.value = concert.saleOpensAt ? wallTime(concert.saleOpensAt, clockOf(concert.timeZone)) : '';
	form.elements.maxActive.value = concert.queue?.maxActive ?? '';
	form.elements.admitPerSecond.value = concert.queue?.admitPerSecond ?? '';
	form.elements.ticketsPerFan.value = concert.ticketsPerFan ?? '';
}

byId('details').addEventListener('submit', async (event) => {
	event.preventDefault();
	byId('details-problem').textContent = '';
	byId('details-status').textContent = '';
	try {
		showConcert(await api.changeConcert(me, concertId, concertFields(event.target)));
		fillDetails();
		byId('details-status').textContent = t('details.saved');
	}
	catch (problem) {
		refused(problem, byId('details-problem'));
	}
});

// A new date and its seat map: sections of rows, added and removed in place

const sections = byId('sections');
let fieldIds = 0;

function field(kind, value, attributes) {
	const id = 'seat-map-' + (++fieldIds);
	const wrapper = document.createElement('div');
	wrapper.className = 'field';
	const label = document.createElement('label');
	label.htmlFor = id;
	const where = document.createElement('span');
	where.className = 'visually-hidden';
	where.dataset.where = '';
	label.append(where, ' ', t(kind));
	const input = document.createElement('input');
	input.id = id;
	input.name = kind;
	input.required = true;
	input.value = value ?? '';
	Object.assign(input, attributes);
	wrapper.append(label, input);
	return wrapper;
}

function nextName(name, fallback) {
	if (/^\d+$/.test(name)) {
		return String(Number(name) + 1);
	}
	if (/^[A-Y]$/i.test(name)) {
		return String.fromCharCode(name.charCodeAt(0) + 1);
	}
	return fallback;
}

function addRow(rows, after) {
	const previous = after ?? rows.lastElementChild;
	const value = (name) => previous?.querySelector(`[name="${name}"]`).value ?? '';
	const row = document.createElement('div');
	row.className = 'row-fields';
	row.setAttribute('role', 'group');
	row.append(
		field('date.rowName', previous ? nextName(value('date.rowName'), '') : '1',
			{ type: 'text', maxLength: 20, autocomplete: 'off' }),
		field('date.seats', previous ? value('date.seats') : '10',
			{ type: 'number', inputMode: 'numeric', min: 1, max: 100000, step: 1 }),
		field('date.price', previous ? value('date.price') : '',
			{ type: 'number', inputMode: 'numeric', min: 0, step: 1 }),
		button(t('date.removeRow'), () => {
			const section = row.closest('fieldset');
			row.remove();
			renumber();
			section.querySelector('.add-row').focus();
		}, 'remove'));
	rows.append(row);
	renumber();
	return row;
}

function addSection() {
	const previous = sections.lastElementChild;
	const section = document.createElement('fieldset');
	section.className = 'section-fields';
	const legend = document.createElement('legend');
	const rows = document.createElement('div');
	rows.className = 'rows';
	const add = button('', () => addRow(rows).querySelector('input').focus(), 'add-row');
	const remove = button('', () => {
		section.remove();
		renumber();
		byId('add-section').focus();
	}, 'remove-section');
	const lastName = previous?.querySelector('[name="date.sectionName"]').value ?? '';
	section.append(legend, field('date.sectionName', previous ? nextName(lastName, '') : 'A',
		{ type: 'text', maxLength: 100, autocomplete: 'off' }), rows, add, ' ', remove);
	sections.append(section);
	addRow(rows);
	return section;
}

/** Names every section and row by its place, shows what can be removed, counts seats. */
function renumber() {
	const all = [...sections.children];
	let seats = 0;
	all.forEach((section, s) => {
		const n = s + 1;
		section.querySelector('legend').textContent = t('date.section', n);
		section.querySelector(':scope > .field [data-where]').textContent = t('date.inSection', n);
		section.querySelector('.add-row').textContent = t('date.addRow', n);
		const remove = section.querySelector('.remove-section');
		remove.textContent = t('date.removeSection', n);
		remove.hidden = all.length === 1;
		const rows = [...section.querySelector('.rows').children];
		rows.forEach((row, r) => {
			row.setAttribute('aria-label', t('date.inRow', n, r + 1).replace(/:$/, ''));
			row.querySelectorAll('[data-where]').forEach((where) => {
				where.textContent = t('date.inRow', n, r + 1);
			});
			const removeRow = row.querySelector('.remove');
			removeRow.setAttribute('aria-label', t('date.removeRowNamed', n, r + 1));
			removeRow.disabled = rows.length === 1;
			seats += Number(row.querySelector('[name="date.seats"]').value) || 0;
		});
	});
	byId('seat-total').textContent = t('date.total', seats);
}

sections.addEventListener('input', renumber);
byId('add-section').addEventListener('click', () => addSection().querySelector('input').focus());

byId('new-date').addEventListener('submit', async (event) => {
	event.preventDefault();
	const form = event.target;
	byId('date-problem').textContent = '';
	byId('date-status').textContent = '';
	let startsAt;
	try {
		startsAt = instantOf(form.elements.startsAt.value, clockOf(concert.timeZone));
	}
	catch (problem) {
		refused(problem, byId('date-problem'));
		return;
	}
	const body = {
		startsAt,
		sections: [...sections.children].map((section) => ({
			name: section.querySelector('[name="date.sectionName"]').value,
			rows: [...section.querySelector('.rows').children].map((row) => ({
				label: row.querySelector('[name="date.rowName"]').value,
				seats: Number(row.querySelector('[name="date.seats"]').value),
				price: Number(row.querySelector('[name="date.price"]').value),
			})),
		})),
	};
	try {
		const added = await api.addDate(me, concertId, body);
		byId('date-status').textContent = t('date.added', dateTime(startsAt, clockOf(concert.timeZone)), added.totalSeats);
		form.elements.startsAt.value = '';
		refreshSales();
	}
	catch (problem) {
		refused(problem, byId('date-problem'));
	}
});

// The live sales: the whole concert in figures, each date by section

let salesTimer = null;
let shownDates = null;

/** Shows the figures, each changed in place: a reader keeps their place as they update. */
function showFigures(figures) {
	const list = byId('figures');
	if (list.children.length !== figures.length) {
		list.replaceChildren(...figures.map(() => {
			const box = document.createElement('div');
			box.append(document.createElement('dt'), document.createElement('dd'));
			return box;
		}));
	}
	figures.forEach(([term, value], i) => {
		const [dt, dd] = list.children[i].children;
		if (dt.textContent !== term) {
			dt.textContent = term;
		}
		if (dd.textContent !== value) {
			dd.textContent = value;
		}
	});
}

function cell(tag, text) {
	const c = document.createElement(tag);
	c.textContent = text;
	return c;
}

const COLUMNS = ['total', 'available', 'held', 'sold', 'refunded', 'revenue'];
const HEADINGS = ['sales.total', 'sales.free', 'sales.held', 'sales.sold', 'sales.refunded', 'sales.revenueColumn'];

function sum(sectionList) {
	const total = {};
	for (const column of COLUMNS) {
		total[column] = sectionList.reduce((n, s) => n + s[column], 0);
	}
	return total;
}

function dateTable(date) {
	const wrapper = document.createElement('div');
	const heading = cell('h3', t('sales.date', dateTime(date.startsAt, clockOf(concert.timeZone))));
	heading.id = 'sales-date-' + date.concertDateId;
	const scroll = document.createElement('div');
	scroll.className = 'table-scroll';
	scroll.tabIndex = 0;
	scroll.setAttribute('role', 'region');
	scroll.setAttribute('aria-labelledby', heading.id);
	const table = document.createElement('table');
	const head = document.createElement('tr');
	head.append(cell('th', t('sales.section')), ...HEADINGS.map((key) => cell('th', t(key))));
	head.querySelectorAll('th').forEach((th) => th.setAttribute('scope', 'col'));
	head.children[1].className = 'optional';
	const line = (name, values) => {
		const tr = document.createElement('tr');
		const th = cell('th', name);
		th.scope = 'row';
		tr.append(th, ...COLUMNS.map((column) => cell('td', points(values[column]))));
		// All seats are the free, held and sold ones: a phone can do without the sum.
		tr.children[1].className = 'optional';
		return tr;
	};
	const body = document.createElement('tbody');
	body.append(...date.sections.map((s) => line(s.section, s)));
	const foot = document.createElement('tfoot');
	foot.append(line(t('sales.all'), sum(date.sections)));
	const thead = document.createElement('thead');
	thead.append(head);
	table.append(thead, body, foot);
	scroll.append(table);
	wrapper.append(heading, scroll);
	return wrapper;
}

function showSales(overview) {
	const total = sum(overview.dates.flatMap((date) => date.sections));
	const line = overview.line;
	showFigures([
		[t('sales.sold'), points(total.sold)],
		[t('sales.held'), points(total.held)],
		[t('sales.free'), points(total.available)],
		[t('sales.refunded'), points(total.refunded)],
		[t('sales.revenue'), points(total.revenue)],
		[t('sales.waiting'), points(line.waiting)],
		[t('sales.active'), points(line.active)],
		[t('sales.perMinute'),
			line.admissionsPerMinute == null ? t('sales.unknown') : points(Math.round(line.admissionsPerMinute))],
		[t('sales.meanWait'), line.meanWaitSeconds == null ? t('sales.unknown') : duration(line.meanWaitSeconds)],
	]);
	// Tables are redrawn only when a number in them changed: a reader keeps their place.
	const dates = JSON.stringify(overview.dates);
	if (dates !== shownDates) {
		shownDates = dates;
		byId('sales-dates').replaceChildren(...overview.dates.map(dateTable));
		if (overview.dates.length === 0) {
			byId('sales-dates').textContent = t('sales.none');
		}
	}
	byId('sales-updated').textContent = t('sales.updated', time(overview.at));
}

async function refreshSales() {
	clearTimeout(salesTimer);
	if (!document.hidden) {
		try {
			showSales(await api.sales(me, concertId));
			byId('sales-problem').textContent = '';
		}
		catch (problem) {
			if (!refused(problem, byId('sales-problem'))) {
				return;
			}
		}
	}
	salesTimer = setTimeout(refreshSales, SALES_REFRESH_MS);
}

document.addEventListener('visibilitychange', () => {
	if (!document.hidden) {
		refreshSales();
	}
});

// Refunds by booking number

byId('refund').addEventListener('submit', (event) => {
	event.preventDefault();
	const form = event.target;
	const id = form.elements.reservationId.value.trim();
	byId('refund-problem').textContent = '';
	byId('refund-status').textContent = '';
	confirmStep(form.querySelector('button[type="submit"]'), t('refund.question', id), t('refund.yes'), t('refund.no'),
		async () => {
			try {
				const done = await api.refund(me, id);
				byId('refund-status').textContent = t('refund.done', done.amount);
				form.elements.reservationId.value = '';
				refreshSales();
			}
			catch (problem) {
				refused(problem, byId('refund-problem'));
			}
			form.elements.reservationId.focus();
		});
});

if (me && await loadConcert()) {
	byId('tools').hidden = false;
	offerTimeZones(byId('time-zones'));
	fillDetails();
	addSection();
	refreshSales();
}
