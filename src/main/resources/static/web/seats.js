// The seat map: every seat of a date as a button, in sections and rows as in the hall.
// The API lists the free seats; a seat of the date it no longer lists is taken.
import { points, t } from 'app/texts';

/** Seats per row where the API gives no rows (the seed's seats are numbered 1…n). */
const ROW_LENGTH = 10;

function rowName(index) {
	return index < 26 ? String.fromCharCode(65 + index) : String(index + 1);
}

/** Where a seat is: the API's section, row and label, or its place in rows of ten. */
export function place(seat) {
	return {
		section: seat.section ?? t('seats.hall'),
		row: seat.row ?? rowName(Math.floor((seat.seatNumber - 1) / ROW_LENGTH)),
		// A label is section-row-seat: in its row a seat is named by the last part.
		label: (seat.label != null) ? seat.label.split('-').pop() : String(seat.seatNumber),
	};
}

export class SeatMap {

	constructor(container, onChoose) {
		this.container = container;
		this.onChoose = onChoose;
		this.buttons = new Map();
		this.seats = new Map();
	}

	/** Shows the free seats of a date of totalSeats seats, and mine (holds by seat number). */
	show(free, totalSeats, mine) {
		for (const seat of free) {
			this.seats.set(seat.seatNumber, { ...seat, free: true });
		}
		const freeNumbers = new Set(free.map((seat) => seat.seatNumber));
		for (let number = 1; number <= totalSeats; number++) {
			const known = this.seats.get(number) ?? { seatNumber: number };
			this.seats.set(number, { ...known, free: freeNumbers.has(number) });
		}
		if (this.buttons.size !== this.seats.size) {
			this.build();
		}
		for (const [number, seat] of this.seats) {
			this.update(this.buttons.get(number), seat, mine.get(number));
		}
	}

	build() {
		const sections = new Map();
		for (const seat of [...this.seats.values()].sort((a, b) => a.seatNumber - b.seatNumber)) {
			const where = place(seat);
			const rows = sections.get(where.section) ?? new Map();
			sections.set(where.section, rows);
			const row = rows.get(where.row) ?? [];
			rows.set(where.row, row);
			row.push(seat);
		}
		this.buttons.clear();
		const stage = document.createElement('p');
		stage.className = 'stage';
		stage.textContent = t('seats.stage');
		const parts = [stage];
		for (const [section, rows] of sections) {
			const group = document.createElement('div');
			group.className = 'section';
			group.setAttribute('role', 'group');
			group.setAttribute('aria-label', section);
			const heading = document.createElement('h3');
			heading.textContent = section;
			group.append(heading);
			for (const [row, seats] of rows) {
				const line = document.createElement('div');
				line.className = 'row';
				line.setAttribute('role', 'group');
				line.setAttribute('aria-label', t('seats.row', row));
				const name = document.createElement('span');
				name.className = 'row-name';
				name.setAttribute('aria-hidden', 'true');
				name.textContent = row;
				line.append(name);
				for (const seat of seats) {
					const button = document.createElement('button');
					button.type = 'button';
					button.className = 'seat';
					button.textContent = place(seat).label;
					button.addEventListener('click', () => this.onChoose(this.seats.get(seat.seatNumber)));
					this.buttons.set(seat.seatNumber, button);
					line.append(button);
				}
				group.append(line);
			}
			parts.push(group);
		}
		this.container.replaceChildren(...parts);
	}

	update(button, seat, hold) {
		const where = place(seat);
		const state = hold ? 'mine' : seat.free ? 'free' : 'taken';
		const name = state === 'taken' ? t('seats.taken', where.section, where.row, where.label)
			: t('seats.' + state, where.section, where.row, where.label, points(seat.price ?? hold.price));
		if (button.dataset.state !== state || button.getAttribute('aria-label') !== name) {
			button.dataset.state = state;
			button.setAttribute('aria-label', name);
			button.disabled = state === 'taken';
		}
	}

}
