import { completeSignIn } from 'app/auth';
import { t } from 'app/texts';

try {
	location.replace(await completeSignIn());
}
catch {
	document.getElementById('problem').textContent = t('signInFailed');
	const home = document.createElement('a');
	home.href = '/';
	home.textContent = t('signIn');
	document.getElementById('problem').append(' ', home);
}
