import { defineMessages } from '../../i18n/define';

/** Users and invitations (`/users`). */
export const users = defineMessages({
  de: {
    title: 'Benutzer und Einladungen',
    list: {
      title: 'Benutzer',
      role: 'Rolle',
      anyRole: 'Jede Rolle',
      caption: 'Benutzer',
      none: 'Keine Benutzer mit dieser Rolle.',
      columns: {
        name: 'Name',
        email: 'E-Mail-Adresse',
        role: 'Rolle',
        signIn: 'Anmeldung',
        actions: 'Aktionen',
      },
      signIn: {
        active: 'Passwort gesetzt',
        invited: 'Eingeladen bis {{date}}',
        invitation_expired: 'Einladung abgelaufen',
      },
      reinvite: 'Erneut einladen: {{name}}',
      reinviteShort: 'Erneut einladen',
      reinvited: 'Eine neue Einladung an {{email}} ist unterwegs; frühere Links gelten nicht mehr.',
    },
    invite: {
      title: 'Benutzer einladen',
      intro:
        'Die Person erhält eine E-Mail mit einem Link, der sieben Tage lang gilt, um ihr Passwort festzulegen.',
      mayGive: 'Sie dürfen einladen: {{roles}}.',
      email: 'E-Mail-Adresse',
      name: 'Name',
      role: 'Rolle',
      organisation: 'Organisation',
      organisationHint: 'Nur für die Rolle Organisation: die Organisation einer Akkreditierung.',
      language: 'Sprache',
      submit: 'Einladen',
      sent: '{{email}} ist eingeladen.',
    },
  },
  en: {
    title: 'Users and invitations',
    list: {
      title: 'Users',
      role: 'Role',
      anyRole: 'Any role',
      caption: 'Users',
      none: 'No users with this role.',
      columns: { name: 'Name', email: 'E-mail address', role: 'Role', signIn: 'Sign-in', actions: 'Actions' },
      signIn: {
        active: 'Password set',
        invited: 'Invited until {{date}}',
        invitation_expired: 'Invitation expired',
      },
      reinvite: 'Invite again: {{name}}',
      reinviteShort: 'Invite again',
      reinvited: 'A new invitation to {{email}} is on its way; earlier links no longer work.',
    },
    invite: {
      title: 'Invite a user',
      intro: 'The person receives an e-mail with a link, valid for seven days, to set their password.',
      mayGive: 'You may invite: {{roles}}.',
      email: 'E-mail address',
      name: 'Name',
      role: 'Role',
      organisation: 'Organisation',
      organisationHint: 'For the role organisation only: the organisation of an accreditation.',
      language: 'Language',
      submit: 'Invite',
      sent: '{{email}} is invited.',
    },
  },
});
