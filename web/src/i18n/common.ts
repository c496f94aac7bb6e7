import { defineMessages } from './define';

/** Texts of the shell and of what every page shares. */
export const common = defineMessages({
  de: {
    appName: 'DIM Akkreditierung',
    skipToContent: 'Zum Inhalt springen',
    navigation: {
      label: 'Hauptnavigation',
      open: 'Navigation öffnen',
      close: 'Navigation schließen',
      home: 'Startseite',
      dashboard: 'Übersicht',
      accreditations: 'Akkreditierungen',
      tasks: 'Meine Aufgaben',
      decisions: 'Entscheidungen',
      users: 'Benutzer und Einladungen',
      compliance: 'Fristeneinhaltung',
      complaints: 'Beschwerden',
      register: 'Öffentliches Register',
      signIn: 'Anmelden',
    },
    language: {
      label: 'Sprache',
      de: 'Deutsch',
      en: 'English',
    },
    userMenu: {
      label: 'Benutzermenü von {{name}}',
      signOut: 'Abmelden',
      signedInAs: 'Angemeldet als',
      personalData: 'Meine Daten herunterladen',
    },
    roles: {
      admin: 'Administration',
      staff: 'Fallbetreuung',
      decision_maker: 'Entscheidung',
      auditor: 'Auditierung',
      organisation: 'Organisation',
    },
    problems: {
      title: 'Das hat nicht geklappt',
      network_error:
        'Der Server ist nicht erreichbar. Bitte prüfen Sie die Verbindung und versuchen Sie es erneut.',
      csrf_token_invalid:
        'Ihre Sitzung ist abgelaufen. Bitte laden Sie die Seite neu und melden Sie sich an.',
      unauthorised: 'Bitte melden Sie sich an.',
      forbidden: 'Dafür fehlt Ihnen die Berechtigung.',
      rateLimited: 'Zu viele Versuche. Bitte versuchen Sie es in {{seconds}} Sekunden erneut.',
      unexpected: 'Unerwarteter Fehler ({{status}}). Bitte versuchen Sie es später erneut.',
      fields: 'Bitte prüfen Sie diese Angaben:',
      field: {
        tooBig: {
          string_one: 'Höchstens {{count}} Zeichen.',
          string_other: 'Höchstens {{count}} Zeichen – bitte kürzen Sie den Text.',
          array_one: 'Höchstens {{count}} Eintrag.',
          array_other: 'Höchstens {{count}} Einträge.',
        },
        tooSmall: {
          string_one: 'Mindestens {{count}} Zeichen.',
          string_other: 'Mindestens {{count}} Zeichen.',
          array_one: 'Mindestens ein Eintrag.',
          array_other: 'Mindestens {{count}} Einträge.',
        },
        required: 'Bitte füllen Sie dieses Feld aus.',
        choose: 'Bitte wählen Sie einen der angebotenen Werte.',
        format: {
          email: 'Bitte geben Sie eine gültige E-Mail-Adresse an.',
          date: 'Bitte geben Sie ein gültiges Datum an.',
          characters:
            'Enthält Zeichen, die hier nicht erlaubt sind (etwa Zeilenumbrüche oder Steuerzeichen).',
        },
      },
    },
    loading: 'Wird geladen …',
    notFound: {
      title: 'Seite nicht gefunden',
      body: 'Unter dieser Adresse gibt es keine Seite.',
      home: 'Zur Startseite',
    },
    routeError: {
      title: 'Die Seite konnte nicht geladen werden',
      reload: 'Neu laden',
    },
  },
  en: {
    appName: 'DIM Accreditation',
    skipToContent: 'Skip to content',
    navigation: {
      label: 'Main navigation',
      open: 'Open navigation',
      close: 'Close navigation',
      home: 'Home',
      dashboard: 'Dashboard',
      accreditations: 'Accreditations',
      tasks: 'My tasks',
      decisions: 'Decisions',
      users: 'Users and invitations',
      compliance: 'Timing rules',
      complaints: 'Complaints',
      register: 'Public register',
      signIn: 'Sign in',
    },
    language: {
      label: 'Language',
      de: 'Deutsch',
      en: 'English',
    },
    userMenu: {
      label: 'User menu of {{name}}',
      signOut: 'Sign out',
      signedInAs: 'Signed in as',
      personalData: 'Download my data',
    },
    roles: {
      admin: 'Administration',
      staff: 'Case management',
      decision_maker: 'Decision',
      auditor: 'Auditing',
      organisation: 'Organisation',
    },
    problems: {
      title: 'That did not work',
      network_error: 'The server cannot be reached. Please check the connection and try again.',
      csrf_token_invalid: 'Your session has expired. Please reload the page and sign in.',
      unauthorised: 'Please sign in.',
      forbidden: 'You are not allowed to do this.',
      rateLimited: 'Too many attempts. Please try again in {{seconds}} seconds.',
      unexpected: 'Unexpected error ({{status}}). Please try again later.',
      fields: 'Please check these entries:',
      field: {
        tooBig: {
          string_one: 'At most {{count}} character.',
          string_other: 'At most {{count}} characters – please shorten the text.',
          array_one: 'At most {{count}} entry.',
          array_other: 'At most {{count}} entries.',
        },
        tooSmall: {
          string_one: 'At least {{count}} character.',
          string_other: 'At least {{count}} characters.',
          array_one: 'At least one entry.',
          array_other: 'At least {{count}} entries.',
        },
        required: 'Please fill in this field.',
        choose: 'Please choose one of the values offered.',
        format: {
          email: 'Please enter a valid e-mail address.',
          date: 'Please enter a valid date.',
          characters: 'Contains characters not allowed here (such as line breaks or control characters).',
        },
      },
    },
    loading: 'Loading …',
    notFound: {
      title: 'Page not found',
      body: 'There is no page at this address.',
      home: 'Go to the home page',
    },
    routeError: {
      title: 'The page could not be loaded',
      reload: 'Reload',
    },
  },
});
