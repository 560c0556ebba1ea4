import * as api from 'app/api';
import { askToSignIn, mountAccount, session } from 'app/auth';
import { place } from 'app/seats';
import { dateTime, explain, t } from 'app/texts';

mountAccount();
const me = session();
const list = document.getElementById('tickets');
if (!me) {
	askToSignIn(document.getElementById('sign-in'), t('signIn'));
}
else {
	try {
		const [mine, concerts] = await Promise.all([api.reservations(me), api.concerts()]);
		const titles = new Map(concerts.map((concert) => [concert.concertId, concert.title]));
		const paid = mine.filter((entry) => entry.status === 'PAID');
		list.replaceChildren(...paid.map((entry) => {
			const where = place(entry);
			const item = document.createElement('li');
			const what = document.createElement('h2');
			const when = entry.startsAt ?? entry.date;
			const title = titles.get(entry.concertId) ?? '';
			what.textContent = when ? t('tickets.item', title, dateTime(when), where.section, where.row, where.label)
				: t('tickets.itemUndated', title, where.section, where.row, where.label);
			// The number an organiser refunds by: the fan reads it out or copies it.
			const number = document.createElement('p');
			number.textContent = t('tickets.number', entry.reservationId);
			const paidAt = document.createElement('p');
			paidAt.textContent = t('tickets.paidAt', dateTime(entry.paidAt));
			item.append(what, number, paidAt);
			return item;
		}));
		if (paid.length === 0) {
			list.textContent = t('tickets.none');
		}
	}
	catch (problem) {
		document.getElementById('problem').textContent = explain(problem);
	}
}
