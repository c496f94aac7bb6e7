import { defineMessages } from '../i18n/define';

export const auth = defineMessages({
  de: {
    email: 'E-Mail-Adresse',
    password: 'Passwort',
    newPassword: 'Neues Passwort',
    repeatPassword: 'Passwort wiederholen',
    passwordHint: 'Mindestens 12 Zeichen.',
    passwordsDiffer: 'Die Passwörter stimmen nicht überein.',
    required: 'Bitte ausfüllen.',
    emailInvalid: 'Bitte geben Sie eine E-Mail-Adresse an.',
    signIn: {
      title: 'Anmelden',
      intro: 'Melden Sie sich mit Ihrer E-Mail-Adresse und Ihrem Passwort an.',
      submit: 'Anmelden',
      forgot: 'Passwort vergessen?',
      invalid_credentials: 'E-Mail-Adresse oder Passwort ist nicht richtig.',
    },
    invitation: {
      title: 'Einladung annehmen',
      intro: 'Legen Sie ein Passwort fest, um Ihr Konto zu aktivieren.',
      submit: 'Passwort festlegen und anmelden',
      missingToken: 'Der Link ist unvollständig. Bitte öffnen Sie den Link aus der Einladungs-E-Mail.',
      invitation_invalid:
        'Diese Einladung ist nicht mehr gültig (abgelaufen oder schon verwendet). Bitten Sie das DIM um eine neue Einladung.',
    },
    reset: {
      title: 'Passwort zurücksetzen',
      requestIntro:
        'Geben Sie Ihre E-Mail-Adresse an. Wir senden Ihnen einen Link zum Festlegen eines neuen Passworts.',
      requestSubmit: 'Link anfordern',
      requested:
        'Wenn zu dieser Adresse ein Konto besteht, ist eine E-Mail mit einem Link unterwegs. Der Link ist eine Stunde gültig.',
      confirmIntro: 'Legen Sie ein neues Passwort fest.',
      confirmSubmit: 'Passwort speichern und anmelden',
      reset_token_invalid: 'Dieser Link ist nicht mehr gültig (abgelaufen oder schon verwendet).',
      requestAgain: 'Neuen Link anfordern',
    },
  },
  en: {
    email: 'E-mail address',
    password: 'Password',
    newPassword: 'New password',
    repeatPassword: 'Repeat the password',
    passwordHint: 'At least 12 characters.',
    passwordsDiffer: 'The passwords do not match.',
    required: 'Please fill in.',
    emailInvalid: 'Please enter an e-mail address.',
    signIn: {
      title: 'Sign in',
      intro: 'Sign in with your e-mail address and password.',
      submit: 'Sign in',
      forgot: 'Forgot your password?',
      invalid_credentials: 'The e-mail address or the password is not correct.',
    },
    invitation: {
      title: 'Accept the invitation',
      intro: 'Choose a password to activate your account.',
      submit: 'Set the password and sign in',
      missingToken: 'The link is incomplete. Please open the link from the invitation e-mail.',
      invitation_invalid:
        'This invitation is no longer valid (expired or already used). Ask DIM for a new one.',
    },
    reset: {
      title: 'Reset the password',
      requestIntro: 'Enter your e-mail address. We will send you a link to choose a new password.',
      requestSubmit: 'Send the link',
      requested:
        'If there is an account for this address, an e-mail with a link is on its way. The link is valid for one hour.',
      confirmIntro: 'Choose a new password.',
      confirmSubmit: 'Save the password and sign in',
      reset_token_invalid: 'This link is no longer valid (expired or already used).',
      requestAgain: 'Request a new link',
    },
  },
});
