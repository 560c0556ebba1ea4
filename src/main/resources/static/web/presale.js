// A concert's presale for a fan: where they stand (invited or not), an access code to
// use, and the lottery to register for and its result, with the seed to check it.
import * as api from 'app/api';
import { askToSignIn, mountAccount, session } from 'app/auth';
import { dateTime, explain, t } from 'app/texts';

const concertId = document.body.dataset.concert;
const byId = (id) => document.getElementById(id);

mountAccount();
const me = session();

function show(standing) {
	byId('tools').hidden = false;
	const general = dateTime(standing.generalSaleAt);
	byId('standing').textContent = standing.invited ? t('presale.invited', general) : t('presale.notInvited', general);
	byId('join').hidden = !standing.invited;
	if (standing.code) {
		byId('code-status').textContent = t('presale.codeUsed');
	}
	const lottery = standing.lottery;
	byId('lottery').hidden = !lottery;
	if (!lottery) {
		return;
	}
	byId('lottery-window').textContent = t('presale.window', dateTime(lottery.registrationOpensAt),
		dateTime(lottery.registrationClosesAt), lottery.winners);
	const now = Date.now();
	const open = !lottery.drawnAt && now >= Date.parse(lottery.registrationOpensAt)
		&& now < Date.parse(lottery.registrationClosesAt);
	byId('register').hidden = !open || standing.registration != null;
	let status;
	if (lottery.drawnAt) {
		status = standing.won ? t('presale.won') : (standing.registration != null ? t('presale.lost') : t('presale.drawn'));
	}
	else if (standing.registration != null) {
		status = t('presale.registered', standing.registration);
	}
	else {
		status = open ? t('presale.canRegister') : t('presale.registrationClosed');
	}
	byId('lottery-status').textContent = status;
	byId('lottery-seed').textContent = lottery.seed
		? t('presale.seed', lottery.seed, lottery.seedCommitment) : t('presale.commitment', lottery.seedCommitment);
}

async function load() {
	try {
		show(await api.presale(concertId, me));
	}
	catch (refusal) {
		byId('problem').textContent = explain(refusal, 'presale');
	}
}

byId('register').addEventListener('click', async () => {
	byId('lottery-problem').textContent = '';
	try {
		show(await api.registerForLottery(concertId, me));
	}
	catch (refusal) {
		byId('lottery-problem').textContent = explain(refusal, 'presale');
	}
});

byId('code-form').addEventListener('submit', async (event) => {
	event.preventDefault();
	byId('code-problem').textContent = '';
	try {
		show(await api.redeemCode(concertId, me, event.target.elements.code.value));
	}
	catch (refusal) {
		byId('code-problem').textContent = explain(refusal, 'presale');
	}
});

if (me) {
	load();
}
else {
	askToSignIn(byId('sign-in'), t('presale.signIn'));
}
