// The waiting list of a sold-out date on the booking page: join it, see the place in
// line, leave it; once a seat someone gave back is held for the fan, say until when and
// let them pay for it as for any hold. The fan's own places are asked for every few
// seconds while one waits or is offered (the waiting lists' own endpoint: the queue's
// status stream says nothing of them).
import * as api from 'app/api';
import { button, paragraph } from 'app/elements';
import { place } from 'app/seats';
import { explain, t, time } from 'app/texts';

/** How often the fan's places are asked for while one waits: an offer shows within it. */
const POLL_MS = 2000;

export class WaitingList {

	constructor(session, concertId, holds) {
		this.session = session;
		this.concertId = concertId;
		this.holds = holds;
		this.date = null;
		this.soldOut = false;
		this.places = [];
		this.timer = null;
		this.section = document.getElementById('waiting-list');
		this.status = document.getElementById('waiting-list-status');
		this.problem = document.getElementById('waiting-list-problem');
		document.getElementById('waiting-list-heading').textContent = t('waitlist.heading');
	}

	/** The date the fan chose, and whether none of its seats is free. */
	show(date, soldOut) {
		if (this.date?.concertDateId !== date.concertDateId || this.soldOut !== soldOut) {
			this.date = date;
			this.soldOut = soldOut;
			this.render();
		}
	}

	async refresh() {
		clearTimeout(this.timer);
		try {
			this.places = (await api.waitingLists(this.session)).filter((p) => p.concertId === this.concertId);
		}
		catch (problem) {
			this.say(explain(problem));
		}
		this.render();
		if (this.places.some((p) => p.status === 'WAITING' || isLiveOffer(p))) {
			this.timer = setTimeout(() => this.refresh(), POLL_MS);
		}
	}

	async join() {
		this.say('');
		try {
			await api.joinWaitingList(this.session, this.concertId, this.date.concertDateId);
		}
		catch (problem) {
			this.say(explain(problem));
		}
		await this.refresh();
	}

	async leave() {
		this.say('');
		try {
			await api.leaveWaitingList(this.session, this.date.concertDateId);
		}
		catch (problem) {
			this.say(explain(problem));
		}
		await this.refresh();
	}

	say(text) {
		this.problem.textContent = text;
	}

	render() {
		const lines = [];
		// Offers first, whichever date they are of: each is a seat that waits to be paid.
		for (const offer of this.places.filter(isLiveOffer)) {
			lines.push(this.offerLine(offer));
		}
		const here = this.date && this.places.find((p) => p.concertDateId === this.date.concertDateId);
		if (here?.status === 'WAITING') {
			lines.push(paragraph(t('waitlist.position', here.position)),
				button(t('waitlist.leave'), () => this.leave()));
		}
		else if (this.date && this.soldOut && !(here && isLiveOffer(here))) {
			lines.push(paragraph(t('waitlist.soldOut')),
				button(t('waitlist.join'), () => this.join(), 'primary'));
		}
		this.section.hidden = lines.length === 0 && !this.problem.textContent;
		this.status.replaceChildren(...lines);
	}

	/** "A seat is held for you until HH:MM": the hold joins the fan's holds, to be paid there or here. */
	offerLine(offer) {
		const seat = { ...offer.offer, ...place(offer.offer) };
		const hold = { ...seat, reservationId: offer.offer.reservationId, price: offer.offer.price,
			expiresAt: offer.offer.expiresAt };
		if (!this.holds.holds.has(hold.reservationId)) {
			this.holds.add(hold);
		}
		const line = document.createElement('div');
		line.className = 'offer';
		line.append(paragraph(t('waitlist.offer', time(hold.expiresAt), seat.section, seat.row, seat.label, hold.price)),
			button(t('waitlist.pay', hold.price), async () => {
				await this.holds.pay(this.holds.holds.get(hold.reservationId) ?? hold);
				await this.refresh();
			}, 'primary'));
		return line;
	}

}

function isLiveOffer(place) {
	return place.status === 'OFFERED' && place.offer?.reservationStatus === 'HELD'
		&& Date.parse(place.offer.expiresAt) > Date.now();
}
