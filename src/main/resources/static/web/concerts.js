import { concerts } from 'app/api';
import { mountAccount } from 'app/auth';
import { explain, t } from 'app/texts';

mountAccount();
const list = document.getElementById('concerts');
try {
	const all = await concerts();
	list.replaceChildren(...all.map((concert) => {
		const item = document.createElement('li');
		const title = document.createElement('h2');
		title.textContent = concert.title;
		const venue = document.createElement('p');
		venue.textContent = t('concerts.venue', concert.venue);
		const book = document.createElement('a');
		book.className = 'button primary';
		book.href = `/concerts/${concert.concertId}`;
		book.textContent = t('concerts.book', concert.title);
		item.append(title, venue, book);
		return item;
	}));
	if (all.length === 0) {
		list.textContent = t('concerts.none');
	}
}
catch (problem) {
	document.getElementById('problem').textContent = explain(problem);
}
finally {
	list.removeAttribute('aria-busy');
}
