// Small element builders the pages share, so a button is made one way everywhere.

/** A button of type "button" (never a form's submit) with its text and click handler. */
export function button(text, onClick, className) {
	const b = document.createElement('button');
	b.type = 'button';
	b.textContent = text;
	if (className) {
		b.className = className;
	}
	b.addEventListener('click', onClick);
	return b;
}

/** A paragraph of plain text. */
export function paragraph(text) {
	const p = document.createElement('p');
	p.textContent = text;
	return p;
}
