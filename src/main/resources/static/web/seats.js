// The seat map: every seat of a date as a button, in sections and rows as in the hall,
// each free, held by another fan, sold, or held by this fan (mine). The API's seat map
// says which seats are AVAILABLE, HELD or SOLD; the page knows which holds are its own.
import { points, t } from 'app/texts';

/** The page's name for each status of the API's seat map. */
const STATES = { AVAILABLE: 'free', HELD: 'held', SOLD: 'sold' };

/**
 * What a seat shows besides its colour, so that no state is told by colour alone: a sold
 * seat a cross instead of its number; held seats are hatched and mine ticked (app.css).
 */
const MARKS = { sold: '×' };

/** The four states in the order the legend explains them. */
export const LEGEND = ['free', 'held', 'sold', 'mine'];

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

	/**
	 * Shows the date's seats as the API's seat map has them, and mine (holds by seat
	 * number): a hold of mine the map does not know yet (another instance's cache) is
	 * mine all the same.
	 */
	show(seats, mine) {
		const laidOutAnew = seats.length !== this.seats.size
			|| seats.some((seat) => this.seats.get(seat.seatNumber)?.seatId !== seat.seatId);
		this.seats = new Map(seats.map((seat) => [seat.seatNumber, seat]));
		if (laidOutAnew) {
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
		const state = (hold && seat.status !== 'SOLD') ? 'mine' : (STATES[seat.status] ?? 'held');
		const name = t('seats.' + state, where.section, where.row, where.label, points(seat.price ?? hold.price));
		if (button.dataset.state !== state || button.getAttribute('aria-label') !== name) {
			button.dataset.state = state;
			button.setAttribute('aria-label', name);
			button.textContent = MARKS[state] ?? where.label;
			// Not disabled: a fan who picks a taken seat (the map may be half a second
			// behind) is told why nothing happens, as after a race for it.
			button.setAttribute('aria-disabled', String(state === 'held' || state === 'sold'));
		}
	}

}

/** The legend of the seat map: each state's look beside its name. */
export function legend(list) {
	list.replaceChildren(...LEGEND.map((state) => {
		const item = document.createElement('li');
		item.dataset.state = state;
		const swatch = document.createElement('span');
		swatch.className = 'swatch';
		swatch.setAttribute('aria-hidden', 'true');
		swatch.textContent = MARKS[state] ?? '';
		item.append(swatch, t('seats.legend.' + state));
		return item;
	}));
}
