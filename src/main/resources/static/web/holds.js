// The fan's holds on one concert: each with a countdown to its expiry, a way to pay it
// from the balance and to give it back; a top-up when the balance is too low.
import * as api from 'app/api';
import { button } from 'app/elements';
import { place } from 'app/seats';
import { duration, explain, points, t } from 'app/texts';

export class Holds {

	constructor(session, onChange) {
		this.session = session;
		this.onChange = onChange;
		this.queueToken = null;
		this.holds = new Map();
		this.balance = null;
		this.list = document.getElementById('hold-list');
		this.status = document.getElementById('holds-status');
		this.form = document.getElementById('top-up');
		this.amount = document.getElementById('top-up-amount');
		document.getElementById('holds-heading').textContent = t('holds.heading');
		document.getElementById('top-up-label').textContent = t('topup.label');
		document.getElementById('top-up-submit').textContent = t('topup.submit');
		this.form.addEventListener('submit', (event) => {
			event.preventDefault();
			this.topUp(Number(this.amount.value));
		});
		setInterval(() => this.tick(), 1000);
	}

	/** Seat id → hold, for the seat map. */
	bySeat() {
		return new Map([...this.holds.values()].map((hold) => [hold.seatId, hold]));
	}

	/** A live hold: reservationId, seatId, price, expiresAt, and where the seat is. */
	add(hold) {
		this.holds.set(hold.reservationId, hold);
		this.render();
	}

	async refreshBalance() {
		try {
			this.balance = (await api.balance(this.session)).balance;
		}
		catch (problem) {
			this.say(explain(problem));
		}
		this.render();
	}

	say(text) {
		this.status.textContent = text;
	}

	render() {
		document.getElementById('holds').hidden = false;
		const items = [...this.holds.values()].map((hold) => this.item(hold));
		if (items.length === 0) {
			const none = document.createElement('li');
			none.textContent = t('holds.none');
			items.push(none);
		}
		this.list.replaceChildren(...items);
		document.getElementById('balance').textContent = this.balance == null ? '' : t('balance', this.balance);
		const due = Math.max(0, ...[...this.holds.values()].map((hold) => hold.price));
		const short = this.balance != null && due > this.balance;
		if (short) {
			this.say(t('balance.low', due, due - this.balance));
			if (!this.amount.value) {
				this.amount.value = String(due - this.balance);
			}
		}
		this.form.hidden = !short;
		this.tick();
	}

	item(hold) {
		const where = place(hold);
		const item = document.createElement('li');
		const what = document.createElement('p');
		what.textContent = t('holds.item', where.section, where.row, where.label, hold.price);
		const left = document.createElement('p');
		left.className = 'countdown';
		hold.countdown = left;
		const pay = button(t('holds.pay', hold.price), () => this.pay(hold), 'primary');
		const back = button(t('holds.cancel', `${where.section} ${where.row}-${where.label}`), () => this.giveBack(hold));
		item.append(what, left, pay, ' ', back);
		return item;
	}

	/** Counts every hold down; one that runs out is dropped, its seat free again. */
	tick() {
		for (const hold of this.holds.values()) {
			const seconds = (Date.parse(hold.expiresAt) - Date.now()) / 1000;
			if (seconds <= 0) {
				this.holds.delete(hold.reservationId);
				this.say(t('holds.expired'));
				this.render();
				this.onChange();
				return;
			}
			hold.countdown.textContent = t('holds.expiresIn', duration(seconds));
		}
	}

	async pay(hold) {
		try {
			await api.pay(hold.reservationId, this.queueToken);
			this.holds.delete(hold.reservationId);
			await this.refreshBalance();
			this.say(t('holds.paid', t('holds.item', ...Object.values(place(hold)), hold.price)));
			this.onChange(true);
		}
		catch (problem) {
			if (problem.code === 'HOLD_EXPIRED' || problem.code === 'RESERVATION_NOT_FOUND') {
				this.holds.delete(hold.reservationId);
				this.render();
				this.onChange();
			}
			if (problem.code === 'INSUFFICIENT_BALANCE') {
				await this.refreshBalance();
			}
			this.say(explain(problem));
		}
	}

	async giveBack(hold) {
		try {
			await api.giveBack(hold.reservationId, this.queueToken);
		}
		catch (problem) {
			this.say(explain(problem));
		}
		this.holds.delete(hold.reservationId);
		this.render();
		this.onChange();
	}

	async topUp(amount) {
		try {
			this.balance = (await api.topUp(this.session, amount)).balance;
			this.amount.value = '';
			this.render();
			this.say(t('topup.done', this.balance));
		}
		catch (problem) {
			this.say(explain(problem));
		}
	}

}
