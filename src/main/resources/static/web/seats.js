// The seat map by section: a plan of the hall whose sections say their prices and free
// seats, then one section's seats as buttons in rows, each free, held by another fan,
// sold, or held by this fan (mine). The API says which seats are free, held or sold; the
// page knows which holds are its own.
import { points, t } from 'app/texts';

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

/** A seat's button as every one starts: cloned, not built attribute by attribute. */
const SEAT = document.createElement('button');
SEAT.type = 'button';
SEAT.className = 'seat';
SEAT.tabIndex = -1;

/** The page's name for each letter of a section's states. */
const LETTERS = { A: 'free', H: 'held', S: 'sold' };

/**
 * The plan of the hall: the stage, then each section where the hall puts it, as a button
 * that says its name, prices and free seats. Choosing one shows its seats.
 */
export class HallPlan {

	constructor(container, onChoose) {
		this.container = container;
		this.onChoose = onChoose;
		this.chosen = null;
		this.buttons = [];
	}

	/** Draws the hall's sections as the API's hall has them. */
	show(hall) {
		const names = hall.sections.map((section) => section.name).join('\u0000');
		if (names !== this.names || this.buttons.length !== hall.sections.length) {
			this.build(hall);
			this.names = names;
		}
		hall.sections.forEach((section, i) => this.update(this.buttons[i], section));
	}

	build(hall) {
		const stage = document.createElement('p');
		stage.className = 'stage';
		stage.textContent = t('seats.stage');
		const plan = document.createElement('div');
		plan.className = 'plan';
		plan.setAttribute('role', 'group');
		plan.setAttribute('aria-label', t('hall.plan'));
		plan.style.gridTemplateColumns = `repeat(${hall.columns}, minmax(0, 1fr))`;
		this.buttons = hall.sections.map((section) => {
			const button = document.createElement('button');
			button.type = 'button';
			button.className = 'plan-section';
			button.style.gridColumn = String(section.column);
			button.style.gridRow = String(section.row);
			const name = document.createElement('strong');
			const price = document.createElement('span');
			const free = document.createElement('span');
			button.append(name, price, free);
			button.addEventListener('click', () => this.choose(section.index));
			plan.append(button);
			return button;
		});
		this.container.replaceChildren(stage, plan);
		this.mark();
	}

	update(button, section) {
		const [name, price, free] = button.children;
		const sectionName = section.name ?? t('seats.hall');
		const prices = section.minPrice === section.maxPrice ? t('hall.price', section.minPrice)
			: t('hall.priceRange', section.minPrice, section.maxPrice);
		name.textContent = sectionName;
		price.textContent = prices;
		free.textContent = section.availableSeats > 0 ? t('hall.free', section.availableSeats, section.totalSeats)
			: t('hall.soldOut');
		button.setAttribute('aria-label',
			t('hall.section', sectionName, prices, section.availableSeats, section.totalSeats));
		// How full it is, in steps, for the colour; the words say the number.
		const share = section.totalSeats ? section.availableSeats / section.totalSeats : 0;
		button.dataset.free = share === 0 ? 'none' : share < 0.2 ? 'few' : 'many';
	}

	choose(index) {
		this.chosen = index;
		this.mark();
		this.onChoose(index);
	}

	mark() {
		this.buttons.forEach((button, i) => button.setAttribute('aria-pressed', String(i === this.chosen)));
	}

}

/**
 * One section's seats: a row of buttons for each of its rows, in one tab stop (the arrow
 * keys move between seats, up and down between rows), each seat named with its section,
 * row, number, price and state. Built once per section, then only states change.
 */
export class SectionSeats {

	constructor(container, onChoose) {
		this.container = container;
		this.onChoose = onChoose;
		this.buttons = [];
		this.seats = [];
		this.rows = [];
		this.focused = 0;
		container.addEventListener('click', (event) => {
			const button = event.target.closest('button.seat');
			if (button) {
				this.focus(Number(button.dataset.index), false);
				this.onChoose(this.seats[Number(button.dataset.index)]);
			}
		});
		container.addEventListener('keydown', (event) => this.move(event));
	}

