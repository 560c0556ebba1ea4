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

/**
 * A seat's button as every one starts: cloned, not built attribute by attribute. A cell of
 * the section's grid, so that a screen reader says its row and passes the arrow keys on.
 */
const SEAT = document.createElement('button');
SEAT.type = 'button';
SEAT.className = 'seat';
SEAT.tabIndex = -1;
SEAT.setAttribute('role', 'gridcell');

/** The page's name for each letter of a section's states. */
const LETTERS = { A: 'free', H: 'held', S: 'sold' };

/**
 * The plan of the hall: the stage, then each section where the hall puts it, as a button
 * that says its name, prices and free seats. Choosing one shows its seats.
 */
export class HallPlan {

	/** onPoint: a section the fan points at or moves the focus to, likely chosen next. */
	constructor(container, onChoose, onPoint = () => undefined) {
		this.container = container;
		this.onChoose = onChoose;
		this.onPoint = onPoint;
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
			button.addEventListener('pointerenter', () => this.onPoint(section.index));
			button.addEventListener('focus', () => this.onPoint(section.index));
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
 * Rows drawn beyond those in view, above and below: a scroll or an arrow key of a few rows
 * finds its seats drawn already.
 */
const MARGIN_ROWS = 4;

/** Rows Page Up and Page Down move by (the section's help says so). */
const PAGE_ROWS = 10;

/**
 * One section's seats as a grid: a row of buttons for each of its rows, in one tab stop
 * (the arrow keys move between seats, up and down between rows), each seat named with its
 * section, row, number, price and state. Only the rows in view (and a few beyond) are in
 * the page, where the whole section would be, so a section of 5,000 seats costs what its
 * first screen costs: the grid says how many rows it has (aria-rowcount) and each row
 * which it is (aria-rowindex). The row holding the tab stop stays, wherever it is, and an
 * arrow key to a row out of view draws it before it takes the focus.
 */
export class SectionSeats {

	constructor(container, onChoose) {
		this.onChoose = onChoose;
		this.seats = [];
		this.rows = [];
		this.states = '';
		this.mine = new Map();
		this.focused = 0;
		/** The rows in the page, by index. */
		this.drawn = new Map();
		this.grid = document.createElement('div');
		this.grid.className = 'rows';
		this.grid.setAttribute('role', 'grid');
		container.replaceChildren(this.grid);
		this.grid.addEventListener('click', (event) => {
			const button = event.target.closest('button.seat');
			if (button) {
				this.focus(Number(button.dataset.index), false);
				this.onChoose(this.seats[Number(button.dataset.index)]);
			}
		});
		this.grid.addEventListener('keydown', (event) => this.move(event));
		// Scrolled or resized: the rows in view, at the next frame, once a frame at most.
		this.pending = false;
		this.follow = () => {
			if (!this.pending) {
				this.pending = true;
				requestAnimationFrame(() => {
					this.pending = false;
					this.draw();
				});
			}
		};
		addEventListener('scroll', this.follow, { passive: true });
		addEventListener('resize', this.follow, { passive: true });
	}

	/** Stops following the page's scrolling: the section is no longer shown. */
	close() {
		removeEventListener('scroll', this.follow);
		removeEventListener('resize', this.follow);
	}

	/**
	 * Shows the section as the API has it and mine (holds by seat id): a hold of mine the
	 * answer does not know yet (another instance's cache) is mine all the same. The
	 * section's place on the page must be laid out (shown) for the rows in view to be known.
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

	/** The states again, with holds of mine as they are now; then the rows in view. */
	mark(mine) {
		this.mine = mine;
		for (let i = 0; i < this.seats.length; i++) {
			this.seats[i].status = this.states[i];
		}
		for (const [row, line] of this.drawn) {
			this.updateRow(row, line);
		}
		this.draw();
	}

	build(section) {
		const sectionName = section.name ?? t('seats.hall');
		this.seats = [];
		this.rows = [];
		for (const row of section.rows) {
			const rowName = row.label ?? String(this.rows.length + 1);
			const first = this.seats.length;
			for (let i = 0; i < row.seats; i++) {
				this.seats.push({
					seatId: row.seatIds ? row.seatIds[i] : row.firstSeatId + i,
					section: sectionName,
					row: rowName,
					label: String(i + 1),
					price: row.price,
				});
			}
			this.rows.push({ first, count: row.seats, name: rowName });
		}
		// Another section starts at its first seat; the same one, changed, where it was.
		this.focused = sectionName === this.sectionName ? Math.min(this.focused, Math.max(0, this.seats.length - 1)) : 0;
		this.sectionName = sectionName;
		this.grid.setAttribute('aria-label', t('section.heading', sectionName));
		this.grid.setAttribute('aria-rowcount', String(this.rows.length));
		this.grid.style.setProperty('--rows', String(this.rows.length));
		this.drawn.clear();
		this.grid.replaceChildren();
	}

	/**
	 * The rows in view and a margin, and the row of the tab stop, in the page; the others
	 * out of it. The grid is as tall as all its rows, each row where it would be.
	 */
	draw() {
		const want = new Set();
		const [from, to] = this.inView();
		for (let row = from; row < to; row++) {
			want.add(row);
		}
		if (this.rows.length > 0) {
			want.add(this.rowOf(this.focused));
		}
		for (const [row, line] of this.drawn) {
			if (!want.has(row)) {
				line.remove();
				this.drawn.delete(row);
			}
		}
		for (const row of want) {
			if (!this.drawn.has(row)) {
				this.drawRow(row);
			}
		}
	}

	/** The rows [from, to) that meet the window's height, with the margin around them. */
	inView() {
		if (this.rows.length === 0) {
			return [0, 0];
		}
		const box = this.grid.getBoundingClientRect();
		const height = box.height / this.rows.length;
		if (height === 0) {
			// Not laid out (hidden): the first screen's rows, where a shown section starts.
			return [0, Math.min(this.rows.length, 2 * MARGIN_ROWS)];
		}
		const top = Math.max(0, -box.top);
		const bottom = Math.min(box.height, innerHeight - box.top);
		if (bottom < 0 || top > box.height) {
			return [0, 0];
		}
		return [Math.max(0, Math.floor(top / height) - MARGIN_ROWS),
			Math.min(this.rows.length, Math.ceil(bottom / height) + MARGIN_ROWS)];
	}

	drawRow(index) {
		const row = this.rows[index];
		const line = document.createElement('div');
		line.className = 'row';
		line.setAttribute('role', 'row');
		line.setAttribute('aria-rowindex', String(index + 1));
		line.setAttribute('aria-label', t('seats.row', row.name));
		line.style.setProperty('--row', String(index));
		const name = document.createElement('span');
		name.className = 'row-name';
		name.setAttribute('aria-hidden', 'true');
		name.textContent = row.name;
		line.append(name);
		for (let i = 0; i < row.count; i++) {
			const button = SEAT.cloneNode(false);
			button.dataset.index = String(row.first + i);
			line.append(button);
		}
		this.updateRow(index, line);
		if (this.focused >= row.first && this.focused < row.first + row.count) {
			this.button(this.focused, line).tabIndex = 0;
		}
		// In the rows' order, so that reading the page goes front to back.
		let next = null;
		for (const [other, drawn] of this.drawn) {
			if (other > index && (next == null || other < Number(next.dataset.row))) {
				next = drawn;
			}
		}
		line.dataset.row = String(index);
		this.grid.insertBefore(line, next);
		this.drawn.set(index, line);
		return line;
	}

	updateRow(index, line) {
		const row = this.rows[index];
		for (let i = 0; i < row.count; i++) {
			const seat = this.seats[row.first + i];
			this.update(line.children[i + 1], seat, this.mine.get(seat.seatId));
		}
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

	rowOf(index) {
		let low = 0;
		let high = this.rows.length - 1;
		while (low < high) {
			const middle = (low + high + 1) >> 1;
			if (this.rows[middle].first <= index) {
				low = middle;
			}
			else {
				high = middle - 1;
			}
		}
		return low;
	}

	/** The seat's button, its row drawn first if it is not in the page. */
	button(index, line) {
		const row = this.rowOf(index);
		const drawn = line ?? this.drawn.get(row) ?? this.drawRow(row);
		return drawn.children[index - this.rows[row].first + 1];
	}

	/**
	 * Arrow keys, Page Up and Down, Home and End (with Ctrl: the section's first and last
	 * seat): the seat grid's one tab stop moves with the focus.
	 */
	move(event) {
		if (!event.target.matches('button.seat')) {
			return;
		}
		const at = Number(event.target.dataset.index);
		const row = this.rowOf(at);
		const inRow = at - this.rows[row].first;
		const to = (r, i) => this.rows[r].first + Math.max(0, Math.min(i, this.rows[r].count - 1));
		const next = {
			ArrowLeft: () => to(row, inRow - 1),
			ArrowRight: () => to(row, inRow + 1),
			ArrowUp: () => to(Math.max(0, row - 1), inRow),
			ArrowDown: () => to(Math.min(this.rows.length - 1, row + 1), inRow),
			PageUp: () => to(Math.max(0, row - PAGE_ROWS), inRow),
			PageDown: () => to(Math.min(this.rows.length - 1, row + PAGE_ROWS), inRow),
			Home: () => (event.ctrlKey ? to(0, 0) : to(row, 0)),
			End: () => (event.ctrlKey ? to(this.rows.length - 1, this.rows[this.rows.length - 1].count - 1)
				: to(row, this.rows[row].count - 1)),
		}[event.key];
		if (next) {
			event.preventDefault();
			this.focus(next(), true);
		}
	}

	focus(index, move) {
		const previous = this.drawn.get(this.rowOf(this.focused)) && this.button(this.focused);
		if (previous) {
			previous.tabIndex = -1;
		}
		this.focused = index;
		const button = this.button(index);
		button.tabIndex = 0;
		if (move) {
			// Scrolls it into view; the rows around it follow at the next frame.
			button.focus();
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
