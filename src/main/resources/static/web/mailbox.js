import * as api from 'app/api';
import { askToSignIn, mountAccount, session } from 'app/auth';
import { dateTime, explain, t } from 'app/texts';

// The embedded mode's demo mailbox: a fan sees the mails sent to them, an organiser all.
mountAccount();
const me = session();
const list = document.getElementById('mails');

function organiser(user) {
	return (user.roles ?? []).some((role) => String(role).replace(/^ROLE_/, '') === 'ORGANISER');
}

async function show() {
	const path = organiser(me) ? '/api/v1/organiser/mails' : `/api/v1/users/${me.userId}/mails`;
	try {
		const mails = await api.request('GET', path, { token: me.accessToken });
		list.replaceChildren(...mails.map((mail) => {
			const item = document.createElement('li');
			item.className = 'card mail';
			const subject = document.createElement('h2');
			subject.textContent = mail.subject;
			const to = document.createElement('p');
			to.className = 'hint';
			to.textContent = t('mailbox.to', mail.to.join(', '), mail.sentAt ? dateTime(mail.sentAt) : '');
			const text = document.createElement('pre');
			text.className = 'mail-text';
			text.textContent = mail.text;
			item.append(subject, to, text);
			return item;
		}));
		if (mails.length === 0) {
			list.textContent = t('mailbox.none');
		}
	}
	catch (problem) {
		document.getElementById('problem').textContent = problem.status === 404 ? t('mailbox.notHere')
			: explain(problem);
	}
}

if (!me) {
	askToSignIn(document.getElementById('sign-in'), t('signIn'));
}
else {
	show();
}