	/**
	 * Shows the section as the API has it and mine (holds by seat id): a hold of mine the
	 * answer does not know yet (another instance's cache) is mine all the same.
	 */
	show(section, mine) {
		const layout = JSON.stringify(section.rows) + section.name;
		if (layout !== this.layout) {
			this.build(section);
			this.layout = layout;
		}
		this.states = section.states;
		this.mark(mine);
	}

	/** The states again, with holds of mine as they are now. */
	mark(mine) {
		for (let i = 0; i < this.seats.length; i++) {
			this.seats[i].status = this.states[i];
			this.update(this.buttons[i], this.seats[i], mine.get(this.seats[i].seatId));
		}
	}

	build(section) {
		const sectionName = section.name ?? t('seats.hall');
		this.seats = [];
		this.buttons = [];
		this.rows = [];
		const lines = document.createDocumentFragment();
		for (const row of section.rows) {
			const rowName = row.label ?? String(this.rows.length + 1);
			const line = document.createElement('div');
			line.className = 'row';
			line.setAttribute('role', 'group');
			line.setAttribute('aria-label', t('seats.row', rowName));
			const name = document.createElement('span');
			name.className = 'row-name';
			name.setAttribute('aria-hidden', 'true');
			name.textContent = rowName;
			line.append(name);
			const first = this.seats.length;
			for (let i = 0; i < row.seats; i++) {
				const index = this.seats.length;
				this.seats.push({
					seatId: row.seatIds ? row.seatIds[i] : row.firstSeatId + i,
					section: sectionName,
					row: rowName,
					label: String(i + 1),
					price: row.price,
				});
				const button = SEAT.cloneNode(false);
				button.dataset.index = String(index);
				this.buttons.push(button);
				line.append(button);
			}
			this.rows.push({ first, count: row.seats });
			lines.append(line);
		}
		this.focused = Math.min(this.focused, Math.max(0, this.seats.length - 1));
		if (this.buttons.length > 0) {
			this.buttons[this.focused].tabIndex = 0;
		}
		this.container.replaceChildren(lines);
	}

	update(button, seat, hold) {
		const free = LETTERS[seat.status] ?? 'held';
		const state = (hold && free !== 'sold') ? 'mine' : free;
		if (button.dataset.state !== state) {
			button.dataset.state = state;
			button.setAttribute('aria-label', t('seats.' + state, seat.section, seat.row, seat.label, seat.price));
			button.textContent = MARKS[state] ?? seat.label;
			// Not disabled: a fan who picks a taken seat (the map may be a second behind)
			// is told why nothing happens, as after a race for it.
			button.setAttribute('aria-disabled', String(state === 'held' || state === 'sold'));
		}
	}

	/** Arrow keys, Home and End: the seat grid's one tab stop moves with the focus. */
	move(event) {
		if (!event.target.matches('button.seat')) {
			return;
		}
		const at = Number(event.target.dataset.index);
		const row = this.rows.findIndex((r) => at >= r.first && at < r.first + r.count);
		const inRow = at - this.rows[row].first;
		const to = (r, i) => this.rows[r].first + Math.max(0, Math.min(i, this.rows[r].count - 1));
		const next = {
			ArrowLeft: () => to(row, inRow - 1),
			ArrowRight: () => to(row, inRow + 1),
			ArrowUp: () => to(Math.max(0, row - 1), inRow),
			ArrowDown: () => to(Math.min(this.rows.length - 1, row + 1), inRow),
			Home: () => to(row, 0),
			End: () => to(row, this.rows[row].count - 1),
		}[event.key];
		if (next) {
			event.preventDefault();
			this.focus(next(), true);
		}
	}

	focus(index, move) {
		this.buttons[this.focused].tabIndex = -1;
		this.focused = index;
		this.buttons[index].tabIndex = 0;
		if (move) {
			this.buttons[index].focus();
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
