// The organiser's concerts: each with where its sale stands, and a new one as a draft.
import * as api from 'app/api';
import { clockOf, concertFields, localZone, offerTimeZones, refused, signedIn } from 'app/organiser';
import { dateTime, t } from 'app/texts';

const me = signedIn();
const list = document.getElementById('concerts');
const form = document.getElementById('new-concert');
const formProblem = document.getElementById('new-problem');

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

if (me) {
	offerTimeZones(document.getElementById('time-zones'));
	form.elements.timeZone.value = localZone();
	await showConcerts();
}
