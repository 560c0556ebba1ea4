// Asking before a step that cannot be undone (closing a sale, refunding a ticket): the
// question and its two answers take the place of the button that asked, in the same
// spot, so keyboard and screen-reader users meet them where they are.
export function confirmStep(button, question, yes, no, onYes) {
	const box = document.createElement('div');
	box.className = 'confirm';
	box.setAttribute('role', 'group');
	box.setAttribute('aria-label', question);
	const text = document.createElement('p');
	text.textContent = question;
	const go = document.createElement('button');
	go.type = 'button';
	go.className = 'danger';
	go.textContent = yes;
	const stay = document.createElement('button');
	stay.type = 'button';
	stay.textContent = no;
	const done = () => {
		box.remove();
		button.hidden = false;
	};
	stay.addEventListener('click', () => {
		done();
		button.focus();
	});
	go.addEventListener('click', async () => {
		go.disabled = true;
		stay.disabled = true;
		try {
			await onYes();
		}
		finally {
			done();
		}
	});
	box.append(text, go, ' ', stay);
	button.hidden = true;
	button.after(box);
	// The safe answer has the focus: Enter by habit keeps things as they are.
	stay.focus();
}
